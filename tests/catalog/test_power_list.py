"""Issue 4 §2: the real 深圳龙华 list of penalty items (296) imports without loss and round-trips through XLSX;
a bad row rejects the whole file."""
import json
from datetime import date

import pytest

from fazhi.catalog import powers
from fazhi.catalog.importers import ImportRejected
from fazhi.catalog.models import PowerItem, PowerList
from tests.shared import SHARED

LONGHUA = json.loads((SHARED / "data" / "shenzhen-longhua-penalty-items" / "items.json").read_text("utf-8"))


def test_longhua_items_import_without_loss_and_round_trip_through_xlsx(db):
    pl, report = powers.load(powers.rows_from_longhua_json(LONGHUA), code="longhua-subdistrict", title="龙华区街道承接行政处罚事项目录",
                             effective_from=date(2024, 1, 1))
    assert report.ok and PowerItem.objects.filter(power_list=pl).count() == 296
    for src, item in zip(LONGHUA, PowerItem.objects.filter(power_list=pl).order_by("seq"), strict=True):
        assert (item.name, item.source_authority, item.implementing_bodies, item.remark or None) == (
            src["item_name"], src["related_district_authority"], src["implementation_scope"], src["remark"])
        assert item.kind == "penalty"
    rows, problems = powers.read_table(powers.to_xlsx(pl), "list.xlsx", powers.POWER_COLUMNS,
                                       ["事项类型", "事项名称", "实施主体"])
    assert problems == []
    pl2, _ = powers.load(rows, code="copy", title="副本", effective_from=date(2024, 1, 1))
    assert powers.list_rows(pl2) == powers.list_rows(pl)


def test_bad_row_rejects_the_whole_list(db):
    rows = powers.rows_from_longhua_json(LONGHUA)
    rows[10]["事项名称"] = rows[3]["事项名称"]   # duplicate
    rows[20]["事项类型"] = "行政罚款"            # not one of the eight kinds
    with pytest.raises(ImportRejected) as e:
        powers.load(rows, code="bad", title="坏", effective_from=date(2024, 1, 1))
    assert [(p.row, p.field) for p in e.value.report.problems] == [(11, "事项名称"), (21, "事项类型")]
    assert not PowerList.objects.exists()


def test_list_files_import_through_the_command_all_or_nothing(org, tmp_path):
    from django.core.management import CommandError, call_command

    from fazhi.catalog.models import ExemptionEntry, InspectionItem

    good = tmp_path / "免罚清单.csv"
    good.write_text("类别,序号,违法行为,适用条件,法律依据,自由裁量处罚幅度,备注\n"
                    "不予处罚,1,店外摆卖,初次违法且及时改正,《中华人民共和国行政处罚法》第三十三条第一款,,\n", "utf-8")
    call_command("import-list", "exemptions", str(good), "--bureau", "430202", "--effective-from", "2026-01-01")
    assert ExemptionEntry.objects.get().violation == "店外摆卖"
    bad = tmp_path / "检查事项.csv"
    bad.write_text("序号,检查事项,检查依据,检查对象,检查方式,同一企业年度检查次数上限\n"
                   "1,户外广告检查,《办法》,广告设置单位,双随机,2\n"
                   "2,燃气检查,,燃气企业,双随机,-1\n", "utf-8")
    with pytest.raises(CommandError):
        call_command("import-list", "inspection-items", str(bad), "--bureau", "430202")
    assert not InspectionItem.objects.exists()

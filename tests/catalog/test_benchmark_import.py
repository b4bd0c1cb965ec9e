"""Issue 4 §2: the real Shenzhen 2023 benchmark imports completely and exports back to XLSX without loss; a
malformed file (wrong column, unparseable article reference, negative amount) imports nothing and says why,
row by row."""
import json

import pytest

from fazhi.catalog import importers
from fazhi.catalog.models import Benchmark, DiscretionRule, ViolationType
from tests.shared import SHARED

SHENZHEN = SHARED / "data" / "shenzhen-discretion-2023" / "shenzhen_city_management_discretion_2023.json"


@pytest.fixture(scope="module")
def shenzhen():
    return json.loads(SHENZHEN.read_text("utf-8"))


def test_shenzhen_benchmark_imports_completely(db, shenzhen):
    b, report = importers.import_shenzhen(shenzhen)
    assert report.ok and report.violations == 75 and report.rules == 234
    # Imported as issued; the one tier outside its own statutory range is named (see tests/law/test_discretion).
    assert [(w.row, w.field) for w in report.warnings] == [(80, "处罚标准")]
    assert (b.document_no, b.effective_from.isoformat()) == ("深城管规〔2023〕2号", "2023-12-15")
    assert ViolationType.objects.filter(benchmark=b).count() == 75
    assert DiscretionRule.objects.filter(violation__benchmark=b).count() == 234
    first = ViolationType.objects.get(benchmark=b, seq=1)
    assert first.provisions == [{"article": 13, "paragraph": 2, "item": None, "subitem": None}]
    # Every text as published is kept verbatim beside its parsed form.
    texts = {(r.violation.code, r.group_no, r.rule_no): (r.tier, r.condition_text, r.standard_text)
             for r in DiscretionRule.objects.select_related("violation")}
    for item in shenzhen["items"]:
        for g in item["裁量分组"]:
            for r in g["裁量规则"]:
                assert texts[(item["id"], g["分组序号"], r["裁量序号"])] == (r["裁量阶次"], r["适用条件"], r["处罚标准"])


def test_export_to_xlsx_and_reimport_without_loss(db, shenzhen):
    b, _ = importers.import_shenzhen(shenzhen)
    data = importers.to_xlsx(b)
    rows, problems = importers.rows_from_xlsx(data)
    assert problems == [] and len(rows) == 234
    b2, report = importers.load(rows, code="shenzhen-cg-2023-copy", title=b.title, effective_from=b.effective_from)
    assert report.ok
    assert importers.benchmark_rows(b2) == importers.benchmark_rows(b)
    assert b2.content_sha256 == b.content_sha256


def _rows(shenzhen):
    return importers.rows_from_shenzhen_json(shenzhen)[1]


@pytest.mark.parametrize("breakage,field,row", [
    (lambda rows: rows[5].update({"处罚依据条款": "第十三条之二款"}), "处罚依据条款", 6),
    (lambda rows: rows[9].update({"处罚标准": "处-100元罚款。"}), "处罚标准", 10),
    (lambda rows: rows[2].update({"处罚种类及幅度": "处二万元以上二千元以下罚款"}), "处罚种类及幅度", 3),
    (lambda rows: rows[0].update({"违法行为": ""}), "违法行为", 1),
])
def test_malformed_rows_reject_the_whole_import_with_a_row_report(db, shenzhen, breakage, field, row):
    rows = _rows(shenzhen)
    breakage(rows)
    with pytest.raises(importers.ImportRejected) as e:
        importers.load(rows, code="broken", title="坏文件", effective_from=importers.date(2024, 1, 1))
    assert [(p.row, p.field) for p in e.value.report.problems] == [(row, field)]
    assert not Benchmark.objects.exists() and not DiscretionRule.objects.exists()


def test_wrong_column_in_a_table_file_is_reported_and_nothing_imported(db, shenzhen):
    b, _ = importers.import_shenzhen(shenzhen)
    csv_text = ",".join(c if c != "处罚标准" else "处罚金额" for c in importers.COLUMNS) + "\n"
    csv_text += ",".join(["1", "x", "《条例》", "行为", "依据", "第1条", "处一千元罚款", "1", "1", "一般", "第一次被处罚的。", "处一千元罚款"])
    rows, problems = importers.rows_from_csv(csv_text.encode())
    assert {(p.row, p.field, p.problem) for p in problems} == {(0, "处罚标准", "缺少该列"), (0, "处罚金额", "未知的列")}
    with pytest.raises(importers.ImportRejected):
        importers.load(rows, code="csv", title="表格", effective_from=b.effective_from, pre_problems=problems)
    assert Benchmark.objects.count() == 1

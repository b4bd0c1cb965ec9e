"""SUP-01: 评查 standards are data, imported from JSON/XLSX/CSV and versioned; the bundled 示例 standard has the
§C.3 structure; an import that cannot be read imports nothing and names the row."""
import csv
import io
import json

import pytest

from fazhi.catalog.importers import ImportRejected
from fazhi.supervision import importers
from fazhi.supervision.models import ReviewStandard, StandardItem, StandardSection

BUNDLED = (importers.__file__.rsplit("/", 1)[0]) + "/data/" + importers.BUNDLED


def bundled_doc():
    return json.loads(open(BUNDLED, encoding="utf-8").read())


def as_csv(items) -> bytes:
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=importers.COLUMNS)
    w.writeheader()
    w.writerows(items)
    return out.getvalue().encode("utf-8-sig")


def test_SUP_01_bundled_standard_has_the_hunan_structure(db):
    std, report = importers.import_bundled()
    assert report.ok and std.illustrative and "示例" in str(std)
    sections = {s.name: s for s in std.sections.all()}
    assert sections["基本标准"].kind == StandardSection.VETO and sections["基本标准"].points == 0
    assert (sections["卷面"].points, sections["内容"].points, std.total_points) == (20, 80, 100)
    assert StandardItem.objects.filter(section__standard=std, section__kind="veto").count() >= 9
    checks = set(StandardItem.objects.filter(section__standard=std).exclude(record_check="")
                 .values_list("record_check", flat=True))
    assert checks == {"two_officers", "review_before_decision", "deadlines", "service", "publication", "chain",
                      "documents"}
    assert [b["grade"] for b in std.bands] == ["优秀", "合格", "不合格"]


def test_SUP_01_a_new_version_needs_a_new_code_and_the_old_stays(db):
    std, _ = importers.import_bundled()
    with pytest.raises(ImportRejected) as e:
        importers.import_bundled()
    assert "已存在" in str(e.value)
    doc = bundled_doc()
    rows = as_csv(doc["items"])
    v2, report = importers.import_file(rows, "mine.csv", code="zz-2026-v2", title="本局评查标准",
                                       effective_from=std.effective_from, bands="优秀:85；合格:60；不合格:0")
    assert report.ok and not v2.illustrative and v2.content_sha256 != std.content_sha256
    assert ReviewStandard.objects.count() == 2 and v2.sections.get(name="内容").items.count() == 10


def test_SUP_01_xlsx_imports_the_same_items(db):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(importers.COLUMNS)
    for r in bundled_doc()["items"]:
        ws.append([r[c] if r[c] != "" else None for c in importers.COLUMNS])
    out = io.BytesIO()
    wb.save(out)
    std, report = importers.import_file(out.getvalue(), "std.xlsx", code="x1", title="t",
                                        effective_from=__import__("datetime").date(2026, 1, 1))
    assert report.ok and StandardItem.objects.filter(section__standard=std).count() == len(bundled_doc()["items"])


@pytest.mark.parametrize("row, change, field", [
    (3, {"分值": "-2"}, "分值"),
    (12, {"分值": "90"}, "分值"),                 # more than its section
    (4, {"类别": "加分项"}, "类别"),
    (15, {"自动核查": "看心情"}, "自动核查"),
    (16, {"部分分值": "70"}, "部分分值"),          # 内容 said 80 above
    (2, {"编码": "J01"}, "编码"),                  # duplicate
    (1, {"分值": "3"}, "分值"),                    # a veto item has no points
    (7, {"评查内容": ""}, "评查内容"),
])
def test_SUP_01_an_unreadable_row_imports_nothing_and_is_named(db, row, change, field):
    items = bundled_doc()["items"]
    items[row - 1] = {**items[row - 1], **change}
    with pytest.raises(ImportRejected) as e:
        importers.import_file(as_csv(items), "bad.csv", code="bad", title="t",
                              effective_from=__import__("datetime").date(2026, 1, 1))
    assert any(p.row == row and p.field == field for p in e.value.report.problems), e.value.report.problems
    assert f"第{row}行" in str(e.value)
    assert not ReviewStandard.objects.exists() and not StandardItem.objects.exists()


@pytest.mark.parametrize("data, name", [(b"\xff\xfe junk", "x.csv"), (b"not json", "x.json"), (b"PK junk", "x.xlsx"),
                                        (b"a,b", "x.txt"), (b'{"items": []}', "x.json")])
def test_SUP_01_an_unreadable_file_is_refused_whole(db, data, name):
    with pytest.raises(ImportRejected):
        importers.import_file(data, name, code="c", title="t",
                              effective_from=__import__("datetime").date(2026, 1, 1))
    assert not ReviewStandard.objects.exists()

"""Issue 5 §2: categories are importable — the bundled set covers the six 事件 classes and common 部件; a bad file
imports nothing and names each problem by row."""
import pytest
from django.core.management import CommandError, call_command

from fazhi.citydesk.importers import COLUMNS, import_categories
from fazhi.citydesk.models import Category

BUNDLED = "fazhi/citydesk/data/categories.csv"


def test_bundled_categories_cover_the_six_event_classes_and_common_parts(db):
    call_command("import-categories", BUNDLED)
    events = set(Category.objects.filter(kind="event").values_list("class_code", flat=True))
    assert events == {"01", "02", "03", "04", "05", "06"}
    assert Category.objects.filter(kind="part").count() >= 10
    garbage = Category.objects.get(kind="event", class_code="01", code="02")
    assert (garbage.name, garbage.limit, garbage.limit_unit) == ("暴露垃圾", 1, "工作日")  # DCM-03 (济源)
    road = Category.objects.get(kind="event", class_code="01", code="04")
    assert (road.limit, road.limit_unit) == (5, "工作时")
    call_command("import-categories", BUNDLED)  # re-import updates in place
    assert Category.objects.filter(kind="event", class_code="01", code="02").count() == 1


def test_a_bad_file_imports_nothing_and_names_each_row(db, tmp_path):
    header = ",".join(COLUMNS)
    rows = ["事件,01,市容环境,02,暴露垃圾,有垃圾,1,工作日,2,工作时,清理干净,环境卫生",
            "事件,1,市容环境,03,积存垃圾,有渣土,0,天,1,工作日,清运完毕,环境卫生",
            "部件,01,公用设施,01,上水井盖,,4,工作时,2,工作时,已修复,市政设施"]
    f = tmp_path / "bad.csv"
    f.write_text("\n".join([header, *rows]), encoding="utf-8")
    with pytest.raises(CommandError, match="4处问题"):
        call_command("import-categories", str(f))
    assert not Category.objects.exists()
    from fazhi.catalog.importers import ImportRejected
    with pytest.raises(ImportRejected) as e:
        import_categories(f.read_bytes(), "bad.csv")
    problems = {(p.row, p.field) for p in e.value.report.problems}
    assert {(2, "大类代码"), (2, "处置时限"), (2, "时限单位"), (3, "立案条件")} <= problems

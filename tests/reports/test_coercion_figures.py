"""The demo's 行政强制 (issue #20 part 6): seizures by outcome and the structures the bureau demolished itself, in the
annual report's figures, equal to an independent SQL count."""
import random
from datetime import date

from fazhi.coercion.demo import build_measures
from fazhi.coercion.models import Measure
from fazhi.reports import figures as F
from fazhi.reports.annual import build
from fazhi.reports.base import Scope
from tests.reports.conftest import TODAY, sql


def test_demo_measures_and_the_report_figures_equal_sql(demo):
    assert build_measures(demo.demo_staff, random.Random(7), TODAY) >= 5
    assert set(Measure.objects.values_list("status", flat=True)) >= {"requested", "seized", "disposed", "released"}
    s = Scope(demo, date(TODAY.year, 1, 1), date(TODAY.year, 12, 31))
    span = (s.start.isoformat(), s.end.isoformat())
    by = F.BY_KEY["seizures"].compute(s)
    for outcome, label in (("confiscated", "没收"), ("released", "解除")):
        n = sql("SELECT COUNT(*) FROM coercion_measure WHERE kind IN ('seal', 'detain') AND outcome=%s "
                "AND closed_on BETWEEN %s AND %s", (outcome, *span))
        assert by.get(label, 0) == n > 0
    executed = sql("SELECT COUNT(*) FROM coercion_measure WHERE kind='demolish' AND outcome='executed' "
                   "AND closed_on BETWEEN %s AND %s", span)
    area = sql("SELECT COALESCE(SUM(demolished_area), 0) FROM coercion_measure WHERE kind='demolish' "
               "AND outcome='executed' AND closed_on BETWEEN %s AND %s", span)
    assert F.BY_KEY["forced_demolitions"].compute(s) == executed == 1
    assert float(F.BY_KEY["forced_demolition_area"].compute(s)) == float(area) == 86.5
    doc, values = build(demo, TODAY.year, today=TODAY)
    text = "".join(getattr(b, "text", "") for b in doc.blocks)
    seized = sum(by.values())
    assert f"所属区县局办结查封扣押{seized}件" in text and "强制拆除违法建筑1宗，拆除面积86.50平方米" in text
    table = [r for b in doc.blocks for r in getattr(b, "rows", []) if isinstance(r, list)]
    assert any(r[0] == "查封扣押数" for r in table) and any(r[0] == "本机关强制拆除违法建筑数" for r in table)

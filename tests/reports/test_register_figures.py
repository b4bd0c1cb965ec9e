"""The demo's 违法建设 and 整改通知 (issue #20 part 6 for parts 3–4): sites by outcome, demolished m² (自拆 and 强拆), notices
issued and their outcomes, in the annual report's figures and sentence, equal to an independent SQL count."""
import random
from datetime import date

from fazhi.coercion.demo import build_measures
from fazhi.registers.demo import build_registers
from fazhi.reports import figures as F
from fazhi.reports.annual import build
from fazhi.reports.base import Scope
from tests.reports.conftest import TODAY, sql


def test_demo_registers_and_the_report_figures_equal_sql(demo):
    build_measures(demo.demo_staff, random.Random(7), TODAY)
    assert build_registers(demo.demo_staff, random.Random(7), TODAY) >= 14
    s = Scope(demo, date(TODAY.year, 1, 1), date(TODAY.year, 12, 31))
    span = (s.start.isoformat(), s.end.isoformat())
    by = F.BY_KEY["illegal_sites"].compute(s)
    for outcome, label in (("self", "自行拆除"), ("forced", "强制拆除"), ("rectified", "整改")):
        n = sql("SELECT COUNT(*) FROM registers_site WHERE status='closed' AND outcome=%s AND closed_on BETWEEN %s AND %s",
                (outcome, *span))
        assert by.get(label, 0) == n > 0, label
    for key, outcome in (("self_demolished_area", "self"), ("forced_demolished_area", "forced")):
        area = sql("SELECT COALESCE(SUM(handled_area), 0) FROM registers_site WHERE status='closed' AND outcome=%s "
                   "AND closed_on BETWEEN %s AND %s", (outcome, *span))
        assert float(F.BY_KEY[key].compute(s)) == float(area) > 0, key
    assert float(F.BY_KEY["forced_demolished_area"].compute(s)) == 86.5   # the bureau's 强制拆除 record's m²
    issued = sql("SELECT COUNT(*) FROM registers_notice WHERE issued_on BETWEEN %s AND %s", span)
    assert F.BY_KEY["rectification_notices"].compute(s) == issued == 12
    outcomes = F.BY_KEY["rectification_outcomes"].compute(s)
    for status, label in (("complied", "当事人自行整改"), ("removed", "本机关组织拆除"), ("escalated", "移交立案")):
        n = sql("SELECT COUNT(*) FROM registers_notice WHERE status=%s AND checked_on BETWEEN %s AND %s",
                (status, *span))
        assert outcomes.get(label, 0) == n > 0, label
    assert outcomes == {"当事人自行整改": 5, "本机关组织拆除": 3, "移交立案": 2}
    doc, values = build(demo, TODAY.year, today=TODAY)
    text = "".join(getattr(b, "text", "") for b in doc.blocks)
    assert "整治违法建设和安全隐患。所属区县局办结违法建设" in text and "下达整改通知书12份" in text, text[-800:]
    table = [r for b in doc.blocks for r in getattr(b, "rows", []) if isinstance(r, list)]
    assert any(r[0] == "违法建设查处数" and "未记录" not in "".join(map(str, r)) for r in table)

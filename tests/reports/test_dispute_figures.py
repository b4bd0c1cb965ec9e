"""The demo year of 行政复议和行政应诉 (issue #16 §9): every state, a 责令履职 application, a lawsuit that went to 二审;
the annual report states the dispute figures and they equal an independent SQL count (DSP-06..08)."""
import random
from datetime import date

from fazhi.disputes.demo import build_disputes
from fazhi.disputes.models import Dispute
from fazhi.law.remedies import CORRECTING, RULED
from fazhi.reports import figures as F
from fazhi.reports.annual import build
from fazhi.reports.base import Scope
from tests.reports.conftest import TODAY, sql


def test_demo_disputes_every_state_and_the_report_figures_equal_sql(demo):
    assert build_disputes(demo.demo_staff, random.Random(5), TODAY) > 10
    assert set(Dispute.objects.values_list("status", flat=True)) >= {"received", "answered", "concluded"}
    assert Dispute.objects.filter(act_kind="inaction").exists()
    assert Dispute.objects.filter(stages__level="second").exists()
    s = Scope(demo, date(TODAY.year, 1, 1), date(TODAY.year, 12, 31))
    span = (s.start.isoformat(), s.end.isoformat())
    fig = F.BY_KEY
    for kind, count_key, lost_key in (("reconsideration", "reconsiderations", "reconsideration_corrected"),
                                      ("lawsuit", "lawsuits", "lawsuit_lost")):
        filed = sql("SELECT COUNT(*) FROM disputes_dispute WHERE kind=%s AND filed_on BETWEEN %s AND %s",
                    (kind, *span))
        assert fig[count_key].compute(s) == filed > 0
        finals = [r for r in Dispute.objects.raw(
            "SELECT id, final_result FROM disputes_dispute WHERE kind=%s AND status='concluded' "
            "AND concluded_on BETWEEN %s AND %s", (kind, *span))]
        ruled = [d.final_result for d in finals if d.final_result in RULED]
        rate = fig[lost_key].compute(s)
        assert (rate.num, rate.den) == (sum(r in CORRECTING for r in ruled), len(ruled)) and rate.den > 0
    heard = sql("SELECT COUNT(DISTINCT h.stage_id) FROM disputes_hearing h JOIN disputes_stage st ON st.id = h.stage_id "
                "JOIN disputes_dispute d ON d.id = st.dispute_id WHERE d.kind IN ('lawsuit', 'compensation') "
                "AND h.held_on BETWEEN %s AND %s", span)
    with_head = sql("SELECT COUNT(DISTINCT h.stage_id) FROM disputes_hearing h JOIN disputes_stage st "
                    "ON st.id = h.stage_id JOIN disputes_dispute d ON d.id = st.dispute_id "
                    "WHERE d.kind IN ('lawsuit', 'compensation') AND h.counts AND h.held_on BETWEEN %s AND %s", span)
    rate = fig["court_appearance"].compute(s)
    assert (rate.num, rate.den) == (with_head, heard) and heard > 0
    received = sql("SELECT COUNT(*) FROM disputes_suggestion WHERE received_on BETWEEN %s AND %s", span)
    on_time = sql("SELECT COUNT(*) FROM disputes_suggestion WHERE on_time AND received_on BETWEEN %s AND %s", span)
    rate = fig["suggestions"].compute(s)
    assert (rate.num, rate.den) == (on_time, received) and received > 0
    # The report's text (part 三 and its 附件) states them.
    doc, values = build(demo, TODAY.year, today=TODAY)
    text = "".join(getattr(b, "text", "") for b in doc.blocks)
    for part, who in (("own", "本机关"), ("subordinate", "所属区县局")):
        mine = F.Scope(demo, s.start, s.end, part)
        assert f"{who}发生行政复议案件{fig['reconsiderations'].compute(mine)}" in text
        assert f"{who}发生行政诉讼案件{fig['lawsuits'].compute(mine)}" in text

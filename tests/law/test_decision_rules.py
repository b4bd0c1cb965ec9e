"""Boundary tests of the 重大行政决策 rules (fazhi/law/decisions.py), one group per rule ID."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from fazhi.law import decisions as D
from fazhi.law.basis import RuleViolation
from fazhi.law.calendar import default_calendar

CAL = default_calendar()
P = date(2026, 3, 2)


def refused(rule, fn, *a, **kw):
    with pytest.raises(RuleViolation) as e:
        fn(*a, **kw)
    assert e.value.code == rule
    return e.value


def test_MJD_01_outside_the_catalogue_needs_reasons():
    refused("MJD-01", D.check_listed, in_catalogue=False, outside_reason=" ")
    D.check_listed(in_catalogue=False, outside_reason="涉及全市十万户商户切身利益")
    D.check_listed(in_catalogue=True)
    refused("MJD-01", D.check_catalogue_change, published=True, reason="")
    D.check_catalogue_change(published=False, reason="")


def test_MJD_02_comment_period_29_refused_without_reason_30_allowed():
    refused("MJD-02", D.check_comment_period, P, P + timedelta(days=29))
    D.check_comment_period(P, P + timedelta(days=29), short_reason="汛期排涝情况紧急")
    D.check_comment_period(P, P + timedelta(days=30))
    D.check_comment_period(P, P + timedelta(days=31))
    refused("MJD-02", D.check_comment_period, P, P, short_reason="紧急")


def test_MJD_02_hearing_materials_7_days_ahead_in_time_6_late():
    hearing = date(2026, 4, 20)
    refused("MJD-02", D.check_hearing_notice, hearing - timedelta(days=6), hearing)
    D.check_hearing_notice(hearing - timedelta(days=7), hearing)
    D.check_hearing_notice(hearing - timedelta(days=8), hearing)


def test_MJD_02_consultation_closes_after_the_period_with_feedback():
    ends = P + timedelta(days=30)
    refused("MJD-02", D.check_consultation_closed, ends, ends - timedelta(days=1), "采纳12条")
    refused("MJD-02", D.check_consultation_closed, ends, ends, " ")
    D.check_consultation_closed(ends, ends, "收到意见20条，采纳12条")


def test_MJD_02_03_a_step_left_out_states_its_ground():
    refused("MJD-02", D.check_steps, {"participation": False}, {})
    refused("MJD-03", D.check_steps, {"experts": False}, {"experts": ""})
    D.check_steps({"participation": True, "experts": False, "risk": False},
                  {"experts": "事项不涉及专业技术问题", "risk": "已按规定开展社会稳定风险评估"})


def test_MJD_03_experts_without_conflict_and_risk_report():
    refused("MJD-03", D.check_expert, no_conflict=False, signed=True, opinion="可行")
    refused("MJD-03", D.check_expert, no_conflict=True, signed=False, opinion="可行")
    D.check_expert(no_conflict=True, signed=True, opinion="可行")
    refused("MJD-03", D.check_risk_report, risk_points="商户反对", measures="")
    D.check_risk_report(risk_points="商户反对", measures="分批实施并设过渡期")


def test_MJD_04_review_time_7_working_days_as_a_rule():
    start = date(2026, 3, 2)  # Monday; no holidays in the next two weeks
    six, seven = D.REVIEW_WD - 1, D.REVIEW_WD
    from fazhi.law.periods import add_working_days
    refused("MJD-04", D.check_review_time, CAL, start, add_working_days(CAL, start, six))
    D.check_review_time(CAL, start, add_working_days(CAL, start, six), short_reason="防汛应急")
    D.check_review_time(CAL, start, add_working_days(CAL, start, seven))
    refused("MJD-04", D.check_review_time, CAL, start, start, short_reason="x")


def test_MJD_04_not_reviewed_or_unlawful_may_not_be_deliberated():
    refused("MJD-04", D.check_may_deliberate, None)
    refused("MJD-04", D.check_may_deliberate, "unlawful")
    for c in D.PASSING:
        D.check_may_deliberate(c)
    refused("MJD-04", D.check_review_opinion, kind="decision", conclusion="lawful", opinion="合法", adviser_opinion="")
    D.check_review_opinion(kind="contract", conclusion="lawful", opinion="合法", adviser_opinion="")


def S(name, opinion, remarks="", head=False):
    return D.Speaker(name, opinion, remarks, head)


def test_MJD_05_head_last_dissent_minuted_reasons_against_majority():
    members = [S("甲", "disagree", "成本过高"), S("乙", "disagree", "时机不成熟"), S("丙", "agree")]
    head = S("局长", "agree", head=True)
    refused("MJD-05", D.check_deliberation, members + [head], "adopt")          # against the majority, no reasons
    D.check_deliberation(members + [head], "adopt", "民生急需，分步实施可控制成本")
    D.check_deliberation(members + [head], "reject")                            # with the majority
    refused("MJD-05", D.check_deliberation, [head] + members, "reject")         # head not last
    refused("MJD-05", D.check_deliberation, [S("甲", "disagree"), head], "reject")  # dissent not minuted
    refused("MJD-05", D.check_deliberation, [head], "adopt")                    # no collective discussion
    tie = [S("甲", "agree"), S("乙", "disagree", "反对"), head]
    D.check_deliberation(tie, "reject")                                          # no majority: no reasons needed
    assert D.majority(tie) is None and D.majority(members) == "disagree"


def test_MJD_06_publication_archive_evaluation():
    refused("MJD-06", D.check_publication, published=False, not_public_reason="")
    D.check_publication(published=False, not_public_reason="涉及国家秘密")
    refused("MJD-06", D.check_archive, [" "])
    D.check_archive(["决策草案"])
    refused("MJD-06", D.check_evaluation, ground="necessary", evaluator="某研究院", pre_decision_units=["某研究院"],
            result="达到预期")
    D.check_evaluation(ground="necessary", evaluator="某大学", pre_decision_units=["某研究院"], result="达到预期")


def test_MJD_07_adviser_contract_and_turnaround():
    refused("MJD-07", D.check_adviser_contract, contract_from=date(2026, 1, 1), contract_until=date(2026, 12, 31),
            on=date(2027, 1, 1), name="张律师")
    D.check_adviser_contract(contract_from=date(2026, 1, 1), contract_until=date(2026, 12, 31), on=date(2026, 12, 31),
                             name="张律师")
    assert D.turnaround(CAL, date(2026, 3, 2), date(2026, 3, 9)) == 5


# --- across the turn of the year (DAY-07): a bureau's target and a 一般 rule are estimated, not refused ---------

def test_DAY_07_estimated_working_days_count_weekdays_of_an_unknown_year_but_1_january():
    from fazhi.law.periods import add_working_days_estimated, working_days_after, working_days_estimated

    assert 2027 not in CAL.known_years  # the test's premise: the 2027 notice is not in the package
    # Thu 12-31 known working; Fri 01-01 元旦; 01-02/03 weekend; Mon 01-04, Tue 01-05 estimated.
    assert working_days_estimated(CAL, date(2026, 12, 30), date(2027, 1, 5)) == (3, True)
    assert working_days_estimated(CAL, date(2026, 12, 30), date(2027, 1, 1)) == (1, True)
    known = working_days_after(CAL, date(2026, 12, 1), date(2026, 12, 31))
    assert working_days_estimated(CAL, date(2026, 12, 1), date(2026, 12, 31)) == (known, False)
    # Mon 12-28: 12-29..12-31 are 3; 01-04..01-07 the other 4.
    assert add_working_days_estimated(CAL, date(2026, 12, 28), 7) == (date(2027, 1, 7), True)
    assert add_working_days_estimated(CAL, date(2026, 12, 28), 3) == (date(2026, 12, 31), False)
    assert add_working_days_estimated(CAL, date(2026, 12, 28), 4) == (date(2027, 1, 4), True)


@pytest.mark.parametrize("needed_by, refused_", [(date(2027, 1, 4), True), (date(2027, 1, 5), False)])
def test_MJD_04_DAY_07_a_review_due_in_a_year_without_a_table_is_counted_not_refused(needed_by, refused_):
    # Sent Thu 12-24: 12-25, 12-28..12-31 are 5 known working days; 01-04 makes 6 (short), 01-05 makes 7.
    start = date(2026, 12, 24)
    if refused_:
        refused("MJD-04", D.check_review_time, CAL, start, needed_by)
        D.check_review_time(CAL, start, needed_by, short_reason="年底前须提交局务会议")
    else:
        D.check_review_time(CAL, start, needed_by)

"""Boundary tests of fazhi/law/disputes.py, named after the rule IDs (no database). Dates on the law calendar:
2026's 国庆 holiday runs 10-01..10-07 with Saturday 10-10 a 调休 working day; 09-25 is 中秋."""
from datetime import date

import pytest

from fazhi.law import disputes as R
from fazhi.law.basis import RuleViolation
from fazhi.law.calendar import default_calendar

CAL = default_calendar()


@pytest.mark.parametrize("simple,due", [(False, date(2026, 10, 20)), (True, date(2026, 10, 13))])
def test_REV_04_DSP_02_answer_due_on_the_10th_working_day_and_5th_under_simple_procedure_across_the_holiday(
        simple, due):
    # Received Wednesday 09-30: the working days after it are 10-08, 10-09, 10-10 (调休), 10-12, 10-13 (5th), …
    # 10-20 (10th). Counted as calendar days it would have been 10-10 and 10-05.
    period = R.answer_period(R.DisputeKind.RECONSIDERATION, simple)
    assert period.end(CAL, date(2026, 9, 30)) == due
    assert period.rule == "REV-04" and period.kind.value == "WD"


def test_REV_09_DSP_04_defence_is_15_calendar_days_and_a_last_day_on_a_rest_day_rolls():
    p = R.answer_period(R.DisputeKind.LAWSUIT)
    assert p.end(CAL, date(2026, 3, 5)) == date(2026, 3, 20)   # Friday: no roll
    assert p.end(CAL, date(2026, 3, 6)) == date(2026, 3, 23)   # 15th day Saturday 03-21 → Monday (DAY-05)
    assert p.end(CAL, date(2026, 9, 16)) == date(2026, 10, 8)  # 15th day 10-01 → after the 国庆 holiday
    assert R.answer_period(R.DisputeKind.COMPENSATION) is p


@pytest.mark.parametrize("notice_on,in_time", [(date(2026, 9, 28), True), (date(2026, 9, 29), True),
                                               (date(2026, 9, 30), False), (date(2026, 10, 8), False)])
def test_DSP_03_hearing_notice_on_the_5th_working_day_before_is_in_time_on_the_4th_it_is_late(notice_on, in_time):
    # Hearing Monday 10-12: counting back 10-10 (调休), 10-09, 10-08, 09-30 (4th), 09-29 (5th).
    assert R.hearing_notice_in_time(CAL, notice_on, date(2026, 10, 12)) is in_time


@pytest.mark.parametrize("judgment,due", [(True, date(2026, 6, 16)), (False, date(2026, 6, 11))])
def test_DSP_05_appeal_15_days_from_a_judgment_10_from_a_ruling(judgment, due):
    assert R.appeal_period(judgment).end(CAL, date(2026, 6, 1)) == due


def test_DSP_07_correction_report_60_days_and_procuratorate_reply_two_months():
    assert R.CORRECTION_REPORT.end(CAL, date(2026, 3, 10)) == date(2026, 5, 9)  # Saturday 05-09 is a 调休 working day
    assert R.PROCURATORATE_REPLY.end(CAL, date(2026, 3, 10)) == date(2026, 5, 11)  # 05-10 Sunday rolls


@pytest.mark.parametrize("position,counts", [
    ("principal", True), ("deputy", True), ("in_charge", True), ("other_in_charge", True),
    ("lower", False), ("commissioned", False), ("staff", False), ("", False)])
def test_REV_10_DSP_06_who_counts_as_the_bureau_head_in_court(position, counts):
    assert R.counts_as_head(position) is counts


def test_DSP_06_a_lower_agency_head_alone_needs_the_absence_reason_proof_and_agent():
    with pytest.raises(RuleViolation) as e:
        R.check_appearance("lower", head_already=False, absence_reason="", absence_proof="", agent="")
    assert e.value.code == "DSP-06" and "下级行政机关的负责人出庭不视为" in e.value.message
    with pytest.raises(RuleViolation) as e:
        R.check_appearance("staff", head_already=False, absence_reason="意外事件", absence_proof=" ", agent="王五")
    assert e.value.code == "DSP-06" and "证明材料" in e.value.message
    with pytest.raises(RuleViolation) as e:
        R.check_appearance("staff", head_already=False, absence_reason="意外事件", absence_proof="住院证明", agent="")
    assert e.value.code == "REV-10"
    R.check_appearance("staff", head_already=False, absence_reason="意外事件", absence_proof="住院证明", agent="王五")
    R.check_appearance("in_charge", head_already=False, absence_reason="", absence_proof="", agent="")
    # Art 7: a 负责人 who attended one hearing of the 审级 has met the duty; the next hearing needs no excuse.
    R.check_appearance("staff", head_already=True, absence_reason="", absence_proof="", agent="")
    with pytest.raises(RuleViolation):
        R.check_appearance("staff", head_already=False, absence_reason="工作忙", absence_proof="说明", agent="王五")


def test_DSP_06_one_appearance_per_stage_counts_once():
    two_sessions = R.stage_appearance(["in_charge", "staff"])
    assert two_sessions == R.StageAppearance(heard=True, head=True, principal=False)
    assert R.stage_appearance(["lower"]) == R.StageAppearance(True, False, False)
    assert R.stage_appearance([]).heard is False
    assert R.stage_appearance(["staff", "principal"]).principal is True


def test_DSP_02_DSP_04_answer_package_needs_its_three_parts():
    R.check_answer_package("reconsideration", document="答复书", evidence_count=1, basis_text="条例第三十六条")
    with pytest.raises(RuleViolation) as e:
        R.check_answer_package("reconsideration", document="", evidence_count=0, basis_text="x")
    assert e.value.code == "DSP-02" and "行政复议答复书" in e.value.message and "证据清单" in e.value.message
    with pytest.raises(RuleViolation) as e:
        R.check_answer_package("lawsuit", document="答辩状", evidence_count=2, basis_text=" ")
    assert e.value.code == "DSP-04" and "依据" in e.value.message and "答辩状" not in e.value.message


def test_DSP_04_evidence_collected_after_the_act_is_flagged():
    act = date(2026, 3, 12)
    assert [R.collected_after_act(act, d) for d in (date(2026, 3, 11), act, date(2026, 3, 13))] == \
        [False, False, True]


def test_DSP_08_final_result_across_stages_counts_once():
    assert R.final_result(["撤销", "维持原判"]) == "撤销"          # lost at 一审, upheld at 二审: lost
    assert R.final_result(["撤销", "维持"]) == "维持"              # 二审 reversed: the act stands
    assert R.final_result(["撤销", "发回重审"]) is None            # waits for the retried 一审
    assert R.final_result(["撤销", "发回重审", "驳回"]) == "驳回"
    assert R.against_bureau("撤销") and R.against_bureau("责令履行") and not R.against_bureau("维持")
    assert R.ruled("驳回") and not R.ruled("撤回申请") and not R.ruled("调解")
    assert R.changes_decision("确认违法") and not R.changes_decision("责令履行")


def test_REV_07_stage_results():
    R.check_stage_result("second", "维持原判")
    for level, result in (("first", "维持原判"), ("reconsideration", "发回重审"), ("retrial", "发回重审"),
                          ("first", "部分支持")):
        with pytest.raises(RuleViolation) as e:
            R.check_stage_result(level, result)
        assert e.value.code == "REV-07"


def test_REV_05_simple_procedure_scope():
    assert R.simple_eligible(on_the_spot=True, warning_only=False, amount=None)
    assert R.simple_eligible(on_the_spot=False, warning_only=False, amount=3000)
    assert not R.simple_eligible(on_the_spot=False, warning_only=False, amount=3001)

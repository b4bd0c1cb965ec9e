"""Every refusal the law functions raise, one row each: the rule ID, its catalogue basis, and a message an
officer can read — Chinese, saying what the law requires (no code, no English, no placeholder)."""
import re
from datetime import date, datetime
from decimal import Decimal as D

import pytest

from fazhi.law.basis import RuleViolation
from fazhi.law.calendar import CalendarUnknown, LawCalendar, SpecialDay, default_calendar
from fazhi.law.enforcement import (
    DemandNotice,
    check_court_application,
    check_court_package,
    check_demand_notice,
    check_demolition,
    check_enforcement_time,
)
from fazhi.law.penalty import (
    Outcome,
    PartyKind,
    Penalty,
    PenaltyKind,
    ServiceMethod,
    check_correction_order,
    check_decision_elements,
    check_decision_in_time,
    check_hearing_request,
    check_hearing_schedule,
    check_limitation,
    check_monitoring_evidence_reviewed,
    check_no_penalty_ground,
    check_not_heavier,
    check_not_recused,
    check_notice_given,
    check_on_spot_collection,
    check_presider,
    check_reviewer_qualified,
    check_service_method,
    check_simple_procedure,
    check_two_officers,
    parse_evidence_kind,
    parse_penalty_kinds,
)
from fazhi.law.rules import RULES
from fazhi.law.transfer import check_transfer_team, check_transfer_timing

CAL = default_calendar()
K = PenaltyKind
FINE = frozenset({K.FINE})
LATIN = re.compile(r"[A-Za-z]")
ON_SPOT = dict(simple_procedure=True, fine=D("50"), hard_to_collect=False, remote_area=False, party_requested=False,
               receipt_number="R1")

REFUSALS = [
    ("PEN-33", lambda: parse_penalty_kinds(["detention"]), "无权实施行政拘留"),
    ("PEN-33", lambda: parse_penalty_kinds(["caning"]), "不是法定的行政处罚种类"),
    ("PEN-33", lambda: Penalty(FINE, D("-1")), "不得为负数"),
    ("PEN-23", lambda: Penalty(frozenset({K.WARNING}), D("10")), "只能有一个罚款金额"),
    ("PEN-33", lambda: Penalty(frozenset()), "至少应包含一种处罚种类"),
    ("PEN-01", lambda: check_simple_procedure(PartyKind.CITIZEN, Penalty(FINE, D(50)), facts_certain=False,
                                              has_legal_basis=True), "违法事实确凿并有法定依据"),
    ("PEN-01", lambda: check_simple_procedure(PartyKind.CITIZEN, Penalty(frozenset({K.CLOSE})), facts_certain=True,
                                              has_legal_basis=True), "不能给予责令关闭"),
    ("PEN-01", lambda: check_simple_procedure(PartyKind.CITIZEN, Penalty(FINE, D(201)), facts_certain=True,
                                              has_legal_basis=True), "对公民当场罚款不得超过200元"),
    ("PEN-03", lambda: check_on_spot_collection(**{**ON_SPOT, "receipt_number": ""}), "专用票据"),
    ("PEN-03", lambda: check_on_spot_collection(**{**ON_SPOT, "simple_procedure": False}), "普通程序作出的罚款不得当场收缴"),
    ("PEN-03", lambda: check_on_spot_collection(**{**ON_SPOT, "fine": D("101")}), "一百元以下"),
    ("PEN-04", lambda: check_two_officers([1, 1]), "当前1人"),
    ("PEN-05", lambda: check_not_recused(3, [3]), "已决定回避"),
    ("PEN-06", lambda: check_decision_in_time(CAL, date(2026, 3, 4), date(2026, 6, 3)), "九十日内"),
    ("PEN-20", lambda: check_limitation(date(2024, 3, 1), date(2026, 3, 2)), "2年内未被发现"),
    ("PEN-20", lambda: check_limitation(date(2021, 3, 1), date(2026, 3, 2), life_health_or_finance_harm=True),
     "5年内未被发现"),
    ("CASE-DATE", lambda: check_limitation(date(2026, 3, 2), date(2026, 3, 1)), "发现日期不得早于"),
    ("PEN-08", lambda: check_notice_given(notified=False, statement_done=False, waived=False,
                                          statement_window_over=False), "未向当事人告知"),
    ("PEN-08", lambda: check_notice_given(notified=True, statement_done=False, waived=False,
                                          statement_window_over=False), "陈述、申辩期限尚未届满"),
    ("PEN-09", lambda: check_not_heavier(Penalty(FINE, D(100)), Penalty(FINE, D(101)), renotified=False),
     "不得因当事人陈述、申辩加重处罚"),
    ("PEN-11", lambda: check_hearing_request(CAL, date(2026, 3, 2), date(2026, 3, 10)), "第6个工作日"),
    ("PEN-11", lambda: check_hearing_schedule(CAL, date(2026, 3, 10), date(2026, 3, 10)), "听证通知之后"),
    ("PEN-11", lambda: check_hearing_schedule(CAL, date(2026, 3, 10), date(2026, 3, 18)), "七日（工作日）前"),
    ("PEN-11", lambda: check_presider(4, [4, 5]), "非本案调查人员主持"),
    ("PEN-12", lambda: check_reviewer_qualified(is_legal_reviewer=False, has_legal_qualification=True,
                                                reviewed_before=True), "法制审核人员进行"),
    ("PEN-12", lambda: check_reviewer_qualified(is_legal_reviewer=True, has_legal_qualification=False,
                                                reviewed_before=False), "法律职业资格"),
    ("PEN-21", lambda: check_no_penalty_ground(Outcome.NO_PENALTY_MINOR, ""), "应当载明法定理由"),
    ("PEN-21", lambda: check_no_penalty_ground(Outcome.NO_PENALTY_MINOR, "sorry"), "不是法定的不予处罚理由"),
    ("PEN-21", lambda: check_no_penalty_ground(Outcome.UNFOUNDED, "minor_corrected"), "应为“违法事实不能成立”"),
    ("PEN-21", lambda: check_no_penalty_ground(Outcome.NO_PENALTY_MINOR, "unfounded"), "不能以“违法事实不能成立”"),
    ("PEN-15", lambda: check_decision_elements({"party_name": "王强"}), "缺少法定事项：当事人的地址"),
    ("PEN-31", lambda: check_correction_order(Outcome.PENALTY, " "), "责令当事人改正"),
    ("PEN-16", lambda: check_service_method(ServiceMethod.ELECTRONIC, party_consented=True,
                                            confirmation_signed=False), "签订确认书"),
    ("PEN-26", lambda: parse_evidence_kind("rumour"), "第四十六条"),
    ("PEN-27", lambda: check_monitoring_evidence_reviewed(2), "有2条电子技术监控设备记录未经审核"),
    ("ENF-04", lambda: check_demand_notice(DemandNotice(date(2026, 3, 20), "", "罚款1000元", True),
                                           issued_on=date(2026, 3, 10)), "催告书缺少法定事项"),
    ("ENF-04", lambda: check_demand_notice(DemandNotice(date(2026, 3, 10), "银行缴纳", "罚款1000元", True),
                                           issued_on=date(2026, 3, 10)), "履行期限应晚于催告日期"),
    ("ENF-05", lambda: check_enforcement_time(CAL, datetime(2026, 3, 2, 23, 0)), "夜间（22时至次日6时）"),
    ("ENF-05", lambda: check_enforcement_time(CAL, datetime(2026, 10, 2, 10, 0)), "法定节假日（国庆节）"),
    ("ENF-06", lambda: check_demolition(public_notice_on=None, appeal_periods_lapsed=True, self_demolished=False),
     "予以公告"),
    ("ENF-06", lambda: check_demolition(public_notice_on=date(2026, 3, 1), appeal_periods_lapsed=False,
                                        self_demolished=False), "不申请行政复议或者提起行政诉讼"),
    ("ENF-06", lambda: check_demolition(public_notice_on=date(2026, 3, 1), appeal_periods_lapsed=True,
                                        self_demolished=True), "已自行拆除"),
    ("ENF-10", lambda: check_court_application(CAL, served_on=date(2026, 3, 16), demand_served_on=None,
                                               apply_on=date(2026, 10, 1)), "应当催告当事人履行义务"),
    ("ENF-09", lambda: check_court_application(CAL, served_on=date(2026, 3, 16), demand_served_on=date(2026, 4, 1),
                                               apply_on=date(2026, 9, 16)), "2026年09月16日届满"),
    ("ENF-10", lambda: check_court_application(CAL, served_on=date(2026, 3, 16), demand_served_on=date(2026, 9, 9),
                                               apply_on=date(2026, 9, 22)), "催告书送达十个工作日后"),
    ("ENF-11", lambda: check_court_package({"application": True}), "材料不全"),
    ("TRF-01", lambda: check_transfer_team([7, 7]), "2名或者2名以上"),
    ("TRF-01", lambda: check_transfer_timing(date(2026, 3, 6), date(2026, 3, 8)), "24小时内"),
    ("DAY-07", lambda: LawCalendar([], {2026}).is_working_day(date(2031, 1, 1)), "2031年法定节假日安排尚未录入"),
]


@pytest.mark.parametrize("rule,call,says", REFUSALS, ids=[f"{r}-{i}" for i, (r, _, _) in enumerate(REFUSALS)])
def test_refusal_cites_its_rule_and_says_why_in_chinese(rule, call, says):
    with pytest.raises(RuleViolation) as e:
        call()
    v = e.value
    assert v.code == rule
    assert v.basis == RULES[rule].basis or (rule == "DAY-07" and v.basis.law == RULES[rule].basis.law)
    assert says in v.message, v.message
    own_words = re.sub(r"“[^”]*”", "", v.message)  # what the officer typed is quoted back as typed
    assert not LATIN.search(own_words), f"{rule}: not Chinese: {v.message}"
    assert v.as_dict()["basis"]["text"].startswith("《")


def test_DAY_07_unknown_year_says_which_year_and_cites_that_years_notice():
    with pytest.raises(CalendarUnknown) as e:
        LawCalendar([], {2026}).check_known(date(2031, 5, 1))
    assert e.value.year == 2031 and e.value.details == {"year": 2031}
    assert e.value.basis.note == "2031年" and "国务院办公厅2031年节假日安排通知" in e.value.message


def test_TRF_01_two_members_form_a_team():
    check_transfer_team([7, 8])
    check_transfer_timing(date(2026, 3, 6), date(2026, 3, 7))


def test_DAY_07_holiday_names_and_makeup_days():
    assert CAL.holiday_name(date(2026, 10, 1)) == "国庆节"
    assert CAL.holiday_name(date(2026, 3, 4)) is None
    makeup = next(d for d in (date(2026, 9, 20), date(2026, 10, 10), date(2026, 2, 14), date(2026, 2, 28))
                  if CAL.is_working_day(d) and d.weekday() >= 5)
    assert CAL.holiday_name(makeup).endswith("（调休上班）")


def test_DAY_07_bureau_entries_replace_a_whole_year_and_keep_the_others():
    base = LawCalendar([SpecialDay(date(2030, 1, 1), True, "元旦"), SpecialDay(date(2031, 1, 1), True, "元旦")],
                       {2030, 2031})
    cal = base.with_days([SpecialDay(date(2031, 1, 2), True, "元旦")], {2031, 2032})
    assert cal.known_years == {2030, 2031, 2032}
    assert cal.is_rest_day(date(2030, 1, 1))            # other years kept
    assert cal.is_working_day(date(2031, 1, 1))         # the bureau's 2031 replaces the package's
    assert cal.holiday_name(date(2031, 1, 2)) == "元旦"
    on = base.with_days([SpecialDay(date(2031, 1, 4), False, "元旦")], {2031})
    assert on.is_working_day(date(2031, 1, 4)) and on.holiday_name(date(2031, 1, 4)) == "元旦（调休上班）"


def test_PEN_03_remote_area_exception_needs_both_the_area_and_the_partys_request():
    general = {**ON_SPOT, "simple_procedure": False, "fine": D("500")}
    check_on_spot_collection(**{**general, "remote_area": True, "party_requested": True})
    for remote, requested in ((True, False), (False, True)):
        with pytest.raises(RuleViolation, match="PEN-03"):
            check_on_spot_collection(**{**general, "remote_area": remote, "party_requested": requested})
    check_on_spot_collection(**{**ON_SPOT, "fine": D("500"), "hard_to_collect": True})


def test_PEN_11_late_hearing_notice_says_the_last_day_and_the_working_day_it_fell_on():
    with pytest.raises(RuleViolation) as e:
        check_hearing_schedule(CAL, date(2026, 3, 10), date(2026, 3, 18))
    assert e.value.details == {"last_notice_day": "2026-03-09"}
    assert "2026年03月09日送达" in e.value.message and "通知后第6个工作日" in e.value.message


def test_PEN_01_every_kind_beyond_warning_and_fine_is_named():
    with pytest.raises(RuleViolation) as e:
        check_simple_procedure(PartyKind.ORG, Penalty(frozenset({K.CLOSE, K.SUSPEND_BUSINESS})), facts_certain=True,
                               has_legal_basis=True)
    assert "不能给予责令停产停业、责令关闭" in e.value.message or "不能给予责令关闭、责令停产停业" in e.value.message


def test_ENF_09_refusal_details_give_the_first_and_last_day():
    with pytest.raises(RuleViolation) as e:
        check_court_application(CAL, served_on=date(2026, 3, 16), demand_served_on=date(2026, 4, 1),
                                apply_on=date(2026, 9, 16))
    assert e.value.details == {"opens": "2026-09-17"}
    # 起诉期限 ends 2025-09-17; the window's last day 2025-12-17 is in time, the day after needs a reason.
    served, demand = date(2025, 3, 17), date(2025, 4, 10)
    check_court_application(CAL, served_on=served, demand_served_on=demand, apply_on=date(2025, 12, 17))
    with pytest.raises(RuleViolation) as e:
        check_court_application(CAL, served_on=served, demand_served_on=demand, apply_on=date(2025, 12, 18))
    assert e.value.details == {"last_day": "2025-12-17"}
    check_court_application(CAL, served_on=served, demand_served_on=demand, apply_on=date(2025, 12, 18),
                            good_reason_for_delay="当事人下落不明")


def test_ENF_04_missing_items_are_listed_by_name():
    with pytest.raises(RuleViolation) as e:
        check_demand_notice(DemandNotice(None, "", "", True), issued_on=date(2026, 3, 10))
    assert e.value.details == {"missing": ["履行义务的期限", "履行义务的方式", "涉及金钱给付的金额和给付方式"]}


def test_ENF_05_an_ordinary_weekend_or_a_makeup_working_day_is_no_holiday():
    check_enforcement_time(CAL, datetime(2026, 3, 8, 10, 0))   # a Sunday, no festival
    check_enforcement_time(CAL, datetime(2026, 9, 20, 10, 0))  # 调休 working Sunday


def test_PEN_21_unfounded_case_with_the_unfounded_ground_passes():
    from fazhi.law.penalty import NoPenaltyGround

    assert check_no_penalty_ground(Outcome.UNFOUNDED, "unfounded") is NoPenaltyGround.UNFOUNDED
    assert check_no_penalty_ground(Outcome.NO_PENALTY_MINOR, "first_offence") is NoPenaltyGround.FIRST_OFFENCE
    assert check_no_penalty_ground(Outcome.PENALTY, "") is None
    assert check_no_penalty_ground(Outcome.NO_PENALTY_MINOR, "", exemption_entry="清单第3项") is None

"""One boundary test (or more) per rule ID of §A.1 that a penalty case enforces."""
from datetime import date
from decimal import Decimal as D

import pytest

from fazhi.law.basis import RuleViolation, cn_number
from fazhi.law.calendar import default_calendar
from fazhi.law.penalty import (
    DEFAULT_HEARING_THRESHOLDS as HT,
)
from fazhi.law.penalty import (
    DEFAULT_MAJOR_POLICY as MP,
)
from fazhi.law.penalty import (
    PAYMENT_PERIOD,
    PRESERVATION_PERIOD,
    SERVICE_PERIOD,
    CaseFlags,
    EvidenceKind,
    MitigationGround,
    Outcome,
    PartyKind,
    Pause,
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
    decision_deadline,
    deliberation_reasons,
    effective_service_date,
    hearing_reasons,
    late_fee,
    legal_review_reasons,
    parse_evidence_kind,
    parse_penalty_kinds,
)
from fazhi.law.periods import working_day_before

CAL = default_calendar()
FINE = frozenset({PenaltyKind.FINE})


def fine(amount) -> Penalty:
    return Penalty(FINE, D(amount))


def refused(code):
    return pytest.raises(RuleViolation, match=code)


def test_basis_renders_chinese_article_numbers():
    assert [cn_number(n) for n in (1, 10, 12, 20, 62, 100, 105, 110, 156)] == [
        "一", "十", "十二", "二十", "六十二", "一百", "一百零五", "一百一十", "一百五十六"]


@pytest.mark.parametrize("party,amount,ok", [
    (PartyKind.CITIZEN, "200", True), (PartyKind.CITIZEN, "200.01", False), (PartyKind.CITIZEN, "201", False),
    (PartyKind.ORG, "3000", True), (PartyKind.ORG, "3000.01", False),
])
def test_PEN_01_simple_procedure_fine_limits(party, amount, ok):
    if ok:
        check_simple_procedure(party, fine(amount), facts_certain=True, has_legal_basis=True)
    else:
        with refused("PEN-01"):
            check_simple_procedure(party, fine(amount), facts_certain=True, has_legal_basis=True)


def test_PEN_01_simple_procedure_needs_certain_facts_and_only_warning_or_fine():
    with refused("PEN-01"):
        check_simple_procedure(PartyKind.CITIZEN, fine(50), facts_certain=False, has_legal_basis=True)
    check_simple_procedure(PartyKind.CITIZEN, Penalty(frozenset({PenaltyKind.WARNING})), facts_certain=True,
                           has_legal_basis=True)
    with refused("PEN-01"):
        check_simple_procedure(PartyKind.ORG, Penalty(frozenset({PenaltyKind.CONFISCATE_PROPERTY})),
                               facts_certain=True, has_legal_basis=True)


def test_PEN_03_on_spot_collection_limits():
    ok = dict(hard_to_collect=False, remote_area=False, party_requested=False, receipt_number="湘财001")
    check_on_spot_collection(simple_procedure=True, fine=D("100"), **ok)
    with refused("PEN-03"):
        check_on_spot_collection(simple_procedure=True, fine=D("100.01"), **ok)
    check_on_spot_collection(simple_procedure=True, fine=D("150"), **{**ok, "hard_to_collect": True})
    with refused("PEN-03"):
        check_on_spot_collection(simple_procedure=False, fine=D("50"), **ok)
    check_on_spot_collection(simple_procedure=False, fine=D("5000"),
                             **{**ok, "remote_area": True, "party_requested": True})
    with refused("PEN-03"):
        check_on_spot_collection(simple_procedure=True, fine=D("50"), **{**ok, "receipt_number": ""})


def test_PEN_04_two_certified_officers():
    check_two_officers([1, 2])
    with refused("PEN-04"):
        check_two_officers([1])
    with refused("PEN-04"):
        check_two_officers([1, 1])


def test_PEN_05_recused_officer_may_not_act():
    check_not_recused(1, [2])
    with refused("PEN-05"):
        check_not_recused(2, [2])


def test_PEN_06_decision_deadline_day_90_and_91():
    filed = date(2026, 3, 2)
    assert decision_deadline(CAL, filed) == date(2026, 6, 1)  # 05-31 is a Sunday → Monday
    check_decision_in_time(CAL, filed, date(2026, 5, 31))
    check_decision_in_time(CAL, filed, date(2026, 6, 1))       # rolled last day still in time
    with refused("PEN-06"):
        check_decision_in_time(CAL, filed, date(2026, 6, 2))
    check_decision_in_time(CAL, filed, date(2026, 6, 10), extension_days=10)
    with refused("PEN-06"):
        check_decision_in_time(CAL, filed, date(2026, 6, 11), extension_days=10)


def test_PEN_06_in_time_decision_needs_no_next_year_calendar():
    # Filed 2026-11-20: the 90th day is in 2027 (holidays unknown) but a December decision is clearly in time.
    check_decision_in_time(CAL, date(2026, 11, 20), date(2026, 12, 20))


def test_PEN_07_preservation_disposal_within_7_working_days():
    # 09-29, 09-30, 10-08, 10-09, 10-10 (Sat, 调休 working day), 10-12, 10-13
    assert PRESERVATION_PERIOD.end(CAL, date(2026, 9, 28)) == date(2026, 10, 13)


def test_PEN_08_no_decision_without_notice_or_hearing_the_party():
    with refused("PEN-08"):
        check_notice_given(notified=False, statement_done=True, waived=False, statement_window_over=True)
    with refused("PEN-08"):
        check_notice_given(notified=True, statement_done=False, waived=False, statement_window_over=False)
    check_notice_given(notified=True, statement_done=False, waived=True, statement_window_over=False)
    check_notice_given(notified=True, statement_done=False, waived=False, statement_window_over=True)


def test_PEN_09_no_heavier_penalty_after_statement():
    check_not_heavier(fine(1000), fine(1000), renotified=False)
    check_not_heavier(fine(1000), fine(800), renotified=False)
    with refused("PEN-09"):
        check_not_heavier(fine(1000), fine("1000.01"), renotified=False)
    with refused("PEN-09"):
        check_not_heavier(fine(1000), Penalty(FINE | {PenaltyKind.WARNING}, D(500)), renotified=False)
    check_not_heavier(fine(1000), fine(2000), renotified=True)


@pytest.mark.parametrize("party,amount,right", [
    (PartyKind.CITIZEN, "999.99", False), (PartyKind.CITIZEN, "1000", True),
    (PartyKind.ORG, "19999.99", False), (PartyKind.ORG, "20000", True),
])
def test_PEN_10_hearing_threshold_is_inclusive(party, amount, right):
    assert bool(hearing_reasons(party, fine(amount), HT)) is right


def test_PEN_10_hearing_for_heavy_kinds_and_confiscation():
    assert hearing_reasons(PartyKind.ORG, Penalty(frozenset({PenaltyKind.SUSPEND_BUSINESS})), HT)
    big = Penalty(frozenset({PenaltyKind.CONFISCATE_INCOME}), confiscated_income=D(1000))
    assert hearing_reasons(PartyKind.CITIZEN, big, HT)
    assert not hearing_reasons(PartyKind.CITIZEN, Penalty(frozenset({PenaltyKind.WARNING})), HT)


def test_PEN_11_hearing_request_5th_working_day_in_time_6th_late():
    notice = date(2026, 3, 2)
    check_hearing_request(CAL, notice, date(2026, 3, 9))
    with refused("PEN-11"):
        check_hearing_request(CAL, notice, date(2026, 3, 10))


def test_PEN_11_DAY_05_hearing_notice_on_7th_working_day_before_allowed_6th_refused():
    """"七日前" counted back from the hearing, the hearing day not counted (DAY-05): a hearing on Wed 03-11 has its
    7th working day before on Mon 03-02 (03-10, 09, 06, 05, 04, 03, 02)."""
    hearing = date(2026, 3, 11)
    assert working_day_before(CAL, hearing, 7) == date(2026, 3, 2)
    check_hearing_schedule(CAL, date(2026, 3, 2), hearing)  # 7th working day before: in time
    check_hearing_schedule(CAL, date(2026, 2, 27), hearing)  # 8th: in time
    with refused("PEN-11"):
        check_hearing_schedule(CAL, date(2026, 3, 3), hearing)  # 6th working day before: late
    with refused("PEN-11"):
        check_hearing_schedule(CAL, date(2026, 3, 11), hearing)  # same day


def test_DAY_05_counting_back_skips_rest_days_and_holidays():
    # 国庆 2026: 10-01..10-07 off, Saturday 10-10 a 调休 working day.
    assert working_day_before(CAL, date(2026, 10, 12), 1) == date(2026, 10, 10)  # 调休 Saturday counts
    assert working_day_before(CAL, date(2026, 10, 9), 2) == date(2026, 9, 30)  # 10-08, then over the holiday
    with pytest.raises(ValueError):
        working_day_before(CAL, date(2026, 10, 9), 0)


def test_PEN_11_presider_is_not_an_investigator():
    check_presider(9, [1, 2])
    with refused("PEN-11"):
        check_presider(2, [1, 2])


def test_PEN_12_review_triggers_and_reviewer_qualification():
    flags = CaseFlags(major_public_interest=True)
    assert legal_review_reasons(PartyKind.ORG, fine(1000), flags, hearing_held=False, policy=MP)
    assert not legal_review_reasons(PartyKind.ORG, fine(1000), CaseFlags(), hearing_held=False, policy=MP)
    assert legal_review_reasons(PartyKind.ORG, fine(1000), CaseFlags(), hearing_held=True, policy=MP)
    # LRV-04 major-fine threshold (inclusive) for an organisation: 100,000
    assert not legal_review_reasons(PartyKind.ORG, fine("99999.99"), CaseFlags(), hearing_held=False, policy=MP)
    assert legal_review_reasons(PartyKind.ORG, fine(100000), CaseFlags(), hearing_held=False, policy=MP)
    with refused("PEN-12"):
        check_reviewer_qualified(is_legal_reviewer=True, has_legal_qualification=False, reviewed_before=False)
    check_reviewer_qualified(is_legal_reviewer=True, has_legal_qualification=False, reviewed_before=True)
    with refused("PEN-12"):
        check_reviewer_qualified(is_legal_reviewer=False, has_legal_qualification=True, reviewed_before=True)


def test_PEN_13_deliberation_for_complex_or_major():
    assert deliberation_reasons(PartyKind.CITIZEN, fine(500), CaseFlags(complex=True), MP)
    assert not deliberation_reasons(PartyKind.CITIZEN, fine("9999.99"), CaseFlags(), MP)
    assert deliberation_reasons(PartyKind.CITIZEN, fine(10000), CaseFlags(), MP)


def test_PEN_14_four_outcomes():
    assert {o.value for o in Outcome} == {"penalty", "no_penalty_minor", "unfounded", "transfer"}


def test_PEN_15_decision_must_carry_every_element():
    full = {k: "x" for k in ("party_name", "party_address", "facts", "evidence", "penalty", "legal_basis",
                             "performance", "remedy", "authority", "decided_on", "seal")}
    check_decision_elements(full)
    with pytest.raises(RuleViolation) as e:
        check_decision_elements({**full, "seal": False})
    assert e.value.code == "PEN-15" and "印章" in e.value.message


def test_PEN_16_service_deadline_and_electronic_consent():
    assert SERVICE_PERIOD.end(CAL, date(2026, 3, 2)) == date(2026, 3, 11)
    with refused("PEN-16"):
        check_service_method(ServiceMethod.ELECTRONIC, party_consented=True, confirmation_signed=False)
    check_service_method(ServiceMethod.ELECTRONIC, party_consented=True, confirmation_signed=True)
    assert effective_service_date(ServiceMethod.PUBLIC_NOTICE, date(2026, 3, 1)) == date(2026, 3, 31)
    assert effective_service_date(ServiceMethod.DIRECT, date(2026, 3, 1)) == date(2026, 3, 1)


def test_PEN_17_payment_due_15_calendar_days_rolled():
    assert PAYMENT_PERIOD.end(CAL, date(2026, 3, 2)) == date(2026, 3, 17)
    assert PAYMENT_PERIOD.end(CAL, date(2026, 9, 16)) == date(2026, 10, 8)  # 10-01 National Day → 10-08


@pytest.mark.parametrize("n", [0, 1, 2, 33, 34, 35, 60])
def test_PEN_18_late_fee_on_day_n_is_min_3pct_n_and_100pct(n):
    due = date(2026, 3, 17)
    from datetime import timedelta

    assert late_fee(D("1000"), due, due + timedelta(days=n)) == min(D("30") * n, D("1000"))


def test_PEN_18_late_fee_not_counted_while_appeal_pending():
    due = date(2026, 3, 17)
    pauses = [Pause(date(2026, 3, 20), date(2026, 3, 29))]
    assert late_fee(D("1000"), due, date(2026, 3, 31), pauses) == D("120.00")  # 14 days − 10 paused
    assert late_fee(D("1000"), due, date(2026, 4, 30), [Pause(date(2026, 3, 18))]) == D("0.00")


def test_PEN_20_limitation_two_years_boundary():
    act = date(2024, 3, 10)
    check_limitation(act, date(2026, 3, 10))
    with refused("PEN-20"):
        check_limitation(act, date(2026, 3, 11))


def test_PEN_20_limitation_five_years_for_life_health_harm():
    act = date(2021, 3, 10)
    check_limitation(act, date(2026, 3, 10), life_health_or_finance_harm=True)
    with refused("PEN-20"):
        check_limitation(act, date(2026, 3, 11), life_health_or_finance_harm=True)


def test_PEN_21_no_penalty_needs_its_ground():
    with refused("PEN-21"):
        check_no_penalty_ground(Outcome.NO_PENALTY_MINOR, "")
    assert check_no_penalty_ground(Outcome.NO_PENALTY_MINOR, "first_offence").value == "first_offence"
    with refused("PEN-21"):
        check_no_penalty_ground(Outcome.UNFOUNDED, "first_offence")
    with refused("PEN-21"):
        check_no_penalty_ground(Outcome.NO_PENALTY_MINOR, "because")
    assert check_no_penalty_ground(Outcome.NO_PENALTY_MINOR, "", exemption_entry="免罚清单第3项") is None
    assert check_no_penalty_ground(Outcome.PENALTY, "") is None


def test_PEN_22_mandatory_mitigation_grounds_enumerated():
    assert len(MitigationGround) == 6 and MitigationGround("minor_14_18")


def test_PEN_23_one_fine_amount_per_violation():
    with refused("PEN-23"):
        Penalty(frozenset({PenaltyKind.WARNING}), D("100"))
    with refused("PEN-23"):
        Penalty(FINE, D("0"))


def test_PEN_26_eight_kinds_of_evidence():
    assert len(EvidenceKind) == 8
    with refused("PEN-26"):
        parse_evidence_kind("hearsay")


def test_PEN_27_unreviewed_monitoring_record_is_not_evidence():
    check_monitoring_evidence_reviewed(0)
    with refused("PEN-27"):
        check_monitoring_evidence_reviewed(1)


def test_PEN_31_penalty_comes_with_correction_order():
    with refused("PEN-31"):
        check_correction_order(Outcome.PENALTY, " ")
    check_correction_order(Outcome.UNFOUNDED, "")


def test_PEN_33_penalty_kinds_and_no_detention():
    assert len(PenaltyKind) == 12
    with refused("PEN-33"):
        parse_penalty_kinds(["detention"])
    with refused("PEN-33"):
        parse_penalty_kinds(["flogging"])
    with refused("PEN-33"):
        Penalty(frozenset())

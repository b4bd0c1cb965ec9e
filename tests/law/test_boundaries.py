"""Boundaries the rule tests left open, each named after its rule ID: a day where an off-by-one period or a
swapped comparison shows (no rest day to roll over and hide it), the extended deadline, the kinds of
penalty that carry a hearing right, warning and fine together on the spot, and acting after a computed date."""
from datetime import date, timedelta
from decimal import Decimal as D

import pytest

from fazhi.law.basis import RuleViolation
from fazhi.law.calendar import default_calendar
from fazhi.law.enforcement import (
    COURT_ACCEPT,
    DEMAND_WAIT,
    SEIZURE_PERIOD,
    court_ruling_due,
    enforcement_after_late_fee,
    seizure_deadline,
)
from fazhi.law.penalty import (
    COLLECTED_FINE_HANDOVER,
    DECISION_PERIOD,
    DEFAULT_HEARING_THRESHOLDS,
    HEARING_KINDS,
    PAYMENT_PERIOD,
    PRESERVATION_PERIOD,
    SERVICE_PERIOD,
    PartyKind,
    Penalty,
    PenaltyKind,
    check_decision_in_time,
    check_simple_procedure,
    decision_deadline,
    hearing_reasons,
    late_fee,
    late_fee_days,
)

CAL = default_calendar()
K = PenaltyKind
WED = date(2026, 3, 4)  # Wed; Thu–Fri and the next Mon–Wed are working days, no holiday near any period below


def refused(code):
    return pytest.raises(RuleViolation, match=code)


def test_PEN_06_day_90_is_a_working_day_so_89_and_91_would_show():
    assert decision_deadline(CAL, WED) == date(2026, 6, 2) == WED + timedelta(days=90)  # a Tuesday
    assert CAL.is_working_day(date(2026, 6, 1)) and CAL.is_working_day(date(2026, 6, 3))
    check_decision_in_time(CAL, WED, date(2026, 6, 1))
    check_decision_in_time(CAL, WED, date(2026, 6, 2))
    with refused("PEN-06") as e:
        check_decision_in_time(CAL, WED, date(2026, 6, 3))
    assert e.value.details["due"] == "2026-06-02" and "2026年06月02日" in e.value.message


def test_PEN_06_extended_deadline_before_on_after():
    assert decision_deadline(CAL, WED, 30) == date(2026, 7, 2)  # Thursday
    check_decision_in_time(CAL, WED, date(2026, 7, 1), extension_days=30)
    check_decision_in_time(CAL, WED, date(2026, 7, 2), extension_days=30)
    with refused("PEN-06"):
        check_decision_in_time(CAL, WED, date(2026, 7, 3), extension_days=30)
    with refused("PEN-06"):  # the extension counts only when given
        check_decision_in_time(CAL, WED, date(2026, 6, 3))


def test_PEN_06_rolled_last_day_is_in_time_the_day_after_is_not():
    filed = date(2026, 3, 2)  # day 90 is Sunday 05-31 → Monday 06-01
    check_decision_in_time(CAL, filed, date(2026, 6, 1))
    with refused("PEN-06") as e:
        check_decision_in_time(CAL, filed, date(2026, 6, 2))
    assert e.value.details["due"] == "2026-06-01"


@pytest.mark.parametrize("period,start,end", [
    (PRESERVATION_PERIOD, WED, date(2026, 3, 13)),     # PEN-07: 7 working days
    (SERVICE_PERIOD, WED, date(2026, 3, 13)),          # PEN-16: 7 working days
    (PAYMENT_PERIOD, WED, date(2026, 3, 19)),          # PEN-17: 15 calendar days, a Thursday
    (COLLECTED_FINE_HANDOVER, WED, date(2026, 3, 6)),  # PEN-03: 2 working days
    (DEMAND_WAIT, WED, date(2026, 3, 18)),             # ENF-10: 10 working days
    (COURT_ACCEPT, WED, date(2026, 3, 11)),            # ENF-12: 5 working days
])
def test_period_lengths_and_kinds(period, start, end):
    assert period.end(CAL, start) == end
    assert CAL.is_working_day(end - timedelta(days=1)) and CAL.is_working_day(end)


def test_period_units_as_shown():
    assert (DECISION_PERIOD.length, DECISION_PERIOD.describe()) == (90, "90日")
    assert PRESERVATION_PERIOD.describe() == "7个工作日" and PAYMENT_PERIOD.describe() == "15日"
    assert SEIZURE_PERIOD.length == 30


def test_ENF_03_seizure_deadline_on_a_working_day_and_its_extension():
    assert seizure_deadline(CAL, WED, extended=False) == date(2026, 4, 3)  # Friday, day 30
    assert seizure_deadline(CAL, date(2026, 3, 5), extended=False) == date(2026, 4, 7)  # 04-04..06 清明 → Tue
    assert seizure_deadline(CAL, date(2026, 3, 3), extended=False) == date(2026, 4, 2)
    assert seizure_deadline(CAL, WED, extended=True) == date(2026, 5, 6)   # 05-03 → after the May holiday


def test_ENF_12_court_ruling_due_counts_working_days_or_30_days():
    assert court_ruling_due(CAL, WED, hearing=False) == date(2026, 3, 13)  # 7th working day
    assert court_ruling_due(CAL, date(2026, 3, 5), hearing=False) == date(2026, 3, 16)
    assert court_ruling_due(CAL, WED, hearing=True) == date(2026, 4, 3)


def test_ENF_07_enforcement_after_more_than_30_days_of_late_fee():
    due = date(2026, 3, 19)
    assert not enforcement_after_late_fee(due, date(2026, 3, 25), due + timedelta(days=30))
    assert enforcement_after_late_fee(due, date(2026, 3, 25), due + timedelta(days=31))
    assert not enforcement_after_late_fee(due, None, due + timedelta(days=60))


def test_PEN_17_PEN_18_paying_on_the_due_day_is_not_late_the_day_after_is():
    due = PAYMENT_PERIOD.end(CAL, WED)
    assert late_fee_days(due, due) == 0 and late_fee(D("1000"), due, due) == D("0.00")
    assert late_fee_days(due, due + timedelta(days=1)) == 1
    assert late_fee(D("1000"), due, due + timedelta(days=1)) == D("30.00")
    assert late_fee(D("1000"), due, due - timedelta(days=3)) == D("0.00")


@pytest.mark.parametrize("kind", sorted(HEARING_KINDS, key=lambda k: k.value))
def test_PEN_10_each_heavy_kind_alone_carries_the_hearing_right(kind):
    for party in PartyKind:
        assert hearing_reasons(party, Penalty(frozenset({kind})), DEFAULT_HEARING_THRESHOLDS) == [kind.label]


def test_PEN_10_hearing_branch_covers_suspend_revoke_and_close():
    assert {K.SUSPEND_BUSINESS, K.REVOKE_PERMIT, K.CLOSE, K.DOWNGRADE, K.RESTRICT_PRACTICE} <= HEARING_KINDS


@pytest.mark.parametrize("kind", [K.WARNING, K.CRITICISM, K.SUSPEND_PERMIT, K.CONFISCATE_PROPERTY])
def test_PEN_10_lighter_kinds_carry_no_hearing_right(kind):
    assert hearing_reasons(PartyKind.CITIZEN, Penalty(frozenset({kind})), DEFAULT_HEARING_THRESHOLDS) == []


def test_PEN_10_reasons_name_the_fine_and_the_confiscation():
    p = Penalty(frozenset({K.FINE, K.CONFISCATE_INCOME, K.CLOSE}), D("1000"), D("600"))
    r = hearing_reasons(PartyKind.CITIZEN, p, DEFAULT_HEARING_THRESHOLDS)
    assert len(r) == 2 and r[0].startswith("较大数额罚款（1,000.00元") and r[1] == "责令关闭"
    p = Penalty(frozenset({K.CONFISCATE_INCOME, K.CONFISCATE_PROPERTY}), confiscated_income=D("500"),
                confiscated_property_value=D("500"))
    assert hearing_reasons(PartyKind.CITIZEN, p, DEFAULT_HEARING_THRESHOLDS) == [
        "没收较大数额违法所得或较大价值非法财物（1,000.00元）"]
    assert hearing_reasons(PartyKind.ORG, p, DEFAULT_HEARING_THRESHOLDS) == []


@pytest.mark.parametrize("party,fine,ok", [
    (PartyKind.CITIZEN, "200", True), (PartyKind.CITIZEN, "200.01", False),
    (PartyKind.ORG, "3000", True), (PartyKind.ORG, "3000.01", False),
])
def test_PEN_01_warning_and_fine_together_on_the_spot(party, fine, ok):
    p = Penalty(frozenset({K.WARNING, K.FINE}), D(fine))
    if ok:
        check_simple_procedure(party, p, facts_certain=True, has_legal_basis=True)
    else:
        with refused("PEN-01") as e:
            check_simple_procedure(party, p, facts_certain=True, has_legal_basis=True)
        assert e.value.details["limit"] == ("200" if party is PartyKind.CITIZEN else "3000")


def test_PEN_01_warning_alone_on_the_spot_and_nothing_heavier():
    check_simple_procedure(PartyKind.ORG, Penalty(frozenset({K.WARNING})), facts_certain=True, has_legal_basis=True)
    with refused("PEN-01") as e:
        check_simple_procedure(PartyKind.ORG, Penalty(frozenset({K.WARNING, K.CONFISCATE_INCOME}), D(0), D(10)),
                               facts_certain=True, has_legal_basis=True)
    assert "没收违法所得" in e.value.message
    for certain, basis in ((False, True), (True, False)):
        with refused("PEN-01"):
            check_simple_procedure(PartyKind.ORG, Penalty(frozenset({K.WARNING})), facts_certain=certain,
                                   has_legal_basis=basis)

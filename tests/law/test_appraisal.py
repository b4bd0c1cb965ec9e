"""§C.1 appraisal step limits at their boundaries (pure): a step done at the deadline is on time, a minute later
is not; 0.5 工作日 (DCM-05) is half the bureau's working minutes; a missing part leaves no composite."""
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from fazhi.law.appraisal import DEFAULT_LIMITS, IssueRow, appraise, deadline
from fazhi.law.calendar import default_calendar
from fazhi.law.workhours import WorkingHours, parse_periods

CAL = default_calendar()
TZ = ZoneInfo("Asia/Shanghai")
HOURS = {1: WorkingHours()}


def t(day, hm):
    h, m = hm.split(":")
    return datetime(2026, 3, day, int(h), int(m), tzinfo=TZ)


def test_half_a_working_day_is_half_the_bureaus_minutes():
    assert deadline(CAL, WorkingHours(), t(9, "09:00"), DEFAULT_LIMITS["accept"]) == t(9, "15:00")  # 180 + 30
    long_day = parse_periods("08:00-12:00,13:00-18:00")  # 540 minutes: half is 270
    assert deadline(CAL, long_day, t(9, "09:00"), DEFAULT_LIMITS["accept"]) == t(9, "14:30")
    # Friday afternoon runs on into Monday (3-14/15 is a weekend).
    assert deadline(CAL, WorkingHours(), t(13, "17:00"), DEFAULT_LIMITS["accept"]) == t(16, "11:00")


@pytest.mark.parametrize("accepted,on_time", [("14:59", True), ("15:00", True), ("15:01", False)])
def test_acceptance_at_the_deadline_is_on_time(accepted, on_time):
    row = IssueRow(region=1, channel="hotline", reported_at=t(9, "09:00"), accepted_by=7, accepted_at=t(9, accepted))
    op = appraise([row], cal=CAL, hours=HOURS)["operator"][0]
    assert op.counts["按时受理数"] == int(on_time)
    assert op.rates["按时受理率"] == (Decimal("100.00") if on_time else Decimal("0.00"))


@pytest.mark.parametrize("verified,on_time", [("12:00", True), ("14:31", False)])
def test_verification_within_two_working_hours_across_lunch(verified, on_time):
    # Handled 10:00: two working hours end at 12:00; 14:31 is one working minute late (lunch does not count).
    row = IssueRow(region=1, channel="patrol", reported_at=t(9, "09:00"), handled_at=t(9, "10:00"), verified_by=3,
                   verified_at=t(9, verified))
    sup = appraise([row], cal=CAL, hours=HOURS)["supervisor"][0]
    assert sup.rates["按时核查率"] == (Decimal("100.00") if on_time else Decimal("0.00"))


def test_a_missing_part_leaves_no_composite_and_the_inverse_metric_scores_100_minus():
    handled = IssueRow(region=1, channel="patrol", reported_at=t(9, "09:00"), registered_at=t(9, "09:10"),
                       dispatched_at=t(9, "09:20"), unit=5, due_at=t(9, "11:20"), handled_at=t(9, "11:00"),
                       rework_count=1, closed_at=t(9, "11:30"))
    scores = appraise([handled], cal=CAL, hours=HOURS)
    unit = scores["unit"][0]
    assert unit.rates == {"处置率": Decimal("100.00"), "按期处置率": Decimal("100.00"), "返工率": Decimal("100.00")}
    assert unit.composite == Decimal("80.00")  # 30 + 50 + (100 − 100) × 20%
    sup = scores["supervisor"]
    assert sup == []  # reported without a reporter: no supervisor row is invented
    lone = IssueRow(region=1, channel="patrol", reported_at=t(9, "09:00"), reported_by=9)
    s = appraise([lone], cal=CAL, hours=HOURS)["supervisor"][0]
    assert s.rates["按时核查率"] is None and s.composite is None

"""§A.4 行政强制法 rules used when executing a decision (ENF-xx), and REV/TRF pieces cited by cases."""
from datetime import date, datetime

import pytest

from fazhi.law.basis import RuleViolation
from fazhi.law.calendar import default_calendar
from fazhi.law.enforcement import (
    DemandNotice,
    check_court_application,
    check_court_package,
    check_demand_notice,
    check_demolition,
    check_enforcement_time,
    court_application_window,
    court_ruling_due,
    enforcement_after_late_fee,
    lawsuit_period_end,
    seizure_deadline,
)
from fazhi.law.remedies import remedy_notice
from fazhi.law.transfer import check_transfer_team, check_transfer_timing, transfer_decision_due

CAL = default_calendar()


def refused(code):
    return pytest.raises(RuleViolation, match=code)


def test_ENF_03_seizure_30_days_once_extendable():
    assert seizure_deadline(CAL, date(2026, 3, 2), extended=False) == date(2026, 4, 1)
    assert seizure_deadline(CAL, date(2026, 3, 2), extended=True) == date(2026, 5, 6)  # 05-01..05 holiday


def test_ENF_04_demand_notice_contents():
    ok = DemandNotice(date(2026, 3, 20), "银行缴纳", "罚款1000元", True)
    check_demand_notice(ok, issued_on=date(2026, 3, 10))
    with refused("ENF-04"):
        check_demand_notice(DemandNotice(date(2026, 3, 20), "银行缴纳", "罚款1000元", False), issued_on=date(2026, 3, 10))
    with refused("ENF-04"):
        check_demand_notice(ok, issued_on=date(2026, 3, 20))


def test_ENF_05_no_enforcement_at_night_or_on_holidays():
    check_enforcement_time(CAL, datetime(2026, 3, 2, 21, 59))
    with refused("ENF-05"):
        check_enforcement_time(CAL, datetime(2026, 3, 2, 22, 0))
    with refused("ENF-05"):
        check_enforcement_time(CAL, datetime(2026, 3, 3, 5, 59))
    check_enforcement_time(CAL, datetime(2026, 3, 3, 6, 0))
    with refused("ENF-05"):
        check_enforcement_time(CAL, datetime(2026, 10, 2, 10, 0))
    check_enforcement_time(CAL, datetime(2026, 10, 2, 10, 0), emergency=True)


def test_ENF_06_demolition_needs_notice_and_lapse_of_appeal_periods():
    with refused("ENF-06"):
        check_demolition(public_notice_on=None, appeal_periods_lapsed=True, self_demolished=False)
    with refused("ENF-06"):
        check_demolition(public_notice_on=date(2026, 3, 1), appeal_periods_lapsed=False, self_demolished=False)
    check_demolition(public_notice_on=date(2026, 3, 1), appeal_periods_lapsed=True, self_demolished=False)


def test_ENF_07_enforcement_after_more_than_30_days_of_late_fee_and_demand():
    due = date(2026, 3, 17)
    assert not enforcement_after_late_fee(due, date(2026, 3, 20), date(2026, 4, 16))  # day 30
    assert enforcement_after_late_fee(due, date(2026, 3, 20), date(2026, 4, 17))      # day 31
    assert not enforcement_after_late_fee(due, None, date(2026, 6, 1))


def test_ENF_09_court_application_window_opens_after_lawsuit_period_and_lasts_3_months():
    served = date(2025, 9, 1)
    assert lawsuit_period_end(CAL, served) == date(2026, 3, 2)   # 03-01 is a Sunday
    demand = date(2026, 1, 5)
    first, last = court_application_window(CAL, served, demand)
    assert first == date(2026, 3, 3) and last == date(2026, 6, 2)
    with refused("ENF-09"):
        check_court_application(CAL, served_on=served, demand_served_on=demand, apply_on=date(2026, 3, 2))
    check_court_application(CAL, served_on=served, demand_served_on=demand, apply_on=date(2026, 3, 3))
    check_court_application(CAL, served_on=served, demand_served_on=demand, apply_on=date(2026, 6, 2))
    with refused("ENF-09"):
        check_court_application(CAL, served_on=served, demand_served_on=demand, apply_on=date(2026, 6, 3))
    check_court_application(CAL, served_on=served, demand_served_on=demand, apply_on=date(2026, 6, 3),
                            good_reason_for_delay="不可抗力")


def test_ENF_10_ten_working_days_after_demand():
    served = date(2025, 9, 1)
    demand = date(2026, 2, 27)  # Fri; the 10th WD after is 03-12 (02-28 is a 调休 working Saturday)
    with refused("ENF-10"):
        check_court_application(CAL, served_on=served, demand_served_on=demand, apply_on=date(2026, 3, 12))
    check_court_application(CAL, served_on=served, demand_served_on=demand, apply_on=date(2026, 3, 13))
    with refused("ENF-10"):
        check_court_application(CAL, served_on=served, demand_served_on=None, apply_on=date(2026, 3, 14))


def test_ENF_11_application_package():
    full = {"application": True, "decision": True, "party_opinion": True, "property": True}
    check_court_package(full)
    with refused("ENF-11"):
        check_court_package({**full, "party_opinion": False})


def test_ENF_12_court_ruling_periods():
    assert court_ruling_due(CAL, date(2026, 3, 2), hearing=False) == date(2026, 3, 11)
    assert court_ruling_due(CAL, date(2026, 3, 2), hearing=True) == date(2026, 4, 1)


def test_REV_02_on_the_spot_decision_states_reconsideration_first():
    text = remedy_notice(government="株洲市荷塘区人民政府", court="荷塘区人民法院", on_the_spot=True)
    assert "应当先申请行政复议" in text and "第二十三条" in text
    general = remedy_notice(government="株洲市荷塘区人民政府", court="荷塘区人民法院", on_the_spot=False)
    assert "六十日" in general and "六个月" in general and "先申请" not in general


def test_REV_03_reconsideration_body_is_the_government_at_the_same_level():
    assert "向株洲市荷塘区人民政府申请行政复议" in remedy_notice(government="株洲市荷塘区人民政府", court="x", on_the_spot=False)


def test_TRF_01_transfer_timing_and_team():
    assert transfer_decision_due(date(2026, 3, 2)) == date(2026, 3, 5)
    check_transfer_timing(date(2026, 3, 2), date(2026, 3, 3))
    with refused("TRF-01"):
        check_transfer_timing(date(2026, 3, 2), date(2026, 3, 4))
    with refused("TRF-01"):
        check_transfer_team([1])

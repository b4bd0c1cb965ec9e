"""行政许可 rules (LIC-01..11, DAY-03) at their boundaries: before, on and after each limit, in working days."""
from datetime import date, datetime, timedelta

import pytest

from fazhi.law import permits as L
from fazhi.law.basis import RuleViolation
from fazhi.law.calendar import default_calendar
from fazhi.law.periods import add_working_days

CAL = default_calendar()
MON = date(2026, 3, 2)  # a Monday with no holiday near


def wd(n: int, start: date = MON) -> date:
    return add_working_days(CAL, start, n)


def refused(code: str, fn, *args, **kw) -> RuleViolation:
    with pytest.raises(RuleViolation) as e:
        fn(*args, **kw)
    assert e.value.code == code and e.value.basis is not None
    return e.value


def test_LIC_01_DAY_03_correction_on_the_5th_working_day_in_time_6th_deemed_accepted():
    assert wd(5) == date(2026, 3, 9) and wd(6) == date(2026, 3, 10)  # the weekend does not count (DAY-03)
    L.check_correction_notice(CAL, MON, wd(5), ["设计文件"], False)
    assert not L.deemed_accepted(CAL, MON, wd(5))
    e = refused("LIC-01", L.check_correction_notice, CAL, MON, wd(6), ["设计文件"], False)
    assert "即为受理" in e.message
    assert L.deemed_accepted(CAL, MON, wd(6))


def test_LIC_01_the_notice_is_once_and_names_something():
    refused("LIC-01", L.check_correction_notice, CAL, MON, wd(1), ["设计文件"], True)
    refused("LIC-01", L.check_correction_notice, CAL, MON, wd(1), ["  "], False)


def test_DAY_03_a_holiday_is_not_a_working_day():
    # 2026 National Day: 1–7 October off (with 调休 working days around it)
    start = date(2026, 9, 30)
    assert L.deemed_accepted(CAL, start, add_working_days(CAL, start, 6))
    assert add_working_days(CAL, start, 1) > date(2026, 10, 7)


def test_LIC_02_decision_on_the_20th_in_time_21st_refused_without_extension_30th_with_one():
    clock = L.DecisionClock(MON)
    assert L.check_decision_in_time(CAL, clock, wd(20)) == 0
    e = refused("LIC-02", L.check_decision_in_time, CAL, clock, wd(21))
    assert "负责人批准延长" in e.message
    extended = L.DecisionClock(MON, extended=True)
    assert L.check_decision_in_time(CAL, extended, wd(30)) == 0
    refused("LIC-02", L.check_decision_in_time, CAL, extended, wd(31))
    # late with its reason written: recorded, with the days late
    assert L.check_decision_in_time(CAL, clock, wd(22), "等待规划部门意见") == 2
    assert clock.due(CAL) == wd(20) and extended.due(CAL) == wd(30)


def test_LIC_02_extension_approved_within_the_20_days_once_with_reasons():
    clock = L.DecisionClock(MON)
    assert L.check_extension(CAL, clock, wd(20), "需征求交警部门意见") == wd(30)
    refused("LIC-02", L.check_extension, CAL, clock, wd(21), "需征求交警部门意见")
    refused("LIC-02", L.check_extension, CAL, clock, wd(5), "")
    refused("LIC-02", L.check_extension, CAL, L.DecisionClock(MON, extended=True), wd(5), "再次延长")


def test_LIC_11_joint_handling_45_plus_15():
    joint = L.DecisionClock(MON, joint=True)
    assert L.check_decision_in_time(CAL, joint, wd(45)) == 0
    refused("LIC-11", L.check_decision_in_time, CAL, joint, wd(46))
    assert L.DecisionClock(MON, extended=True, joint=True).due(CAL) == wd(60)


def test_LIC_04_the_hearing_pause_is_not_counted():
    requested, held = wd(10), wd(25)
    paused = L.paused_days(CAL, requested, held)
    assert paused == 15
    clock = L.DecisionClock(MON, paused_days=paused)
    assert clock.due(CAL) == wd(35)
    assert L.check_decision_in_time(CAL, clock, wd(35)) == 0
    refused("LIC-02", L.check_decision_in_time, CAL, clock, wd(36))


def test_LIC_05_hearing_request_5_organise_20_notice_7_presider_not_reviewer():
    told = MON
    ok = dict(told_on=told, requested_on=wd(5), notice_on=wd(6), held_on=wd(13), presider="张主持",
              reviewers={"李审查"})
    L.check_hearing(CAL, **ok)  # notice on the 7th WD before the hearing: in time
    refused("LIC-05", L.check_hearing, CAL, **{**ok, "requested_on": wd(6), "notice_on": wd(6)})
    refused("LIC-05", L.check_hearing, CAL, **{**ok, "held_on": wd(26)})  # 21 WD after the request
    L.check_hearing(CAL, **{**ok, "held_on": wd(25), "notice_on": wd(18)})  # the 20th WD
    refused("LIC-05", L.check_hearing, CAL, **{**ok, "notice_on": wd(7)})  # 6 WD before
    refused("LIC-05", L.check_hearing, CAL, **{**ok, "presider": "李审查"})


def test_LIC_03_LIC_07_certificate_10_and_publication_7_working_days():
    assert L.CERTIFICATE.end(CAL, MON) == wd(10)
    assert L.PUBLICATION.end(CAL, MON) == wd(7)


def test_LIC_06_renewal_30_working_days_before_expiry_and_deemed_renewed():
    until = date(2026, 9, 30)
    last = L.renewal_last_day(CAL, until)
    assert add_working_days(CAL, last, 30) == until
    L.check_renewal_application(CAL, until, last)
    refused("LIC-06", L.check_renewal_application, CAL, until, last + timedelta(days=1))
    refused("LIC-06", L.check_renewal_application, CAL, until, until + timedelta(days=1))
    assert not L.deemed_renewed(until, True, False, until)
    assert L.deemed_renewed(until, True, False, until + timedelta(days=1))
    assert not L.deemed_renewed(until, True, True, until + timedelta(days=1))
    assert not L.deemed_renewed(until, False, False, until + timedelta(days=1))
    L.check_renewal_decision(until, until)
    refused("LIC-06", L.check_renewal_decision, until, until + timedelta(days=1))


def test_LIC_09_no_dig_at_5_years_minus_and_plus_a_day_and_3_after_a_major_repair():
    opened = date(2021, 6, 15)
    end = L.no_dig_until(opened, False)
    assert end == date(2026, 6, 15)
    refused("LIC-09", L.check_no_dig, opened, False, end - timedelta(days=1), "")
    refused("LIC-09", L.check_no_dig, opened, False, end, "")
    L.check_no_dig(opened, False, end + timedelta(days=1), "")
    L.check_no_dig(opened, False, end - timedelta(days=1), "株政函〔2026〕12号")  # the government approved
    repaired = date(2023, 6, 15)
    refused("LIC-09", L.check_no_dig, repaired, True, date(2026, 6, 14), "")
    L.check_no_dig(repaired, True, date(2026, 6, 16), "")
    assert L.no_dig_until(date(2024, 2, 29), False) == date(2029, 2, 28)


def test_LIC_09_emergency_catch_up_within_24_hours():
    dug = datetime(2026, 3, 2, 22, 0)
    assert L.emergency_late_hours(dug, dug + timedelta(hours=24)) == 0
    assert L.emergency_late_hours(dug, dug + timedelta(hours=24, minutes=1)) == 1
    assert L.emergency_late_hours(dug, dug + timedelta(hours=30)) == 6


def test_LIC_10_replanting_and_ancient_trees():
    L.check_trees(True, "补植香樟3株", False, "")
    refused("LIC-10", L.check_trees, True, "", False, "")
    refused("LIC-10", L.check_trees, True, "补植", True, "株政批〔2026〕1号")
    refused("LIC-10", L.check_trees, False, "", True, "")
    L.check_trees(False, "", True, "株政批〔2026〕1号")


def test_LIC_08_fees_by_the_standard_waivers_with_basis():
    assert L.fee(420.0, 12.5, 30, False) == 5250.0
    assert L.fee(3.0, 20, 30, True) == 1800.0
    assert L.fee(None, 20, 30, True) == 0.0
    refused("LIC-08", L.check_fee, False, False, "", "N001")
    refused("LIC-08", L.check_fee, True, True, "", "")
    refused("LIC-08", L.check_fee, True, False, "", "")
    L.check_fee(True, True, "抢险救灾工程，依据省财政厅规定免收", "")


def test_LIC_ITEM_quantity_limit():
    L.check_quantity(100, "平方米", 100)
    refused("LIC-ITEM", L.check_quantity, 100, "平方米", 100.5)

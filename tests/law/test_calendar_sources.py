"""DAY-07: where the law calendar's days come from. default_calendar() is cached, so these call the loaders
themselves: the package's State Council tables with Chinese names, 调休 working days kept as working days,
and the bundled file (no entries yet); a later entry for the same day overrides an earlier one."""
from datetime import date

from fazhi.law.calendar import LawCalendar, SpecialDay, _bundled_days, _package_days, default_calendar


def test_DAY_07_package_days_carry_chinese_names_and_makeup_working_days():
    days, years = _package_days()
    by_day = {d.day: d for d in days}
    assert {2007, 2025, 2026} <= years
    assert by_day[date(2026, 10, 1)] == SpecialDay(date(2026, 10, 1), True, "国庆节")
    assert by_day[date(2026, 9, 20)] == SpecialDay(date(2026, 9, 20), False, "国庆节")  # a 调休 Sunday
    assert by_day[date(2026, 1, 4)] == SpecialDay(date(2026, 1, 4), False, "元旦")
    assert len(days) == len(by_day)


def test_DAY_07_bundled_file_adds_nothing_yet():
    assert _bundled_days() == ([], set())


def test_DAY_07_default_calendar_is_the_package_and_the_bundled_file():
    days, years = _package_days()
    cal = default_calendar()
    assert cal.known_years == frozenset(years)
    assert cal.is_working_day(date(2026, 9, 20)) and cal.is_rest_day(date(2026, 10, 1))


def test_DAY_07_a_later_entry_for_the_same_day_wins():
    d = date(2030, 1, 5)  # a Saturday
    cal = LawCalendar([SpecialDay(d, True, "元旦"), SpecialDay(d, False, "元旦")], {2030})
    assert cal.is_working_day(d) and cal.holiday_name(d) == "元旦（调休上班）"
    cal = LawCalendar([SpecialDay(d, False, "元旦"), SpecialDay(d, True, "春节")], {2030})
    assert cal.is_rest_day(d) and cal.holiday_name(d) == "春节"
    assert LawCalendar([SpecialDay(date(2030, 1, 1), True, "元旦")], {2030}).holiday_name(date(2030, 1, 1)) == "元旦"

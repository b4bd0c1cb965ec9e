"""DAY-01..DAY-07: the calendar agrees with the official notices (independent copy in shared/data/holiday-cn)
on every listed day, and period arithmetic counts the way each law says."""
import json
from datetime import date, timedelta

import pytest

from fazhi.law.calendar import CalendarUnknown, LawCalendar, SpecialDay, default_calendar
from fazhi.law.periods import (
    add_calendar_days,
    add_months,
    add_working_days,
    roll_to_working_day,
    working_days_after,
)

# CI clones the repository with shared/ beside it; FAZHI_SHARED_DIR points elsewhere when it is not.
from tests.shared import SHARED

HOLIDAY_CN = SHARED / "data" / "holiday-cn"
CAL = default_calendar()


def _official_days():
    for year in range(2007, 2027):
        data = json.loads((HOLIDAY_CN / f"{year}.json").read_text("utf-8"))
        for d in data["days"]:
            yield date.fromisoformat(d["date"]), d["isOffDay"], d["name"]


def test_DAY_07_calendar_agrees_with_official_notices_2007_2026():
    days = list(_official_days())
    assert len(days) > 600
    mismatches = [(d, off) for d, off, _ in days if CAL.is_working_day(d) == off]
    assert mismatches == []


def test_DAY_07_ordinary_days_follow_the_week_in_known_years():
    official = {d for d, _, _ in _official_days()}
    d = date(2007, 1, 1)
    while d <= date(2026, 12, 31):
        if d not in official:
            assert CAL.is_working_day(d) == (d.weekday() < 5), d
        d += timedelta(days=1)


def test_DAY_07_unknown_year_is_an_explicit_error_not_a_weekend_guess():
    with pytest.raises(CalendarUnknown) as e:
        CAL.is_working_day(date(2027, 1, 4))
    assert e.value.code == "DAY-07" and "2027" in e.value.message


def test_DAY_07_a_bureau_can_add_a_newly_announced_year():
    cal = CAL.with_days([SpecialDay(date(2027, 1, 1), True, "元旦")], [2027])
    assert cal.is_working_day(date(2027, 1, 1)) is False
    assert cal.is_working_day(date(2027, 1, 4)) is True


def test_DAY_01_working_days_skip_national_day_and_count_makeup_saturday():
    # 2025: 10-01..10-08 off; 09-28 (Sun) and 10-11 (Sat) are 调休 working days.
    assert CAL.is_working_day(date(2025, 9, 28)) and CAL.is_working_day(date(2025, 10, 11))
    # 5 working days after Tue 2025-09-30: 10-09, 10-10, 10-11 (Sat, 调休), 10-13, 10-14.
    assert add_working_days(CAL, date(2025, 9, 30), 5) == date(2025, 10, 14)
    assert add_working_days(CAL, date(2025, 9, 30), 0) == date(2025, 9, 30)


def test_DAY_01_working_days_after_counts_the_nth_day():
    notice = date(2026, 3, 2)  # Monday
    assert working_days_after(CAL, notice, date(2026, 3, 9)) == 5   # Mon next week = 5th WD
    assert working_days_after(CAL, notice, date(2026, 3, 10)) == 6
    assert working_days_after(CAL, notice, notice) == 0


def test_DAY_02_enforcement_ten_days_are_working_days():
    # 10 WD after Fri 2026-01-30 crosses two weekends: 02-13 (Fri).
    assert add_working_days(CAL, date(2026, 1, 30), 10) == date(2026, 2, 13)


def test_DAY_04_reconsideration_short_periods_are_working_days():
    # Spring Festival 2026 (02-15..02-23 off, 02-14 Sat and 02-28 Sat are working days).
    start = date(2026, 2, 13)
    assert add_working_days(CAL, start, 3) == date(2026, 2, 25)


def test_DAY_05_calendar_period_start_day_not_counted():
    assert add_calendar_days(CAL, date(2026, 3, 2), 15) == date(2026, 3, 17)


def test_DAY_05_calendar_period_ending_on_a_holiday_rolls_to_next_working_day():
    # 15 days from 2025-09-16 ends 2025-10-01 (National Day) → first working day after: 2025-10-09.
    assert add_calendar_days(CAL, date(2025, 9, 16), 15) == date(2025, 10, 9)
    # ending on a Sunday rolls to Monday
    assert add_calendar_days(CAL, date(2026, 3, 7), 15) == date(2026, 3, 23)
    assert roll_to_working_day(CAL, date(2026, 3, 23)) == date(2026, 3, 23)


def test_DAY_05_month_periods_use_the_corresponding_day_or_month_end():
    # 2026-02-28 is a Saturday but a 调休 working day: the period ends on it, no roll.
    assert add_months(CAL, date(2025, 8, 31), 6) == date(2026, 2, 28)
    assert add_months(CAL, date(2025, 9, 30), 6) == date(2026, 3, 30)
    assert add_months(CAL, date(2026, 1, 15), 3) == date(2026, 4, 15)


def test_DAY_05_calendar_override_order_later_source_wins():
    cal = LawCalendar([SpecialDay(date(2026, 5, 9), False, "a"), SpecialDay(date(2026, 5, 9), True, "b")], [2026])
    assert cal.is_working_day(date(2026, 5, 9)) is False

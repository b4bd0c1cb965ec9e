"""Statutory period arithmetic (DAY-01..DAY-05).

Two kinds of period exist in the laws we enforce, and which applies is law, not taste:

* Working-day periods (DAY-01 行政处罚法 Art 85, DAY-02 行政强制法 Art 69, DAY-03 行政许可法 Art 82,
  DAY-04 行政复议法 Art 88): "N日" counts only working days, excluding statutory holidays and including
  调休 working days.
* Calendar periods (DAY-05, 民事诉讼法 Art 85): the start day is not counted; if the last day is a
  法定休假日 the period ends on the first day after it.

In both, the day of the triggering event is not counted, so "within 5 working days of the notice on day T"
means: on or before the 5th working day after T.
"""
from __future__ import annotations

import calendar as _cal
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from fazhi.law.basis import Basis
from fazhi.law.calendar import CalendarUnknown, LawCalendar
from fazhi.law.laws import MSSS, XZCF, XZFY, XZQZ, XZXK


class DayKind(StrEnum):
    WORKING = "WD"
    CALENDAR = "CD"
    MONTHS = "M"
    HOURS = "H"


DAY_RULES = {
    "DAY-01": Basis(XZCF, 85),
    "DAY-02": Basis(XZQZ, 69),
    "DAY-03": Basis(XZXK, 82),
    "DAY-04": Basis(XZFY, 88),
    "DAY-05": Basis(MSSS, 85),
}


def add_working_days(cal: LawCalendar, start: date, n: int) -> date:
    """The n-th working day after `start` (start not counted). n=0 gives `start` itself."""
    if n < 0:
        raise ValueError("n must be ≥ 0")
    day = start
    remaining = n
    while remaining:
        day += timedelta(days=1)
        if cal.is_working_day(day):
            remaining -= 1
    return day


def _likely_working(cal: LawCalendar, day: date) -> tuple[bool, bool]:
    """Whether `day` is a working day, and whether that is an estimate: in a year whose holiday table is not yet
    entered (DAY-07) a weekday other than 1 January (元旦, a holiday every year: 全国年节及纪念日放假办法 Art 2) is
    taken for a working day."""
    if day.year in cal.known_years:
        return cal.is_working_day(day), False
    return day.weekday() < 5 and (day.month, day.day) != (1, 1), True


def working_days_estimated(cal: LawCalendar, start: date, day: date) -> tuple[int, bool]:
    """working_days_after for a bureau's own target or a 一般 rule (never a statutory deadline, which waits for the
    table: Period.reckon): days in a year without a holiday table are estimated (`_likely_working`); the flag says
    whether any was."""
    count, estimated = 0, False
    d = start
    while d < day:
        d += timedelta(days=1)
        working, guessed = _likely_working(cal, d)
        count += working
        estimated |= guessed
    return count, estimated


def add_working_days_estimated(cal: LawCalendar, start: date, n: int) -> tuple[date, bool]:
    """add_working_days for a bureau's own target (see working_days_estimated)."""
    if n < 0:
        raise ValueError("n must be ≥ 0")
    day, remaining, estimated = start, n, False
    while remaining:
        day += timedelta(days=1)
        working, guessed = _likely_working(cal, day)
        remaining -= working
        estimated |= guessed
    return day, estimated


def working_days_after(cal: LawCalendar, start: date, day: date) -> int:
    """How many working days lie after `start` up to and including `day` (0 if day ≤ start).

    A request made on the 5th working day after the notice gives 5 (in time for a 5-day period); on the
    6th, 6 (late)."""
    count = 0
    d = start
    while d < day:
        d += timedelta(days=1)
        if cal.is_working_day(d):
            count += 1
    return count


def working_day_before(cal: LawCalendar, later: date, n: int) -> date:
    """DAY-05 counting back: the last day on which a step required "N日前" of a later event is in time.

    The later event's day is not counted (as the start day is not counted forward); the n-th working day before
    it is the last day allowed. A hearing on the 7th working day after its notice therefore has the notice in
    time (the notice day is the 7th working day before the hearing); on the 6th working day it is late. One
    function for every "N日前" period (听证通知 PEN-11, and the 许可/处分 hearings and notices that follow it)."""
    if n < 1:
        raise ValueError("n must be ≥ 1")
    day = later
    remaining = n
    while remaining:
        day -= timedelta(days=1)
        if cal.is_working_day(day):
            remaining -= 1
    return day


def roll_to_working_day(cal: LawCalendar, day: date) -> date:
    """DAY-05: a period whose last day is a 法定休假日 ends on the first working day after it."""
    while cal.is_rest_day(day):
        day += timedelta(days=1)
    return day


def add_calendar_days(cal: LawCalendar, start: date, n: int) -> date:
    """DAY-05 calendar period of n days from `start` (start not counted), rolled past rest days."""
    return roll_to_working_day(cal, start + timedelta(days=n))


def add_months_raw(start: date, months: int) -> date:
    """The same day-of-month `months` later; the month's last day where that day does not exist."""
    y, m = divmod(start.month - 1 + months, 12)
    year, month = start.year + y, m + 1
    last = _cal.monthrange(year, month)[1]
    return date(year, month, min(start.day, last))


def add_months(cal: LawCalendar, start: date, months: int) -> date:
    """DAY-05 month period (e.g. 6-month 起诉期限, 3-month 非诉执行 window), rolled past rest days."""
    return roll_to_working_day(cal, add_months_raw(start, months))


@dataclass(frozen=True)
class Reckoned:
    """A period's end as far as the calendar allows (DAY-07 without a cliff).

    `due` is the last day; `provisional` marks a calendar-day period whose unrolled last day falls where the
    holiday table is not yet entered: the day is known, only a roll past a rest day is not ("末日如遇节假日顺延"),
    and a roll only lengthens the period, so the day is a safe lower bound. A working-day period into an
    unknown year has no `due`; `note` says what is known and why."""

    due: date | None
    provisional: bool = False
    note: str = ""
    unknown_year: int | None = None


def _known_until(cal: LawCalendar, start: date, year: int) -> int:
    """Working days after `start` up to the end of the year before `year` (0 if `start` is later)."""
    last = date(year - 1, 12, 31)
    return working_days_after(cal, start, last) if last > start else 0


@dataclass(frozen=True)
class Period:
    """A statutory period: how long, in what unit, under which rule."""

    rule: str
    length: int
    kind: DayKind
    basis: Basis
    label: str

    def end(self, cal: LawCalendar, start: date) -> date:
        if self.kind is DayKind.WORKING:
            return add_working_days(cal, start, self.length)
        if self.kind is DayKind.CALENDAR:
            return add_calendar_days(cal, start, self.length)
        if self.kind is DayKind.MONTHS:
            return add_months(cal, start, self.length)
        raise ValueError(self.kind)

    def reckon(self, cal: LawCalendar, start: date) -> Reckoned:
        """The end, or what is known of it while a year's holiday table is missing; never raises DAY-07."""
        try:
            return Reckoned(self.end(cal, start))
        except CalendarUnknown as e:
            if self.kind is DayKind.CALENDAR:
                raw = start + timedelta(days=self.length)
            elif self.kind is DayKind.MONTHS:
                raw = add_months_raw(start, self.length)
            else:
                done = _known_until(cal, start, e.year)
                return Reckoned(None, False,
                                f"自{start:%Y年%m月%d日}起{self.describe()}：至{e.year - 1}年12月31日已计{done}个工作日，"
                                f"其余{self.length - done}个工作日待{e.year}年节假日安排录入后确定", e.year)
            return Reckoned(raw, True, f"末日如遇节假日顺延（{e.year}年节假日安排尚未录入）", e.year)

    def describe(self) -> str:
        unit = {DayKind.WORKING: "个工作日", DayKind.CALENDAR: "日", DayKind.MONTHS: "个月"}[self.kind]
        return f"{self.length}{unit}"

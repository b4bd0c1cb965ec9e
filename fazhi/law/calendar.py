"""The working-day calendar (DAY-01..DAY-07).

Statutory holidays and 调休 working days are data, announced each year by the State Council (DAY-07). We
combine three sources, later ones overriding earlier ones:

1. the `chinesecalendar` package (official notices 2004–2026),
2. the table bundled with fazhi (`data/holidays.json`), which we extend when a new notice appears,
3. days a bureau records itself (passed in by the Django side from the `core.SpecialDay` table).

A year none of them covers is *unknown*: asking whether one of its days is a working day raises
CalendarUnknown (DAY-07) instead of guessing from weekends, because a wrong guess would move a statutory
deadline.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

from fazhi.law.basis import Basis, RuleViolation
from fazhi.law.laws import HOLIDAY_NOTICE


@dataclass(frozen=True)
class SpecialDay:
    """A day that differs from the Monday–Friday pattern: a holiday (off) or a 调休 working day (on)."""

    day: date
    is_off_day: bool
    name: str = ""


class CalendarUnknown(RuleViolation):
    def __init__(self, year: int):
        super().__init__(
            "DAY-07",
            f"{year}年法定节假日安排尚未录入，涉及该年的期限尚无法确定。"
            f"请机关负责人或系统管理员在“节假日安排”中录入国务院办公厅{year}年节假日安排通知后再办理。",
            Basis(HOLIDAY_NOTICE, note=f"{year}年"),
            year=year,
        )
        self.year = year


class LawCalendar:
    def __init__(self, special_days: Iterable[SpecialDay], known_years: Iterable[int]):
        self._off: dict[date, str] = {}
        self._on: dict[date, str] = {}
        for sd in special_days:
            # A later source overrides an earlier one for the same date.
            self._off.pop(sd.day, None)
            self._on.pop(sd.day, None)
            (self._off if sd.is_off_day else self._on)[sd.day] = sd.name
        self.known_years = frozenset(known_years)

    def with_days(self, special_days: Iterable[SpecialDay], years: Iterable[int]) -> LawCalendar:
        """A calendar with a bureau's own entries layered over this one. A year the bureau entered is taken whole
        from its entries: when the package later gains that year, its days do not mix into the bureau's table
        (the package wins only for years the bureau has entered nothing for)."""
        years = set(years)
        days = [SpecialDay(d, True, n) for d, n in self._off.items() if d.year not in years]
        days += [SpecialDay(d, False, n) for d, n in self._on.items() if d.year not in years]
        return LawCalendar(days + list(special_days), self.known_years | years)

    def check_known(self, day: date) -> None:
        if day.year not in self.known_years:
            raise CalendarUnknown(day.year)

    def is_working_day(self, day: date) -> bool:
        self.check_known(day)
        if day in self._on:
            return True
        if day in self._off:
            return False
        return day.weekday() < 5

    def is_rest_day(self, day: date) -> bool:
        """法定休假日 in the sense of 民事诉讼法 Art 85: statutory holidays and weekly rest days."""
        return not self.is_working_day(day)

    def holiday_name(self, day: date) -> str | None:
        return self._off.get(day) or (None if day not in self._on else f"{self._on[day]}（调休上班）")


_HOLIDAY_NAMES = {
    "New Year's Day": "元旦", "Spring Festival": "春节", "Tomb-sweeping Day": "清明节", "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节", "National Day": "国庆节", "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


def _package_days() -> tuple[list[SpecialDay], set[int]]:
    from chinese_calendar import constants  # type: ignore[import-untyped]

    days = [SpecialDay(d, True, _HOLIDAY_NAMES.get(name, name)) for d, name in constants.holidays.items()]
    days += [SpecialDay(d, False, _HOLIDAY_NAMES.get(name, name)) for d, name in constants.workdays.items()]
    years = {d.year for d in constants.holidays}
    return days, years


def _bundled_days() -> tuple[list[SpecialDay], set[int]]:
    raw = json.loads(resources.files("fazhi.law").joinpath("data/holidays.json").read_text("utf-8"))
    days, years = [], set()
    for year_entry in raw["years"]:
        years.add(int(year_entry["year"]))
        for d in year_entry["days"]:
            days.append(SpecialDay(date.fromisoformat(d["date"]), bool(d["isOffDay"]), d.get("name", "")))
    return days, years


@cache
def default_calendar() -> LawCalendar:
    pkg_days, pkg_years = _package_days()
    own_days, own_years = _bundled_days()
    return LawCalendar(pkg_days + own_days, pkg_years | own_years)

"""The law calendar as the running system sees it: package + bundled data + the bureau's own entries.

Every action needs the calendar, and the bureau's entries change about once a year (when the State Council
announces the next year's holidays). So each process keeps the built calendar and rebuilds it when this
process saves or deletes an entry (signals), and at the latest REFRESH_SECONDS after building it, which
bounds how long another process can run on an older table. A year that is not yet loaded is refused
(DAY-07), never guessed, so the only effect of that delay is that a newly added year is usable a minute later."""
from __future__ import annotations

import time

from django.db.models.signals import post_delete, post_save

from fazhi.law.calendar import LawCalendar, SpecialDay, default_calendar

REFRESH_SECONDS = 60
_cached: tuple[float, LawCalendar] | None = None


def _build() -> LawCalendar:
    from fazhi.core.models import HolidayYear
    from fazhi.core.models import SpecialDay as Row

    years = list(HolidayYear.objects.values_list("year", flat=True))
    if not years:
        return default_calendar()
    days = [SpecialDay(r.day, r.is_off_day, r.name) for r in Row.objects.all()]
    return default_calendar().with_days(days, years)


def law_calendar() -> LawCalendar:
    global _cached
    now = time.monotonic()
    if _cached is None or now - _cached[0] > REFRESH_SECONDS:
        _cached = (now, _build())
    return _cached[1]


REMIND_FROM_MONTH = 11  # the notice usually appears in October–November; remind from 1 November


def missing_next_year(today) -> int | None:
    """Next year, if from 1 November it still has no holiday table (the 工作台 banner for leaders/admins)."""
    if today.month < REMIND_FROM_MONTH:
        return None
    nxt = today.year + 1
    return None if nxt in law_calendar().known_years else nxt


def forget_calendar(**_kwargs) -> None:
    global _cached
    _cached = None


def connect_signals() -> None:
    from fazhi.core.models import HolidayYear
    from fazhi.core.models import SpecialDay as Row

    for model in (HolidayYear, Row):
        post_save.connect(forget_calendar, sender=model, dispatch_uid=f"calendar-save-{model.__name__}")
        post_delete.connect(forget_calendar, sender=model, dispatch_uid=f"calendar-delete-{model.__name__}")

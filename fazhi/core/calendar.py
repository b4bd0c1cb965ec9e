"""The law calendar as the running system sees it: package + bundled data + the bureau's own entries."""
from __future__ import annotations

from fazhi.law.calendar import LawCalendar, SpecialDay, default_calendar


def law_calendar() -> LawCalendar:
    from fazhi.core.models import HolidayYear
    from fazhi.core.models import SpecialDay as Row

    years = list(HolidayYear.objects.values_list("year", flat=True))
    if not years:
        return default_calendar()
    days = [SpecialDay(r.day, r.is_off_day, r.name) for r in Row.objects.all()]
    return default_calendar().with_days(days, years)

"""涉企行政检查's own period (INS-08): the result is published within 20 working days of the inspection.

The limit often runs into the next year, so in December it may depend on a holiday table not yet entered
(DAY-07). The inspection is then recorded with its limit pending, as case deadlines are, instead of being
refused: the limit is settled when the table is entered, and a publication made within the working days
already known is on time without it."""
from __future__ import annotations

from datetime import date

from fazhi.law.calendar import LawCalendar
from fazhi.law.periods import DayKind, Period, working_days_after
from fazhi.law.rules import basis

RESULT_PUBLICATION = Period("INS-08", 20, DayKind.WORKING, basis("INS-08"), "抽查检查结果公示")


def publication_due(cal: LawCalendar, inspected_on: date) -> date | None:
    """The last day to publish, or None while it depends on a year whose holiday table is missing."""
    return RESULT_PUBLICATION.reckon(cal, inspected_on).due


def published_late(cal: LawCalendar, inspected_on: date, published_on: date) -> bool | None:
    """Whether a publication on `published_on` missed INS-08; None when that cannot be known yet (the limit
    runs into a year without a holiday table and the publication falls after the working days known)."""
    r = RESULT_PUBLICATION.reckon(cal, inspected_on)
    if r.due is not None:
        return published_on > r.due
    if r.unknown_year is not None and published_on.year < r.unknown_year:
        return working_days_after(cal, inspected_on, published_on) > RESULT_PUBLICATION.length
    return None

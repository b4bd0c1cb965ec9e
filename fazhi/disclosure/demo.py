"""The demo's published decisions: most within 7 working days, a few late, one withdrawn (fixed seed)."""
from __future__ import annotations

import random
from datetime import date

from fazhi.cases.models import PenaltyCase
from fazhi.core.calendar import law_calendar
from fazhi.disclosure import actions as P
from fazhi.law.calendar import CalendarUnknown
from fazhi.law.periods import add_working_days, add_working_days_estimated


def build_publications(staff, rng: random.Random, today: date) -> int:
    n = 0
    cal = law_calendar()
    for case in PenaltyCase.objects.exclude(decision_no="").exclude(decided_on=None).select_related("bureau"):
        bs = next((b for b in staff.values() if b.bureau.pk == case.bureau_id), None)
        if bs is None or rng.random() < 0.15:  # not every decision has 一定社会影响
            continue
        try:
            on = add_working_days(cal, case.decided_on, rng.choice([1, 2, 3, 4, 5, 6, 7, 7, 8, 10]))
        except CalendarUnknown:
            continue
        if on > today:
            continue
        p = P.publish(case, by=bs.head, on=on)
        n += 1
        if n % 40 == 0 and p.published_on < today:
            P.withdraw(p, by=bs.head, on=min(today, add_working_days_estimated(cal, p.published_on, 2)[0]),
                       reason="经行政复议变更", changed_on=p.published_on)
    return n

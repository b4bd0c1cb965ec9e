"""The clocks of an application on the working-day calendar (DAY-03), as the row keeps them: the 一次告知 day
(LIC-01), the decision day (LIC-02/04/11), the certificate day (LIC-03), the publication day (LIC-07) and the
renewal's expiry (LIC-06); the nearest open one mirrored in next_due so the board is one indexed filter. A day in
a year whose holiday table is not entered yet is unknown (None), never guessed (DAY-07)."""
from __future__ import annotations

from datetime import date

from fazhi.core.calendar import law_calendar
from fazhi.law import permits as L
from fazhi.law.calendar import CalendarUnknown
from fazhi.law.periods import Period
from fazhi.permits.models import Permit
from fazhi.permits.models import PermitStatus as S


def iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def clock_of(p: Permit) -> L.DecisionClock:
    start = p.accepted_on or p.received_on
    return L.DecisionClock(start, p.extended_on is not None, p.paused_days, p.joint)


def end_of(period: Period, start: date | None) -> date | None:
    if start is None:
        return None
    return period.reckon(law_calendar(), start).due


def decision_due(p: Permit) -> date | None:
    try:
        return clock_of(p).due(law_calendar())
    except CalendarUnknown:
        return None


def refresh(p: Permit) -> None:
    """Every due day the row keeps, and the nearest open one (next_due, next_due_what)."""
    p.correction_due = end_of(L.CORRECTION, p.received_on)
    if p.status in (S.RECEIVED, S.CORRECTING, S.ACCEPTED, S.HEARING) and not p.decided_on:
        p.decision_due = decision_due(p)
    cands: list[tuple[date, str]] = []
    if p.status == S.RECEIVED and p.correction_due:
        cands.append((p.correction_due, "correction"))
    if p.status in (S.RECEIVED, S.ACCEPTED) and p.decision_due:
        cands.append((p.decision_due, "decision"))
    if p.status == S.HEARING and p.hearing_held_on:
        cands.append((p.hearing_held_on, "hearing"))
    if p.status == S.GRANTED and p.certificate_due:
        cands.append((p.certificate_due, "certificate"))
    if p.status in (S.GRANTED, S.ISSUED) and p.decision == "grant" and not p.published_on and p.publish_due:
        cands.append((p.publish_due, "publication"))
    if p.status == S.ISSUED and p.renewal_applied_on and not p.renewal_decided_on and p.valid_until:
        cands.append((p.valid_until, "renewal"))
    cands.sort()
    p.next_due, p.next_due_what = cands[0] if cands else (None, "")


def step_due(p: Permit, action: str) -> date | None:
    return {"accept": p.correction_due if p.status == S.RECEIVED else p.decision_due,
            "decide": p.decision_due, "record_hearing": p.hearing_held_on,
            "issue_certificate": p.certificate_due, "publish": p.publish_due,
            "decide_renewal": p.valid_until if p.renewal_applied_on and not p.renewal_decided_on else None,
            }.get(action)


def late_days(due: date | None, on: date) -> int:
    """Working days after the due day on which a step that cannot be refused (a certificate, a publication) was
    taken: 0 when in time."""
    if due is None or on <= due:
        return 0
    from fazhi.law.periods import working_days_after

    return working_days_after(law_calendar(), due, on)

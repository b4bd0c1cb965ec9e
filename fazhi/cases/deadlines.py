"""The deadlines an open case is under right now, derived from its recorded facts.

Each is stored on the case (PenaltyCase.deadlines) with its rule ID, and the nearest one in next_due so a
list can filter overdue cases with one indexed condition.

No deadline ever fails to show for want of a year's holiday table (DAY-07): a calendar-day period shows its
unrolled last day at once, marked "末日如遇节假日顺延" (a roll only lengthens it, so the day is a safe lower bound
for "overdue"); a working-day period shows what is known and why. Such a case is marked `calendar_pending`, and
entering the year's table (actions.settle_deadlines) makes every pending deadline concrete."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fazhi.cases.models import PenaltyCase, Status
from fazhi.law.calendar import CalendarUnknown, LawCalendar
from fazhi.law.enforcement import court_application_window
from fazhi.law.penalty import (
    COLLECTED_FINE_HANDOVER,
    HEARING_REQUEST_PERIOD,
    PAYMENT_PERIOD,
    PRESERVATION_PERIOD,
    SERVICE_PERIOD,
    decision_deadline_reckoned,
)
from fazhi.law.periods import Reckoned
from fazhi.law.transfer import transfer_decision_due


@dataclass(frozen=True)
class Due:
    rule: str
    label: str
    due: date | None
    unknown_reason: str = ""
    provisional: bool = False

    @property
    def pending(self) -> bool:
        """Waits for a year's holiday table: no day yet, or a day that may still roll."""
        return self.provisional or self.due is None

    def stored(self) -> dict:
        d = {"rule": self.rule, "label": self.label, "due": self.due.isoformat() if self.due else None,
             "unknown_reason": self.unknown_reason}
        if self.provisional:
            d["provisional"] = True
        return d


def _reckoned(rule: str, label: str, r: Reckoned) -> Due:
    return Due(rule, label, r.due, r.note, r.provisional)


def _compute(rule, label, fn) -> Due:
    try:
        return Due(rule, label, fn())
    except CalendarUnknown as e:
        return Due(rule, label, None, e.message)


def open_deadlines(case: PenaltyCase, cal: LawCalendar, preservations=()) -> list[Due]:
    out: list[Due] = []
    s = case.status
    handover = case.collected_on_spot and not case.handed_over_on and case.paid_on
    if s in (Status.CLOSED, Status.ARCHIVED):
        if handover:
            out.append(_reckoned("PEN-03", "当场收缴罚款交至机关", COLLECTED_FINE_HANDOVER.reckon(cal, case.paid_on)))
        return out
    if case.filed_on and s in (Status.INVESTIGATING, Status.REPORTED, Status.NOTIFIED, Status.HEARING):
        out.append(_reckoned("PEN-06", "作出行政处罚决定",
                             decision_deadline_reckoned(cal, case.filed_on, case.extension_days)))
    for p in preservations:
        if not p.disposed_on:
            if p.due is None:  # concrete once the year's table exists (settle_deadlines saves it)
                out.append(_reckoned("PEN-07", "先行登记保存物品处理决定", PRESERVATION_PERIOD.reckon(cal, p.preserved_on)))
            else:
                out.append(Due("PEN-07", "先行登记保存物品处理决定", p.due))
    if s == Status.NOTIFIED and case.hearing_right and not (case.hearing_requested_on or case.waived_on):
        out.append(_reckoned("PEN-11", "当事人申请听证期限届满", HEARING_REQUEST_PERIOD.reckon(cal, case.notified_on)))
    if s == Status.HEARING and case.hearing_on and not case.hearing_held_on:
        out.append(Due("PEN-11", "举行听证", case.hearing_on))
    if s == Status.DECIDED and case.decided_on:
        out.append(_reckoned("PEN-16", "送达行政处罚决定书", SERVICE_PERIOD.reckon(cal, case.decided_on)))
    unpaid = case.fine > 0 and case.paid_fine < case.fine
    if s == Status.EXECUTING and unpaid and case.served_on:
        if case.payment_due is None:
            due = _reckoned("PEN-17", "缴纳罚款", PAYMENT_PERIOD.reckon(cal, case.served_on))
            if not due.pending:
                case.payment_due = due.due
            out.append(due)
        else:
            out.append(Due("PEN-17", "缴纳罚款", case.payment_due))
    if s == Status.ENFORCING and unpaid and case.demand_served_on and not case.court_applied_on:
        out.append(_compute("ENF-09", "申请人民法院强制执行（最后期限）",
                            lambda: court_application_window(cal, case.served_on, case.demand_served_on)[1]))
    if s == Status.TRANSFERRING and case.transfer_reported_on:
        out.append(Due("TRF-01", "作出是否移送的决定", transfer_decision_due(case.transfer_reported_on)))
    if handover:
        out.append(_reckoned("PEN-03", "当场收缴罚款交至机关", COLLECTED_FINE_HANDOVER.reckon(cal, case.paid_on)))
    return out


def refresh_deadlines(case: PenaltyCase, cal: LawCalendar) -> list[Due]:
    preservations = case.preservations.all() if case.pk and case.open_preservations else ()
    dues = open_deadlines(case, cal, preservations)
    case.deadlines = [d.stored() for d in dues]
    known = [d for d in dues if d.due]
    nearest = min(known, key=lambda d: d.due) if known else None
    case.next_due = nearest.due if nearest else None
    case.next_due_rule = nearest.rule if nearest else ""
    case.calendar_pending = any(d.pending for d in dues) or (
        bool(case.served_on) and case.service_late_days is None and not case.on_spot)
    return dues

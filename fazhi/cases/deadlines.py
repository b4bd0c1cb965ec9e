"""The deadlines an open case is under right now, derived from its recorded facts.

Each is stored on the case (PenaltyCase.deadlines) with its rule ID, and the nearest one in next_due so a
list can filter overdue cases with one indexed condition."""
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
    SERVICE_PERIOD,
    decision_deadline,
)
from fazhi.law.transfer import transfer_decision_due


@dataclass(frozen=True)
class Due:
    rule: str
    label: str
    due: date | None
    unknown_reason: str = ""


def _compute(rule, label, fn) -> Due:
    try:
        return Due(rule, label, fn())
    except CalendarUnknown as e:
        return Due(rule, label, None, e.message)


def open_deadlines(case: PenaltyCase, cal: LawCalendar, preservations=()) -> list[Due]:
    out: list[Due] = []
    s = case.status
    if s in (Status.CLOSED, Status.ARCHIVED):
        if case.collected_on_spot and not case.handed_over_on and case.paid_on:
            out.append(_compute("PEN-03", "当场收缴罚款交至机关",
                                lambda: COLLECTED_FINE_HANDOVER.end(cal, case.paid_on)))
        return out
    if case.filed_on and s in (Status.INVESTIGATING, Status.REPORTED, Status.NOTIFIED, Status.HEARING):
        out.append(_compute("PEN-06", "作出行政处罚决定",
                            lambda: decision_deadline(cal, case.filed_on, case.extension_days)))
    for p in preservations:
        if not p.disposed_on:
            out.append(Due("PEN-07", "先行登记保存物品处理决定", p.due,
                           "" if p.due else "节假日数据未录入，期限无法计算"))
    if s == Status.NOTIFIED and case.hearing_right and not (case.hearing_requested_on or case.waived_on):
        out.append(_compute("PEN-11", "当事人申请听证期限届满",
                            lambda: HEARING_REQUEST_PERIOD.end(cal, case.notified_on)))
    if s == Status.HEARING and case.hearing_on and not case.hearing_held_on:
        out.append(Due("PEN-11", "举行听证", case.hearing_on))
    if s == Status.DECIDED and case.decided_on:
        out.append(_compute("PEN-16", "送达行政处罚决定书", lambda: SERVICE_PERIOD.end(cal, case.decided_on)))
    unpaid = case.fine > 0 and case.paid_fine < case.fine
    if s == Status.EXECUTING and unpaid and case.served_on:
        if case.payment_due is None:
            due = _compute("PEN-17", "缴纳罚款", lambda: PAYMENT_PERIOD.end(cal, case.served_on))
            case.payment_due = due.due
            out.append(due)
        else:
            out.append(Due("PEN-17", "缴纳罚款", case.payment_due))
    if s == Status.ENFORCING and unpaid and case.demand_served_on and not case.court_applied_on:
        out.append(_compute("ENF-09", "申请人民法院强制执行（最后期限）",
                            lambda: court_application_window(cal, case.served_on, case.demand_served_on)[1]))
    if s == Status.TRANSFERRING and case.transfer_reported_on:
        out.append(Due("TRF-01", "作出是否移送的决定", transfer_decision_due(case.transfer_reported_on)))
    if case.collected_on_spot and not case.handed_over_on and case.paid_on:
        out.append(_compute("PEN-03", "当场收缴罚款交至机关",
                            lambda: COLLECTED_FINE_HANDOVER.end(cal, case.paid_on)))
    return out


def refresh_deadlines(case: PenaltyCase, cal: LawCalendar) -> list[Due]:
    preservations = case.preservations.all() if case.pk and case.open_preservations else ()
    dues = open_deadlines(case, cal, preservations)
    case.deadlines = [{"rule": d.rule, "label": d.label, "due": d.due.isoformat() if d.due else None,
                       "unknown_reason": d.unknown_reason} for d in dues]
    known = [d for d in dues if d.due]
    nearest = min(known, key=lambda d: d.due) if known else None
    case.next_due = nearest.due if nearest else None
    case.next_due_rule = nearest.rule if nearest else ""
    return dues

"""Entry points other contexts call, which are not rows of the workflow table: the disputes context's
`dispute_opened`/`dispute_ended` (DESIGN: disputes → cases; cases imports nothing upward), and `settle_deadlines`,
registered with the core (core/registry.py) to run once a year's holiday table is entered (DAY-07)."""
from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from fazhi.cases.actions.execution import payment_due
from fazhi.cases.actions.machinery import (
    CASE_ROWS,
    _date_order,
    _finish,
    _lateness,
    _snapshot,
    decision_changed,
)
from fazhi.cases.deadlines import refresh_deadlines
from fazhi.cases.models import PenaltyCase, Procedure, Status
from fazhi.cases.workflow import BOTH as BOTH_PROCEDURES
from fazhi.cases.workflow import Actor, Transition
from fazhi.core.calendar import law_calendar
from fazhi.core.errors import NotPermitted
from fazhi.law.penalty import COLLECTED_FINE_HANDOVER, PRESERVATION_PERIOD, SERVICE_PERIOD
from fazhi.law.rules import violation

# --- the hook the disputes context calls (DESIGN: disputes → cases; cases imports nothing upward) ----------------
# A 复议 or 诉讼 is a record of its own (fazhi.disputes, DSP-01). What the penalty case needs of it is received here:
# while it is pending the late fee does not accrue (PEN-18) though execution goes on (PEN-19); when its final
# result changes or voids the decision, the publication comes down in the same transaction (PEN-29). The disputes
# action decides the result and whether it changes the decision; these functions only apply it to the case.

DISPUTE_SOURCES = (Status.DECIDED, Status.EXECUTING, Status.ENFORCING, Status.CLOSED, Status.ARCHIVED)
_HOOKS = {
    "dispute_opened": Transition("dispute_opened", "复议/诉讼登记（加处罚款暂停计算）", BOTH_PROCEDURES,
                                 DISPUTE_SOURCES, None, Actor.LEADER, ("PEN-18", "PEN-19")),
    "dispute_ended": Transition("dispute_ended", "复议/诉讼终结", BOTH_PROCEDURES, DISPUTE_SOURCES, None,
                                Actor.LEADER, ("PEN-18", "PEN-29", "REV-07")),
}


def _dispute_hook(name: str, case: PenaltyCase, by, on: date, body) -> PenaltyCase:
    t = _HOOKS[name]
    with transaction.atomic():
        case = CASE_ROWS.lock(case.pk)
        loaded = _snapshot(case)
        if not by.is_superuser and (by.entity is None or by.entity.pk != case.bureau_id):
            raise NotPermitted(f"只有本案执法主体（{case.bureau.name}）的工作人员可以登记本案的复议、诉讼")
        if case.status not in t.sources or not case.decided_on:
            raise violation("CASE-STATE", f"案件当前状态为“{case.get_status_display()}”，尚未作出处罚决定，"
                            "不能登记复议、诉讼", status=case.status)
        if on > timezone.localdate():
            raise violation("CASE-DATE", "办理日期不得晚于今天")
        _date_order(on, "复议、诉讼日期", case.decided_on, "处罚决定日期")
        cal = law_calendar()
        return _finish(case, t, by, on, cal, body(case) or {}, loaded)


def dispute_opened(case: PenaltyCase, *, by, on: date, dispute: str, kind: str, body: str) -> PenaltyCase:
    """A 复议/诉讼 on this decision was applied for on `on`: the late fee pauses from that day (PEN-18)."""
    def apply(case):
        if any(p.get("dispute") == dispute for p in case.late_fee_pauses):
            raise violation("PEN-18", "该复议或诉讼已登记")
        case.late_fee_pauses = case.late_fee_pauses + [{"start": on.isoformat(), "end": None, "kind": kind,
                                                        "body": body, "dispute": dispute}]
        return {"kind": kind, "body": body, "dispute": dispute}
    return _dispute_hook("dispute_opened", case, by, on, apply)


def dispute_ended(case: PenaltyCase, *, by, on: date, dispute: str, result: str, result_label: str,
                  changes_decision: bool) -> PenaltyCase:
    """The dispute's final result (REV-07): its pause ends on `on`; a result that changes or voids the decision
    takes the decision's publication down in the same transaction (disclosure listens; PEN-29). A 再审 may end a
    dispute again: the pause stays ended and the new result is recorded."""
    def apply(case):
        pauses = [dict(p) for p in case.late_fee_pauses]
        mine = [p for p in pauses if p.get("dispute") == dispute]
        for p in mine:
            _date_order(on, "复议、诉讼终结日期", date.fromisoformat(p["start"]), "复议、诉讼登记日期")
            if not p.get("end"):
                p["end"] = on.isoformat()
            p["result"] = result_label
        case.late_fee_pauses = pauses
        if changes_decision:
            decision_changed.send(PenaltyCase, case=case, by=by, on=on, result=result)
        return {"result": result_label, "dispute": dispute, "kind": mine[0].get("kind", "") if mine else "",
                "changes_decision": changes_decision}
    return _dispute_hook("dispute_ended", case, by, on, apply)
# --- the year's holiday table entered (DAY-07) ---------------------------------------------------------

SETTLE = Transition("settle_deadlines", "节假日安排录入，期限确定", (Procedure.GENERAL, Procedure.SIMPLE), (), None,
                    Actor.LEADER, ("DAY-07",))
MET_PERIODS = {"PEN-16": SERVICE_PERIOD, "PEN-07": PRESERVATION_PERIOD, "PEN-03": COLLECTED_FINE_HANDOVER}


def settle_deadlines(*, by, on: date) -> int:
    """DAY-07: once a year's holiday table is entered, every deadline that waited for it becomes concrete — the
    payment period, a preservation's disposal limit, a provisional last day rolled past the new rest days, and the
    lateness of a step already taken. Each case changes in its own transaction with its event (actor: who entered
    the table); returns how many cases changed. Not a workflow step: no state changes, no case date moves."""
    from fazhi.core.calendar import forget_calendar

    forget_calendar()
    cal = law_calendar()
    changed = 0
    for pk in PenaltyCase.objects.filter(calendar_pending=True).values_list("pk", flat=True):
        with transaction.atomic():
            case = CASE_ROWS.lock(pk)
            loaded = _snapshot(case)
            if case.payment_due is None:
                case.payment_due = payment_due(cal, case)
            met = []
            for m in case.met_deadlines:
                if m.get("late_days") is None and m.get("rule") in MET_PERIODS and m.get("from"):
                    due, late_days = _lateness(cal, MET_PERIODS[m["rule"]], date.fromisoformat(m["from"]),
                                               date.fromisoformat(m["on"]))
                    m = {**m, "due": due.isoformat() if due else m.get("due"), "late_days": late_days}
                    if m["rule"] == "PEN-16":
                        case.service_late_days = late_days
                met.append(m)
            case.met_deadlines = met
            for p in case.preservations.filter(due__isnull=True):
                r = PRESERVATION_PERIOD.reckon(cal, p.preserved_on)
                if r.due and not r.provisional:
                    p.due = r.due
                    if p.disposed_on and p.late_days is None:
                        p.late_days = max(0, (p.disposed_on - p.due).days)
                    p.save()
            refresh_deadlines(case, cal)
            if all(getattr(case, a) == loaded[a] for a in ("deadlines", "payment_due", "met_deadlines",
                                                           "service_late_days", "calendar_pending")):
                continue
            _finish(case, SETTLE, by, on, cal, loaded=loaded, touch=False, data={
                "deadlines": case.deadlines, "payment_due": case.payment_due.isoformat() if case.payment_due else None,
                "met_deadlines": case.met_deadlines})
            changed += 1
    return changed

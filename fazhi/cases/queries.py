"""Read side of cases: what a list row and a case page show. Used by the API and the staff UI alike."""
from __future__ import annotations

from datetime import date

from django.db.models import Prefetch
from django.utils import timezone

from fazhi.cases.models import CaseOfficer, PenaltyCase, Status
from fazhi.cases.workflow import TRANSITIONS
from fazhi.core.models import Event
from fazhi.core.workflow import offered


def deadline_view(d: dict, today: date) -> dict:
    due = date.fromisoformat(d["due"]) if d["due"] else None
    days_left = (due - today).days if due else None
    from fazhi.law.rules import RULES

    return {"rule": d["rule"], "label": d["label"], "due": due, "days_left": days_left,
            "basis": str(RULES[d["rule"]].basis) if d["rule"] in RULES else "",
            "overdue": days_left is not None and days_left < 0, "unknown_reason": d["unknown_reason"],
            "provisional": bool(d.get("provisional"))}


def met_view(m: dict) -> dict:
    """A deadline already met: on time, late with its days, or (None) late-unknown until the year's table."""
    return {"rule": m["rule"], "label": m["label"], "due": date.fromisoformat(m["due"]) if m.get("due") else None,
            "on": date.fromisoformat(m["on"]), "late": bool(m.get("late_days")), "late_days": m.get("late_days")}


# What a list says of a case's nearest deadline (its rule ID stays behind the basis disclosure on the case page).
DUE_LABELS = {
    "PEN-03": "当场收缴罚款交至机关", "PEN-06": "作出处罚决定", "PEN-07": "登记保存物品处理", "PEN-11": "听证",
    "PEN-16": "送达决定书", "PEN-17": "缴纳罚款", "ENF-09": "申请法院强制执行", "TRF-01": "决定是否移送",
}


def list_row(c: PenaltyCase, today: date) -> dict:
    return {
        "uuid": c.uuid, "case_no": c.case_no, "decision_no": c.decision_no, "procedure": c.procedure,
        "status": c.status, "status_label": c.get_status_display(), "party_name": c.party_name, "cause": c.cause,
        "bureau": c.bureau.short_name, "discovered_on": c.discovered_on, "filed_on": c.filed_on,
        "fine": c.fine if c.decided_on else c.proposed_fine, "next_due": c.next_due,
        "next_due_rule": c.next_due_rule, "next_due_label": DUE_LABELS.get(c.next_due_rule, "办案期限"),
        "overdue": bool(c.next_due and c.next_due < today),
        "version": c.version,
    }


def list_queryset(user, under: str | None = None):
    return PenaltyCase.objects.visible_to(user, under).select_related("bureau").only(
        "uuid", "case_no", "decision_no", "procedure", "status", "party_name", "cause", "bureau__short_name",
        "discovered_on", "filed_on", "fine", "proposed_fine", "decided_on", "next_due", "next_due_rule", "version",
    )


def detail_queryset(user):
    return PenaltyCase.objects.visible_to(user).select_related("bureau", "squad", "hearing_presider").prefetch_related(
        Prefetch("officers", queryset=CaseOfficer.objects.select_related("staff")), "evidence",
        "evidence__record_officers", "preservations",
    )


def available_actions(user, case: PenaltyCase) -> list[dict]:
    """The steps `user` can take on `case` now: exactly those the actions accept for who, state and precondition
    (the guard of cases.workflow, through fazhi.core.workflow)."""
    from fazhi.cases.workflow import WORKFLOW

    return [{"action": t.action, "label": t.label, "rules": list(t.rules)}
            for t in offered(WORKFLOW, case, user, timezone.localdate())]


# Events that are not workflow steps but belong to a case's record.
OTHER_EVENTS = {"settle_deadlines": "节假日安排录入，期限确定", "issue_documents": "制发文书（登记文书哈希）",
                "dispute_opened": "登记行政复议/行政诉讼", "dispute_ended": "行政复议/行政诉讼终结"}


def timeline(case: PenaltyCase) -> list[dict]:
    return [{"seq": e.seq, "kind": e.kind,
             "label": TRANSITIONS[e.kind].label if e.kind in TRANSITIONS else OTHER_EVENTS.get(e.kind, e.kind),
             "on": e.effective_on, "actor": e.actor, "actor_name": e.actor_name,
             "entered_at": e.entered_at, "data": e.data, "hash": e.hash}
            for e in Event.objects.filter(stream=case.stream).order_by("seq")]


def _record(e) -> dict | None:
    """A 笔录's officers, person and times (Beijing time), as the case page and the documents show them."""
    if not e.record_type:
        return None
    return {"type": e.record_type, "type_label": e.get_record_type_display(),
            "officers": [{"username": s.username, "name": str(s)} for s in e.record_officers.all()],
            "person": e.record_person, "person_role": e.record_person_role,
            "started_at": timezone.localtime(e.started_at) if e.started_at else None,
            "ended_at": timezone.localtime(e.ended_at) if e.ended_at else None}


def detail(case: PenaltyCase, user, today: date) -> dict:
    from fazhi.cases.actions import late_fee_due

    return {
        **list_row(case, today),
        "bureau_name": case.bureau.name, "squad": case.squad.name if case.squad else None,
        "source": case.source, "party_kind": case.party_kind, "party_address": case.party_address,
        "facts": case.facts, "place": case.place, "act_on": case.act_on, "act_ended_on": case.act_ended_on,
        "violated_provision": case.violated_provision, "penalty_provision": case.penalty_provision,
        "outcome": case.outcome, "no_penalty_ground": case.no_penalty_ground, "close_type": case.close_type,
        "court_result": case.court_result, "transferred_on": case.transferred_on, "discretion": case.discretion,
        "exemption_entry": case.exemption_entry, "no_penalty_conditions": case.no_penalty_conditions,
        "education": case.education,
        "proposal": {"kinds": case.proposed_kinds, "fine": case.proposed_fine,
                     "confiscated_income": case.proposed_confiscated_income,
                     "confiscated_property": case.proposed_confiscated_property, "rev": case.proposal_rev},
        "decision": {"kinds": case.final_kinds, "fine": case.fine, "confiscated_income": case.confiscated_income,
                     "decided_on": case.decided_on, "correction_order": case.correction_order},
        "dates": {f: getattr(case, f) for f in (
            "filed_on", "reported_on", "notified_on", "statement_on", "waived_on", "hearing_requested_on",
            "hearing_on", "hearing_held_on", "review_on", "deliberated_on", "decided_on", "served_on",
            "payment_due", "paid_on", "demand_served_on", "court_applied_on", "closed_on", "archived_on")},
        "hearing_right": case.hearing_right, "review_passed": case.review_passed_rev == case.proposal_rev > 0,
        "paid_fine": case.paid_fine, "late_fee_today": late_fee_due(case, today) if case.status in (
            Status.EXECUTING, Status.ENFORCING) else None,
        "officers": [{"username": o.staff.username, "name": str(o.staff), "role": o.role,
                      "recused": bool(o.recused_on)} for o in case.officers.all()],
        "evidence": [{"uuid": e.uuid, "kind": e.kind, "kind_label": e.get_kind_display(), "title": e.title,
                      "collected_on": e.collected_on, "from_monitoring": e.from_monitoring,
                      "reviewed": bool(e.reviewed_on), "sha256": e.sha256, "size": e.size,
                      "record": _record(e)}
                     for e in case.evidence.all()],
        "deadlines": [deadline_view(d, today) for d in case.deadlines],
        "met_deadlines": [met_view(m) for m in case.met_deadlines],
        "calendar_pending": case.calendar_pending,
        # 复议/诉讼 on this decision as the disputes context reported them through its hook (PEN-18, REV-07)
        "disputes": [{"kind_label": {"reconsideration": "行政复议", "lawsuit": "行政诉讼", "compensation": "行政赔偿"}
                      .get(p.get("kind", ""), "复议或诉讼"), "body": p.get("body", ""), "start": p["start"],
                      "end": p.get("end"), "result": p.get("result", ""), "dispute": p.get("dispute", "")}
                     for p in case.late_fee_pauses],
        "timeline": timeline(case),
        "actions": available_actions(user, case),
    }

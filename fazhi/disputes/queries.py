"""The read side of disputes: who sees which (need to know), a dispute as the page and the API show it, and the
due-date board with each deadline's legal consequence."""
from __future__ import annotations

from datetime import date

from fazhi.core.models import Event
from fazhi.core.workflow import offered
from fazhi.disputes.models import Dispute, DisputeStatus, Suggestion
from fazhi.disputes.workflow import STEPS
from fazhi.law.disputes import CONSEQUENCES, LEVEL_LABELS, POSITION_LABELS, against_bureau
from fazhi.org.access import Kind, adviser_only, may
from fazhi.org.models import visible_bureau_ids

DUE_LABELS = {"answer": "行政复议答复期限", "defence": "答辩及举证期限", "appeal": "上诉期限",
              "correction": "复议意见书纠正情况报送期限", "procuratorate": "检察建议回复期限",
              "judicial": "司法建议回复期限"}


def _scoped(qs, user):
    """The user's bureau subtree; a 法律顾问 (and no other role reading disputes) their own bureau's and the
    disputes assigned to them (adviser_only, ACC-01)."""
    if not may(user, Kind.DISPUTES):
        return qs.none()
    if adviser_only(user, Kind.DISPUTES):
        from django.db.models import Q as Where

        own = Where(bureau_id=user.entity.pk) if user.entity is not None else Where(pk__in=[])
        return qs.filter(own | Where(adviser=user)) if qs.model is Dispute else qs.filter(own)
    ids = visible_bureau_ids(user)
    return qs if ids is None else qs.filter(bureau_id__in=ids)


def read_label(d: Dispute) -> str:
    """How the read log names a dispute: its number, never the applicant."""
    return d.number or f"{d.kind_label}（{d.filed_on:%Y-%m-%d}）"


def disputes_for(user):
    return _scoped(Dispute.objects.select_related("bureau", "case", "adviser"), user)


def suggestions_for(user):
    return _scoped(Suggestion.objects.select_related("bureau", "owner"), user)


def available(user, d: Dispute, today: date) -> list[dict]:
    """The steps `user` can take on `d` now: exactly those the actions accept for who and state (core.workflow)."""
    from fazhi.disputes.workflow import WORKFLOW

    return [{"action": t.action, "label": t.label, "rules": list(t.rules)} for t in offered(WORKFLOW, d, user, today)]


def _d(x: date | None) -> str | None:
    return x.isoformat() if x else None


def clock(what: str, due: date | None, today: date) -> dict:
    return {"what": what, "label": DUE_LABELS[what], "due": _d(due), "consequence": CONSEQUENCES[what],
            "days_left": (due - today).days if due else None, "overdue": bool(due and today > due),
            "overdue_days": (today - due).days if due and today > due else 0}


def detail(d: Dispute, user, today: date) -> dict:
    stages = []
    for st in d.stages.prefetch_related("hearings", "evidence", "documents").order_by("seq"):
        stages.append({
            "seq": st.seq, "level": st.level, "level_label": LEVEL_LABELS.get(st.level, st.level), "body": st.body,
            "received_on": _d(st.received_on), "answer_due": _d(st.answer_due), "answer_rule": st.answer_rule,
            "answered_on": _d(st.answered_on), "answer_late_days": st.answer_late_days,
            "answer_document": st.answer_document, "answer_basis": st.answer_basis,
            "result": st.result, "result_on": _d(st.result_on), "served_on": _d(st.served_on),
            "judgment": st.result_judgment, "appeal_due": _d(st.appeal_due), "appealed_by": st.appealed_by,
            "evidence": [{"title": e.title, "collected_on": _d(e.collected_on), "after_act": e.after_act,
                          "purpose": e.purpose} for e in st.evidence.all()],
            "hearings": [{"held_on": _d(h.held_on), "notice_on": _d(h.notice_on), "notice_late": h.notice_late,
                          "name": h.appeared_name, "position": h.position,
                          "position_label": POSITION_LABELS.get(h.position, "") if h.position else "",
                          "counts": h.counts, "absence_reason": h.absence_reason, "absence_proof": h.absence_proof,
                          "agent": h.agent} for h in st.hearings.all()],
            "head_appeared": any(h.counts for h in st.hearings.all()),
        })
    clocks = []
    if d.next_due:
        clocks.append(clock(d.next_due_what, d.next_due, today))
    return {
        "uuid": str(d.uuid), "number": d.number, "kind": d.kind, "kind_label": d.kind_label, "status": d.status,
        "status_label": d.get_status_display(), "version": d.version, "bureau": d.bureau.name,
        "applicant": d.applicant, "applicant_kind": d.applicant_kind, "body": d.body,
        "their_number": d.their_number, "act_kind": d.act_kind, "act_label": d.act_label,
        "act_description": d.act_description, "act_reference": d.act_reference, "act_on": _d(d.act_on),
        "case": {"uuid": str(d.case.uuid), "number": d.case.decision_no or d.case.case_no} if d.case_id else None,
        "inspection": str(d.inspection.uuid) if d.inspection_id else None,
        "filed_on": _d(d.filed_on), "simple": d.simple, "claim": d.claim,
        "adviser": {"username": d.adviser.username, "name": str(d.adviser)} if d.adviser_id else None,
        "final_result": d.final_result, "against_bureau": against_bureau(d.final_result) if d.final_result else None,
        "concluded_on": _d(d.concluded_on), "opinion_received_on": _d(d.opinion_received_on),
        "correction_due": _d(d.correction_due), "correction_reported_on": _d(d.correction_reported_on),
        "performed_on": _d(d.performed_on), "performance": d.performance,
        "stages": stages, "clocks": clocks,
        "documents": [{"title": r.title, "number": r.number, "received_on": _d(r.received_on)}
                      for r in d.documents.all()],
        "opinions": [{"by": str(o.by), "on": _d(o.given_on), "text": o.text}
                     for o in d.opinions.select_related("by")],
        "actions": available(user, d, today),
        "timeline": [{"seq": e.seq, "kind": e.kind, "label": STEPS[e.kind].label if e.kind in STEPS else e.kind,
                      "on": _d(e.effective_on), "actor": e.actor_name or e.actor}
                     for e in Event.objects.filter(stream=d.stream).order_by("seq")],
    }


def row(d: Dispute) -> dict:
    return {"uuid": str(d.uuid), "number": d.number, "kind_label": d.kind_label, "status": d.status,
            "status_label": d.get_status_display(), "applicant": d.applicant, "act_label": d.act_label,
            "body": d.body, "filed_on": _d(d.filed_on), "next_due": _d(d.next_due),
            "next_due_label": DUE_LABELS.get(d.next_due_what, ""), "final_result": d.final_result}


def board(user, today: date) -> list[dict]:
    """Every open clock in the user's scope, nearest first: answers, defences, appeals, correction reports and
    建议 replies, each with what missing it means."""
    items = []
    for d in disputes_for(user).exclude(next_due=None).order_by("next_due")[:200]:
        items.append({**clock(d.next_due_what, d.next_due, today), "dispute": row(d)})
    for s in suggestions_for(user).filter(replied_on=None).order_by("reply_due")[:200]:
        what = "procuratorate" if s.kind == "procuratorate" else "judicial"
        items.append({**clock(what, s.reply_due, today),
                      "suggestion": {"uuid": str(s.uuid), "kind_label": s.get_kind_display(), "issuer": s.issuer,
                                     "subject": s.subject, "number": s.number}})
    items.sort(key=lambda i: i["due"] or "9999")
    return items


def suggestion_row(s: Suggestion, today: date) -> dict:
    return {"uuid": str(s.uuid), "kind": s.kind, "kind_label": s.get_kind_display(), "issuer": s.issuer,
            "number": s.number, "subject": s.subject, "received_on": _d(s.received_on),
            "reply_due": _d(s.reply_due), "owner": str(s.owner), "replied_on": _d(s.replied_on),
            "on_time": s.on_time if s.replied_on else None, "reply": s.reply, "rectification": s.rectification,
            "overdue": not s.replied_on and today > s.reply_due,
            "dispute": str(s.dispute.uuid) if s.dispute_id else None}


STATUS_LABELS = dict(DisputeStatus.choices)

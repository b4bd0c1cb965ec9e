"""The read side of 行政许可: who sees which (need to know), an application as the page and the API show it, the window
clerk's board (due days and days left, overdue first) and the fee register."""
from __future__ import annotations

from datetime import date

from fazhi.core.models import Event
from fazhi.core.workflow import offered
from fazhi.org.access import Kind, may
from fazhi.org.models import visible_bureau_ids
from fazhi.permits.models import OPEN, Permit, PermitItem
from fazhi.permits.models import PermitStatus as S
from fazhi.permits.workflow import STEPS

DUE_LABELS = {"correction": "一次告知补正期限（逾期视为受理）", "decision": "许可决定期限", "certificate": "颁发许可证期限",
              "publication": "公示期限", "hearing": "听证日期（期限中止）", "renewal": "延续决定期限（届满未决定视为准予延续）"}
FEE_LABELS = {"": "不收费", "due": "待缴费", "paid": "已缴费", "waived": "已减免"}


def permits_for(user):
    if not may(user, Kind.PERMITS):
        return Permit.objects.none()
    ids = visible_bureau_ids(user)
    qs = Permit.objects.select_related("bureau", "item")
    return qs if ids is None else qs.filter(bureau_id__in=ids)


def items_for(user):
    ids = visible_bureau_ids(user)
    qs = PermitItem.objects.filter(disabled=False).select_related("bureau")
    return qs if ids is None else qs.filter(bureau_id__in=ids)


def _d(x: date | None) -> str | None:
    return x.isoformat() if x else None


def clock(what: str, due: date | None, today: date) -> dict:
    return {"what": what, "label": DUE_LABELS[what], "due": _d(due),
            "days_left": (due - today).days if due else None, "overdue": bool(due and today > due),
            "overdue_days": (today - due).days if due and today > due else 0}


def renewal_state(p: Permit, today: date) -> str:
    from fazhi.permits.actions import deemed_renewed

    if p.renewal_applied_on is None:
        return ""
    if p.renewal_decided_on:
        return "准予延续" if p.renewal_result == "granted" else "不予延续"
    if deemed_renewed(p, today):
        return "视为准予延续（有效期届满前未作出决定，行政许可法第五十条）"
    return "延续申请待决定"


def available(user, p: Permit, today: date) -> list[dict]:
    from fazhi.permits.workflow import WORKFLOW

    return [{"action": t.action, "label": t.label, "rules": list(t.rules)} for t in offered(WORKFLOW, p, user, today)]


def row(p: Permit, today: date | None = None) -> dict:
    out = {"uuid": str(p.uuid), "number": p.number, "item": p.item.name, "item_code": p.item.code,
           "status": p.status, "status_label": p.get_status_display(), "applicant": p.applicant,
           "channel": p.get_channel_display(), "subject": p.subject, "received_on": _d(p.received_on),
           "accepted_on": _d(p.accepted_on), "decided_on": _d(p.decided_on), "decision_no": p.decision_no,
           "next_due": _d(p.next_due), "next_due_label": DUE_LABELS.get(p.next_due_what, ""),
           "fee_amount": str(p.fee_amount), "fee_status": FEE_LABELS.get(p.fee_status, "")}
    if today is not None:
        out["clock"] = clock(p.next_due_what, p.next_due, today) if p.next_due_what else None
    return out


def _decision_note(p: Permit) -> str:
    """What is known of a decision day that falls in a year whose holiday table is missing (DAY-07)."""
    if p.decision_due or p.decided_on or p.status not in OPEN:
        return ""
    from fazhi.core.calendar import law_calendar
    from fazhi.permits.clock import clock_of

    c = clock_of(p)
    from fazhi.law.periods import DayKind, Period
    from fazhi.law.permits import DECISION

    period = Period(DECISION.rule, c.limit + c.paused_days, DayKind.WORKING, DECISION.basis, DECISION.label)
    return period.reckon(law_calendar(), c.accepted_on).note


def detail(p: Permit, user, today: date) -> dict:
    from fazhi.permits.actions import missing_materials

    item = p.item
    return {
        **row(p, today), "version": p.version, "bureau": p.bureau.name, "tracking_code": p.tracking_code,
        "applicant_kind": p.applicant_kind, "location": p.location, "quantity": p.quantity,
        "quantity_unit": item.quantity_unit, "period_from": _d(p.period_from), "period_to": _d(p.period_to),
        "joint": p.joint, "materials_given": p.materials_given, "materials_missing": missing_materials(p),
        "correction_due": _d(p.correction_due), "correction_on": _d(p.correction_on),
        "correction_items": p.correction_items, "deemed_accepted": p.deemed_accepted,
        "refused_reason": p.refused_reason, "extended_on": _d(p.extended_on),
        "extension_reasons": p.extension_reasons, "paused_days": p.paused_days,
        "hearing_requested_on": _d(p.hearing_requested_on), "hearing_held_on": _d(p.hearing_held_on),
        "decision_due": _d(p.decision_due), "decision_note": _decision_note(p), "decision": p.decision, "decision_late_days": p.decision_late_days,
        "late_reason": p.late_reason, "work_days": p.work_days, "reasons": p.reasons, "conditions": p.conditions,
        "valid_from": _d(p.valid_from), "valid_until": _d(p.valid_until),
        "certificate_due": _d(p.certificate_due), "certificate_no": p.certificate_no,
        "certified_on": _d(p.certified_on), "certificate_late_days": p.certificate_late_days,
        "publish_due": _d(p.publish_due), "published_on": _d(p.published_on),
        "publish_late_days": p.publish_late_days, "fee_receipt": p.fee_receipt,
        "fee_waiver_basis": p.fee_waiver_basis, "fee_paid_on": _d(p.fee_paid_on), "fee_rule": item.fee_text,
        "renewal_applied_on": _d(p.renewal_applied_on), "renewal": renewal_state(p, today),
        "emergency": p.emergency, "emergency_late_hours": p.emergency_late_hours,
        "ended_on": _d(p.ended_on), "end_reason": p.end_reason,
        "files": [{"material": f.material, "name": f.name, "size": f.size} for f in p.files.all()],
        "actions": available(user, p, today),
        "timeline": [{"seq": e.seq, "kind": e.kind, "label": STEPS[e.kind].label if e.kind in STEPS else e.kind,
                      "on": _d(e.effective_on), "actor": e.actor_name or e.actor}
                     for e in Event.objects.filter(stream=p.stream).order_by("seq")],
    }


def board(user, today: date, limit: int = 300) -> list[dict]:
    """The window clerk's board: every open clock of the user's applications, overdue first, then nearest; those
    without a known day (next year's holiday table missing) last."""
    qs = permits_for(user).filter(status__in=(*OPEN, S.ISSUED)).exclude(next_due=None).order_by("next_due", "id")
    out = [row(p, today) for p in qs[:limit]]
    unknown = permits_for(user).filter(status__in=OPEN, next_due=None).order_by("received_on", "id")[:50]
    out += [row(p, today) for p in unknown]
    return out


def fee_register(user, year: int):
    return (permits_for(user).exclude(fee_status="").filter(decided_on__year=year)
            .order_by("-decided_on", "-id"))


def read_label(p: Permit) -> str:
    """How the read log names an application: its number and item, never the applicant."""
    return f"{p.number} {p.item.name}"[:120]

"""The read side of 重大行政决策和合法性审查: scoping (the person's 机关 subtree) and the rows the API and pages show."""
from __future__ import annotations

from django.utils import timezone

from fazhi.core.calendar import law_calendar
from fazhi.decisions.models import ReviewStatus, Status
from fazhi.law import decisions as D
from fazhi.law.calendar import CalendarUnknown
from fazhi.law.periods import working_days_after


def scoped(qs, user, field: str = "bureau"):
    """Records of the user's 执法主体 subtree (nothing without one; all for a superuser). A 法律顾问 (and no other role
    reading decisions) reads their own bureau's and the reviews (and their decisions) assigned to them
    (org.access.adviser_only, ACC-01)."""
    from fazhi.org.access import Kind, adviser_only

    if getattr(user, "is_superuser", False):
        return qs
    entity = user.entity if user is not None else None
    if entity is None:
        return qs.none()
    if adviser_only(user, Kind.DECISIONS):
        from django.db.models import Q as Where

        from fazhi.decisions.models import Decision, Review

        own = Where(**{field: entity})
        if qs.model is Review:
            own |= Where(adviser__staff=user)
        elif qs.model is Decision:
            own |= Where(pk__in=Review.objects.filter(adviser__staff=user).values("decision_id"))
        return qs.filter(own)
    return qs.filter(**{f"{field}__path__startswith": entity.path})


def decision_label(d) -> str:
    """How the read log names a decision: its title (a public matter, not a person)."""
    return d.title[:120]


def review_label(r) -> str:
    """How the read log names a legal review: its kind and the day it was received, never a person's name."""
    return f"{r.get_kind_display()}（{r.received_on:%Y-%m-%d}收件）"


def queue(user):
    from fazhi.decisions.models import Review

    return scoped(Review.objects.all(), user).select_related("reviewer", "adviser", "decision")


def catalogue_row(c) -> dict:
    return {"uuid": str(c.uuid), "year": c.year, "title": c.title,
            "published_on": c.published_on.isoformat() if c.published_on else None, "approval": c.approval,
            "items": [item_row(i) for i in c.items.all()]}


def item_row(i) -> dict:
    return {"uuid": str(i.uuid), "title": i.title, "category": i.category,
            "category_label": D.CATEGORIES[i.category], "unit": i.unit, "basis": i.basis, "planned": i.planned,
            "added_on": i.added_on.isoformat(), "added_reason": i.added_reason,
            "withdrawn_on": i.withdrawn_on.isoformat() if i.withdrawn_on else None,
            "withdrawn_reason": i.withdrawn_reason}


def decision_row(d) -> dict:
    return {"uuid": str(d.uuid), "title": d.title, "unit": d.unit, "status": d.status,
            "status_label": d.get_status_display(), "launched_on": d.launched_on.isoformat(),
            "in_catalogue": d.item_id is not None, "version": d.version}


def _iso(v):
    return v.isoformat() if v else None


def steps(d) -> list[dict]:
    """The procedure as the page shows it: each step, whether the item needs it, done or not, and its facts."""
    def skip(step):
        return None if d.needs(step) else d.skip_reasons.get(step, "")

    experts = list(d.experts.all())
    review = d.reviews.filter(kind="decision").order_by("-id").first()
    return [
        {"key": "draft", "label": "拟订决策草案", "needed": True, "done": bool(d.draft_rev),
         "facts": f"第{d.draft_rev}稿" if d.draft_rev else ""},
        {"key": "participation", "label": "公众参与", "needed": d.needs("participation"),
         "skip": skip("participation"), "done": bool(d.consult_closed_on),
         "facts": (f"{d.consult_published_on:%Y年%m月%d日}公布草案，征求意见至{d.consult_ends_on:%Y年%m月%d日}"
                   f"（{D.comment_days(d.consult_published_on, d.consult_ends_on)}日）") if d.consult_published_on else ""},
        {"key": "hearing", "label": "听证会", "needed": bool(d.hearing_on), "done": bool(d.hearing_held_on),
         "facts": f"{d.hearing_on:%Y年%m月%d日}，{d.hearing_place}" if d.hearing_on else ""},
        {"key": "experts", "label": "专家论证", "needed": d.needs("experts"), "skip": skip("experts"),
         "done": bool(experts), "facts": "、".join(e.name for e in experts)},
        {"key": "risk", "label": "风险评估", "needed": d.needs("risk"), "skip": skip("risk"), "done": bool(d.risk_on),
         "facts": (f"{d.risk_by}，{'风险可控' if d.risk_controllable else '风险不可控'}") if d.risk_on else ""},
        {"key": "review", "label": "合法性审查", "needed": True, "done": bool(d.review_conclusion),
         "facts": (D.CONCLUSIONS.get(review.conclusion, "审查中") if review else "")},
        {"key": "deliberate", "label": "集体讨论决定", "needed": True, "done": bool(d.meeting_on),
         "facts": f"{d.meeting_on:%Y年%m月%d日}{d.meeting_kind}，{D.OUTCOMES.get(d.outcome, '')}" if d.meeting_on else ""},
        {"key": "publish", "label": "决策公布", "needed": d.status != Status.CLOSED, "done": bool(d.published_on),
         "skip": d.not_public_reason or None,
         "facts": f"{d.published_on:%Y年%m月%d日}，{d.publication_channel}" if d.published_on else ""},
        {"key": "archive", "label": "归档", "needed": True, "done": bool(d.archived_on),
         "facts": f"{d.archived_on:%Y年%m月%d日}" if d.archived_on else ""},
        {"key": "evaluate", "label": "决策后评估", "needed": False, "done": bool(d.evaluated_on),
         "facts": f"{d.evaluator}：{d.evaluation_result}" if d.evaluated_on else ""},
    ]


def decision_detail(d, user=None) -> dict:
    """The decision as the API answers it; `actions` are the steps `user` may take now (without a user: the steps
    its stage allows)."""
    from fazhi.core.workflow import offered
    from fazhi.decisions.workflow import TABLE, WORKFLOW, missing_steps

    return {**decision_row(d), "item": str(d.item.uuid) if d.item_id else None, "outside_reason": d.outside_reason,
            "lead": d.lead.username, "required": d.required, "skip_reasons": d.skip_reasons,
            "draft": d.draft, "explanation": d.explanation, "draft_rev": d.draft_rev,
            "consultation": {"published_on": _iso(d.consult_published_on), "ends_on": _iso(d.consult_ends_on),
                             "channel": d.consult_channel, "short_reason": d.consult_short_reason,
                             "closed_on": _iso(d.consult_closed_on), "received": d.comments_received,
                             "adopted": d.comments_adopted, "feedback": d.consult_feedback},
            "hearing": {"hearing_on": _iso(d.hearing_on), "place": d.hearing_place,
                        "materials_on": _iso(d.hearing_materials_on), "participants": d.hearing_participants,
                        "held_on": _iso(d.hearing_held_on)},
            "experts": [{"name": e.name, "organisation": e.organisation, "field": e.field, "opinion": e.opinion,
                         "given_on": e.given_on.isoformat()} for e in d.experts.all()],
            "risk": {"on": _iso(d.risk_on), "by": d.risk_by, "controllable": d.risk_controllable},
            "review_conclusion": d.review_conclusion or None,
            "meeting": {"on": _iso(d.meeting_on), "kind": d.meeting_kind, "speakers": d.speakers,
                        "outcome": d.outcome or None, "reasons": d.reasons, "decision_text": d.decision_text},
            "published_on": _iso(d.published_on), "archived_on": _iso(d.archived_on),
            "evaluated_on": _iso(d.evaluated_on),
            "missing": missing_steps(d),
            "actions": ([s.action for s in offered(WORKFLOW, d, user, timezone.localdate())] if user is not None
                        else [s.action for s in TABLE if d.status in s.sources]),
            "steps": steps(d)}


def _left(r, today) -> int | None:
    if r.status != ReviewStatus.OPEN:
        return None
    try:
        cal = law_calendar()
        return working_days_after(cal, today, r.due_on) if r.due_on >= today else -working_days_after(cal, r.due_on, today)
    except CalendarUnknown:
        return None


def review_row(r, full: bool = False) -> dict:
    today = timezone.localdate()
    row = {"uuid": str(r.uuid), "kind": r.kind, "kind_label": D.REVIEW_KINDS[r.kind], "subject": r.subject,
           "requested_by": r.requested_by, "status": r.status, "status_label": r.get_status_display(),
           "received_on": r.received_on.isoformat(), "due_on": r.due_on.isoformat(),
           "overdue": r.status == ReviewStatus.OPEN and r.due_on < today, "working_days_left": _left(r, today),
           "reviewer": str(r.reviewer) if r.reviewer_id else None,
           "adviser": r.adviser.name if r.adviser_id else None,
           "conclusion": r.conclusion or None, "done_on": _iso(r.done_on), "turnaround_wd": r.turnaround_wd,
           "decision": str(r.decision.uuid) if r.decision_id else None, "case_stream": r.case_stream or None}
    if full:
        from fazhi.decisions.actions import penalty_opinion

        row["opinion"] = penalty_opinion(r) if r.kind == "penalty" else r.opinion
        row["adviser_opinion"] = r.adviser_opinion
    return row


def adviser_row(a) -> dict:
    return {"id": a.pk, "name": a.name, "kind": a.kind, "kind_label": a.get_kind_display(), "firm": a.firm,
            "contract_from": a.contract_from.isoformat(), "contract_until": a.contract_until.isoformat(),
            "staff": a.staff.username if a.staff_id else None,
            "in_contract": a.contract_from <= timezone.localdate() <= a.contract_until}

"""The read side of 案卷评查: who sees which tasks, sheets and 整改 items (need to know), and each as the pages and
the API show it.

- The organiser bureau (and the bureaus above it) sees its tasks whole.
- A reviewed bureau sees the tasks that reviewed it, only its own files' finished sheets (results, not a review
  in progress), and its own 整改 items.
- A reviewer sees the sheets assigned to them.
- A 督办单 is seen by the issuing bureau and the bureau it was sent to (and the bureaus above them).
- A 专项整治 is seen whole by its organiser (and the bureaus above it); a bureau of its scope sees the campaign and
  its own problems (and the figures over them)."""
from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone

from fazhi.cases.models import Procedure
from fazhi.law import draw as D
from fazhi.law import supervision as rules
from fazhi.org.access import Kind, may
from fazhi.org.models import visible_bureau_ids
from fazhi.supervision.models import (
    Campaign,
    CampaignProblem,
    Rectification,
    ReviewTask,
    ScoreSheet,
    SupervisionOrder,
)

PROCEDURE_LABELS = dict(Procedure.choices)


def _ids(user):
    return visible_bureau_ids(user)


def tasks_for(user):
    if not may(user, Kind.SUPERVISION):
        return ReviewTask.objects.none()
    ids = _ids(user)
    qs = ReviewTask.objects.select_related("bureau", "standard")
    if ids is None:
        return qs
    seen = Q(bureau_id__in=ids) | Q(sheets__reviewer_id=user.pk) | Q(
        sheets__case__bureau_id__in=ids, sheets__status=ScoreSheet.DONE)
    return qs.filter(pk__in=ReviewTask.objects.filter(seen).values("pk"))


def sheets_for(user):
    if not may(user, Kind.SUPERVISION):
        return ScoreSheet.objects.none()
    ids = _ids(user)
    qs = ScoreSheet.objects.select_related("task__bureau", "task__standard", "case__bureau", "reviewer")
    if ids is None:
        return qs
    return qs.filter(Q(task__bureau_id__in=ids) | Q(reviewer_id=user.pk)
                     | Q(case__bureau_id__in=ids, status=ScoreSheet.DONE))


def rectifications_for(user):
    if not may(user, Kind.SUPERVISION):
        return Rectification.objects.none()
    ids = _ids(user)
    qs = Rectification.objects.select_related("sheet__task", "sheet__case", "owner", "fixed_by", "item__item")
    if ids is None:
        return qs
    return qs.filter(Q(sheet__task__bureau_id__in=ids) | Q(owner_id__in=ids))


def orders_for(user):
    if not may(user, Kind.SUPERVISION):
        return SupervisionOrder.objects.none()
    ids = _ids(user)
    qs = SupervisionOrder.objects.select_related("issuer", "target", "issued_by", "answered_by", "closed_by",
                                                 "case", "issue", "rectification")
    if ids is None:
        return qs
    return qs.filter(Q(issuer_id__in=ids) | Q(target_id__in=ids))


def campaigns_for(user):
    if not may(user, Kind.SUPERVISION):
        return Campaign.objects.none()
    ids = _ids(user)
    qs = Campaign.objects.select_related("bureau", "created_by", "closed_by")
    if ids is None:
        return qs
    return qs.filter(pk__in=Campaign.objects.filter(Q(bureau_id__in=ids) | Q(scope__in=ids)).values("pk"))


def problems_for(user):
    if not may(user, Kind.SUPERVISION):
        return CampaignProblem.objects.none()
    ids = _ids(user)
    qs = CampaignProblem.objects.select_related("campaign__bureau", "owner", "responsible", "found_by",
                                                "reported_by", "accepted_by", "case", "issue", "rectification")
    if ids is None:
        return qs
    return qs.filter(Q(campaign__bureau_id__in=ids) | Q(owner_id__in=ids))


def organises_campaign(user, c: Campaign) -> bool:
    """The campaign's organiser (or a bureau above it) sees every problem; a bureau of the scope its own."""
    ids = _ids(user)
    return ids is None or c.bureau_id in ids


def organises(user, task: ReviewTask) -> bool:
    ids = _ids(user)
    return ids is None or task.bureau_id in ids


# --- shapes ----------------------------------------------------------------------------------------------------

def num(d: Decimal | None) -> str:
    """A score as staff write it: 92.5, 90 (never 90.0 or None)."""
    if d is None:
        return ""
    d = Decimal(d).quantize(Decimal("0.1"))
    return f"{d:f}".removesuffix(".0")


def _person(s) -> dict | None:
    return {"username": s.username, "name": str(s)} if s is not None else None


def case_number(case) -> str:
    return case.case_no or case.decision_no or case.cause


def task_row(t: ReviewTask) -> dict:
    counts = t.sheets.aggregate(files=Count("id"), done=Count("id", filter=Q(status=ScoreSheet.DONE)),
                                assigned=Count("id", filter=Q(reviewer__isnull=False)))
    return {"uuid": str(t.uuid), "title": t.title, "organiser": t.bureau.name, "standard": str(t.standard),
            "created_on": t.created_on, "due_on": t.due_on, "status": t.status,
            "status_label": t.get_status_display(), "finished_on": t.finished_on, **counts}


def sheet_row(s: ScoreSheet) -> dict:
    return {"uuid": str(s.uuid), "case": {"uuid": str(s.case.uuid), "number": case_number(s.case),
                                          "party": s.case.party_name, "cause": s.case.cause},
            "bureau": {"code": s.case.bureau.code, "name": s.case.bureau.short_name},
            "reviewer": _person(s.reviewer), "status": s.status, "status_label": s.get_status_display(),
            "score": num(s.score), "grade": s.grade, "vetoed": bool(s.vetoed), "scored_on": s.scored_on}


def results(task: ReviewTask, sheets) -> list[dict]:
    """Per reviewed bureau, over the sheets shown: files, scored, average, grades, veto findings."""
    out: dict[int, dict] = {}
    for s in sheets:
        b = out.setdefault(s.case.bureau_id, {"bureau": s.case.bureau.name, "code": s.case.bureau.code, "files": 0,
                                              "scored": 0, "total": Decimal(0), "grades": {}, "vetoed": 0})
        b["files"] += 1
        if s.status == ScoreSheet.DONE:
            b["scored"] += 1
            b["total"] += s.score
            b["grades"][s.grade] = b["grades"].get(s.grade, 0) + 1
            b["vetoed"] += bool(s.vetoed)
    bands = [b["grade"] for b in task.standard.bands]
    rows = []
    for b in sorted(out.values(), key=lambda r: r["code"]):
        total = b.pop("total")
        b["average"] = num(total / b["scored"]) if b["scored"] else ""
        b["grades"] = [{"grade": g, "files": b["grades"].get(g, 0)} for g in bands]
        rows.append(b)
    return rows


def task_detail(t: ReviewTask, user) -> dict:
    shown = sheets_for(user).filter(task=t).order_by("case__bureau__code", "id")
    sheets = list(shown)
    verified = D.verify(t.draw)
    fixes = rectifications_for(user).filter(sheet__task=t)
    return {**task_row(t), "scope": [b.name for b in t.scope.order_by("code")],
            "period_from": t.period_from, "period_to": t.period_to,
            "procedures": [PROCEDURE_LABELS.get(p, p) for p in t.procedures], "per_bureau": t.per_bureau,
            "draw": {"seed": t.draw.get("seed", ""), "seed_commitment": t.draw.get("seed_commitment", ""),
                     "inputs_sha256": t.draw.get("inputs_sha256", ""), "candidates": len(t.draw["inputs"]["candidates"])
                     if t.draw.get("inputs") else 0, "verified": verified.ok, "problems": verified.problems},
            "organiser_view": organises(user, t), "sheets": [sheet_row(s) for s in sheets],
            "results": results(t, sheets),
            "rectifications": {"total": fixes.count(), "done": fixes.filter(status=Rectification.DONE).count()}}


def item_row(r) -> dict:
    return {"code": r.item.code, "section": r.item.section.name, "veto": r.item.veto, "text": r.item.text,
            "rule": r.item.rule, "points": num(r.item.points), "prescored": r.prescored,
            "record_passed": r.record_passed, "record_note": r.record_note, "evidence": r.evidence,
            "passed": r.passed, "deduction": num(r.deduction), "reason": r.reason, "confirmed": r.confirmed,
            "overridden": r.overridden}


def sheet_detail(s: ScoreSheet, user) -> dict:
    from fazhi.core.workflow import offered
    from fazhi.supervision.workflow import SHEETS

    items = [item_row(r) for r in s.items.select_related("item__section")]
    vetoed = {r["code"]: r["text"] for r in items if r["veto"]}
    return {**sheet_row(s), "task": {"uuid": str(s.task.uuid), "title": s.task.title},
            "vetoed_items": [vetoed.get(c, c) for c in s.vetoed], "items": items,
            "progress": {"confirmed": sum(1 for r in items if r["confirmed"]), "total": len(items)},
            "actions": [{"action": a.action, "label": a.label, "rules": list(a.rules)}
                        for a in offered(SHEETS, s, user, timezone.localdate())]}


def rectification_row(r: Rectification, today=None) -> dict:
    today = today or timezone.localdate()
    left = (r.due - today).days if r.status == Rectification.OPEN else None
    return {"uuid": str(r.uuid), "problem": r.problem, "owner": {"code": r.owner.code, "name": r.owner.short_name},
            "task": {"uuid": str(r.sheet.task.uuid), "title": r.sheet.task.title},
            "sheet": str(r.sheet.uuid), "case": {"uuid": str(r.sheet.case.uuid), "number": case_number(r.sheet.case)},
            "due": r.due, "days_left": left, "overdue": left is not None and left < 0,
            "overdue_days": -left if left is not None and left < 0 else None, "status": r.status,
            "status_label": r.get_status_display(), "fixed_on": r.fixed_on, "fixed_by": _person(r.fixed_by),
            "evidence": r.evidence, "on_time": (r.fixed_on <= r.due) if r.fixed_on else None,
            "file": {"name": r.filename or "佐证文件", "sha256": r.sha256} if r.sha256 else None}


def _subject_link(o: SupervisionOrder) -> str:
    from django.urls import reverse

    if o.case_id:
        return reverse("case", args=[o.case.uuid])
    if o.issue_id:
        return reverse("citydesk_issue", args=[o.issue.uuid])
    if o.rectification_id:
        return f"{reverse('rectifications')}?status=all#r-{o.rectification.uuid}"
    return ""


def order_row(o: SupervisionOrder, today=None) -> dict:
    today = today or timezone.localdate()
    clock = rules.order_clock(o.due, today, o.answered_on if o.status != SupervisionOrder.OPEN else None)
    return {"uuid": str(o.uuid), "issuer": {"code": o.issuer.code, "name": o.issuer.short_name},
            "target": {"code": o.target.code, "name": o.target.short_name},
            "subject_kind": o.subject_kind, "subject_kind_label": o.get_subject_kind_display(),
            "subject": o.subject, "subject_url": _subject_link(o), "matter": o.matter,
            "requirement": o.requirement, "issued_on": o.issued_on, "issued_by": _person(o.issued_by), "due": o.due,
            "status": o.status, "status_label": o.get_status_display(), "days_left": clock.days_left,
            "overdue": clock.overdue, "overdue_days": clock.overdue_days or None,
            "answer": o.answer, "answered_on": o.answered_on, "answered_by": _person(o.answered_by),
            "on_time": rules.answered_on_time(o.due, o.answered_on) if o.status != SupervisionOrder.OPEN else None,
            "file": {"name": o.filename or "答复附件", "sha256": o.sha256} if o.sha256 else None,
            "returned": o.returned, "return_note": o.return_note, "closed_on": o.closed_on,
            "closed_by": _person(o.closed_by), "close_note": o.close_note}


def order_detail(o: SupervisionOrder, user) -> dict:
    from fazhi.core.workflow import offered
    from fazhi.supervision.workflow import ORDERS

    return {**order_row(o), "actions": [{"action": a.action, "label": a.label, "rules": list(a.rules)}
                                        for a in offered(ORDERS, o, user, timezone.localdate())]}


# --- 专项整治 (SUP-04) -------------------------------------------------------------------------------------------

def campaign_row(c: Campaign) -> dict:
    return {"uuid": str(c.uuid), "title": c.title, "organiser": {"code": c.bureau.code, "name": c.bureau.short_name},
            "basis": c.basis, "focus": c.focus, "kinds": list(c.kinds), "starts_on": c.starts_on,
            "ends_on": c.ends_on, "status": c.status, "status_label": c.get_status_display(),
            "created_on": c.created_on, "version": c.version}


def tally_dict(t: rules.Tally) -> dict:
    return {"found": t.found, "rectified": t.rectified, "pending": t.pending, "overdue": t.overdue,
            "open": t.open}


def campaign_stats(c: Campaign, user, today=None) -> dict:
    """The campaign's figures over the problems the user sees: in all, by source, by owning bureau."""
    from fazhi.supervision.actions import campaign_tally

    stats = campaign_tally(c, today or timezone.localdate(), problems_for(user).filter(campaign=c))
    return {"total": tally_dict(stats.total),
            "by_source": [{"source": k, "label": rules.SOURCES.get(k, k), **tally_dict(v)}
                          for k, v in stats.by_source.items()],
            "by_bureau": [{"bureau": k, **tally_dict(v)} for k, v in stats.by_bureau.items()]}


def campaign_detail(c: Campaign, user) -> dict:
    from fazhi.core.workflow import offered
    from fazhi.supervision.workflow import CAMPAIGNS

    return {**campaign_row(c), "scope": [{"code": b.code, "name": b.short_name} for b in c.scope.order_by("code")],
            "created_by": _person(c.created_by), "closed_on": c.closed_on, "closed_by": _person(c.closed_by),
            "summary": c.summary, "stats": campaign_stats(c, user),
            "actions": [{"action": a.action, "label": a.label, "rules": list(a.rules)}
                        for a in offered(CAMPAIGNS, c, user, timezone.localdate())]}


def _linked(p: CampaignProblem) -> dict | None:
    """The record a problem came from, named as staff read it, with its page."""
    from django.urls import reverse

    if p.rectification_id:
        r = p.rectification
        return {"kind": "评查整改问题", "name": r.problem[:60],
                "url": f"{reverse('rectifications')}?status=all#r-{r.uuid}"}
    if p.issue_id:
        return {"kind": "数字化城管问题", "name": f"查询码{p.issue.tracking_code}",
                "url": reverse("citydesk_issue", args=[p.issue.uuid])}
    if p.case_id:
        return {"kind": "行政处罚案件", "name": case_number(p.case), "url": reverse("case", args=[p.case.uuid])}
    return None


def problem_row(p: CampaignProblem, today=None) -> dict:
    today = today or timezone.localdate()
    running = p.status == CampaignProblem.OPEN
    clock = rules.problem_clock(p.due, today, None if running else (p.reported_on or p.accepted_on or p.due))
    return {"uuid": str(p.uuid), "number": p.number, "seq": p.seq,
            "campaign": {"uuid": str(p.campaign.uuid), "title": p.campaign.title},
            "source": p.source, "source_label": p.get_source_display(), "kind": p.kind,
            "description": p.description, "place": p.place, "linked": _linked(p),
            "owner": {"code": p.owner.code, "name": p.owner.short_name}, "responsible": _person(p.responsible),
            "found_on": p.found_on, "found_by": _person(p.found_by), "due": p.due, "status": p.status,
            "status_label": p.get_status_display(), "days_left": clock.days_left, "overdue": clock.overdue,
            "overdue_days": clock.overdue_days or None, "measures": p.measures, "reported_on": p.reported_on,
            "reported_by": _person(p.reported_by),
            "on_time": rules.answered_on_time(p.due, p.reported_on) if p.reported_on else None,
            "file": {"name": p.filename or "整改佐证", "sha256": p.sha256} if p.sha256 else None,
            "returned": p.returned, "return_note": p.return_note, "accepted_on": p.accepted_on,
            "accepted_by": _person(p.accepted_by), "accept_note": p.accept_note, "version": p.version}


def problem_detail(p: CampaignProblem, user) -> dict:
    from fazhi.core.workflow import offered
    from fazhi.supervision.workflow import PROBLEMS

    return {**problem_row(p), "actions": [{"action": a.action, "label": a.label, "rules": list(a.rules)}
                                          for a in offered(PROBLEMS, p, user, timezone.localdate())]}


def open_orders_on(user, *, case=None, issue=None) -> list[dict]:
    """The 督办 not yet closed on a case or an issue, for whoever may read them (the issuing and the receiving
    bureaus and those above): the row the case page and the issue page show ("督办"). Offered to them through the
    core registry (`open_orders_on`), so neither imports this context."""
    from django.urls import reverse

    if case is None and issue is None:
        return []
    qs = orders_for(user).exclude(status=SupervisionOrder.CLOSED)
    qs = qs.filter(case=case) if case is not None else qs.filter(issue=issue)
    today = timezone.localdate()
    out = []
    for o in qs.order_by("due", "id"):
        clock = rules.order_clock(o.due, today, o.answered_on if o.status != SupervisionOrder.OPEN else None)
        out.append({"url": reverse("supervision_order", args=[o.uuid]), "issuer": o.issuer.short_name,
                    "matter": o.matter, "due": o.due, "status_label": o.get_status_display(),
                    "overdue": clock.overdue, "overdue_days": clock.overdue_days, "days_left": clock.days_left})
    return out

"""Pages of 重大行政决策和合法性审查. Staff: the decisions board, a decision's page with its steps, and the 法制科's
review queue (due dates, working days left, turnaround). Public: the 目录 and the published decisions, every text
through disclosure.public (masking)."""
from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core.errors import refused
from fazhi.core.forms import keep
from fazhi.core.params import BadInput, date_param
from fazhi.core.workflow import offered
from fazhi.core.workflow_views import post_step
from fazhi.decisions import actions as A
from fazhi.decisions import forms as F
from fazhi.decisions import queries as Q
from fazhi.decisions.models import Catalogue, Decision, ReviewStatus, Status
from fazhi.decisions.schemas import SCHEMAS
from fazhi.decisions.workflow import WORKFLOW
from fazhi.disclosure.public import shown_content
from fazhi.law import decisions as D
from fazhi.law.basis import RuleViolation
from fazhi.org.access import Kind, needs
from fazhi.org.models import Role

PUBLIC_KINDS = ("contract", "normative_draft", "normative_filing", "normative_cleanup", "dispute_reply", "other")


@needs(Kind.DECISIONS)
def board(request):
    today = timezone.localdate()
    decisions = Q.scoped(Decision.objects.all(), request.user).select_related("item")[:200]
    catalogue = Q.scoped(Catalogue.objects.all(), request.user).filter(year=today.year).first()
    return render(request, "decisions/board.html", {"decisions": decisions, "catalogue": catalogue, "today": today})


def _decisions(user):
    return Q.scoped(Decision.objects.select_related("bureau", "item", "lead", "head"), user)


def _decision_context(request, d, refusal=None, failed: str = "", post=None) -> dict:
    """The decision and a form for every step the user may take now (the workflow's guard decides); a refused
    form comes back open with what was typed and the refusal in place."""
    today = timezone.localdate()
    forms = []
    for s in offered(WORKFLOW, d, request.user, today):
        fields = F.fields_for(SCHEMAS[s.action], s.action, today=today, bureau=d.bureau, user=request.user)
        if s.action == failed and post is not None:
            keep(fields, post)
        forms.append({"action": s.action, "label": s.label, "rules": s.rules, "fields": fields,
                      "refusal": refusal if s.action == failed else None})
    shown = {f["action"] for f in forms}
    return {"d": d, "steps": Q.steps(d), "missing": A.missing_steps(d), "experts": d.experts.all(),
            "opinions": D.OPINIONS, "outcome": D.OUTCOMES.get(d.outcome, ""),
            "reviews": d.reviews.select_related("reviewer", "adviser").order_by("id"),
            "documents": _documents(d), "forms": forms,
            "refusal": refusal if failed and failed not in shown else None}


@needs(Kind.DECISIONS)
def decision(request, uuid):
    d = get_object_or_404(_decisions(request.user), uuid=uuid)
    return render(request, "decisions/decision.html", _decision_context(request, d))


@needs(Kind.DECISIONS)
@require_POST
def step(request, uuid, action):
    """Take one step of the decision's table from its page; a refusal is shown in place with its basis."""
    d = get_object_or_404(_decisions(request.user), uuid=uuid)
    if action not in WORKFLOW.by_action:
        raise Http404("无此操作")
    refusal, status = post_step(request, WORKFLOW, d, action, F.LABELS, F.special_for(action, request.user))
    if refusal is None:
        return redirect("decision", uuid=d.uuid)
    d = get_object_or_404(_decisions(request.user), uuid=uuid)
    return render(request, "decisions/decision.html", _decision_context(request, d, refusal, action, request.POST),
                  status=status)


def _documents(d):
    from fazhi.decisions import documents as DOC

    f = DOC.Facts(d)
    return [(k.key, k.label) for k in DOC.KINDS if k.ready(f)]


def _queue_context(request, refusal=None):
    today = timezone.localdate()
    rows = list(Q.queue(request.user).order_by("status", "due_on", "id")[:300])
    shown = []
    for r in rows:
        row = Q.review_row(r)
        row["obj"] = r
        shown.append(row)
    done = [r for r in shown if r["status"] == ReviewStatus.DONE and r["turnaround_wd"] is not None]
    return {"open": [r for r in shown if r["status"] == ReviewStatus.OPEN],
            "done": [r for r in shown if r["status"] == ReviewStatus.DONE],
            "average": (round(sum(r["turnaround_wd"] for r in done) / len(done), 1) if done else None),
            "kinds": [(k, D.REVIEW_KINDS[k]) for k in PUBLIC_KINDS], "conclusions": list(D.CONCLUSIONS.items()),
            "today": today, "refusal": refusal,
            "may_review": request.user.has_role(Role.LEGAL_REVIEWER),
            "may_advise": request.user.has_role(Role.LEGAL_ADVISER)}


@needs(Kind.DECISIONS)
def queue(request):
    return render(request, "decisions/queue.html", _queue_context(request))


def _refuse(request, e, status=None):
    shown, code = refused(e) if isinstance(e, RuleViolation) else ({"code": "", "message": str(e), "basis": ""}, 400)
    return render(request, "decisions/queue.html", _queue_context(request, shown), status=status or code)


@needs(Kind.DECISIONS)
@require_POST
def queue_register(request):
    try:
        on = date_param(request.POST.get("on"), "收件日期")
        due = date_param(request.POST.get("due_on"), "要求审结日期") if request.POST.get("due_on", "").strip() else None
        A.request_review(by=request.user, on=on, kind=request.POST.get("kind", ""),
                         subject=request.POST.get("subject", "")[:200],
                         requested_by=request.POST.get("requested_by", "")[:100], due_on=due)
    except (RuleViolation, BadInput) as e:
        return _refuse(request, e)
    messages.success(request, "已登记审查事项")
    return redirect("decisions_queue")


@needs(Kind.DECISIONS)
@require_POST
def queue_step(request, uuid, step):
    r = get_object_or_404(Q.queue(request.user), uuid=uuid)
    try:
        on = date_param(request.POST.get("on"), "办理日期")
        if step == "complete":
            A.complete_review(r, by=request.user, on=on, conclusion=request.POST.get("conclusion", ""),
                              opinion=request.POST.get("opinion", ""))
        elif step == "advise":
            A.give_adviser_opinion(r, by=request.user, on=on, opinion=request.POST.get("opinion", ""))
        else:
            return _refuse(request, ValueError("无此操作"), 404)
    except (RuleViolation, BadInput) as e:
        return _refuse(request, e)
    messages.success(request, "已出具审查意见" if step == "complete" else "已提出法律意见")
    return redirect("decisions_queue")


# --- public ----------------------------------------------------------------------------------------------------

def public_index(request):
    """The published 目录 of each bureau and the published decisions (PUB: masked through disclosure.public)."""
    catalogues = Catalogue.objects.exclude(published_on=None).select_related("bureau").order_by("-year", "bureau__path")[:40]
    cats = []
    for c in catalogues:
        items = [shown_content({"title": i.title, "unit": i.unit, "reason": i.added_reason or "",
                                "withdrawn": i.withdrawn_reason or ""}, [])
                 | {"category": D.CATEGORIES[i.category], "added_on": i.added_on, "withdrawn_on": i.withdrawn_on,
                    "adjusted": i.added_on > c.published_on}
                 for i in c.items.all()]
        cats.append({"c": c, "items": items})
    published = Decision.objects.filter(status__in=[Status.PUBLISHED, Status.ARCHIVED, Status.EVALUATED]) \
        .exclude(published_on=None).select_related("bureau").order_by("-published_on")[:100]
    decisions = [shown_content({"title": d.title, "text": d.decision_text, "feedback": d.consult_feedback}, [])
                 | {"bureau": d.bureau.short_name, "published_on": d.published_on,
                    "received": d.comments_received, "adopted": d.comments_adopted,
                    "consulted": bool(d.consult_closed_on)}
                 for d in published if not d.not_public_reason]
    return render(request, "decisions/public.html", {"catalogues": cats, "decisions": decisions})


@needs(Kind.DECISIONS)
def document(request, uuid, kind, fmt):
    """A decision's document as PDF or DOCX (the shared layout)."""
    from django.http import HttpResponse
    from django.utils.http import content_disposition_header

    from fazhi.core.layout import to_docx, to_pdf
    from fazhi.decisions import documents as DOC

    d = get_object_or_404(Q.scoped(Decision.objects.select_related("bureau"), request.user), uuid=uuid)
    k = DOC.BY_KEY.get(kind)
    if k is None or fmt not in ("pdf", "docx"):
        raise Http404("无此文书")
    f = DOC.Facts(d)
    if not k.ready(f):
        raise Http404("该环节尚未办理，没有此文书")
    doc = k.build(f)
    data = to_pdf(doc) if fmt == "pdf" else to_docx(doc)
    ctype = "application/pdf" if fmt == "pdf" else \
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    r = HttpResponse(data, content_type=ctype)
    r["Content-Disposition"] = content_disposition_header(fmt == "docx", f"{doc.filename}.{fmt}")
    return r

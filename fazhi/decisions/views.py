"""Pages of 重大行政决策和合法性审查. Staff: the decisions board, a decision's page with its steps, and the 法制科's
review queue (due dates, working days left, turnaround). Public: the 目录 and the published decisions, every text
through disclosure.public (masking)."""
from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core.errors import refused
from fazhi.core.forms import keep
from fazhi.core.params import BadInput, date_param
from fazhi.core.workflow import offered
from fazhi.core.workflow_views import basis_of, document_response, post_step
from fazhi.decisions import actions as A
from fazhi.decisions import forms as F
from fazhi.decisions import queries as Q
from fazhi.decisions.actions import blobs
from fazhi.decisions.models import Catalogue, CatalogueItem, Decision, ReviewStatus, Status
from fazhi.decisions.schemas import (
    REVIEW_SCHEMAS,
    SCHEMAS,
    CatalogueIn,
    ItemIn,
    LaunchIn,
    PublishCatalogueIn,
    WithdrawIn,
)
from fazhi.decisions.workflow import REVIEWS, WORKFLOW, may_attach
from fazhi.disclosure.public import shown_content
from fazhi.law import decisions as D
from fazhi.law.basis import RuleViolation
from fazhi.org.access import Kind, needs, record_record_read
from fazhi.org.models import LEADERS, Role, Staff

PUBLIC_KINDS = ("contract", "normative_draft", "normative_filing", "normative_cleanup", "dispute_reply", "other")


def _board_context(request, refusal=None, failed: str = "", post=None) -> dict:
    """The decisions and the year's 目录, with the forms a leader of the bureau uses: create the 目录, add, withdraw
    and publish items, launch a decision (from an item, or outside the 目录 with its reason)."""
    today = timezone.localdate()
    user = request.user
    decisions = Q.scoped(Decision.objects.all(), user).select_related("item")[:200]
    catalogue = None
    if user.entity is not None:
        catalogue = Catalogue.objects.filter(bureau_id=user.entity.pk, year=today.year).first()
    catalogue = catalogue or Q.scoped(Catalogue.objects.all(), user).filter(year=today.year).first()
    leader = user.entity is not None and user.has_role(*LEADERS)
    own = leader and catalogue is not None and catalogue.bureau_id == user.entity.pk
    forms = {}
    if leader:
        items = [(str(i.uuid), i.title) for i in catalogue.items.filter(withdrawn_on=None)] if own else []
        leads = [(x.username, f"{x.full_name or x.username}（{x.username}）")
                 for x in Staff.objects.filter(bureau=user.entity, is_active=True).order_by("username")]
        wanted = {"launch": (LaunchIn, {"item": items, "lead": leads})}
        if catalogue is None:
            wanted["catalogue"] = (CatalogueIn, {})
        elif own:
            wanted["item"] = (ItemIn, {})
            wanted["withdraw"] = (WithdrawIn, {})
            if not catalogue.published_on:
                wanted["publish"] = (PublishCatalogueIn, {})
        for key, (schema, pickers) in wanted.items():
            fields = [f for f in F.fields_for(schema, key, today=today, pickers=pickers)
                      if f.name not in ("required", "skip_reasons")]
            for f in fields:
                if f.name == "year":
                    f.value = today.year
            if key == failed and post is not None:
                keep(fields, post)
            forms[key] = fields
    return {"decisions": decisions, "catalogue": catalogue, "today": today, "forms": forms, "own": own,
            "skippable": list(D.STEPS.items()) if leader else [],
            "failed": failed, "refusal": refusal, "post": post}


@needs(Kind.DECISIONS)
def board(request):
    return render(request, "decisions/board.html", _board_context(request))


def _board_post(request, key: str, schema, run):
    """Parse a board form with its API schema, run the action; a refusal comes back in place, the form kept."""
    payload, errors = F.parse(schema, request.POST)
    if payload is None:
        shown, status = {"code": "", "message": "；".join(errors), "basis": ""}, 400
    else:
        try:
            target = run(payload.dict())
            return redirect(target) if target else redirect("decisions")
        except RuleViolation as e:
            shown, status = refused(e)
        except LookupError as e:
            shown, status = {"code": "", "message": str(e), "basis": ""}, 400
    return render(request, "decisions/board.html", _board_context(request, shown, key, request.POST), status=status)


def _own_catalogue(request, uuid):
    return get_object_or_404(Q.scoped(Catalogue.objects.select_related("bureau"), request.user), uuid=uuid)


@needs(Kind.DECISIONS)
@require_POST
def catalogue_create(request):
    def run(p):
        A.create_catalogue(by=request.user, **p)
        messages.success(request, "已编制目录")
    return _board_post(request, "catalogue", CatalogueIn, run)


@needs(Kind.DECISIONS)
@require_POST
def catalogue_item(request, uuid):
    c = _own_catalogue(request, uuid)

    def run(p):
        A.add_item(c, by=request.user, **p)
        messages.success(request, "已列入目录")
    return _board_post(request, "item", ItemIn, run)


@needs(Kind.DECISIONS)
@require_POST
def catalogue_publish(request, uuid):
    c = _own_catalogue(request, uuid)

    def run(p):
        A.publish_catalogue(c, by=request.user, **p)
        messages.success(request, "目录已公布")
    return _board_post(request, "publish", PublishCatalogueIn, run)


@needs(Kind.DECISIONS)
@require_POST
def item_withdraw(request, uuid):
    item = get_object_or_404(Q.scoped(CatalogueItem.objects.select_related("catalogue"), request.user,
                                      "catalogue__bureau"), uuid=uuid)

    def run(p):
        A.withdraw_item(item, by=request.user, **p)
        messages.success(request, "已调出目录")
    return _board_post(request, "withdraw", WithdrawIn, run)


def _launch_extra(post) -> tuple[dict, dict]:
    """The steps left out at the launch: a checkbox per step and its ground (Art 14, 19, 22)."""
    required = {k: f"skip_{k}" not in post for k in D.STEPS}
    reasons = {k: post.get(f"skip_reason_{k}", "").strip()[:300] for k in D.STEPS}
    return required, reasons


@needs(Kind.DECISIONS)
@require_POST
def launch(request):
    def run(p):
        item = None
        if p["item"]:
            item = Q.scoped(CatalogueItem.objects.all(), request.user, "catalogue__bureau").filter(uuid=p["item"]).first()
            if item is None:
                raise LookupError("目录事项：没有可见的该事项")
        lead = Staff.objects.filter(username=p["lead"], is_active=True).first()
        if lead is None:
            raise LookupError("承办人：没有该工作人员")
        required, reasons = _launch_extra(request.POST)
        d = A.launch(by=request.user, on=p["on"], title=p["title"], unit=p["unit"], lead=lead, item=item,
                     outside_reason=p["outside_reason"], required=required, skip_reasons=reasons)
        messages.success(request, "已启动决策程序")
        return reverse("decision", args=[d.uuid])
    return _board_post(request, "launch", LaunchIn, run)


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
        forms.append({"action": s.action, "label": s.label, "basis": basis_of(s.rules), "fields": fields,
                      "url": reverse("decision_step", args=[d.uuid, s.action]),
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
    record_record_read(request.user, d, label=Q.decision_label(d), what="重大行政决策页面（参与人、专家和审查意见）")
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
        row["offered"] = {st.action for st in offered(REVIEWS, r, request.user, today)} \
            if r.status == ReviewStatus.OPEN else set()
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


# --- a legal review: its page, its steps, the reviewed document, the 审查意见书 -------------------------------------------

def _review_context(request, r, refusal=None, failed: str = "", post=None) -> dict:
    today = timezone.localdate()
    forms = []
    for s in offered(REVIEWS, r, request.user, today):
        fields = F.fields_for(REVIEW_SCHEMAS[s.action], s.action, today=today)
        if s.action == failed and post is not None:
            keep(fields, post)
        forms.append({"action": s.action, "label": s.label, "basis": basis_of(s.rules), "fields": fields,
                      "url": reverse("decisions_review_step", args=[r.uuid, s.action]), "open": True,
                      "refusal": refusal if s.action == failed else None})
    try:
        may_attach(r, request.user)
        attach = True
    except RuleViolation:
        attach = False
    return {"r": r, "x": Q.review_row(r, full=True), "forms": forms, "attached": A.attached(r), "may_attach": attach,
            "today": today, "attach_refusal": refusal if failed == "attach" else None,
            "refusal": refusal if failed and failed not in {f["action"] for f in forms} | {"attach"} else None}


def _review(request, uuid):
    return get_object_or_404(Q.queue(request.user).select_related("bureau"), uuid=uuid)


@needs(Kind.DECISIONS)
def review(request, uuid):
    r = _review(request, uuid)
    record_record_read(request.user, r, label=Q.review_label(r), what="法律审查页面（送审事项和意见）")
    return render(request, "decisions/review.html", _review_context(request, r))


@needs(Kind.DECISIONS)
@require_POST
def review_step(request, uuid, action):
    """The adviser's opinion or the 法制科's opinion from the review's page (or the queue: `next=queue`)."""
    r = _review(request, uuid)
    if action not in REVIEWS.by_action:
        raise Http404("无此操作")
    refusal, status = post_step(request, REVIEWS, r, action, F.LABELS)
    if refusal is None:
        if request.POST.get("next") == "queue":
            return redirect("decisions_queue")
        return redirect("decisions_review", uuid=r.uuid)
    return render(request, "decisions/review.html",
                  _review_context(request, _review(request, uuid), refusal, action, request.POST), status=status)


@needs(Kind.DECISIONS)
@require_POST
def review_attach(request, uuid):
    """Attach the reviewed document (a file) to the review: kept under its SHA-256, recorded in the review's event."""
    r = _review(request, uuid)
    upload = request.FILES.get("file")
    try:
        if upload is None:
            raise BadInput("请选择要附入的文件")
        on = date_param(request.POST.get("on"), "提交日期")
        A.attach_document(r, by=request.user, on=on, title=request.POST.get("title", "")[:200], upload=upload)
    except RuleViolation as e:
        shown, status = refused(e)
        return render(request, "decisions/review.html", _review_context(request, r, shown, "attach"), status=status)
    except BadInput as e:
        return render(request, "decisions/review.html",
                      _review_context(request, r, {"code": "", "message": str(e), "basis": ""}, "attach"), status=400)
    messages.success(request, "已附入送审文件")
    return redirect("decisions_review", uuid=r.uuid)


@needs(Kind.DECISIONS)
def review_file(request, uuid, sha256):
    """A document attached to this review, as stored (only a hash this review's events recorded)."""
    r = _review(request, uuid)
    doc = next((x for x in A.attached(r) if x["sha256"] == sha256), None)
    if doc is None:
        raise Http404("无此文件")
    record_record_read(request.user, r, label=Q.review_label(r), what=f"送审文件下载：{doc['title']}"[:120])
    return blobs.download(sha256, doc["filename"] or doc["title"], doc.get("content_type", ""))


@needs(Kind.DECISIONS)
def review_document(request, uuid, fmt):
    """The 审查意见书 of a completed review as PDF or DOCX (the shared layout)."""

    from fazhi.decisions import documents as DOC

    r = _review(request, uuid)
    if fmt not in ("pdf", "docx") or r.kind == "penalty":
        raise Http404("无此文书")
    if r.status != ReviewStatus.DONE:
        raise Http404("尚未出具审查意见，没有此文书")
    doc = DOC.review_opinion(r)
    record_record_read(request.user, r, label=Q.review_label(r), what=f"审查意见书下载（{fmt}）")
    return document_response(doc, fmt)


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

    from fazhi.decisions import documents as DOC

    d = get_object_or_404(Q.scoped(Decision.objects.select_related("bureau"), request.user), uuid=uuid)
    k = DOC.BY_KEY.get(kind)
    if k is None or fmt not in ("pdf", "docx"):
        raise Http404("无此文书")
    f = DOC.Facts(d)
    if not k.ready(f):
        raise Http404("该环节尚未办理，没有此文书")
    doc = k.build(f)
    record_record_read(request.user, d, label=Q.decision_label(d), what=f"文书下载：{doc.filename}.{fmt}"[:120])
    return document_response(doc, fmt)

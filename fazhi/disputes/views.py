"""Staff pages of 行政复议和行政应诉: the due-date board with every open clock and what missing it means, the
disputes list, a dispute's page with its stages, hearings and the steps the user may take, the 司法建议/检察建议
register, and the documents. Thin: forms come from the API's schemas (disputes.forms), writes go through
disputes.actions, reads through disputes.queries."""
from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core.errors import refused
from fazhi.core.forms import keep
from fazhi.core.workflow_views import document_response, post_step, step_form, unreadable
from fazhi.disputes import actions as A
from fazhi.disputes import documents as DOC
from fazhi.disputes import forms as F
from fazhi.disputes import queries as Q
from fazhi.disputes.models import OPEN, Dispute
from fazhi.disputes.schemas import SCHEMAS, ReceiveIn, ReplyIn, SuggestionIn
from fazhi.disputes.workflow import WORKFLOW
from fazhi.law.basis import RuleViolation
from fazhi.org.access import Kind, needs, record_record_read

STATUS_FILTERS = [("open", "未审结"), ("concluded", "已审结"), ("all", "全部")]


def _case_choices(user):
    """Decided penalty cases the user sees, newest first: the acts a dispute most often challenges."""
    from fazhi.cases.queries import list_queryset

    qs = list_queryset(user).exclude(decision_no="").order_by("-decided_on", "-id")[:200]
    return [(str(c.uuid), f"{c.decision_no} {c.party_name} {c.cause}"[:60]) for c in qs]


def _receive_form(request, post=None):
    fields = F.fields_for(ReceiveIn, "receive", bureau=request.user.entity, today=timezone.localdate(),
                          choices={"case": _case_choices(request.user)})
    if post is not None:
        keep(fields, post)
    return fields


def _board_context(request, **extra):
    today = timezone.localdate()
    shown = request.GET.get("status", "open")
    qs = Q.disputes_for(request.user)
    if shown == "open":
        qs = qs.filter(status__in=OPEN)
    elif shown == "concluded":
        qs = qs.filter(status="concluded")
    kind = request.GET.get("kind", "")
    if kind in ("reconsideration", "lawsuit", "compensation"):
        qs = qs.filter(kind=kind)
    writer = request.user.entity is not None and A.may_register(request.user)
    return {"today": today, "clocks": Q.board(request.user, today), "rows": [Q.row(d) for d in qs[:200]],
            "status_filters": STATUS_FILTERS, "shown": shown, "kind": kind,
            "may_register": writer, "receive_fields": extra.pop("receive_fields", None) or
            (_receive_form(request) if writer else []), **extra}


@needs(Kind.DISPUTES)
def board(request):
    return render(request, "disputes/board.html", _board_context(request))


@needs(Kind.DISPUTES)
@require_POST
def receive(request):
    payload, errors = F.parse(ReceiveIn, request.POST)
    if payload is not None:
        data = payload.dict()
        case_id, inspection_id = data.pop("case"), data.pop("inspection")
        case = None
        if case_id:
            from fazhi.cases.queries import list_queryset

            case = list_queryset(request.user).filter(uuid=case_id).first()
            if case is None:
                errors = ["处罚案件：没有可见的该案件"]
        if inspection_id:
            errors.append("行政检查：请通过接口关联行政检查记录")
        if not errors:
            try:
                d = A.receive(by=request.user, case=case, inspection=None, **data)
                messages.success(request, f"已登记：{d.number} {d.kind_label}")
                return redirect("dispute", uuid=d.uuid)
            except RuleViolation as e:
                refusal, status = refused(e)
                return render(request, "disputes/board.html", _board_context(
                    request, refusal=refusal, receive_fields=_receive_form(request, request.POST),
                    open_form=True), status=status)
    return render(request, "disputes/board.html", _board_context(
        request, refusal=unreadable(errors), receive_fields=_receive_form(request, request.POST), open_form=True),
        status=400)


def _dispute_context(request, d: Dispute, refusal: dict | None = None, failed: str = "", post=None):
    today = timezone.localdate()
    detail = Q.detail(d, request.user, today)
    forms = []
    for a in detail["actions"]:
        fields = F.fields_for(SCHEMAS[a["action"]], a["action"], bureau=d.bureau, today=today)
        forms.append(step_form(a, fields, record=d, url=reverse("dispute_step", args=[d.uuid, a["action"]]),
                               refusal=refusal, failed=failed, post=post))
    return {"d": d, "x": detail, "forms": forms, "documents": DOC.available(d), "today": today}


@needs(Kind.DISPUTES)
def dispute(request, uuid):
    d = get_object_or_404(Q.disputes_for(request.user), uuid=uuid)
    record_record_read(request.user, d, label=Q.read_label(d), what="复议、诉讼页面（申请人、请求和答复）")
    return render(request, "disputes/dispute.html", _dispute_context(request, d))


@needs(Kind.DISPUTES)
@require_POST
def step(request, uuid, action):
    d = get_object_or_404(Q.disputes_for(request.user), uuid=uuid)
    if action not in WORKFLOW.by_action or WORKFLOW.step(action).creates:
        raise Http404("无此操作")
    refusal, status = post_step(request, WORKFLOW, d, action, F.LABELS)
    if refusal is None:
        return redirect("dispute", uuid=d.uuid)
    d = get_object_or_404(Q.disputes_for(request.user), uuid=uuid)
    return render(request, "disputes/dispute.html", _dispute_context(request, d, refusal, action, request.POST),
                  status=status)


def _suggestions_context(request, **extra):
    today = timezone.localdate()
    rows = [Q.suggestion_row(s, today) for s in Q.suggestions_for(request.user)[:300]]
    replied = [r for r in rows if r["replied_on"]]
    writer = request.user.entity is not None and A.may_register(request.user)
    disputes = [(str(d.uuid), f"{d.number} {d.applicant}") for d in Q.disputes_for(request.user)[:200]]
    fields = extra.pop("fields", None) or (F.fields_for(
        SuggestionIn, "receive_suggestion", bureau=request.user.entity, today=today,
        choices={"dispute": disputes}) if writer else [])
    return {"rows": rows, "today": today, "fields": fields, "may_register": writer,
            "reply_fields": F.fields_for(ReplyIn, "reply_suggestion", bureau=None, today=today),
            "replied": len(replied), "on_time": sum(1 for r in replied if r["on_time"]), **extra}


@needs(Kind.DISPUTES)
def suggestions(request):
    return render(request, "disputes/suggestions.html", _suggestions_context(request))


@needs(Kind.DISPUTES)
@require_POST
def suggestion_receive(request):
    from fazhi.org.models import Staff

    payload, errors = F.parse(SuggestionIn, request.POST)
    if payload is not None:
        data = payload.dict()
        owner = Staff.objects.filter(username=data.pop("owner")).first()
        dispute_id = data.pop("dispute")
        linked = Q.disputes_for(request.user).filter(uuid=dispute_id).first() if dispute_id else None
        if owner is None:
            errors = ["承办人：没有该工作人员"]
        elif dispute_id and linked is None:
            errors = ["关联的复议、诉讼：没有可见的该记录"]
        else:
            try:
                A.receive_suggestion(by=request.user, owner=owner, dispute=linked, **data)
                messages.success(request, "已登记")
                return redirect("dispute_suggestions")
            except RuleViolation as e:
                refusal, status = refused(e)
                return render(request, "disputes/suggestions.html",
                              _suggestions_context(request, refusal=refusal, open_form=True), status=status)
    return render(request, "disputes/suggestions.html",
                  _suggestions_context(request, refusal=unreadable(errors), open_form=True), status=400)


@needs(Kind.DISPUTES)
@require_POST
def suggestion_reply(request, uuid):
    s = get_object_or_404(Q.suggestions_for(request.user), uuid=uuid)
    payload, errors = F.parse(ReplyIn, request.POST)
    if payload is not None:
        try:
            A.reply_suggestion(s, by=request.user, **payload.dict())
            messages.success(request, "已登记书面回复")
            return redirect("dispute_suggestions")
        except RuleViolation as e:
            refusal, status = refused(e)
    else:
        refusal, status = unreadable(errors), 400
    return render(request, "disputes/suggestions.html",
                  _suggestions_context(request, reply_refusal=refusal, failed=str(s.uuid)), status=status)


@needs(Kind.DISPUTES)
def document(request, uuid, kind, fmt):
    """A dispute's document as PDF or DOCX (the shared layout)."""

    d = get_object_or_404(Q.disputes_for(request.user), uuid=uuid)
    k = DOC.BY_KEY.get(kind)
    if k is None or fmt not in ("pdf", "docx"):
        raise Http404("无此文书")
    if not k.ready(d):
        raise Http404("该环节尚未办理，没有此文书")
    doc = k.build(d)
    record_record_read(request.user, d, label=Q.read_label(d), what=f"文书下载：{doc.filename}.{fmt}"[:120])
    return document_response(doc, fmt)

"""Staff pages of 行政强制: the measures board (due dates and days left, overdue first), a measure's page offering
exactly its steps, the form that opens a measure from its case page, and the documents. Thin: forms come from the
API's schemas (coercion.forms), writes go through coercion.actions, reads through coercion.queries."""
from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.coercion import actions as A
from fazhi.coercion import documents as DOC
from fazhi.coercion import forms as F
from fazhi.coercion import queries as Q
from fazhi.coercion.models import Measure
from fazhi.coercion.schemas import SCHEMAS, DemolitionIn, TakeIn
from fazhi.coercion.workflow import STEPS, WORKFLOW, may_open
from fazhi.core.errors import refused
from fazhi.core.forms import keep
from fazhi.core.workflow_views import basis_of, document_response, post_step, step_form, unreadable
from fazhi.law.basis import RuleViolation
from fazhi.org.access import Kind, needs

SHOWN = [("open", "进行中"), ("closed", "已办结"), ("all", "全部")]
OPENERS = {"take": TakeIn, "start_demolition": DemolitionIn}


@needs(Kind.CASES)
def board(request):
    today = timezone.localdate()
    shown = request.GET.get("shown", "open")
    if shown not in dict(SHOWN):
        shown = "open"
    return render(request, "coercion/board.html", {"rows": Q.board(request.user, today, shown), "today": today,
                                                   "shown": shown, "filters": SHOWN})


def _measure_context(request, m: Measure, refusal=None, failed: str = "", post=None):
    today = timezone.localdate()
    x = Q.detail(m, request.user, today)
    forms = []
    for a in x["actions"]:
        fields = F.fields_for(SCHEMAS[a["action"]], a["action"], bureau=m.bureau, today=today)
        forms.append(step_form(a, fields, record=m, url=reverse("measure_step", args=[m.uuid, a["action"]]),
                               refusal=refusal, failed=failed, post=post))
    return {"m": m, "x": x, "forms": forms, "documents": DOC.available(m), "today": today,
            "events": Q._events(m)}


@needs(Kind.CASES)
def measure(request, uuid):
    m = get_object_or_404(Q.measures_for(request.user), uuid=uuid)
    return render(request, "coercion/measure.html", _measure_context(request, m))


@needs(Kind.CASES)
@require_POST
def step(request, uuid, action):
    m = get_object_or_404(Q.measures_for(request.user), uuid=uuid)
    if action not in WORKFLOW.by_action or WORKFLOW.step(action).creates:
        raise Http404("无此操作")
    refusal, status = post_step(request, WORKFLOW, m, action, F.LABELS)
    if refusal is None:
        return redirect("measure", uuid=m.uuid)
    m = get_object_or_404(Q.measures_for(request.user), uuid=uuid)
    return render(request, "coercion/measure.html", _measure_context(request, m, refusal, action, request.POST),
                  status=status)


def opener_fields(case, action: str, today, post=None):
    fields = F.fields_for(OPENERS[action], action, bureau=case.bureau, today=today, exclude=("case",))
    if action == "start_demolition":
        for f in fields:
            if f.name == "place" and not f.value:
                f.value = case.place
    if post is not None:
        keep(fields, post)
        for f in fields:
            if f.name == "items":
                f.value = post.get("items", "")
    return fields


@needs(Kind.CASES)
def open_measure(request, case_id, action):
    """The form of 采取查封扣押 / 启动强制拆除程序 for a case (linked from the case page), and its post."""
    from fazhi.cases.queries import detail_queryset

    if action not in OPENERS:
        raise Http404("无此操作")
    case = get_object_or_404(detail_queryset(request.user), uuid=case_id)
    today = timezone.localdate()
    label = STEPS[action].label
    ctx = {"case": case, "action": action, "label": label, "basis": basis_of(STEPS[action].rules)}
    if request.method != "POST":
        if not may_open(case, request.user, today, action):
            ctx["refusal"] = {"code": "CO-ROLE", "message": f"“{label}”须由本案承办的持证执法人员在案件办结前办理",
                              "basis": ""}
            return render(request, "coercion/open.html", {**ctx, "fields": []}, status=403)
        return render(request, "coercion/open.html", {**ctx, "fields": opener_fields(case, action, today)})
    schema = OPENERS[action]
    post = request.POST.copy()
    post["case"] = str(case.uuid)
    payload, errors = F.core_forms.parse(schema, post, F.LABELS, {"items": F.items_lines} if action == "take" else None)
    if payload is None:
        refusal, status = unreadable(errors), 400
    else:
        data = payload.dict()
        data.pop("case")
        try:
            fn = A.take if action == "take" else A.start_demolition
            m = fn(case, by=request.user, **data)
            messages.success(request, f"已办理：{label}（{m.number}）")
            return redirect("measure", uuid=m.uuid)
        except RuleViolation as e:
            refusal, status = refused(e)
        except LookupError as e:
            refusal, status = unreadable([str(e)]), 400
    return render(request, "coercion/open.html", {**ctx, "fields": opener_fields(case, action, today, request.POST),
                                                  "refusal": refusal}, status=status)


@needs(Kind.CASES)
def document(request, uuid, kind, fmt):
    m = get_object_or_404(Q.measures_for(request.user), uuid=uuid)
    k = DOC.BY_KEY.get(kind)
    if k is None or fmt not in ("pdf", "docx"):
        raise Http404("无此文书")
    if not k.ready(m):
        raise Http404("该环节尚未办理，没有此文书")
    return document_response(k.build(m), fmt)

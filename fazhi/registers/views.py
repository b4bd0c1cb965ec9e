"""Staff pages of 违法建设和隐患整改台账: the board (违法建设 and 整改通知, overdue notices first), a site's and a notice's
page offering exactly their steps, the forms that register a site and issue a notice, and the notice as a 文书. Thin:
forms come from the API's schemas (registers.forms), writes go through registers.actions, reads through
registers.queries."""
from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core.errors import refused
from fazhi.core.forms import keep, parse
from fazhi.core.workflow_views import basis_of, document_response, post_step, unreadable
from fazhi.law.basis import RuleViolation
from fazhi.org.access import Kind, needs
from fazhi.registers import actions as A
from fazhi.registers import documents as DOC
from fazhi.registers import forms as F
from fazhi.registers import queries as Q
from fazhi.registers.models import Notice, Site
from fazhi.registers.schemas import NOTICE_SCHEMAS, SITE_SCHEMAS, NoticeIn, SiteIn
from fazhi.registers.workflow import NOTICE_STEPS, NOTICES, SITE_STEPS, SITES, check_officer

SITE_EVENTS = {s.action: s.label for s in SITE_STEPS.values()}
NOTICE_EVENTS = {s.action: s.label for s in NOTICE_STEPS.values()}


@needs(Kind.REGISTERS)
def board(request):
    today = timezone.localdate()
    shown = request.GET.get("shown", "open")
    if shown not in dict(Q.SHOWN):
        shown = "open"
    return render(request, "registers/board.html", {
        "sites": Q.sites(request.user, shown), "notices": Q.notices(request.user, today, shown), "today": today,
        "shown": shown, "filters": Q.SHOWN, "may_open": _may_open(request.user, today)})


def _may_open(user, today) -> bool:
    try:
        check_officer(user.entity.pk if user.entity else -1, user, "登记", today)
    except Exception:  # noqa: BLE001 — NotPermitted: the forms are not offered
        return False
    return True


def _forms(request, wf, schemas, record, step_url: str, refusal=None, failed: str = ""):
    today = timezone.localdate()
    out = []
    for s in wf.record_steps():
        if s not in _offered(wf, record, request.user, today):
            continue
        fields = F.fields_for(schemas[s.action], s.action, bureau=record.bureau, today=today)
        if s.action == failed:
            keep(fields, request.POST)
        out.append({"action": s.action, "label": s.label, "basis": basis_of(s.rules), "fields": fields,
                    "version": record.version, "url": reverse(step_url, args=[record.uuid, s.action]),
                    "refusal": refusal if s.action == failed else None})
    return out


def _offered(wf, record, user, today):
    from fazhi.core.workflow import offered

    return offered(wf, record, user, today)


def _site_page(request, s: Site, refusal=None, failed: str = "", status: int = 200):
    today = timezone.localdate()
    return render(request, "registers/site.html", {
        "s": s, "x": Q.site_detail(s, request.user, today), "events": Q.events(s, SITE_EVENTS),
        "forms": _forms(request, SITES, SITE_SCHEMAS, s, "register_site_step", refusal, failed)}, status=status)


def _notice_page(request, n: Notice, refusal=None, failed: str = "", status: int = 200):
    today = timezone.localdate()
    return render(request, "registers/notice.html", {
        "n": n, "x": Q.notice_detail(n, request.user, today), "events": Q.events(n, NOTICE_EVENTS),
        "forms": _forms(request, NOTICES, NOTICE_SCHEMAS, n, "register_notice_step", refusal, failed)},
        status=status)


@needs(Kind.REGISTERS)
def site(request, uuid):
    return _site_page(request, get_object_or_404(Q.scoped(Site, request.user), uuid=uuid))


@needs(Kind.REGISTERS)
def notice(request, uuid):
    return _notice_page(request, get_object_or_404(Q.scoped(Notice, request.user), uuid=uuid))


def _step(request, uuid, action, model, wf, labels, page, name):
    record = get_object_or_404(Q.scoped(model, request.user), uuid=uuid)
    if action not in wf.by_action or wf.step(action).creates:
        raise Http404("无此操作")
    refusal, status = post_step(request, wf, record, action, labels)
    if refusal is None:
        return redirect(name, uuid=record.uuid)
    record = get_object_or_404(Q.scoped(model, request.user), uuid=uuid)
    return page(request, record, refusal, action, status)


@needs(Kind.REGISTERS)
@require_POST
def site_step(request, uuid, action):
    return _step(request, uuid, action, Site, SITES, F.LABELS, _site_page, "register_site")


@needs(Kind.REGISTERS)
@require_POST
def notice_step(request, uuid, action):
    return _step(request, uuid, action, Notice, NOTICES, F.LABELS, _notice_page, "register_notice")


def _new(request, schema, action: str, label: str, fn, url_name: str, template_key: str):
    today = timezone.localdate()
    bureau = request.user.entity
    rules = (SITE_STEPS if action == "register" else NOTICE_STEPS)[action].rules
    ctx = {"label": label, "action": action, "basis": basis_of(rules), "url": reverse(template_key)}
    if not _may_open(request.user, today):
        ctx["refusal"] = {"code": "REG-ROLE", "message": f"“{label}”须由本机关持证执法人员办理", "basis": ""}
        return render(request, "registers/new.html", {**ctx, "fields": []}, status=403)
    fields = F.fields_for(schema, action, bureau=bureau, today=today)
    if request.method != "POST":
        return render(request, "registers/new.html", {**ctx, "fields": fields})
    payload, errors = parse(schema, request.POST, F.LABELS)
    if payload is None:
        refusal, status = unreadable(errors), 400
    else:
        try:
            record = fn(by=request.user, **payload.dict())
            messages.success(request, f"已办理：{label}（{record.number}）")
            return redirect(url_name, uuid=record.uuid)
        except RuleViolation as e:
            refusal, status = refused(e)
        except LookupError as e:
            refusal, status = unreadable([str(e)]), 400
    keep(fields, request.POST)
    return render(request, "registers/new.html", {**ctx, "fields": fields, "refusal": refusal}, status=status)


@needs(Kind.REGISTERS)
def new_site(request):
    return _new(request, SiteIn, "register", "登记违法建设", A.register_site, "register_site", "register_site_new")


@needs(Kind.REGISTERS)
def new_notice(request):
    return _new(request, NoticeIn, "issue", "下达整改通知", A.issue_notice, "register_notice",
                "register_notice_new")


@needs(Kind.REGISTERS)
def notice_document(request, uuid, fmt):
    n = get_object_or_404(Q.scoped(Notice, request.user), uuid=uuid)
    return document_response(DOC.notice(n), fmt)

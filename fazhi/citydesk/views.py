"""The command centre board and the intake pages (patrol phone page, hotline form). Each button calls one
citydesk action; a refusal is shown in place with its reason."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.citydesk import actions as A
from fazhi.citydesk.models import Category, Channel, Issue, IssueStatus
from fazhi.core.errors import NotPermitted
from fazhi.law.basis import RuleViolation


def _issues(user):
    entity = user.entity
    qs = Issue.objects.select_related("category", "unit", "region", "cell")
    if entity is None:
        return qs.none()
    return qs.filter(region__bureau__path__startswith=entity.path) | qs.filter(unit__members=user)


@login_required
def board(request, refusal=None, status=200):
    qs = _issues(request.user).distinct()
    columns = [(s, label, list(qs.filter(status=s).order_by("due_at", "-reported_at")[:50]))
               for s, label in IssueStatus.choices if s not in (IssueStatus.CLOSED, IssueStatus.VOID)]
    return render(request, "citydesk/board.html", {
        "columns": columns, "closed": qs.filter(status=IssueStatus.CLOSED).order_by("-closed_at")[:20],
        "categories": Category.objects.filter(disabled=False), "channels": Channel.choices,
        "refusal": refusal, "now": timezone.localtime()}, status=status)


def _do(request, fn, ok):
    try:
        fn()
    except (RuleViolation, ValueError) as e:
        refusal = e.shown() if isinstance(e, RuleViolation) else {"code": "", "message": str(e), "basis": ""}
        return board(request, refusal, 403 if isinstance(e, NotPermitted) else 409)
    messages.success(request, ok)
    return redirect("citydesk")


@login_required
@require_POST
def intake(request):
    """Patrol (phone GPS) and hotline intake: the same report action, another channel."""
    p = request.POST
    category = get_object_or_404(Category, pk=p.get("category"))
    try:
        lng, lat = float(p.get("lng", "")), float(p.get("lat", ""))
    except ValueError:
        return board(request, {"code": "", "message": "请填写问题位置的经纬度（或使用手机定位）", "basis": ""}, 409)
    return _do(request, lambda: A.report(
        channel=p.get("channel", Channel.PATROL), category=category, description=p.get("description", ""),
        lng=lng, lat=lat, address=p.get("address", ""),
        reporter_name=p.get("reporter_name", ""), reporter_phone=p.get("reporter_phone", ""),
        callback="callback" in p, urgent="urgent" in p, by=request.user), "已登记")


@login_required
@require_POST
def step(request, issue_id, action):
    issue = get_object_or_404(_issues(request.user).distinct(), uuid=issue_id)
    p, by = request.POST, request.user
    steps = {
        "accept": (lambda: A.accept(issue, by=by), "已受理"),
        "void": (lambda: A.void(issue, by=by, reason=p.get("reason", "")), "已作废"),
        "register": (lambda: A.register(issue, by=by, condition_met="condition_met" in p), "已立案"),
        "dispatch": (lambda: A.dispatch(issue, by=by), "已派遣"),
        "handle": (lambda: A.handle(issue, by=by, feedback=p.get("feedback", "")), "已反馈处置结果"),
        "verify": (lambda: A.verify(issue, by=by, ok=p.get("ok") == "1", note=p.get("note", "")), "已核查"),
        "close": (lambda: A.close(issue, by=by), "已结案"),
    }
    if action not in steps:
        raise Http404
    fn, ok = steps[action]
    return _do(request, fn, ok)

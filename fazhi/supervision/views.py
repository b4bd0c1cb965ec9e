"""Staff pages of 案卷评查: the task list with the form that sets a task (scope, period, kinds, standard, sample
size — the verifiable draw), a task's page (the draw, reviewers assigned with recusal refused in place, progress,
results per bureau, the 通报), a score sheet (一卷一表: each item with its pre-score and evidence, confirm or
override with a reason, finish) and the 整改 list with closing. Thin: forms come from the API's schemas
(supervision.forms), writes go through supervision.actions (the workflow guard first), reads through
supervision.queries."""
from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core.errors import refused
from fazhi.core.workflow import offered, refusal
from fazhi.core.workflow_views import basis_of, document_response, post_step, unreadable
from fazhi.law.basis import RuleViolation
from fazhi.org.access import Kind, needs
from fazhi.org.models import Bureau
from fazhi.supervision import actions as A
from fazhi.supervision import documents as DOC
from fazhi.supervision import forms as F
from fazhi.supervision import queries as Q
from fazhi.supervision.models import (
    CampaignProblem,
    Rectification,
    ReviewStandard,
    ScoreSheet,
    SupervisionOrder,
)
from fazhi.supervision.schemas import ORDER_SCHEMAS, AnswerIn, AssignIn, OrderIn, RectifyIn, TaskIn
from fazhi.supervision.workflow import (
    CAMPAIGNS,
    ORDERS,
    PROBLEMS,
    RECTIFICATIONS,
    SHEETS,
    may_issue,
    may_launch,
    may_organise,
)

STATUS_FILTERS = [("open", "整改中"), ("done", "已整改"), ("all", "全部")]


def _index_context(request, **extra):
    today = timezone.localdate()
    organiser = may_organise(request.user) and Bureau.objects.filter(parent=request.user.entity).exclude(
        kind="squad").exists()
    rows = [Q.task_row(t) for t in Q.tasks_for(request.user)[:100]]
    fields = extra.pop("fields", None)
    if fields is None and organiser:
        fields = F.task_fields(request.user.entity, today)
    open_fixes = Q.rectifications_for(request.user).filter(status=Rectification.OPEN)
    return {"rows": rows, "may_create": organiser, "fields": fields or [], "today": today,
            "open_fixes": open_fixes.count(),
            "overdue_fixes": open_fixes.filter(due__lt=today).count(), **extra}


@needs(Kind.SUPERVISION)
def index(request):
    return render(request, "supervision/index.html", _index_context(request))


@needs(Kind.SUPERVISION)
@require_POST
def create(request):
    today = timezone.localdate()
    payload, errors = F.core_forms.parse(TaskIn, request.POST, F.LABELS)
    if payload is not None and may_organise(request.user):
        data = payload.dict()
        organiser = request.user.entity
        standard = ReviewStandard.objects.filter(code=data["standard"]).first()
        scope = list(Bureau.objects.filter(code__in=data["scope"]))
        if standard is None:
            errors = ["评查标准：没有该标准"]
        elif len(scope) != len(set(data["scope"])):
            errors = ["被评查单位：没有该单位"]
        else:
            try:
                t = A.create_task(by=request.user, on=data["on"], organiser=organiser, title=data["title"],
                                  standard=standard, scope=scope, period_from=data["period_from"],
                                  period_to=data["period_to"], per_bureau=data["per_bureau"],
                                  procedures=data["procedures"], due_on=data["due_on"])
                messages.success(request, f"已下达评查任务，抽取案卷{t.sheets.count()}卷")
                return redirect("review_task", uuid=t.uuid)
            except RuleViolation as e:
                shown, status = refused(e)
                return render(request, "supervision/index.html", _index_context(
                    request, refusal=shown, open_form=True,
                    fields=F.task_fields(organiser, today, request.POST)), status=status)
    elif payload is not None:
        errors = ["只有组织单位的负责人或法制审核人员可以下达评查任务"]
    fields = F.task_fields(request.user.entity, today, request.POST) if request.user.entity else []
    return render(request, "supervision/index.html", _index_context(
        request, refusal=unreadable(errors), open_form=True, fields=fields), status=400)


def _task_context(request, t, failed: str = "", shown: dict | None = None, post=None):
    today = timezone.localdate()
    x = Q.task_detail(t, request.user)
    step = SHEETS.step("assign_reviewer")
    picks = F.reviewer_choices(t.bureau)
    sheets = {s.uuid: s for s in Q.sheets_for(request.user).filter(task=t)}
    for row in x["sheets"]:
        s = sheets.get(_uuid(row["uuid"]))
        row["may_assign"] = s is not None and refusal(SHEETS, s, request.user, step, today) is None
        if row["may_assign"]:
            row["fields"] = F.step_fields(AssignIn, "assign_reviewer", today, {"reviewer": picks},
                                          post if row["uuid"] == failed else None)
            if s.reviewer_id and row["uuid"] != failed:
                for f in row["fields"]:
                    if f.name == "reviewer":
                        f.value = s.reviewer.username
        row["refusal"] = shown if row["uuid"] == failed else None
    return {"t": t, "x": x, "today": today, "documents": t.status == t.FINISHED and x["organiser_view"]}


def _uuid(value):
    import uuid

    return uuid.UUID(value)


@needs(Kind.SUPERVISION)
def task(request, uuid):
    t = get_object_or_404(Q.tasks_for(request.user), uuid=uuid)
    return render(request, "supervision/task.html", _task_context(request, t))


def _sheet_context(request, s: ScoreSheet, failed: str = "", shown: dict | None = None, post=None):
    today = timezone.localdate()
    x = Q.sheet_detail(s, request.user)
    steps = {a["action"] for a in x["actions"]}
    left = None
    if "finish" not in steps and "score_item" in steps:
        e = refusal(SHEETS, s, request.user, SHEETS.step("finish"), today)
        left = e.message if e else None
    for it in x["items"]:
        it["refusal"] = shown if failed == f"score_item:{it['code']}" else None
        passed = it["passed"] if it["confirmed"] or it["prescored"] else None
        it["form"] = {"passed": "" if passed is None else ("1" if passed else "0"),
                      "deduction": it["deduction"] if it["confirmed"] and it["deduction"] != "0" else "",
                      "reason": it["reason"]}
        if it["refusal"] and post is not None:
            it["form"] = {k: post.get(k, "") for k in ("passed", "deduction", "reason")}
    return {"s": s, "x": x, "today": today, "may_score": "score_item" in steps, "may_finish": "finish" in steps,
            "finish_refusal": shown if failed == "finish" else None, "finish_blocked": left,
            "may_confirm_all": "confirm_prescored" in steps,
            "unconfirmed_prescored": sum(1 for it in x["items"] if it["prescored"] and not it["confirmed"]),
            "confirm_refusal": shown if failed == "confirm_prescored" else None}


@needs(Kind.SUPERVISION)
def sheet(request, uuid):
    s = get_object_or_404(Q.sheets_for(request.user), uuid=uuid)
    return render(request, "supervision/sheet.html", _sheet_context(request, s))


@needs(Kind.SUPERVISION)
@require_POST
def sheet_step(request, uuid, action):
    s = get_object_or_404(Q.sheets_for(request.user), uuid=uuid)
    if action not in SHEETS.by_action:
        raise Http404("无此操作")
    shown, status = post_step(request, SHEETS, s, action, F.LABELS, {"passed": F.passed})
    if action == "assign_reviewer":
        t = s.task
        if shown is None:
            return redirect(f"{t_url(t)}#sheet-{s.uuid}")
        return render(request, "supervision/task.html",
                      _task_context(request, t, str(s.uuid), shown, request.POST), status=status)
    if shown is None:
        s = ScoreSheet.objects.get(pk=s.pk)
        anchor = f"#item-{request.POST.get('item_code', '')}" if action == "score_item" else ""
        return redirect(f"{s_url(s)}{anchor}")
    failed = f"score_item:{request.POST.get('item_code', '')}" if action == "score_item" else action
    s = get_object_or_404(Q.sheets_for(request.user), uuid=uuid)
    return render(request, "supervision/sheet.html", _sheet_context(request, s, failed, shown, request.POST),
                  status=status)


def t_url(t) -> str:
    from django.urls import reverse

    return reverse("review_task", args=[t.uuid])


def s_url(s) -> str:
    from django.urls import reverse

    return reverse("review_sheet", args=[s.uuid])


def _fixes_context(request, failed: str = "", shown: dict | None = None, post=None):
    today = timezone.localdate()
    status = request.GET.get("status", "open")
    qs = Q.rectifications_for(request.user)
    if status in ("open", "done"):
        qs = qs.filter(status=status)
    rows = []
    for r in qs.order_by("status", "due", "id")[:300]:
        row = Q.rectification_row(r, today)
        row["may_close"] = bool(offered(RECTIFICATIONS, r, request.user, today))
        if row["may_close"]:
            row["fields"] = F.step_fields(RectifyIn, "rectify", today, post=post if row["uuid"] == failed else None)
        row["refusal"] = shown if row["uuid"] == failed else None
        rows.append(row)
    return {"rows": rows, "status_filters": STATUS_FILTERS, "shown": status, "today": today}


@needs(Kind.SUPERVISION)
def rectifications(request):
    return render(request, "supervision/rectifications.html", _fixes_context(request))


@needs(Kind.SUPERVISION)
@require_POST
def rectification_step(request, uuid, action):
    """The closing form posts the evidence text and, optionally, a file for the evidence store; otherwise what
    core.workflow_views.post_step does (the action runs the guard first)."""
    r = get_object_or_404(Q.rectifications_for(request.user), uuid=uuid)
    if action not in RECTIFICATIONS.by_action:
        raise Http404("无此操作")
    payload, errors = F.core_forms.parse(RectifyIn, request.POST, F.LABELS)
    if payload is None:
        shown, status = unreadable(errors), 400
    else:
        try:
            A.rectify(r, by=request.user, on=payload.on, evidence=payload.evidence, file=request.FILES.get("file"))
            messages.success(request, f"已办理：{RECTIFICATIONS.step(action).label}")
            from django.urls import reverse

            return redirect(f"{reverse('rectifications')}?status=done#r-{r.uuid}")
        except RuleViolation as e:
            shown, status = refused(e)
    return render(request, "supervision/rectifications.html",
                  _fixes_context(request, str(r.uuid), shown, request.POST), status=status)


@needs(Kind.SUPERVISION)
def rectification_file(request, uuid):
    """The evidence file of a closed 整改 item, for whoever sees the item."""
    from fazhi.core import blobs

    r = get_object_or_404(Q.rectifications_for(request.user).exclude(sha256=""), uuid=uuid)
    return blobs.download(r.sha256, r.filename, r.content_type, "佐证文件不在存储中")


@needs(Kind.SUPERVISION)
def notice(request, uuid, fmt):
    """The 通报 of a finished task as PDF or DOCX (the shared layout), for the organiser."""

    t = get_object_or_404(Q.tasks_for(request.user), uuid=uuid)
    if fmt not in ("pdf", "docx") or not Q.organises(request.user, t):
        raise Http404("无此文书")
    if t.status != t.FINISHED:
        raise Http404("评查尚未完成，没有通报")
    doc = DOC.notice(t)
    return document_response(doc, fmt)


# --- 督办 (SUP-05) ---------------------------------------------------------------------------------------------

ORDER_FILTERS = [("pending", "未办结"), ("open", "待答复"), ("answered", "已答复待审核"), ("closed", "已办结"),
                 ("all", "全部")]


def _orders_context(request, **extra):
    today = timezone.localdate()
    status = request.GET.get("status", "pending")
    qs = Q.orders_for(request.user)
    if status == "pending":
        qs = qs.exclude(status=SupervisionOrder.CLOSED)
    elif status in ("open", "answered", "closed"):
        qs = qs.filter(status=status)
    rows = [Q.order_row(o, today) for o in qs.order_by("due", "id")[:300]]
    rank = {SupervisionOrder.OPEN: 0, SupervisionOrder.ANSWERED: 1, SupervisionOrder.CLOSED: 2}
    rows.sort(key=lambda r: (not r["overdue"], rank[r["status"]], r["due"]))
    issuer = may_issue(request.user) and bool(F.order_targets(request.user.entity))
    fields = extra.pop("fields", None)
    if fields is None and issuer:
        fields = F.order_fields(request.user.entity, today)
    return {"rows": rows, "filters": ORDER_FILTERS, "shown": status, "today": today, "may_issue": issuer,
            "fields": fields or [], "overdue": sum(1 for r in rows if r["overdue"]), "basis": basis_of(("SUP-05",)),
            **extra}


@needs(Kind.SUPERVISION)
def orders(request):
    """The 督办台: the orders the user's bureau issued or received, overdue first, with the form to issue one."""
    return render(request, "supervision/orders.html", _orders_context(request))


@needs(Kind.SUPERVISION)
@require_POST
def order_create(request):
    today = timezone.localdate()
    entity = request.user.entity
    payload, errors = F.core_forms.parse(OrderIn, request.POST, F.LABELS)
    if payload is not None:
        data = payload.dict()
        target = Bureau.objects.filter(code=data["target"]).first()
        if target is None:
            errors = ["承办单位：没有该单位"]
        else:
            try:
                o = A.issue_order(by=request.user, on=data["on"], target=target, subject_kind=data["subject_kind"],
                                  subject=data["subject"], matter=data["matter"], requirement=data["requirement"],
                                  due=data["due"])
                messages.success(request, f"已下达督办：{o.subject}")
                return redirect("supervision_order", uuid=o.uuid)
            except RuleViolation as e:
                shown, status = refused(e)
                return render(request, "supervision/orders.html", _orders_context(
                    request, refusal=shown, open_form=True,
                    fields=F.order_fields(entity, today, request.POST) if entity else []), status=status)
            except LookupError as e:
                errors = [str(e)]
    fields = F.order_fields(entity, today, request.POST) if entity else []
    return render(request, "supervision/orders.html", _orders_context(
        request, refusal=unreadable(errors), open_form=True, fields=fields), status=400)


def _order_context(request, o: SupervisionOrder, failed: str = "", shown: dict | None = None, post=None):
    today = timezone.localdate()
    forms = []
    for s in offered(ORDERS, o, request.user, today):
        fields = F.step_fields(ORDER_SCHEMAS[s.action], s.action, today,
                               post=post if s.action == failed else None)
        forms.append({"action": s.action, "label": s.label, "basis": basis_of(s.rules), "fields": fields,
                      "file": s.action == "answer", "refusal": shown if s.action == failed else None})
    offered_now = {f["action"] for f in forms}
    return {"o": o, "x": Q.order_row(o, today), "forms": forms, "today": today,
            "refusal": shown if failed and failed not in offered_now else None}


@needs(Kind.SUPERVISION)
def order(request, uuid):
    o = get_object_or_404(Q.orders_for(request.user), uuid=uuid)
    return render(request, "supervision/order.html", _order_context(request, o))


@needs(Kind.SUPERVISION)
@require_POST
def order_step(request, uuid, action):
    """A step on a 督办单; the answer may carry a file for the evidence store, otherwise what
    core.workflow_views.post_step does (the action runs the guard first)."""
    o = get_object_or_404(Q.orders_for(request.user), uuid=uuid)
    if action not in ORDERS.by_action or ORDERS.step(action).creates:
        raise Http404("无此操作")
    if action == "answer":
        payload, errors = F.core_forms.parse(AnswerIn, request.POST, F.LABELS)
        if payload is None:
            shown, status = unreadable(errors), 400
        else:
            try:
                A.answer_order(o, by=request.user, on=payload.on, answer=payload.answer,
                               file=request.FILES.get("file"))
                messages.success(request, f"已办理：{ORDERS.step(action).label}")
                return redirect("supervision_order", uuid=o.uuid)
            except RuleViolation as e:
                shown, status = refused(e)
    else:
        shown, status = post_step(request, ORDERS, o, action, F.LABELS)
        if shown is None:
            return redirect("supervision_order", uuid=o.uuid)
    o = get_object_or_404(Q.orders_for(request.user), uuid=uuid)
    return render(request, "supervision/order.html", _order_context(request, o, action, shown, request.POST),
                  status=status)


@needs(Kind.SUPERVISION)
def order_file(request, uuid):
    """The file attached to a 督办 answer, for whoever sees the order."""
    from fazhi.core import blobs

    o = get_object_or_404(Q.orders_for(request.user).exclude(sha256=""), uuid=uuid)
    return blobs.download(o.sha256, o.filename, o.content_type, "附件不在存储中")


# --- 专项整治 (SUP-04) -------------------------------------------------------------------------------------------

PROBLEM_FILTERS = [("pending", "未销号"), ("open", "整改中"), ("reported", "已报送待验收"), ("done", "已整改销号"),
                   ("overdue", "已逾期"), ("all", "全部")]


def _campaigns_context(request, **extra):
    today = timezone.localdate()
    rows = []
    for c in Q.campaigns_for(request.user).order_by("-starts_on", "-id")[:100]:
        rows.append({**Q.campaign_row(c), "stats": Q.campaign_stats(c, request.user, today)["total"]})
    launcher = may_launch(request.user)
    fields = extra.pop("fields", None)
    if fields is None and launcher:
        fields = F.campaign_fields(request.user.entity, today)
    return {"rows": rows, "may_launch": launcher, "fields": fields or [], "today": today,
            "basis": basis_of(("SUP-04",)), **extra}


@needs(Kind.SUPERVISION)
def campaigns(request):
    """专项整治: the campaigns the user's bureau runs or is in the scope of, with the form to launch one."""
    return render(request, "supervision/campaigns.html", _campaigns_context(request))


@needs(Kind.SUPERVISION)
@require_POST
def campaign_create(request):
    from fazhi.supervision.schemas import CampaignIn

    today = timezone.localdate()
    entity = request.user.entity
    payload, errors = F.core_forms.parse(CampaignIn, request.POST, F.LABELS, {"kinds": F.lines})
    if payload is not None and entity is not None:
        data = payload.dict()
        scope = list(Bureau.objects.filter(code__in=data["scope"]))
        if len(scope) != len(set(data["scope"])):
            errors = ["整治范围：没有该单位"]
        else:
            try:
                c = A.launch_campaign(by=request.user, on=data["on"], organiser=entity, title=data["title"],
                                      basis=data["basis"], focus=data["focus"], kinds=data["kinds"], scope=scope,
                                      starts_on=data["starts_on"], ends_on=data["ends_on"])
                messages.success(request, f"已部署专项整治：{c.title}")
                return redirect("campaign", uuid=c.uuid)
            except RuleViolation as e:
                shown, status = refused(e)
                return render(request, "supervision/campaigns.html", _campaigns_context(
                    request, refusal=shown, open_form=True,
                    fields=F.campaign_fields(entity, today, request.POST)), status=status)
    elif payload is not None:
        errors = ["您的账号不属于任何执法机关"]
    fields = F.campaign_fields(entity, today, request.POST) if entity else []
    return render(request, "supervision/campaigns.html", _campaigns_context(
        request, refusal=unreadable(errors), open_form=True, fields=fields), status=400)


def _problem_filter(qs, request, today):
    shown = request.GET.get("status", "pending")
    if shown == "pending":
        qs = qs.exclude(status=CampaignProblem.DONE)
    elif shown == "overdue":
        qs = qs.filter(status=CampaignProblem.OPEN, due__lt=today)
    elif shown in ("open", "reported", "done"):
        qs = qs.filter(status=shown)
    source = request.GET.get("source", "")
    if source in dict(CampaignProblem.SOURCES):
        qs = qs.filter(source=source)
    bureau = request.GET.get("bureau", "")
    if bureau:
        qs = qs.filter(owner__code=bureau)
    return qs, {"status": shown, "source": source, "bureau": bureau}


def _campaign_context(request, c, failed: str = "", shown: dict | None = None, post=None):
    from fazhi.supervision.schemas import CAMPAIGN_SCHEMAS

    today = timezone.localdate()
    x = Q.campaign_detail(c, request.user)
    forms = []
    for s in offered(CAMPAIGNS, c, request.user, today):
        pickers = F.problem_pickers(c, request.user) if s.action == "add_problem" else None
        fields = F.step_fields(CAMPAIGN_SCHEMAS[s.action], s.action, today, pickers,
                               post=post if s.action == failed else None)
        if s.action == "add_problem" and s.action != failed:
            for f in fields:
                if f.name == "due":
                    f.value = min(today, c.ends_on) + timedelta(days=15)
                if f.name == "on":
                    f.value = min(today, c.ends_on)
        forms.append({"action": s.action, "label": s.label, "basis": basis_of(s.rules), "fields": fields,
                      "url": reverse("campaign_step", args=[c.uuid, s.action]),
                      "refusal": shown if s.action == failed else None, "open": s.action == failed})
    qs, picked = _problem_filter(Q.problems_for(request.user).filter(campaign=c), request, today)
    count = qs.count()
    rows = [Q.problem_row(p, today) for p in qs.order_by("status", "due", "seq")[:300]]
    rows.sort(key=lambda r: (not r["overdue"], r["status"] == CampaignProblem.DONE))
    return {"c": c, "x": x, "forms": forms, "rows": rows, "count": count, "today": today,
            "filters": PROBLEM_FILTERS, "sources": CampaignProblem.SOURCES, "picked": picked,
            "owners": [(b["code"], b["name"]) for b in x["scope"]] if Q.organises_campaign(request.user, c) else [],
            "refusal": shown if failed and failed not in {f["action"] for f in forms} else None}


@needs(Kind.SUPERVISION)
def campaign(request, uuid):
    c = get_object_or_404(Q.campaigns_for(request.user), uuid=uuid)
    return render(request, "supervision/campaign.html", _campaign_context(request, c))


@needs(Kind.SUPERVISION)
@require_POST
def campaign_step(request, uuid, action):
    c = get_object_or_404(Q.campaigns_for(request.user), uuid=uuid)
    if action not in CAMPAIGNS.by_action or CAMPAIGNS.step(action).creates:
        raise Http404("无此操作")
    shown, status = post_step(request, CAMPAIGNS, c, action, F.LABELS)
    if shown is None:
        if action == "add_problem":
            p = CampaignProblem.objects.filter(campaign=c).order_by("-seq").first()
            return redirect("campaign_problem", uuid=p.uuid)
        return redirect("campaign", uuid=c.uuid)
    c = get_object_or_404(Q.campaigns_for(request.user), uuid=uuid)
    return render(request, "supervision/campaign.html", _campaign_context(request, c, action, shown, request.POST),
                  status=status)


def _problem_context(request, p, failed: str = "", shown: dict | None = None, post=None):
    from fazhi.supervision.schemas import PROBLEM_SCHEMAS

    today = timezone.localdate()
    forms = []
    for s in offered(PROBLEMS, p, request.user, today):
        fields = F.step_fields(PROBLEM_SCHEMAS[s.action], s.action, today, post=post if s.action == failed else None)
        forms.append({"action": s.action, "label": s.label, "basis": basis_of(s.rules), "fields": fields,
                      "url": reverse("campaign_problem_step", args=[p.uuid, s.action]),
                      "file": "整改佐证文件（可选：整改后的照片、文书等）" if s.action == "rectify" else "",
                      "refusal": shown if s.action == failed else None, "open": s.action == failed or not forms})
    return {"p": p, "x": Q.problem_row(p, today), "forms": forms, "today": today,
            "refusal": shown if failed and failed not in {f["action"] for f in forms} else None}


@needs(Kind.SUPERVISION)
def campaign_problem(request, uuid):
    p = get_object_or_404(Q.problems_for(request.user), uuid=uuid)
    return render(request, "supervision/problem.html", _problem_context(request, p))


@needs(Kind.SUPERVISION)
@require_POST
def campaign_problem_step(request, uuid, action):
    """A step on a problem; the report of the fix may carry a file for the evidence store, otherwise what
    core.workflow_views.post_step does (the action runs the guard first)."""
    from fazhi.supervision.schemas import FixIn

    p = get_object_or_404(Q.problems_for(request.user), uuid=uuid)
    if action not in PROBLEMS.by_action:
        raise Http404("无此操作")
    if action == "rectify":
        payload, errors = F.core_forms.parse(FixIn, request.POST, F.LABELS)
        if payload is None:
            shown, status = unreadable(errors), 400
        else:
            try:
                A.report_fix(p, by=request.user, on=payload.on, measures=payload.measures,
                             file=request.FILES.get("file"))
                messages.success(request, f"已办理：{PROBLEMS.step(action).label}")
                return redirect("campaign_problem", uuid=p.uuid)
            except RuleViolation as e:
                shown, status = refused(e)
    else:
        shown, status = post_step(request, PROBLEMS, p, action, F.LABELS)
        if shown is None:
            return redirect("campaign_problem", uuid=p.uuid)
    p = get_object_or_404(Q.problems_for(request.user), uuid=uuid)
    return render(request, "supervision/problem.html", _problem_context(request, p, action, shown, request.POST),
                  status=status)


@needs(Kind.SUPERVISION)
def campaign_problem_file(request, uuid):
    """The evidence file of a problem's fix, for whoever sees the problem."""
    from fazhi.core import blobs

    p = get_object_or_404(Q.problems_for(request.user).exclude(sha256=""), uuid=uuid)
    return blobs.download(p.sha256, p.filename, p.content_type, "佐证文件不在存储中")

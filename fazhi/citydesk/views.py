"""The command centre: the board, one page per issue, the supervisor's phone page, the map and the appraisal.
Each button calls one citydesk action; a refusal is shown in place with its reason and basis."""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib import messages
from django.db.models import Prefetch, Q
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.citydesk import actions as A
from fazhi.citydesk import figures
from fazhi.citydesk.models import (
    Category,
    Channel,
    Issue,
    IssuePhoto,
    IssueRequest,
    IssueStatus,
    Region,
    RequestKind,
    RequestState,
    Unit,
)
from fazhi.citydesk.schemas import LABELS, SCHEMAS, SPECIAL, STYLE
from fazhi.citydesk.workflow import WORKFLOW, pending_request
from fazhi.core import blobs, forms, registry
from fazhi.core.errors import refused
from fazhi.core.models import Event
from fazhi.core.params import FIRST_YEAR, float_param, int_param
from fazhi.core.workflow import offered
from fazhi.core.workflow_views import unreadable
from fazhi.law.appraisal import DEFAULT_LIMITS
from fazhi.law.basis import RuleViolation
from fazhi.law.geo import gcj02_to_wgs84
from fazhi.org.access import Kind, issues_for, may, needs, record_read

ANY_ISSUES = (Kind.ISSUES, Kind.OWN_ISSUES, Kind.UNIT_ISSUES)


def _issues(user):
    """The issues the user may see (org.access): the loop its subtree, a 监督员 their reports and checks, a 处置单位
    what was dispatched to it."""
    return issues_for(user, Issue.objects.select_related("category", "unit", "region__bureau", "cell"))


def _forms(request, issue, *, desk_only=False, refusal=None, failed="", post=None) -> list[dict]:
    """The forms of the steps the user can take on the issue now (core.workflow.offered: the guard the actions
    call), each generated from the step's input schema (the API's); a refused form comes back with what was typed
    and its refusal in place."""
    today = timezone.localdate()
    out = []
    for s in offered(WORKFLOW, issue, request.user, today):
        if desk_only and not s.desk:
            continue
        pickers = None
        if s.action == "dispatch":
            pickers = {"unit": [(str(u.pk), u.name) for u in Unit.objects.filter(duty=issue.category.duty)
                                .filter(Q(regions=issue.region_id) | Q(regions=None)).distinct().order_by("name")]}
        fields = forms.fields_for(SCHEMAS[s.action], s.action, STYLE, today=today, pickers=pickers)
        if s.action == failed and post is not None:
            forms.keep(fields, post)
        out.append({"action": s.action, "label": s.label, "desk": s.desk, "fields": fields,
                    "note": _note(issue, s.action), "refusal": refusal if s.action == failed else None})
    return out


def _note(issue, action: str) -> str:
    """What the person needs to know to take the step: the 立案条件, the application under review."""
    if action == "register":
        return f"立案条件：{issue.category.filing_condition}"
    if action == "close":
        return f"结案条件：{issue.category.closing_condition}"
    if action.startswith(("review_", "recheck_")):
        r = pending_request(issue, action)
        if r is not None:
            amount = f"，延长{r.amount}{r.amount_unit}" if r.amount else ""
            return f"{r.get_kind_display()}申请（{r.get_state_display()}{amount}）：{r.reason}"
    return ""


@needs(*ANY_ISSUES)
def board(request, refusal=None, status=200):
    qs = _issues(request.user).distinct()
    listed = qs.prefetch_related(Prefetch("requests", queryset=IssueRequest.objects.order_by("pk")))
    columns = []
    for s, label in IssueStatus.choices:
        if s in (IssueStatus.CLOSED, IssueStatus.VOID):
            continue
        rows = [(i, _forms(request, i, desk_only=True))
                for i in listed.filter(status=s).order_by("due_at", "-reported_at")[:50]]
        columns.append((s, label, rows))
    waiting = IssueRequest.objects.filter(issue__in=qs, state__in=[RequestState.OPEN, RequestState.FIRST_PASSED]) \
        .select_related("issue")
    return render(request, "citydesk/board.html", {
        "columns": columns, "closed": qs.filter(status=IssueStatus.CLOSED).order_by("-closed_at")[:20],
        "requests": waiting, "categories": Category.objects.filter(disabled=False), "channels": Channel.choices,
        "refusal": refusal, "now": timezone.now()}, status=status)


def _with_photos(request, action):
    """Run `action(photos)` with the request's photos stored; a refused action leaves none of them behind."""
    files = request.FILES.getlist("photos")
    with blobs.kept(files) as stored:
        return action([(b, f.name or "", f.content_type or "") for b, f in zip(stored, files, strict=True)])


@needs(Kind.OWN_ISSUES, Kind.ISSUES)
def patrol(request):
    """The supervisor's phone page: category, photos and the phone's GPS; or a problem fixed on the spot."""
    ctx = {"categories": Category.objects.filter(disabled=False).order_by("kind", "class_code", "code"),
           "mine": Issue.objects.filter(reported_by=request.user).select_related("category")[:20]}
    if request.method == "POST":
        p = request.POST
        try:
            category = get_object_or_404(Category, pk=int_param(p.get("category"), "问题类型"))
            lng = float_param(p.get("lng"), "经度", lo=-180, hi=180)
            lat = float_param(p.get("lat"), "纬度", lo=-90, hi=90)
        except ValueError:
            ctx["refusal"] = {"code": "", "message": "请使用手机定位或填写问题位置的经纬度", "basis": ""}
            return render(request, "citydesk/patrol.html", ctx, status=409)
        try:
            issue = _with_photos(request, lambda photos: A.report(
                channel=Channel.SELF if p.get("fixed", "").strip() else Channel.PATROL, category=category,
                description=p.get("description", ""), lng=lng, lat=lat, address=p.get("address", ""),
                urgent="urgent" in p, by=request.user, photos=photos, fixed=p.get("fixed", "")))
        except (RuleViolation, ValueError) as e:
            ctx["refusal"], status = refused(e)
            return render(request, "citydesk/patrol.html", ctx, status=status)
        messages.success(request, f"已上报，编号{issue.tracking_code}")
        return redirect("citydesk_patrol")
    return render(request, "citydesk/patrol.html", ctx)


@needs(Kind.ISSUES)
@require_POST
def intake(request):
    """Hotline (caller, callback wanted) and patrol intake from the board: the same report action."""
    p = request.POST
    category = get_object_or_404(Category, pk=int_param(p.get("category"), "问题类型"))
    try:
        lng = float_param(p.get("lng"), "经度", lo=-180, hi=180)
        lat = float_param(p.get("lat"), "纬度", lo=-90, hi=90)
    except ValueError:
        return board(request, {"code": "", "message": "请填写问题位置的经纬度（或使用手机定位）", "basis": ""}, 409)
    try:
        _with_photos(request, lambda photos: A.report(
            channel=p.get("channel", Channel.PATROL), category=category, description=p.get("description", ""),
            lng=lng, lat=lat, address=p.get("address", ""), reporter_name=p.get("reporter_name", ""),
            reporter_phone=p.get("reporter_phone", ""), callback="callback" in p, urgent="urgent" in p,
            by=request.user, photos=photos, fixed=p.get("fixed", "")))
    except (RuleViolation, ValueError) as e:
        return board(request, *refused(e))
    messages.success(request, "已登记")
    return redirect("citydesk")


EVENT_LABELS = {"report": "上报", "self_fix": "自处理", "accept": "受理", "void": "作废", "register": "立案",
                "dispatch": "派遣", "handle": "处置反馈", "give_back": "回退", "verify": "核查", "close": "结案",
                "merge": "合并", "to_case": "移交执法案件", "to_site": "移交违法建设台账", "to_notice": "下达整改通知", "case_outcome": "案件办结", "resume": "挂账恢复",
                "call_back": "回访", "settle_due": "节假日安排录入，处置时限确定", **{f"apply_{k}": f"申请{label}" for k, label in RequestKind.choices},
                **{f"review_{k}": f"审核{label}" for k, label in RequestKind.choices}}


def shown_time(iso: str) -> str:
    """An event's recorded moment (ISO 8601 with its offset, usually UTC) as people read it: Asia/Shanghai,
    minutes. A value without an offset is taken as already local."""
    if not iso:
        return ""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return ""
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return f"{moment:%Y-%m-%d %H:%M}"


def _issue_page(request, issue, refusal=None, status=200, failed="", post=None):
    # The caller's name and phone are for the command centre (受理, 回访), not for the unit or the 监督员.
    show_reporter = may(request.user, Kind.ISSUES)
    if show_reporter and (issue.reporter_name or issue.reporter_phone):
        record_read(request.user, bureau_id=issue.region.bureau_id if issue.region_id else request.user.entity.pk,
                    record=issue.stream, label=f"问题{issue.tracking_code}", what="问题页面（反映人信息）")
    events = [(e, EVENT_LABELS.get(e.kind, e.kind), shown_time(e.data.get("at", "")))
              for e in Event.objects.filter(stream=issue.stream).order_by("seq")]
    steps = _forms(request, issue, refusal=refusal, failed=failed, post=post)
    in_place = any(f["refusal"] for f in steps)
    orders = registry.provided("open_orders_on")  # offered by supervision: its 督办 on this issue the user may read
    return render(request, "citydesk/issue.html", {
        "orders": orders(request.user, issue=issue) if orders else [],
        "i": issue, "events": events, "photos": issue.photos.all(), "requests": issue.requests.all(),
        "forms": steps, "refusal": None if in_place else refusal, "now": timezone.now(),
        "show_reporter": show_reporter}, status=status)


@needs(*ANY_ISSUES, Kind.CASES)  # a case's 案源 issue and photos come with the case
def issue_page(request, issue_id):
    return _issue_page(request, get_object_or_404(_issues(request.user).distinct(), uuid=issue_id))


def _take(request, issue, action: str) -> tuple[dict | None, int]:
    """Parse the posted form with the step's schema (the API's) and take the step through the machinery (the
    action checks the guard first); the unit's photos of its 处置 go with its feedback."""
    step = WORKFLOW.step(action)
    payload, errors = forms.parse(SCHEMAS[action], request.POST, LABELS, SPECIAL)
    if payload is None:
        return unreadable(errors), 400
    data = payload.dict()
    try:
        if action == "handle":
            _with_photos(request, lambda photos: WORKFLOW.perform(issue, step, request.user, {**data, "photos": photos}))
        else:
            WORKFLOW.perform(issue, step, request.user, data)
    except RuleViolation as e:
        return refused(e)
    except (LookupError, ValueError) as e:  # a 查询码 or a unit that resolves to nothing
        return unreadable([str(e)]), 400
    messages.success(request, f"已办理：{step.label}")
    return None, 302


@needs(*ANY_ISSUES)
@require_POST
def step(request, issue_id, action):
    issue = get_object_or_404(_issues(request.user).distinct(), uuid=issue_id)
    if action == "apply" and request.POST.get("kind") in RequestKind.values:  # the earlier form's address
        action = f"apply_{request.POST['kind']}"
    if action not in WORKFLOW.by_action:
        raise Http404("无此环节")
    refusal, status = _take(request, issue, action)
    if refusal is None:
        # back to the issue while the person still sees it (a unit that returned it no longer does)
        back = request.POST.get("back") == "issue" and _issues(request.user).filter(pk=issue.pk).exists()
        return redirect("citydesk_issue", issue_id=issue.uuid) if back else redirect("citydesk")
    issue.refresh_from_db()
    return _issue_page(request, issue, refusal, status, failed=action, post=request.POST)


@needs(*ANY_ISSUES)
@require_POST
def review_request(request, request_id):
    req = get_object_or_404(IssueRequest.objects.select_related("issue"), pk=request_id,
                            issue__in=_issues(request.user).distinct())
    try:
        A.review(req, by=request.user, approve=request.POST.get("approve") == "1",
                 opinion=request.POST.get("opinion", ""))
    except (RuleViolation, ValueError) as e:
        return _issue_page(request, req.issue, *refused(e))
    messages.success(request, "已审核")
    return redirect("citydesk_issue", issue_id=req.issue.uuid)


@needs(*ANY_ISSUES, Kind.CASES)  # a case's 案源 issue and photos come with the case
def photo(request, sha256):
    p = IssuePhoto.objects.filter(sha256=sha256, issue__in=_issues(request.user).values("pk")).first()
    if p is None:
        raise Http404
    return FileResponse(open(blobs.path_of(p.sha256), "rb"), content_type=p.content_type or "image/jpeg")


# --- map and appraisal -----------------------------------------------------------------------------------------

@needs(*ANY_ISSUES)
def map_page(request):
    return render(request, "citydesk/map.html", {
        "tiles": settings.FAZHI_MAP_TILES, "tiles_attribution": settings.FAZHI_MAP_ATTRIBUTION})


@needs(*ANY_ISSUES)
def map_data(request):
    """GeoJSON layers: district boundaries and the open issues. fazhi stores GCJ-02; when the configured tiles
    are WGS-84 (e.g. OpenStreetMap) the layers are converted so they line up with the tiles."""
    to_tiles = gcj02_to_wgs84 if settings.FAZHI_MAP_TILES_DATUM == "wgs84" else (lambda lng, lat: (lng, lat))

    def ring(coords):
        return [list(to_tiles(x, y)) for x, y in coords]

    regions = []
    entity = request.user.entity
    for r in (Region.objects.filter(bureau__path__startswith=entity.path) if entity else Region.objects.none()):
        g = r.boundary
        polys = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
        regions.append({"type": "Feature", "properties": {"name": r.name, "code": r.code},
                        "geometry": {"type": "MultiPolygon", "coordinates": [[ring(rg) for rg in poly] for poly in polys]}})
    now = timezone.now()
    issues = []
    for i in _issues(request.user).distinct().exclude(status__in=[IssueStatus.CLOSED, IssueStatus.VOID])[:2000]:
        issues.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": list(to_tiles(i.lng, i.lat))},
                       "properties": {"code": i.tracking_code, "category": i.category.name, "status": i.get_status_display(),
                                      "overdue": bool(i.due_at and i.due_at < now and not i.handled_at),
                                      "url": f"/citydesk/i/{i.uuid}/"}})
    return JsonResponse({"regions": {"type": "FeatureCollection", "features": regions},
                         "issues": {"type": "FeatureCollection", "features": issues}})


def _month(text: str | None) -> tuple[date, date]:
    today = timezone.localdate()
    try:
        y, m = (int(x) for x in (text or "").split("-"))
        start = date(y, m, 1)
        if not FIRST_YEAR <= y <= today.year + 1:
            raise ValueError(y)
    except ValueError:
        start = today.replace(day=1)
    following = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    return start, following - timedelta(days=1)


STEP_LABELS = {"accept": "受理", "register": "立案", "dispatch": "派遣", "verify": "核查"}


@needs(Kind.ISSUES)
def appraisal(request):
    start, end = _month(request.GET.get("month"))
    return render(request, "citydesk/appraisal.html", {
        "start": start, "end": end, "month": f"{start:%Y-%m}",
        "limits": [(STEP_LABELS[k], v) for k, v in DEFAULT_LIMITS.items()],
        "boards": figures.appraisal(start, end, request.user.entity),
        "summary": figures.summary(start, end, request.user.entity), "weights_json": json.dumps(figures.weights(),
                                                                                               ensure_ascii=False)})


# --- 问题查询 ----------------------------------------------------------------------------------------------------

SEARCH_PAGE = 30
EXPORT_MAX_ROWS = 20000


def _search_context(request):
    from fazhi.citydesk import search

    try:
        iq, error = search.parse(request.GET), None
    except search.SearchError as e:
        iq, error = search.IssueQuery(), str(e)
    return iq, error, {"iq": iq, "error": error, "sorts": search.SORTS, "statuses": IssueStatus.choices,
                       "channels": Channel.choices,
                       "categories": Category.objects.order_by("kind", "class_code", "code"),
                       "regions": Region.objects.filter(bureau__path__startswith=request.user.entity.path)
                       .order_by("code") if request.user.entity else Region.objects.none(),
                       "units": Unit.objects.order_by("name")}


@needs(*ANY_ISSUES)
def issue_search(request):
    """问题查询: every issue the person may see, by 查询码, place or description, type, area, unit, status, channel,
    dates or overdue."""
    from urllib.parse import urlencode

    from fazhi.citydesk import search

    now = timezone.now()
    iq, error, context = _search_context(request)
    rows, nxt = [], None
    if error is None:
        qs = search.apply(_issues(request.user), iq, now)
        try:
            found, nxt = search.page(qs, iq.sort, request.GET.get("cursor"), SEARCH_PAGE)
        except search.SearchError as e:
            error, found = str(e), []
        rows = [search.row(i, now) for i in found]
    context.update(rows=rows, error=error, query=urlencode(iq.as_params()), next_cursor=nxt,
                   first_page=not request.GET.get("cursor"))
    return render(request, "citydesk/search.html", context, status=400 if error else 200)


@needs(*ANY_ISSUES)
def issue_search_export(request):
    """The same search as an XLSX workbook, within the person's scope. The command centre's export carries the
    reporter's name and phone (for 回访), and is logged as a read of personal data."""
    from openpyxl import Workbook

    from fazhi.citydesk import search
    from fazhi.core.search import xlsx_response
    from fazhi.org.models import Bureau

    iq, error, context = _search_context(request)
    if error is not None:
        return render(request, "citydesk/search.html", {**context, "rows": []}, status=400)
    now = timezone.now()
    found, more = search.page(search.apply(_issues(request.user), iq, now), iq.sort, None, EXPORT_MAX_ROWS)
    with_reporter = may(request.user, Kind.ISSUES)
    wb = Workbook()
    ws = wb.active
    ws.title = "问题"
    ws.append(["查询码", "问题类型", "来源", "状态", "区域", "处置单位", "位置描述", "问题描述", "上报时间", "处置期限",
               "结案时间", "超时未处置"] + (["反映人", "联系电话"] if with_reporter else []))
    for i in found:
        r = search.row(i, now)
        ws.append([r["tracking_code"], r["category"], r["channel_label"], r["status_label"], r["region"], r["unit"],
                   r["address"], i.description, r["reported_at"], r["due_at"], r["closed_at"],
                   "是" if r["overdue"] else ""] + ([i.reporter_name, i.reporter_phone] if with_reporter else []))
    if more:
        ws.append([f"仅导出前{EXPORT_MAX_ROWS}件，请缩小查询范围"])
    entity = request.user.entity or Bureau.objects.get(parent=None)
    record_read(request.user, bureau_id=entity.pk, record="issues:search",
                label=f"问题查询导出（{len(found)}件）",
                what="导出问题清单（含反映人信息）" if with_reporter else "导出问题清单")
    return xlsx_response(wb, f"issues-{timezone.localdate():%Y%m%d}.xlsx")

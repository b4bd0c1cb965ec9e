"""Open311 GeoReport v2 at /open311/v2/ — the surface only; every write calls citydesk.actions.

Formats: `.json` (a JSON array, even for one request) and `.xml` (the spec's element structure). Datetimes are
W3C with offset. The loop's state is projected onto open/closed with status_notes. Coordinates from Open311
clients are WGS-84 (as GPS reports them) and are converted on the way in and out (law/geo.py). POST takes an
api_key (an ApiToken of a staff member, used as the reporter of record) or, anonymously, the answer to a
challenge from challenge.json (org/challenge.py), within the anonymous rate limit."""
from __future__ import annotations

from datetime import UTC, timedelta
from xml.sax.saxutils import escape

from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt

from fazhi.citydesk import actions
from fazhi.citydesk.models import Category, Channel, Issue
from fazhi.core import blobs
from fazhi.core.security import client_address
from fazhi.disclosure.public import shown_issue
from fazhi.law.basis import RuleViolation
from fazhi.law.geo import gcj02_to_wgs84
from fazhi.open311.services import SERVICES  # service_code → category, held in the process
from fazhi.org import challenge
from fazhi.org.models import ApiToken

WINDOW_DAYS = 90


def _render(fmt: str, root: str, item: str, rows: list[dict], status: int = 200):
    if fmt == "json":
        return JsonResponse(rows, safe=False, status=status, json_dumps_params={"ensure_ascii": False})
    if fmt != "xml":
        return _error("json", 400, "格式应为 json 或 xml（format must be json or xml）")
    body = "".join(f"<{item}>" + "".join(_xml(k, v) for k, v in r.items()) + f"</{item}>" for r in rows)
    return HttpResponse(f'<?xml version="1.0" encoding="utf-8"?><{root}>{body}</{root}>', status=status,
                        content_type="text/xml; charset=utf-8")


def _xml(key: str, value) -> str:
    if isinstance(value, list):
        inner = "".join(_xml("attribute" if key == "attributes" else "value", v) for v in value)
        return f"<{key}>{inner}</{key}>"
    if isinstance(value, dict):
        return f"<{key}>" + "".join(_xml(k, v) for k, v in value.items()) + f"</{key}>"
    if value is None:
        return f"<{key}/>"
    if isinstance(value, bool):
        value = "true" if value else "false"
    return f"<{key}>{escape(str(value))}</{key}>"


def _error(fmt: str, code: int, description: str):
    return _render(fmt, "errors", "error", [{"code": code, "description": description}], status=code)


def _w3c(dt):
    return timezone.localtime(dt).isoformat(timespec="seconds") if dt else None


def _service(c: Category) -> dict:
    return {"service_code": c.service_code, "service_name": c.name,
            "description": f"{c.class_name}：{c.name}。立案条件：{c.filing_condition}", "metadata": False,
            "type": "realtime", "keywords": f"{c.get_kind_display()},{c.class_name}", "group": c.class_name}




def _category(code: str) -> Category | None:
    return SERVICES.get().get(code)


def services(request, fmt):
    return _render(fmt, "services", "service", [_service(c) for c in Category.objects.filter(disabled=False)
                                                .order_by("kind", "class_code", "code")])


def service_definition(request, service_code, fmt):
    c = _category(service_code)
    if c is None:
        return _error(fmt, 404, f"没有该服务类型：{service_code[:40]}（service_code not found）")
    return _render(fmt, "service_definition", "service_definition", [{"service_code": c.service_code,
                                                                      "attributes": []}]) if fmt == "xml" else \
        JsonResponse({"service_code": c.service_code, "attributes": []}, json_dumps_params={"ensure_ascii": False})


def _request_row(i: Issue) -> dict:
    """A request as any client reads it: description, address and status notes masked (PUB-04), as on the
    public tracking page (disclosure.public)."""
    lng, lat = gcj02_to_wgs84(i.lng, i.lat)
    shown = shown_issue(i)
    return {"service_request_id": str(i.uuid), "status": i.open311_status, "status_notes": shown["status_notes"],
            "service_name": i.category.name, "service_code": i.category.service_code,
            "description": shown["description"],
            "agency_responsible": i.unit.name if i.unit else (i.region.bureau.name if i.region else None),
            "service_notice": None, "requested_datetime": _w3c(i.reported_at), "updated_datetime": _w3c(i.updated_at),
            "expected_datetime": _w3c(i.due_at), "address": shown["address"] or None, "address_id": None,
            "zipcode": None, "lat": round(lat, 6), "long": round(lng, 6), "media_url": i.media_url or None}


@csrf_exempt
def requests(request, fmt):
    if request.method == "POST":
        return _post(request, fmt)
    qs = Issue.objects.select_related("category", "unit", "region__bureau")
    ids = request.GET.get("service_request_id")
    if ids:
        return _render(fmt, "service_requests", "request",
                       [_request_row(i) for i in qs.filter(uuid__in=[x.strip() for x in ids.split(",") if _uuid(x)])])
    now = timezone.now()
    try:
        end = _date_param(request.GET.get("end_date")) or now
        start = _date_param(request.GET.get("start_date")) or end - timedelta(days=WINDOW_DAYS)
    except (ValueError, OverflowError):
        return _error(fmt, 400, "start_date、end_date 应为 W3C 日期时间，如 2026-11-20T08:00:00+08:00（must be W3C datetimes）")
    if end - start > timedelta(days=WINDOW_DAYS):
        start = end - timedelta(days=WINDOW_DAYS)  # the spec's 90-day window
    qs = qs.filter(reported_at__range=(start, end))
    codes = [c for c in (request.GET.get("service_code") or "").split(",") if c]
    if codes:
        cats = [c for c in (_category(x) for x in codes) if c]
        qs = qs.filter(category__in=cats)
    status = request.GET.get("status")
    if status == "closed":
        qs = qs.filter(status__in=["closed", "void"])
    elif status == "open":
        qs = qs.exclude(status__in=["closed", "void"])
    return _render(fmt, "service_requests", "request", [_request_row(i) for i in qs.order_by("-reported_at")[:1000]])


def _uuid(x: str) -> bool:
    import uuid

    try:
        uuid.UUID(x.strip())
        return True
    except ValueError:
        return False


def _date_param(value):
    """A W3C datetime, normalised to UTC (PostgreSQL refuses offsets beyond ±16 h, which W3C syntax allows)."""
    if not value:
        return None
    try:
        dt = parse_datetime(value)
        if dt is None:
            raise ValueError(value)
        dt = dt if dt.tzinfo else timezone.make_aware(dt)
        dt = dt.astimezone(UTC)
        dt - timedelta(days=WINDOW_DAYS)  # far-off dates must still leave room for the window
        return dt
    except (OverflowError, ValueError) as e:
        raise ValueError(value) from e


def request_one(request, request_id, fmt):
    if not _uuid(request_id):
        return _error(fmt, 404, "没有该诉求（service_request_id not found）")
    i = Issue.objects.select_related("category", "unit", "region__bureau").filter(uuid=request_id).first()
    if i is None:
        return _error(fmt, 404, "没有该诉求（service_request_id not found）")
    return _render(fmt, "service_requests", "request", [_request_row(i)])


def _post(request, fmt):
    # The spec sends form fields; some clients (and the published Swagger description) put them in the query
    # string. Both are read, the body winning.
    p = request.GET.copy()
    p.update(request.POST)
    token = ApiToken.authenticate(p.get("api_key", ""), lean=True) if p.get("api_key") else None
    if token is None and p.get("api_key"):
        return _error(fmt, 403, "api_key 无效：" + ApiToken.why_refused(p["api_key"]))
    if token is None:
        # Anonymous: answer a challenge from GET challenge.json, then the rate limit (org/challenge.py).
        try:
            challenge.check_answer(p.get("challenge", ""), p.get("challenge_answer", ""))
            challenge.allow_anonymous_report(client_address(request))
        except challenge.ChallengeFailed as e:
            return _error(fmt, 403, f"{e}（无 api_key 时须先取 challenge.json 并提交 challenge 与 challenge_answer）")
        except challenge.RateLimited as e:
            return _error(fmt, 429, str(e))
    c = _category(p.get("service_code", ""))
    if c is None:
        return _error(fmt, 404, "没有该服务类型（service_code not found）")
    try:
        lat, lng = float(p["lat"]), float(p["long"])
    except (KeyError, ValueError):
        return _error(fmt, 400, "请提供经纬度 lat 和 long（仅有地址的诉求无法定位网格；lat and long are required）")
    description = p.get("description") or c.name
    attrs = {k[10:-1]: v for k, v in p.items() if k.startswith("attribute[") and k.endswith("]")}
    files = request.FILES.getlist("media")  # the spec's multipart media; small (core/uploads.py)
    try:
        with blobs.kept(files) as stored:  # a refused request keeps none of them
            issue = actions.report(
                channel=Channel.OPEN311, category=c, description=description, lng=lng, lat=lat,
                address=p.get("address_string", ""),
                reporter_name=" ".join(x for x in (p.get("last_name", ""), p.get("first_name", "")) if x),
                reporter_phone=p.get("phone", ""), media_url=p.get("media_url", "")[:200],
                by=token.staff if token else None,
                at=timezone.now(), photos=[(b, f.name or "", f.content_type or "") for b, f in zip(stored, files,
                                                                                                strict=True)])
    except RuleViolation as e:
        return _error(fmt, 400, e.message)
    row = {"service_request_id": str(issue.uuid), "service_notice": "已收到，请保存查询码" + issue.tracking_code,
           "account_id": None}
    if attrs:
        row["attributes"] = attrs
    return _render(fmt, "service_requests", "request", [row], status=201)


def challenge_question(request, fmt):
    """A challenge for an anonymous POST (no api_key): answer `question` as `challenge_answer` and send `challenge`
    back with the report. Each is good for one POST within 20 minutes."""
    q = challenge.new_question()
    row = {"challenge": q.token, "question": q.text, "answer_format": "阿拉伯数字", "expires_in": 1200}
    if fmt == "json":
        return JsonResponse(row, json_dumps_params={"ensure_ascii": False})
    return _render(fmt, "challenges", "challenge", [row])


def tokens(request, token_id, fmt):
    return _error(fmt, 404, "不签发 token：提交后立即返回 service_request_id（tokens are not issued）")


def discovery(request, fmt="json"):
    base = request.build_absolute_uri("/open311/v2/")
    row = {"changeset": "2026-11-22T00:00:00+08:00", "contact": "株洲市城市管理和综合执法局数字化城管指挥中心",
           "key_service": "api_key 为工作人员的接口令牌；无 api_key 的匿名提交须先取 challenge.json 并回答验证题",
           "endpoints": [{"specification": "http://wiki.open311.org/GeoReport_v2", "url": base,
                          "changeset": "2026-11-22T00:00:00+08:00", "type": "production", "formats": ["text/xml",
                                                                                                       "application/json"]}]}
    return JsonResponse(row, json_dumps_params={"ensure_ascii": False}) if fmt == "json" else \
        _render("xml", "discovery", "discovery", [row])



def request_updates(request, fmt):
    """The servicerequestupdates extension: every change of every request in the window, from the event log, so
    an external system can pull updates instead of re-reading all requests."""
    from fazhi.core.models import Event

    try:
        end = _date_param(request.GET.get("end_date")) or timezone.now()
        start = _date_param(request.GET.get("start_date")) or end - timedelta(days=1)
    except (ValueError, OverflowError):
        return _error(fmt, 400, "start_date、end_date 应为 W3C 日期时间，如 2026-11-20T08:00:00+08:00（must be W3C datetimes）")
    if end - start > timedelta(days=WINDOW_DAYS):
        start = end - timedelta(days=WINDOW_DAYS)
    labels = {"report": "已收到", "accept": "已受理", "void": "已作废", "register": "已立案", "dispatch": "已派遣",
              "handle": "已处置", "verify": "已核查", "close": "已结案", "merge": "已合并", "to_case": "已移交案件办理",
              "to_site": "已移交违法建设查处", "to_notice": "已下达整改通知"}
    rows = []
    for e in (Event.objects.filter(stream__startswith="issue:", entered_at__range=(start, end))
              .order_by("entered_at", "id")[:5000]):
        status = "closed" if e.data.get("status") in ("closed", "void") else "open"
        rows.append({"update_id": f"{e.stream[6:]}-{e.seq}", "service_request_id": e.stream[6:], "status": status,
                     "updated_datetime": _w3c(e.entered_at), "description": labels.get(e.kind, e.kind),
                     "media_url": None})
    return _render(fmt, "service_request_updates", "request_update", rows)

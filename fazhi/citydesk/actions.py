"""数字化城管 actions: the only writers of issues. Each checks the role and the state, writes, and appends an event,
in one transaction — the same anatomy as cases.actions. The loop (legal-rules B.5):

    reported →(受理员 accept)→ accepted →(值班长 register, 立案条件 confirmed)→ registered →(派遣员 dispatch)→
    dispatched →(处置单位 handle)→ handled →(监督员 verify: ok)→ verified →(值班长 close)→ closed
    verify not ok → dispatched again (返工); accept may instead void (作废, with a reason)."""
from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from fazhi.citydesk.models import Category, Channel, GridCell, Issue, IssueStatus, Region, Unit
from fazhi.core.calendar import law_calendar
from fazhi.core.errors import NotPermitted
from fazhi.core.events import append_event
from fazhi.law.geo import Area, tile, wgs84_to_gcj02
from fazhi.law.rules import violation
from fazhi.law.workhours import WorkingHours, due
from fazhi.org.models import Role


def import_region(*, bureau, code: str, name: str, geometry: dict, metres: float = 100.0) -> Region:
    """A district boundary (GCJ-02 GeoJSON) and its generated ~100 m grid."""
    area = Area.from_geojson(geometry)
    grid = tile(code, area, metres)
    with transaction.atomic():
        r = Region.objects.create(code=code, name=name, bureau=bureau, boundary=geometry,
                                  grid_origin_lng=grid.origin[0], grid_origin_lat=grid.origin[1],
                                  grid_d_lng=grid.d_lng, grid_d_lat=grid.d_lat)
        GridCell.objects.bulk_create([GridCell(region=r, code=c, row=row, col=col)
                                      for (row, col), c in grid.cells.items()], batch_size=5000)
    return r


def locate(lng: float, lat: float) -> tuple[Region | None, GridCell | None]:
    """The region and unit grid cell of a GCJ-02 point, in one query: a region's grid has cells exactly where
    the region is (a cell belongs to it when its centre does), so the cell under the point decides — at the
    grid's resolution, without testing the boundary polygon on every report."""
    import math

    from django.db.models import Q

    match = Q(pk__in=[])
    for r in Region.objects.only("pk", "grid_origin_lng", "grid_origin_lat", "grid_d_lng", "grid_d_lat"):
        row = math.floor((lat - r.grid_origin_lat) / r.grid_d_lat)
        col = math.floor((lng - r.grid_origin_lng) / r.grid_d_lng)
        match |= Q(region_id=r.pk, row=row, col=col)
    cell = GridCell.objects.filter(match).select_related("region").first()
    return (cell.region, cell) if cell else (None, None)


def _event(issue: Issue, kind: str, by, at: datetime, data: dict) -> None:
    issue.version += 1
    append_event(issue.stream, kind, actor=by, on=timezone.localtime(at).date(),
                 data={"status": issue.status, "version": issue.version, **data})


def _role(by, *roles, what: str):
    if by is None or not by.has_role(*roles):
        raise NotPermitted(f"{what}须由{'、'.join(Role(r).label for r in roles)}办理")


def _locked(issue: Issue) -> Issue:
    return Issue.objects.select_for_update(of=("self",)).select_related("category", "region", "unit").get(pk=issue.pk)


def _state(issue: Issue, *states):
    if issue.status not in states:
        raise violation("DCM-02", f"问题当前状态为“{issue.get_status_display()}”，不能办理该环节")


def report(*, channel: str, category: Category, description: str, lng: float, lat: float, wgs84: bool = True,
           address: str = "", reporter_name: str = "", reporter_phone: str = "", callback: bool = False,
           media_url: str = "", urgent: bool = False, by=None, at: datetime | None = None) -> Issue:
    """信息收集 from any channel. Phone GPS is WGS-84 and converted once (law/geo.py)."""
    at = at or timezone.now()
    if channel not in Channel.values:
        raise violation("DCM-02", "来源渠道不正确")
    if not description.strip():
        raise violation("DCM-02", "请描述问题")
    if category.disabled:
        raise violation("DCM-03", "该分类已停用")
    lng, lat = wgs84_to_gcj02(lng, lat) if wgs84 else (lng, lat)
    region, cell = locate(lng, lat)
    if region is None:
        raise violation("DCM-04", "该位置不在本系统管辖区域内")
    with transaction.atomic():
        issue = Issue.objects.create(channel=channel, category=category, description=description, lng=lng, lat=lat,
                                     address=address, region=region, cell=cell, reporter_name=reporter_name,
                                     reporter_phone=reporter_phone, callback=callback, media_url=media_url,
                                     urgent=urgent, status=IssueStatus.REPORTED, reported_at=at,
                                     status_notes="已收到，等待受理", version=1)
        append_event(issue.stream, "report", actor=by, on=timezone.localtime(at).date(), head=(0, ""),
                     data={"status": issue.status, "version": 1, "channel": channel,
                           "service_code": category.service_code, "cell": cell.code if cell else None,
                           "region": region.code})  # a new stream: its first event needs no lookup
    return issue


def accept(issue: Issue, *, by, at: datetime | None = None) -> Issue:
    at = at or timezone.now()
    _role(by, Role.OPERATOR, Role.SHIFT_LEADER, what="受理")
    with transaction.atomic():
        issue = _locked(issue)
        _state(issue, IssueStatus.REPORTED)
        issue.status, issue.status_notes = IssueStatus.ACCEPTED, "已受理"
        _event(issue, "accept", by, at, {})
        issue.save()
    return issue


def void(issue: Issue, *, by, reason: str, at: datetime | None = None) -> Issue:
    """作废 with a reason (not a city-management problem, a duplicate, not found on site …)."""
    at = at or timezone.now()
    _role(by, Role.OPERATOR, Role.SHIFT_LEADER, what="作废")
    if not reason.strip():
        raise violation("DCM-02", "作废应当说明理由")
    with transaction.atomic():
        issue = _locked(issue)
        _state(issue, IssueStatus.REPORTED, IssueStatus.ACCEPTED)
        issue.status, issue.status_notes, issue.closed_at = IssueStatus.VOID, f"不予立案：{reason}", at
        _event(issue, "void", by, at, {"reason": reason})
        issue.save()
    return issue


def register(issue: Issue, *, by, condition_met: bool, at: datetime | None = None) -> Issue:
    """立案 against the subclass's 立案条件 (the 值班长 confirms it)."""
    at = at or timezone.now()
    _role(by, Role.SHIFT_LEADER, what="立案")
    with transaction.atomic():
        issue = _locked(issue)
        _state(issue, IssueStatus.ACCEPTED)
        if not condition_met:
            raise violation("DCM-03", f"不符合立案条件：{issue.category.filing_condition}")
        issue.status, issue.status_notes = IssueStatus.REGISTERED, "已立案，等待派遣"
        _event(issue, "register", by, at, {"condition": issue.category.filing_condition})
        issue.save()
    return issue


DEFAULT_HOURS = WorkingHours()  # the bureau's working periods (configurable per bureau: a later setting)


def dispatch(issue: Issue, *, by, unit: Unit | None = None, at: datetime | None = None,
             hours: WorkingHours = DEFAULT_HOURS) -> Issue:
    """派遣 to the subclass's unit (or one chosen) responsible for the region; the time limit starts now."""
    at = at or timezone.now()
    _role(by, Role.DISPATCHER, Role.SHIFT_LEADER, what="派遣")
    with transaction.atomic():
        issue = _locked(issue)
        _state(issue, IssueStatus.REGISTERED)
        unit = unit or issue.category.default_unit
        if unit.regions.exists() and not unit.regions.filter(pk=issue.region_id).exists():
            raise violation("DCM-04", f"{unit}不负责{issue.region}")
        c = issue.category
        amount, kind = (c.urgent_limit, c.urgent_unit) if issue.urgent else (c.limit, c.limit_unit)
        issue.unit, issue.dispatched_at = unit, at
        issue.due_at = due(law_calendar(), hours, timezone.localtime(at), amount, kind)
        issue.status, issue.status_notes = IssueStatus.DISPATCHED, f"已派遣至{unit}处置"
        _event(issue, "dispatch", by, at, {"unit": unit.name, "due_at": issue.due_at.isoformat(),
                                            "limit": f"{amount}{kind}"})
        issue.save()
    return issue


def handle(issue: Issue, *, by, feedback: str, at: datetime | None = None) -> Issue:
    at = at or timezone.now()
    with transaction.atomic():
        issue = _locked(issue)
        _state(issue, IssueStatus.DISPATCHED)
        if not issue.unit.members.filter(pk=by.pk).exists():
            raise NotPermitted("只有承办的处置单位可以反馈处置结果")
        if not feedback.strip():
            raise violation("DCM-02", "请填写处置情况")
        issue.status, issue.handled_at = IssueStatus.HANDLED, at
        issue.status_notes = f"处置单位已处置：{feedback}"
        _event(issue, "handle", by, at, {"feedback": feedback, "late": bool(issue.due_at and at > issue.due_at)})
        issue.save()
    return issue


def verify(issue: Issue, *, by, ok: bool, note: str = "", at: datetime | None = None) -> Issue:
    """核查 on site by a supervisor: passed, or back to the unit (返工) with the reason."""
    at = at or timezone.now()
    _role(by, Role.PATROLLER, what="核查")
    with transaction.atomic():
        issue = _locked(issue)
        _state(issue, IssueStatus.HANDLED)
        if ok:
            issue.status, issue.status_notes = IssueStatus.VERIFIED, "核查通过"
        else:
            if not note.strip():
                raise violation("DCM-02", "返工应当说明理由")
            issue.status, issue.rework_count = IssueStatus.DISPATCHED, issue.rework_count + 1
            issue.status_notes = f"核查未通过，返工：{note}"
        _event(issue, "verify", by, at, {"ok": ok, "note": note})
        issue.save()
    return issue


def close(issue: Issue, *, by, at: datetime | None = None) -> Issue:
    at = at or timezone.now()
    _role(by, Role.SHIFT_LEADER, what="结案")
    with transaction.atomic():
        issue = _locked(issue)
        _state(issue, IssueStatus.VERIFIED)
        issue.status, issue.closed_at = IssueStatus.CLOSED, at
        issue.status_notes = f"已结案：{issue.category.closing_condition}"
        _event(issue, "close", by, at, {"late": bool(issue.due_at and issue.handled_at > issue.due_at)})
        issue.save()
    return issue


# --- duplicates and enforcement --------------------------------------------------------------------------------

DUPLICATE_METRES = 50
DUPLICATE_HOURS = 24


def find_duplicates(issue: Issue) -> list[Issue]:
    """Open issues of the same subclass within 50 m reported in the 24 hours before this one (offered, not
    merged automatically: the operator decides)."""
    from datetime import timedelta

    from fazhi.law.geo import metres_between

    since = issue.reported_at - timedelta(hours=DUPLICATE_HOURS)
    box = 0.001  # ~100 m: a cheap pre-filter before the exact distance
    candidates = (Issue.objects.filter(category=issue.category, reported_at__range=(since, issue.reported_at),
                                       lng__range=(issue.lng - box, issue.lng + box),
                                       lat__range=(issue.lat - box, issue.lat + box), duplicate_of=None)
                  .exclude(pk=issue.pk).exclude(status__in=[IssueStatus.CLOSED, IssueStatus.VOID]))
    return [c for c in candidates if metres_between((c.lng, c.lat), (issue.lng, issue.lat)) <= DUPLICATE_METRES]


def merge(issue: Issue, *, into: Issue, by, at: datetime | None = None) -> Issue:
    """合并: the new report follows the earlier issue; its reporter sees that issue's progress by their own code."""
    at = at or timezone.now()
    _role(by, Role.OPERATOR, Role.SHIFT_LEADER, what="合并")
    if into.pk == issue.pk or into.category_id != issue.category_id:
        raise violation("DCM-02", "只能与同一小类的其他问题合并")
    with transaction.atomic():
        issue = _locked(issue)
        _state(issue, IssueStatus.REPORTED, IssueStatus.ACCEPTED)
        issue.duplicate_of, issue.status, issue.closed_at = into, IssueStatus.VOID, at
        issue.status_notes = f"与问题{into.tracking_code}合并处理"
        _event(issue, "merge", by, at, {"into": str(into.uuid)})
        issue.save()
    return issue


def tracked(issue: Issue) -> Issue:
    """What a reporter's tracking code shows: the issue, or the one it was merged into."""
    return issue.duplicate_of if issue.duplicate_of_id else issue


def to_case(issue: Issue, *, by, cause: str, party_kind: str, party_name: str, at: datetime | None = None):
    """An issue becomes the 案源 of a penalty case (source 数字城管移交), linked both ways."""
    from fazhi.cases import actions as cases

    at = at or timezone.now()
    if issue.case_id:
        raise violation("DCM-02", "该问题已移交案件办理")
    on = timezone.localtime(at).date()
    case = cases.register(by=by, on=on, party_kind=party_kind, party_name=party_name, cause=cause,
                          facts=issue.description, place=issue.address or (issue.cell.code if issue.cell else ""),
                          act_on=timezone.localtime(issue.reported_at).date(),
                          discovered_on=timezone.localtime(issue.reported_at).date(), source="citydesk")
    with transaction.atomic():
        issue = _locked(issue)
        issue.case = case
        _event(issue, "to_case", by, at, {"case": str(case.uuid)})
        issue.save()
    return case

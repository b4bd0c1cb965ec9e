"""数字化城管 actions: the only writers of issues. Each checks the role and the state, writes, and appends an event,
in one transaction — the same anatomy as cases.actions. The loop (legal-rules B.5):

    reported →(受理员 accept)→ accepted →(值班长 register, 立案条件 confirmed)→ registered →(派遣员 dispatch)→
    dispatched →(处置单位 handle)→ handled →(监督员 verify: ok)→ verified →(值班长 close)→ closed

Side paths, each with a reason in its event: 作废 (void, before dispatch); 返工 (verify not ok → dispatched);
回退 (a unit returns an issue outside its remit → registered; DCM-04); 延期 and 挂账 (a unit applies, the
值班长/指挥长 approves); 超时申诉 (two reviews); 回访 (an unsatisfied caller sends a closed issue back, DCM-05).
A problem a supervisor fixes on the spot (自处理) is recorded closed in one step."""
from __future__ import annotations

import math
import re
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from fazhi.citydesk.models import (
    Category,
    Channel,
    GridCell,
    Issue,
    IssuePhoto,
    IssueRequest,
    IssueStatus,
    Region,
    RequestKind,
    RequestState,
    Satisfaction,
    Unit,
)
from fazhi.citydesk.workflow import STEPS, WORKFLOW, review_step
from fazhi.core.calendar import law_calendar
from fazhi.core.errors import NotPermitted
from fazhi.core.events import append_event
from fazhi.core.models import Event
from fazhi.core.snapshot import Snapshot
from fazhi.core.workflow import check
from fazhi.law.calendar import CalendarUnknown
from fazhi.law.geo import Area, tile, wgs84_to_gcj02
from fazhi.law.rules import violation
from fazhi.law.workhours import due
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


def _load_regions() -> list[Region]:
    return list(Region.objects.defer("boundary"))


# The regions' grid parameters, held in the process (they change only when a district is imported).
REGIONS = Snapshot(_load_regions)


def locate(lng: float, lat: float) -> tuple[Region | None, GridCell | None]:
    """The region and unit grid cell of a GCJ-02 point, in one query: a region's grid has cells exactly where
    the region is (a cell belongs to it when its centre does), so the cell under the point decides — at the
    grid's resolution, without testing the boundary polygon on every report."""
    import math

    from django.db.models import Q

    regions = {r.pk: r for r in REGIONS.get()}
    match = Q(pk__in=[])
    for r in regions.values():
        row = math.floor((lat - r.grid_origin_lat) / r.grid_d_lat)
        col = math.floor((lng - r.grid_origin_lng) / r.grid_d_lng)
        match |= Q(region_id=r.pk, row=row, col=col)
    found = GridCell.objects.filter(match).values_list("pk", "code", "region_id", "row", "col").first()
    if found is None:
        return None, None
    pk, code, region_id, row, col = found
    region = regions[region_id]
    return region, GridCell(pk=pk, code=code, region=region, row=row, col=col)


def _event(issue: Issue, kind: str, by, at: datetime, data: dict) -> None:
    issue.version += 1
    append_event(issue.stream, kind, actor=by, on=timezone.localtime(at).date(),
                 data={"status": issue.status, "version": issue.version, "at": at.isoformat(), **data})


def _role(by, *roles, what: str):
    if by is None or not by.has_role(*roles):
        raise NotPermitted(f"{what}须由{'、'.join(Role(r).label for r in roles)}办理", "DCM-ROLE")


def _locked(issue: Issue) -> Issue:
    return Issue.objects.select_for_update(of=("self",)).select_related("category", "region__bureau", "unit").get(pk=issue.pk)


def _guard(issue: Issue, by, action: str, at: datetime) -> None:
    """Who, where, state and the issue's preconditions (citydesk.workflow): what the pages offer, checked before
    the action's body on the locked row."""
    check(WORKFLOW, issue, by, STEPS[action], timezone.localtime(at).date())


def _state(issue: Issue, *states):
    if issue.status not in states:
        raise violation("DCM-02", f"问题当前状态为“{issue.get_status_display()}”，不能办理该环节")


DESCRIPTION_MAX = 2000  # characters: a report is a few sentences; the operator reads it on one screen
PHONE = re.compile(r"^\+?[0-9０-９][0-9０-９\s\-（）()]{5,18}$")


def _check_intake_text(description: str, address: str, name: str, phone: str) -> None:
    """What a reporter types is bounded before it is stored (the row's own limits, the same on every database)."""
    if len(description) > DESCRIPTION_MAX:
        raise violation("DCM-02", f"问题描述不超过{DESCRIPTION_MAX}个字")
    if len(address) > 200:
        raise violation("DCM-02", "位置描述不超过200个字")
    if len(name) > 40:
        raise violation("DCM-02", "反映人姓名不超过40个字")
    if phone and not PHONE.match(phone.strip()):
        raise violation("DCM-02", "联系电话应为6至20位数字（可含区号、横线）")


def report(*, channel: str, category: Category, description: str, lng: float, lat: float, wgs84: bool = True,
           address: str = "", reporter_name: str = "", reporter_phone: str = "", callback: bool = False,
           media_url: str = "", urgent: bool = False, by=None, at: datetime | None = None,
           photos: list = (), fixed: str = "") -> Issue:
    """信息收集 from any channel. Phone GPS is WGS-84 and converted once (law/geo.py). `photos` are blobs
    already in the store (core/blobs.py) with their file names. A supervisor who fixed the problem on the spot
    (自处理) says how in `fixed`: the issue is recorded and closed at once, and counts as a valid report."""
    at = at or timezone.now()
    if channel == Channel.SELF:
        _role(by, Role.PATROLLER, what="自处理上报")
        if not fixed.strip():
            raise violation("DCM-02", "自处理应当说明现场处置情况")
    if channel not in Channel.values:
        raise violation("DCM-02", "来源渠道不正确")
    if not description.strip():
        raise violation("DCM-02", "请描述问题")
    _check_intake_text(description, address, reporter_name, reporter_phone)
    if category.disabled:
        raise violation("DCM-03", "该分类已停用")
    if not (isinstance(lng, int | float) and isinstance(lat, int | float) and math.isfinite(lng) and math.isfinite(lat)
            and -180 <= lng <= 180 and -90 <= lat <= 90):
        raise violation("DCM-04", "位置经纬度无效：经度应在-180至180之间，纬度应在-90至90之间")
    lng, lat = wgs84_to_gcj02(lng, lat) if wgs84 else (lng, lat)
    region, cell = locate(lng, lat)
    if region is None:
        raise violation("DCM-04", "该位置不在本系统管辖区域内")
    with transaction.atomic():
        issue = Issue.objects.create(channel=channel, category=category, description=description, lng=lng, lat=lat,
                                     address=address, region=region, cell=cell, reporter_name=reporter_name,
                                     reporter_phone=reporter_phone, callback=callback, media_url=media_url,
                                     urgent=urgent, status=IssueStatus.REPORTED, reported_at=at,
                                     reported_by=by if getattr(by, "pk", None) else None,
                                     status_notes="已收到，等待受理", version=1)
        kept = _photos(issue, "report", photos, at)
        append_event(issue.stream, "report", actor=by, on=timezone.localtime(at).date(), head=(0, ""),
                     data={"status": issue.status, "version": 1, "at": at.isoformat(), "channel": channel,
                           "service_code": category.service_code, "cell": cell.code if cell else None,
                           "region": region.code, "photos": kept})  # a new stream: its first event needs no lookup
        if channel == Channel.SELF:
            issue.status, issue.closed_at, issue.handled_at = IssueStatus.CLOSED, at, at
            issue.status_notes = f"监督员现场自行处置：{fixed}"
            _event(issue, "self_fix", by, at, {"fixed": fixed})
            issue.save()
    return issue


def _photos(issue: Issue, stage: str, photos, at) -> list[str]:
    """Attach stored photos (blob, filename, content_type) to the issue; returns their hashes for the event."""
    rows = [IssuePhoto(issue=issue, stage=stage, sha256=b.sha256, size=b.size, filename=name, content_type=ctype,
                       taken_at=at) for b, name, ctype in photos]
    IssuePhoto.objects.bulk_create(rows)
    return [r.sha256 for r in rows]


def accept(issue: Issue, *, by, at: datetime | None = None) -> Issue:
    at = at or timezone.now()
    with transaction.atomic():
        issue = _locked(issue)
        _guard(issue, by, "accept", at)
        issue.status, issue.status_notes = IssueStatus.ACCEPTED, "已受理"
        issue.accepted_at, issue.accepted_by = at, by
        _event(issue, "accept", by, at, {})
        issue.save()
    return issue


def void(issue: Issue, *, by, reason: str, at: datetime | None = None) -> Issue:
    """作废 with a reason (not a city-management problem, a duplicate, not found on site …). After 立案 and
    before dispatch only the 值班长 may 撤销立案; that counts against 准确立案率 (§C.1)."""
    at = at or timezone.now()
    with transaction.atomic():
        issue = _locked(issue)
        _guard(issue, by, "void", at)  # after 立案: the 值班长 only
        if not reason.strip():
            raise violation("DCM-02", "作废应当说明理由")
        if issue.status == IssueStatus.REGISTERED:
            issue.voided_after_register = True
        issue.status, issue.status_notes, issue.closed_at = IssueStatus.VOID, f"不予立案：{reason}", at
        _event(issue, "void", by, at, {"reason": reason})
        issue.save()
    return issue


def register(issue: Issue, *, by, condition_met: bool, at: datetime | None = None) -> Issue:
    """立案 against the subclass's 立案条件 (the 值班长 confirms it)."""
    at = at or timezone.now()
    with transaction.atomic():
        issue = _locked(issue)
        _guard(issue, by, "register", at)
        if not condition_met:
            raise violation("DCM-03", f"不符合立案条件：{issue.category.filing_condition}")
        issue.status, issue.status_notes = IssueStatus.REGISTERED, "已立案，等待派遣"
        issue.registered_at, issue.registered_by = at, by
        _event(issue, "register", by, at, {"condition": issue.category.filing_condition})
        issue.save()
    return issue


def _hours(issue: Issue):
    """The working periods of the bureau responsible for the issue's region (Bureau.work_hours)."""
    return issue.region.bureau.working_hours()


def responsible_unit(issue: Issue) -> Unit:
    """By subclass and grid: the unit of the subclass's duty serving the issue's region, else one serving the
    whole city. None found is refused: responsibility must be settled (属地管理, DCM-04), not guessed."""
    units = Unit.objects.filter(duty=issue.category.duty)
    unit = units.filter(regions=issue.region_id).order_by("pk").first() or \
        units.filter(regions=None).order_by("pk").first()
    if unit is None:
        raise violation("DCM-04", f"{issue.region}没有承担“{issue.category.duty}”职责的处置单位，请指定处置单位")
    return unit


def _limit(issue: Issue) -> tuple[int, str]:
    """The subclass's 处置时限 (DCM-03): the urgent one for an urgent issue."""
    c = issue.category
    return (c.urgent_limit, c.urgent_unit) if issue.urgent else (c.limit, c.limit_unit)


def _fresh_due(issue: Issue, start: datetime) -> datetime | None:
    """The 处置时限 counted from `start` on the bureau's working hours; None while it runs into a year whose holiday
    table is not yet entered (DAY-07): the issue is dispatched all the same, and the limit is set when the table is
    entered (settle_due), never guessed."""
    try:
        return due(law_calendar(), _hours(issue), timezone.localtime(start), *_limit(issue))
    except CalendarUnknown:
        return None


def settle_due(*, by) -> int:
    """DAY-07: once a year's holiday table is entered, each dispatched issue whose limit waited for it gets its
    limit, counted from its last dispatch or resumption, with an event. Returns how many issues changed."""
    changed = 0
    for pk in Issue.objects.filter(status=IssueStatus.DISPATCHED, due_at__isnull=True).values_list("pk", flat=True):
        with transaction.atomic():
            issue = _locked(Issue(pk=pk))
            start = Event.objects.filter(stream=issue.stream, kind__in=["dispatch", "resume"]).order_by("-seq").first()
            if issue.due_at is not None or start is None:
                continue
            issue.due_at = _fresh_due(issue, datetime.fromisoformat(start.data["at"]))
            if issue.due_at is None:
                continue
            _event(issue, "settle_due", by, timezone.now(), {"due_at": issue.due_at.isoformat()})
            issue.save()
            changed += 1
    return changed


def dispatch(issue: Issue, *, by, unit: Unit | None = None, ruling: str = "", at: datetime | None = None) -> Issue:
    """派遣 to the subclass's unit (or one chosen) responsible for the region; the time limit starts now.
    A unit that returned the issue (回退) gets it again only on the 值班长's or 指挥长's ruling on responsibility
    (属地管理, DCM-04), with its reason — the dispatcher alone cannot send it back."""
    at = at or timezone.now()
    with transaction.atomic():
        issue = _locked(issue)
        _guard(issue, by, "dispatch", at)
        unit = unit or responsible_unit(issue)
        if unit.regions.exists() and not unit.regions.filter(pk=issue.region_id).exists():
            raise violation("DCM-04", f"{unit}不负责{issue.region}")
        if any(r["unit"] == unit.pk for r in issue.returned_by):
            if not by.has_role(Role.SHIFT_LEADER, Role.COMMANDER):
                raise violation("DCM-04", f"{unit}已回退该问题，须由值班长或指挥长认定责任后方可再次派遣")
            if not ruling.strip():
                raise violation("DCM-04", f"{unit}已回退该问题，再次派遣应当写明责任认定理由（属地管理）")
        issue.unit, issue.dispatched_at, issue.dispatched_by = unit, at, by
        issue.due_at = _fresh_due(issue, at)
        issue.status, issue.status_notes = IssueStatus.DISPATCHED, f"已派遣至{unit}处置"
        _event(issue, "dispatch", by, at, {"unit": unit.name,
                                            "due_at": issue.due_at.isoformat() if issue.due_at else None,
                                            "limit": "".join(map(str, _limit(issue))), "ruling": ruling})
        issue.save()
    return issue


def handle(issue: Issue, *, by, feedback: str, photos: list = (), at: datetime | None = None) -> Issue:
    at = at or timezone.now()
    with transaction.atomic():
        issue = _locked(issue)
        _guard(issue, by, "handle", at)
        if not feedback.strip():
            raise violation("DCM-02", "请填写处置情况")
        issue.status, issue.handled_at = IssueStatus.HANDLED, at
        issue.status_notes = f"处置单位已处置：{feedback}"
        kept = _photos(issue, "handle", photos, at)
        _event(issue, "handle", by, at, {"feedback": feedback, "late": bool(issue.due_at and at > issue.due_at),
                                          "photos": kept})
        issue.save()
    return issue


def give_back(issue: Issue, *, by, reason: str, at: datetime | None = None) -> Issue:
    """回退: the unit returns an issue outside its remit to the command centre, with its reasons (DCM-04)."""
    at = at or timezone.now()
    with transaction.atomic():
        issue = _locked(issue)
        _guard(issue, by, "give_back", at)
        if not reason.strip():
            raise violation("DCM-04", "回退应当说明理由（不属于本单位职责的依据）")
        issue.returned_by = [*issue.returned_by, {"unit": issue.unit_id, "dispatcher": issue.dispatched_by_id}]
        unit = issue.unit
        issue.status, issue.unit, issue.due_at = IssueStatus.REGISTERED, None, None
        issue.dispatched_at, issue.dispatched_by = None, None
        issue.status_notes = f"{unit}回退：{reason}"
        _event(issue, "give_back", by, at, {"unit": unit.name, "reason": reason})
        issue.save()
    return issue


def verify(issue: Issue, *, by, ok: bool, note: str = "", at: datetime | None = None) -> Issue:
    """核查 on site by a supervisor: passed, or back to the unit (返工) with the reason."""
    at = at or timezone.now()
    with transaction.atomic():
        issue = _locked(issue)
        _guard(issue, by, "verify", at)
        issue.verified_at, issue.verified_by = at, by
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
    with transaction.atomic():
        issue = _locked(issue)
        _guard(issue, by, "close", at)
        issue.status, issue.closed_at = IssueStatus.CLOSED, at
        issue.status_notes = f"已结案：{issue.category.closing_condition}"
        _event(issue, "close", by, at, {"late": bool(issue.due_at and issue.handled_at > issue.due_at)})
        issue.save()
    return issue


# --- 延期, 挂账, 超时申诉, 回访 --------------------------------------------------------------------------------

def apply(issue: Issue, *, by, kind: str, reason: str, amount: int | None = None, amount_unit: str = "",
          at: datetime | None = None) -> IssueRequest:
    """A handling unit applies for 延期 (before the limit runs out, for a stated extra time), 挂账 (a problem
    that cannot be solved within the limit, DCM-04) or, after a late 处置, 超时申诉."""
    at = at or timezone.now()
    if kind not in RequestKind.values:
        raise violation("DCM-02", "申请类型不正确")
    with transaction.atomic():
        issue = _locked(issue)
        _guard(issue, by, f"apply_{kind}", at)  # the unit holding it; one pending application of a kind
        if not reason.strip():
            raise violation("DCM-02", f"{RequestKind(kind).label}申请应当说明理由")
        if kind == RequestKind.EXTENSION:
            if issue.due_at and at > issue.due_at:  # no limit yet (DAY-07): it cannot have passed
                raise violation("DCM-03", "处置时限已届满，不能再申请延期；可在处置后提出超时申诉")
            if not amount or amount_unit not in ("工作时", "工作日"):
                raise violation("DCM-03", "请写明延长的时限（工作时或工作日）")
        req = IssueRequest.objects.create(issue=issue, kind=kind, reason=reason, amount=amount,
                                          amount_unit=amount_unit, requested_by=by, requested_at=at)
        _event(issue, f"apply_{kind}", by, at, {"request": req.pk, "reason": reason,
                                                 "amount": f"{amount}{amount_unit}" if amount else ""})
        issue.save()
    return req


def review(req: IssueRequest, *, by, approve: bool, opinion: str = "", at: datetime | None = None) -> IssueRequest:
    """Approve or refuse an application. 延期 and 挂账 take one approval (值班长 or 指挥长; 挂账 the 指挥长).
    超时申诉 takes two: the 值班长 first, then the 指挥长, who must be another person; only then is the issue
    exempt from time-out appraisal — its handled_at and due_at stay as they were, so the time-out shows."""
    at = at or timezone.now()
    with transaction.atomic():
        req = IssueRequest.objects.select_for_update().get(pk=req.pk)
        issue = _locked(req.issue)
        _guard(issue, by, review_step(req).action, at)  # the reviewer's role, not the applicant, not the 初审
        if req.state not in (RequestState.OPEN, RequestState.FIRST_PASSED):
            raise violation("DCM-02", "该申请已审核完毕")
        if not approve and not opinion.strip():
            raise violation("DCM-02", "不予批准应当说明理由")
        label = req.get_kind_display()
        if req.kind == RequestKind.APPEAL and req.state == RequestState.OPEN:
            req.first_by, req.first_at, req.first_opinion = by, at, opinion
            req.state = RequestState.FIRST_PASSED if approve else RequestState.REJECTED
        else:
            slot = "second" if req.kind == RequestKind.APPEAL else "first"
            setattr(req, f"{slot}_by", by)
            setattr(req, f"{slot}_at", at)
            setattr(req, f"{slot}_opinion", opinion)
            req.state = RequestState.APPROVED if approve else RequestState.REJECTED
        if req.state == RequestState.APPROVED:
            if req.kind == RequestKind.EXTENSION:
                _state(issue, IssueStatus.DISPATCHED)
                try:  # a limit still waiting for the year's table (DAY-07) stays waiting
                    issue.due_at = due(law_calendar(), _hours(issue), timezone.localtime(issue.due_at), req.amount,
                                       req.amount_unit) if issue.due_at else None
                except CalendarUnknown:
                    issue.due_at = None
                issue.status_notes = f"已批准延期{req.amount}{req.amount_unit}"
            elif req.kind == RequestKind.SHELVE:
                _state(issue, IssueStatus.DISPATCHED)
                issue.status, issue.status_notes = IssueStatus.PENDING, f"已挂账：{req.reason}"
            else:
                issue.exempt = True
        req.save()
        _event(issue, f"review_{req.kind}", by, at, {"request": req.pk, "approve": approve, "opinion": opinion,
                                                      "state": req.state, "due_at": issue.due_at.isoformat()
                                                      if issue.due_at else None, "label": label})
        issue.save()
    return req


def resume(issue: Issue, *, by, at: datetime | None = None) -> Issue:
    """挂账 ends when the conditions exist: the issue goes back to its unit with a fresh time limit."""
    at = at or timezone.now()
    with transaction.atomic():
        issue = _locked(issue)
        _guard(issue, by, "resume", at)
        issue.due_at = _fresh_due(issue, at)
        issue.status, issue.status_notes = IssueStatus.DISPATCHED, f"挂账问题恢复处置，派{issue.unit}"
        _event(issue, "resume", by, at, {"due_at": issue.due_at.isoformat() if issue.due_at else None})
        issue.save()
    return issue


def call_back(issue: Issue, *, by, satisfaction: str, note: str = "", at: datetime | None = None) -> Issue:
    """回访 of a caller who asked for it (DCM-05). An unsatisfied caller sends the issue back into the loop:
    it is registered again for dispatch, and the earlier close is kept in the log."""
    at = at or timezone.now()
    with transaction.atomic():
        issue = _locked(issue)
        _guard(issue, by, "call_back", at)  # a caller who asked for it, once per close
        if satisfaction not in Satisfaction.values:
            raise violation("DCM-02", "请选择回访满意度")
        issue.satisfaction, issue.called_back_at = satisfaction, at
        if satisfaction == Satisfaction.UNSATISFIED:
            if not note.strip():
                raise violation("DCM-05", "反映人不满意的，请记录不满意的原因")
            issue.status, issue.closed_at = IssueStatus.REGISTERED, None
            issue.unit, issue.due_at, issue.dispatched_at, issue.dispatched_by = None, None, None, None
            # The first round stays in the log; appraisal rates the round now open.
            issue.handled_at, issue.verified_at, issue.verified_by = None, None, None
            issue.status_notes = f"回访不满意，重新派遣：{note}"
        _event(issue, "call_back", by, at, {"satisfaction": satisfaction, "note": note})
        issue.save()
    return issue


def case_outcome(case) -> None:
    """The penalty case an issue became has closed: the issue shows its outcome (and so does Open311)."""
    at = timezone.now()
    for issue in Issue.objects.filter(case=case).select_related("category", "region__bureau", "unit"):
        with transaction.atomic():
            issue = _locked(issue)
            issue.status_notes = (f"移交执法案件{case.decision_no or case.case_no}已办结："
                                  f"{case.get_close_type_display() or '结案'}")
            _event(issue, "case_outcome", None, at, {"case": str(case.uuid), "close_type": case.close_type})
            issue.save()


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
    with transaction.atomic():
        issue = _locked(issue)
        _guard(issue, by, "merge", at)
        if into.pk == issue.pk or into.category_id != issue.category_id:
            raise violation("DCM-02", "只能与同一小类的其他问题合并")
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
        # The photos go with it as 案源 material; their hashes in the log prove later what was handed over.
        _event(issue, "to_case", by, at, {"case": str(case.uuid),
                                           "photos": list(issue.photos.values_list("sha256", flat=True))})
        issue.save()
    return case


def to_register(issue: Issue, *, by, kind: str, record: str, number: str, at: datetime | None = None) -> Issue:
    """An issue handed to the 违法建设 register or to a 整改通知 (registers.actions, inside its transaction), as
    to_case hands one to a penalty case: once, with the photos' hashes, in the issue's own stream."""
    at = at or timezone.now()
    issue = _locked(issue)
    if issue.illegal_sites.exists() or issue.rectification_notices.exists():
        raise violation("DCM-02", f"问题{issue.tracking_code}已移交违法建设台账或整改通知")
    if issue.case_id:
        raise violation("DCM-02", f"问题{issue.tracking_code}已移交案件办理")
    _event(issue, f"to_{kind}", by, at, {kind: record, "number": number,
                                          "photos": list(issue.photos.values_list("sha256", flat=True))})
    issue.save()
    return issue


# --- the steps as the workflow machinery calls them (citydesk.workflow._perform: the API and the pages) ------------

def _unit(unit: int | None) -> Unit | None:
    if unit is None:
        return None
    found = Unit.objects.filter(pk=unit).first()
    if found is None:
        raise LookupError(f"没有编号为{unit}的处置单位")
    return found


def _merge(issue: Issue, *, by, into: str):
    from fazhi.org.access import issues_for

    target = issues_for(by, Issue.objects.all()).filter(tracking_code=into.strip().upper()).first()
    if target is None:
        raise LookupError(f"没有查询码为{into}的问题")
    return merge(issue, into=target, by=by)


def _review(action: str):
    def run(issue: Issue, *, by, approve: bool, opinion: str = ""):  # the guard found the pending application
        from fazhi.citydesk.workflow import pending_request

        return review(pending_request(issue, action), by=by, approve=approve, opinion=opinion)

    return run


def _apply(kind: str):
    def run(issue: Issue, *, by, reason: str, amount: int | None = None, amount_unit: str = ""):
        return apply(issue, by=by, kind=kind, reason=reason, amount=amount, amount_unit=amount_unit)

    return run


ACTIONS = {
    "accept": accept, "merge": _merge, "void": void, "register": register,
    "dispatch": lambda issue, *, by, unit=None, ruling="": dispatch(issue, by=by, unit=_unit(unit), ruling=ruling),
    "handle": handle, "give_back": give_back, "apply_extension": _apply(RequestKind.EXTENSION),
    "apply_shelve": _apply(RequestKind.SHELVE), "apply_appeal": _apply(RequestKind.APPEAL),
    **{a: _review(a) for a in ("review_extension", "review_shelve", "review_appeal", "recheck_appeal")},
    "resume": resume, "verify": verify, "close": close, "call_back": call_back,
}

"""问题查询: finding a 数字化城管 issue. One query language for the staff search page, its XLSX export and
`GET /api/v1/issues`, in the manner of cases/search.py (core/search.py holds what they share).

Every search starts from `org.access.issues_for(user)`: the loop and leaders their subtree's regions, a 监督员 their
own reports and checks, a 处置单位 what was dispatched to it. Filters: a 查询码 (whole) or a fragment of the address
or the description, 问题类型 (a 小类 service code such as E0102, or a 大类 such as E01), 区域, 处置单位, status,
channel, the reported and closed date ranges, and overdue (dispatched, not handled, past its limit).

On PostgreSQL the address and description fragments are matched in the doubled form (core.search.doubled) that the
GIN trigram indexes of migration 0004 answer; SQLite scans (docs/architecture.md).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Q
from django.utils import timezone

from fazhi.citydesk.models import Channel, IssueStatus
from fazhi.core import search as core
from fazhi.core.search import SearchError

__all__ = ["SORTS", "IssueQuery", "SearchError", "apply", "page", "parse", "row"]

SORTS = {
    "-reported_at": ("上报时间（新到旧）", "reported_at", datetime),
    "reported_at": ("上报时间（旧到新）", "reported_at", datetime),
    "-id": ("登记顺序（新到旧）", "id", int),
}
DEFAULT_SORT = "-reported_at"

TRACKING = re.compile(r"^[0-9A-F]{8}$")
SERVICE_CODE = re.compile(r"^([PE])(\d{2})(\d{2})?$")
REGION_CODE = re.compile(r"^\d{6}$")


@dataclass(frozen=True)
class IssueQuery:
    q: str = ""                      # 查询码，或位置描述、问题描述的片段
    category: str = ""               # 小类代码（如 E0102）或大类代码（如 E01）
    region: str = ""                 # 区划代码
    unit: int | None = None          # 处置单位
    status: str = ""
    channel: str = ""
    reported_from: date | None = None
    reported_to: date | None = None
    closed_from: date | None = None
    closed_to: date | None = None
    overdue: bool = False
    sort: str = DEFAULT_SORT

    def is_empty(self) -> bool:
        return self == IssueQuery(sort=self.sort)

    def as_params(self) -> dict[str, str]:
        return core.as_params(self, DEFAULT_SORT)


def parse(params) -> IssueQuery:
    """Read the filters from a GET query or the API's parameters; refuse what cannot be read."""
    q = core.text(params, "q", "查询内容")
    if len(q) == 1:
        raise SearchError("查询码、位置或问题描述至少输入两个字")
    category = core.text(params, "category", "问题类型").upper()
    if category and not SERVICE_CODE.match(category):
        raise SearchError("问题类型应为小类代码（如 E0102）或大类代码（如 E01）")
    region = core.text(params, "region", "区域")
    if region and not REGION_CODE.match(region):
        raise SearchError("区域应为六位区划代码")
    iq = IssueQuery(
        q=q, category=category, region=region, unit=core.whole_number(params, "unit", "处置单位"),
        status=core.choice(params, "status", "状态", IssueStatus.values),
        channel=core.choice(params, "channel", "来源", Channel.values),
        reported_from=core.day(params, "reported_from", "上报日期（起）"),
        reported_to=core.day(params, "reported_to", "上报日期（止）"),
        closed_from=core.day(params, "closed_from", "结案日期（起）"),
        closed_to=core.day(params, "closed_to", "结案日期（止）"),
        overdue=core.flag(params, "overdue"),
        sort=core.choice(params, "sort", "排序", SORTS) or DEFAULT_SORT,
    )
    core.in_order((iq.reported_from, iq.reported_to, "上报日期"), (iq.closed_from, iq.closed_to, "结案日期"))
    return iq


def _day_range(qs, field: str, start: date | None, end: date | None):
    from fazhi.citydesk.figures import period

    if start:
        qs = qs.filter(**{f"{field}__gte": period(start, start)[0]})
    if end:
        qs = qs.filter(**{f"{field}__lt": period(end, end)[1]})
    return qs


def apply(qs, iq: IssueQuery, now: datetime):
    """The issues of `qs` (already scoped to the user) that meet every filter."""
    if iq.q:
        qs = core.aliased(qs, "address", "description")
        found = core.fragment("address", iq.q) | core.fragment("description", iq.q)
        if TRACKING.match(iq.q.upper()):
            found |= Q(tracking_code=iq.q.upper())
        qs = qs.filter(found)
    if iq.category:
        kind, class_code, code = SERVICE_CODE.match(iq.category).groups()
        qs = qs.filter(category__kind="part" if kind == "P" else "event", category__class_code=class_code)
        if code:
            qs = qs.filter(category__code=code)
    if iq.region:
        qs = qs.filter(region__code=iq.region)
    if iq.unit is not None:
        qs = qs.filter(unit_id=iq.unit)
    if iq.status:
        qs = qs.filter(status=iq.status)
    if iq.channel:
        qs = qs.filter(channel=iq.channel)
    qs = _day_range(qs, "reported_at", iq.reported_from, iq.reported_to)
    qs = _day_range(qs, "closed_at", iq.closed_from, iq.closed_to)
    if iq.overdue:
        qs = qs.filter(status=IssueStatus.DISPATCHED, handled_at__isnull=True, due_at__lt=now)
    return qs


def page(qs, sort: str, cursor: str | None, limit: int):
    _label, field, kind = SORTS[sort]
    return core.keyset_page(qs, field, kind, sort.startswith("-"), cursor, limit)


def row(i, now: datetime) -> dict:
    """One issue as the list, the export and the API show it: never the reporter's name or phone."""
    local = timezone.localtime
    return {
        "uuid": i.uuid, "tracking_code": i.tracking_code, "status": i.status, "status_label": i.get_status_display(),
        "channel": i.channel, "channel_label": i.get_channel_display(), "category": str(i.category),
        "service_code": i.category.service_code, "region": i.region.name if i.region_id else "",
        "unit": i.unit.name if i.unit_id else "", "address": i.address, "description": i.description[:200],
        "urgent": i.urgent,
        "reported_at": f"{local(i.reported_at):%Y-%m-%d %H:%M}",
        "due_at": f"{local(i.due_at):%Y-%m-%d %H:%M}" if i.due_at else "",
        "closed_at": f"{local(i.closed_at):%Y-%m-%d %H:%M}" if i.closed_at else "",
        "overdue": bool(i.status == IssueStatus.DISPATCHED and i.due_at and not i.handled_at and i.due_at < now),
    }

"""检查查询: finding a 涉企行政检查. One query language for the staff search page, its XLSX export and
`GET /api/v1/inspections`, in the manner of cases/search.py (core/search.py holds what they share).

Every search starts from the inspections of the person's bureau subtree (`scoped`), for roles that may see
inspections (org.access, Kind.INSPECTIONS). Filters: the subject's name (fragment) or 统一社会信用代码 (whole or a
fragment with a digit), 检查事项, 检查人员 (name or account), status, kind, the planned and inspected date ranges,
and where the inspection came from: a 双随机 draw (one named draw, or any) or registered by hand (计划登记).

On PostgreSQL the subject's name is matched in the doubled form (core.search.doubled) that the GIN trigram index
of migration 0003 answers; SQLite scans (docs/architecture.md).
"""
from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from fazhi.core import search as core
from fazhi.core.search import SearchError
from fazhi.inspections.models import Inspection, InspectionKind, InspectionStatus

__all__ = ["SORTS", "InspectionQuery", "SearchError", "apply", "page", "parse", "row", "scoped"]

SORTS = {
    "-planned_on": ("计划检查日期（新到旧）", "planned_on", date),
    "planned_on": ("计划检查日期（旧到新）", "planned_on", date),
    "-id": ("登记顺序（新到旧）", "id", int),
}
DEFAULT_SORT = "-planned_on"
ORIGINS = {"draw": "双随机抽取", "manual": "计划登记"}
CREDIT_CODE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")


@dataclass(frozen=True)
class InspectionQuery:
    q: str = ""                   # 检查对象名称片段或统一社会信用代码
    item: int | None = None       # 检查事项
    inspector: str = ""           # 检查人员姓名或账号
    status: str = ""
    kind: str = ""
    origin: str = ""              # draw: 双随机抽取; manual: 计划登记
    draw: str = ""                # one draw's id
    planned_from: date | None = None
    planned_to: date | None = None
    inspected_from: date | None = None
    inspected_to: date | None = None
    sort: str = DEFAULT_SORT

    def is_empty(self) -> bool:
        return self == InspectionQuery(sort=self.sort)

    def as_params(self) -> dict[str, str]:
        return core.as_params(self, DEFAULT_SORT)


def parse(params) -> InspectionQuery:
    q = core.text(params, "q", "查询内容")
    if len(q) == 1:
        raise SearchError("检查对象名称至少输入两个字")
    draw = core.text(params, "draw", "抽取批次")
    if draw:
        try:
            draw = str(uuid.UUID(draw))
        except ValueError:
            raise SearchError("抽取批次不在可选范围内") from None
    iq = InspectionQuery(
        q=q, item=core.whole_number(params, "item", "检查事项"), inspector=core.text(params, "inspector", "检查人员"),
        status=core.choice(params, "status", "状态", InspectionStatus.values),
        kind=core.choice(params, "kind", "检查类型", InspectionKind.values),
        origin=core.choice(params, "origin", "检查来源", ORIGINS), draw=draw,
        planned_from=core.day(params, "planned_from", "计划检查日期（起）"),
        planned_to=core.day(params, "planned_to", "计划检查日期（止）"),
        inspected_from=core.day(params, "inspected_from", "检查日期（起）"),
        inspected_to=core.day(params, "inspected_to", "检查日期（止）"),
        sort=core.choice(params, "sort", "排序", SORTS) or DEFAULT_SORT,
    )
    core.in_order((iq.planned_from, iq.planned_to, "计划检查日期"),
                  (iq.inspected_from, iq.inspected_to, "检查日期"))
    return iq


def scoped(user):
    """The inspections the person may see: their bureau's subtree (none without a bureau); all for a superuser."""
    from fazhi.org.access import Kind, may, subtree_path

    qs = Inspection.objects.select_related("subject", "bureau", "draw")
    if getattr(user, "is_superuser", False):
        return qs
    path = subtree_path(user)
    if path is None or not may(user, Kind.INSPECTIONS):
        return qs.none()
    return qs.filter(bureau__path__startswith=path)


def apply(qs, iq: InspectionQuery):
    if iq.q:
        code = iq.q.upper().replace(" ", "")
        if CREDIT_CODE.match(code):
            qs = qs.filter(subject__credit_code=code)
        else:
            qs = core.aliased(qs, "subject__name")
            found = core.fragment("subject__name", iq.q)
            if any(ch.isdigit() for ch in iq.q):
                found |= Q(subject__credit_code__contains=code)
            qs = qs.filter(found)
    if iq.item is not None:
        qs = qs.filter(id__in=Inspection.items.through.objects.filter(inspectionitem_id=iq.item)
                       .values("inspection_id"))
    if iq.inspector:
        qs = qs.filter(id__in=Inspection.officers.through.objects.filter(
            Q(staff__full_name=iq.inspector) | Q(staff__username=iq.inspector)).values("inspection_id"))
    if iq.status:
        qs = qs.filter(status=iq.status)
    if iq.kind:
        qs = qs.filter(kind=iq.kind)
    if iq.origin:
        qs = qs.filter(draw__isnull=iq.origin == "manual")
    if iq.draw:
        qs = qs.filter(draw__uuid=iq.draw)
    for field, start, end in (("planned_on", iq.planned_from, iq.planned_to),
                              ("inspected_on", iq.inspected_from, iq.inspected_to)):
        if start:
            qs = qs.filter(**{f"{field}__gte": start})
        if end:
            qs = qs.filter(**{f"{field}__lte": end})
    return qs


def page(qs, sort: str, cursor: str | None, limit: int):
    _label, field, kind = SORTS[sort]
    return core.keyset_page(qs, field, kind, sort.startswith("-"), cursor, limit)


def row(ins: Inspection) -> dict:
    """One inspection as the list, the export and the API show it."""
    return {
        "uuid": ins.uuid, "subject": ins.subject.name, "credit_code": ins.subject.credit_code,
        "kind": ins.kind, "kind_label": ins.get_kind_display(), "status": ins.status,
        "status_label": ins.get_status_display(), "bureau": ins.bureau.short_name,
        "items": "、".join(i.name for i in ins.items.all()),
        "officers": "、".join(o.full_name or o.username for o in ins.officers.all()),
        "draw": ins.draw.title if ins.draw_id else "", "planned_on": ins.planned_on, "inspected_on": ins.inspected_on,
        "published_on": ins.published_on,
    }

"""Finding a case: one query language for the staff search page, its XLSX export and the REST list.

Every search starts from `list_queryset(user)`, so it never reaches past what the person may see (org.access).
Filters are parsed once (`parse`) into a `CaseQuery`, refused with a Chinese message when they cannot be read
(a 4xx, never a 5xx), and applied by `apply`. Results are keyset-paged (`page`): the cursor is the last row's
sort value and id, so page 500 costs what page 1 costs.

Party names are mostly two or three characters (张三, 李四光), and PostgreSQL's trigram index cannot serve a
two-character substring. So on PostgreSQL the name is matched in a doubled form — every character written
twice (张三 → 张张三三) — which turns any two-character fragment into trigrams, and the GIN index on
`regexp_replace(party_name, '(.)', '\\1\\1', 'g')` (migration 0010) answers it. Doubling keeps substring
matching exact: a doubled fragment occurs in a doubled name exactly when the fragment occurs in the name.
SQLite, the embedded database of a single bureau, scans instead (documented in docs/architecture.md).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q

from fazhi.cases.models import CaseOfficer, Procedure, Status
from fazhi.core import search as core
from fazhi.core.search import MAX_TEXT, SearchError, doubled

__all__ = ["MAX_TEXT", "SORTS", "CaseQuery", "SearchError", "apply", "doubled", "page", "parse"]


# What a list may be sorted by: (label, model field). Each is non-null, so (value, id) orders every row.
SORTS = {
    "-discovered_on": ("发现日期（新到旧）", "discovered_on"),
    "discovered_on": ("发现日期（旧到新）", "discovered_on"),
    "-id": ("登记顺序（新到旧）", "id"),
    "-fine": ("罚款金额（高到低）", "fine"),
}

# A 身份证号 (15 or 18 characters, the last may be X) or a 统一社会信用代码 (18 characters).
ID_NUMBER = re.compile(r"^(\d{15}|\d{17}[\dX]|[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10})$")


@dataclass(frozen=True)
class CaseQuery:
    q: str = ""                    # 当事人名称、立案编号或决定书文号的片段
    id_number: str = ""            # 完整的身份证件号码或统一社会信用代码
    place: str = ""                # 违法地点片段
    cause: str = ""                # 案由片段
    officer: str = ""              # 承办人员姓名或账号
    status: str = ""
    procedure: str = ""
    bureau: str = ""               # 执法主体代码（本级及下级）
    discovered_from: date | None = None
    discovered_to: date | None = None
    decided_from: date | None = None
    decided_to: date | None = None
    overdue: bool = False
    sort: str = "-discovered_on"

    def is_empty(self) -> bool:
        return self == CaseQuery(sort=self.sort)

    def as_params(self) -> dict[str, str]:
        """The query as URL parameters (for the next page and the export link)."""
        return core.as_params(self, "-discovered_on")


_text, _date = core.text, core.day


def parse(params) -> CaseQuery:
    """Read the filters from a GET query or the API's parameters; refuse what cannot be read."""
    q = _text(params, "q", "查询内容")
    if len(q) == 1:
        raise SearchError("当事人名称、文号至少输入两个字")
    id_number = _text(params, "id_number", "证件号码").upper().replace(" ", "")
    if id_number and not ID_NUMBER.match(id_number):
        raise SearchError("证件号码应为完整的18位身份证号码（或15位旧号码）或18位统一社会信用代码")
    status = _text(params, "status", "状态")
    if status and status not in Status.values:
        raise SearchError("状态不在可选范围内")
    procedure = _text(params, "procedure", "程序")
    if procedure and procedure not in Procedure.values:
        raise SearchError("程序只能是简易程序或普通程序")
    sort = _text(params, "sort", "排序") or "-discovered_on"
    if sort not in SORTS:
        raise SearchError("排序方式不在可选范围内")
    cq = CaseQuery(
        q=q, id_number=id_number, place=_text(params, "place", "违法地点"), cause=_text(params, "cause", "案由"),
        officer=_text(params, "officer", "承办人员"), status=status, procedure=procedure,
        bureau=_text(params, "bureau", "执法主体"),
        discovered_from=_date(params, "discovered_from", "发现日期（起）"),
        discovered_to=_date(params, "discovered_to", "发现日期（止）"),
        decided_from=_date(params, "decided_from", "决定日期（起）"),
        decided_to=_date(params, "decided_to", "决定日期（止）"),
        overdue=core.flag(params, "overdue"),
        sort=sort,
    )
    core.in_order((cq.discovered_from, cq.discovered_to, "发现日期"), (cq.decided_from, cq.decided_to, "决定日期"))
    return cq


def _name_or_number(qs, q: str):
    qs = core.aliased(qs, "party_name")
    found = core.fragment("party_name", q)
    # A 立案编号 or 文号 fragment has a digit (〔2026〕12号); without one, looking there would only find every
    # case of a bureau by its prefix, and would keep PostgreSQL from answering the name from its index.
    if any(ch.isdigit() for ch in q):
        found |= Q(case_no__contains=q) | Q(decision_no__contains=q)
    return qs.filter(found)


def apply(qs, cq: CaseQuery, today: date):
    """The cases of `qs` (already scoped to the user) that meet every filter."""
    if cq.q:
        qs = _name_or_number(qs, cq.q)
    if cq.id_number:
        qs = qs.filter(party_id_number__in={cq.id_number, cq.id_number.lower()})
    if cq.place:
        qs = qs.filter(place__contains=cq.place)
    if cq.cause:
        qs = qs.filter(cause__contains=cq.cause)
    if cq.officer:
        on_case = CaseOfficer.objects.filter(recused_on__isnull=True).filter(
            Q(staff__full_name=cq.officer) | Q(staff__username=cq.officer))
        qs = qs.filter(id__in=on_case.values("case_id"))
    if cq.status:
        qs = qs.filter(status=cq.status)
    if cq.procedure:
        qs = qs.filter(procedure=cq.procedure)
    if cq.discovered_from:
        qs = qs.filter(discovered_on__gte=cq.discovered_from)
    if cq.discovered_to:
        qs = qs.filter(discovered_on__lte=cq.discovered_to)
    if cq.decided_from:
        qs = qs.filter(decided_on__gte=cq.decided_from)
    if cq.decided_to:
        qs = qs.filter(decided_on__lte=cq.decided_to)
    if cq.overdue:
        qs = qs.overdue(today)
    return qs


_KINDS = {"discovered_on": date, "fine": Decimal, "id": int}


def page(qs, sort: str, cursor: str | None, limit: int):
    """One page of `qs` in `sort` order after `cursor`; returns (rows, next cursor or None)."""
    field = SORTS[sort][1]
    return core.keyset_page(qs, field, _KINDS[field], sort.startswith("-"), cursor, limit)

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

import base64
import json
import re
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import connection
from django.db.models import CharField, F, Func, Q, Value

from fazhi.cases.models import CaseOfficer, Procedure, Status

MAX_TEXT = 60

# What a list may be sorted by: (label, model field). Each is non-null, so (value, id) orders every row.
SORTS = {
    "-discovered_on": ("发现日期（新到旧）", "discovered_on"),
    "discovered_on": ("发现日期（旧到新）", "discovered_on"),
    "-id": ("登记顺序（新到旧）", "id"),
    "-fine": ("罚款金额（高到低）", "fine"),
}

# A 身份证号 (15 or 18 characters, the last may be X) or a 统一社会信用代码 (18 characters).
ID_NUMBER = re.compile(r"^(\d{15}|\d{17}[\dX]|[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10})$")


class SearchError(ValueError):
    """A filter that cannot be read: the page and the API answer 400 with this message."""


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
        out = {}
        for f in fields(self):
            v = getattr(self, f.name)
            if v in ("", None, False) or (f.name == "sort" and v == "-discovered_on"):
                continue
            out[f.name] = "1" if v is True else str(v)
        return out


def _text(params, name: str, label: str) -> str:
    v = " ".join(str(params.get(name) or "").split())
    if len(v) > MAX_TEXT:
        raise SearchError(f"{label}过长（不超过{MAX_TEXT}个字）")
    return v


def _date(params, name: str, label: str) -> date | None:
    v = str(params.get(name) or "").strip()
    if not v:
        return None
    try:
        return date.fromisoformat(v)
    except ValueError:
        raise SearchError(f"{label}不是有效日期（格式：2026-03-01）")


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
        overdue=str(params.get("overdue") or "").lower() in ("1", "true", "on", "yes"),
        sort=sort,
    )
    for a, b, label in ((cq.discovered_from, cq.discovered_to, "发现日期"), (cq.decided_from, cq.decided_to, "决定日期")):
        if a and b and a > b:
            raise SearchError(f"{label}的起始日期晚于截止日期")
    return cq


def doubled(text: str) -> str:
    """Every character twice: the form in which PostgreSQL indexes party names (see the module's note)."""
    return "".join(ch * 2 for ch in text)


class _Doubled(Func):
    function = "regexp_replace"
    output_field = CharField()

    def __init__(self, expression):
        super().__init__(expression, Value("(.)"), Value("\\1\\1"), Value("g"))


def _name_or_number(qs, q: str):
    if connection.vendor == "postgresql":
        qs = qs.alias(_name2=_Doubled(F("party_name")))
        found = Q(_name2__contains=doubled(q))
    else:
        found = Q(party_name__contains=q)
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


def _cursor_value(field: str, raw):
    if field in ("discovered_on",):
        return date.fromisoformat(raw)
    if field == "fine":
        return Decimal(raw)
    return int(raw)


def page(qs, sort: str, cursor: str | None, limit: int):
    """One page of `qs` in `sort` order after `cursor`; returns (rows, next cursor or None)."""
    _label, field = SORTS[sort]
    desc = sort.startswith("-")
    if cursor:
        try:
            raw_value, last_id = json.loads(base64.urlsafe_b64decode(cursor.encode()).decode())
            value, last_id = _cursor_value(field, raw_value), int(last_id)
        except (ValueError, TypeError, InvalidOperation, UnicodeDecodeError):
            raise SearchError("翻页参数无效，请从第一页重新查询")
        if field == "id":
            qs = qs.filter(id__lt=last_id) if desc else qs.filter(id__gt=last_id)
        elif desc:
            qs = qs.filter(Q(**{f"{field}__lt": value}) | Q(**{field: value, "id__lt": last_id}))
        else:
            qs = qs.filter(Q(**{f"{field}__gt": value}) | Q(**{field: value, "id__gt": last_id}))
    order = (f"-{field}", "-id") if desc else (field, "id")
    rows = list(qs.order_by(*dict.fromkeys(order))[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    nxt = None
    if more:
        last = rows[-1]
        nxt = base64.urlsafe_b64encode(json.dumps([str(getattr(last, field)), last.id]).encode()).decode()
    return rows, nxt

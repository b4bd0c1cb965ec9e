"""What every search of the product shares (案件查询, 问题查询, 检查查询): reading filters from a GET query or the
API's parameters with a Chinese reason when one cannot be read (`SearchError`, answered 400), and keyset pages.

A page is the rows after a cursor in (sort value, id) order; the cursor is the last row's sort value and id, so
page 500 costs what page 1 costs. Each context's `search.py` names its filters and sorts and calls these.
"""
from __future__ import annotations

import base64
import json
from dataclasses import fields
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.db import connection
from django.db.models import CharField, F, Func, Q, Value

MAX_TEXT = 60


class SearchError(ValueError):
    """A filter that cannot be read: the page and the API answer 400 with this message."""


def text(params, name: str, label: str, max_len: int = MAX_TEXT) -> str:
    v = " ".join(str(params.get(name) or "").split())
    if len(v) > max_len:
        raise SearchError(f"{label}过长（不超过{max_len}个字）")
    return v


def day(params, name: str, label: str) -> date | None:
    v = str(params.get(name) or "").strip()
    if not v:
        return None
    try:
        return date.fromisoformat(v)
    except ValueError:
        raise SearchError(f"{label}不是有效日期（格式：2026-03-01）") from None


def flag(params, name: str) -> bool:
    return str(params.get(name) or "").lower() in ("1", "true", "on", "yes")


def choice(params, name: str, label: str, allowed) -> str:
    v = text(params, name, label)
    if v and v not in allowed:
        raise SearchError(f"{label}不在可选范围内")
    return v


def whole_number(params, name: str, label: str) -> int | None:
    v = text(params, name, label)
    if not v:
        return None
    if not v.isdigit() or len(v) > 9:
        raise SearchError(f"{label}不在可选范围内")
    return int(v)


def in_order(*ranges: tuple[date | None, date | None, str]) -> None:
    """Refuse a range whose start is after its end."""
    for a, b, label in ranges:
        if a and b and a > b:
            raise SearchError(f"{label}的起始日期晚于截止日期")


def as_params(query, default_sort: str) -> dict[str, str]:
    """A query dataclass as URL parameters (for the next page and the export link)."""
    out = {}
    for f in fields(query):
        v = getattr(query, f.name)
        if v in ("", None, False) or (f.name == "sort" and v == default_sort):
            continue
        out[f.name] = "1" if v is True else str(v)
    return out


def _value(kind: type, raw: str):
    if kind is date:
        return date.fromisoformat(raw)
    if kind is datetime:
        return datetime.fromisoformat(raw)
    if kind is Decimal:
        return Decimal(raw)
    return int(raw)


def keyset_page(qs, field: str, kind: type, desc: bool, cursor: str | None, limit: int):
    """One page of `qs` ordered by (`field`, id) after `cursor`; returns (rows, next cursor or None). `field` is
    never null, so (value, id) orders every row; `kind` is its Python type (date, datetime, Decimal or int)."""
    if cursor:
        try:
            raw_value, last_id = json.loads(base64.urlsafe_b64decode(cursor.encode()).decode())
            value, last_id = _value(kind, raw_value), int(last_id)
        except (ValueError, TypeError, InvalidOperation, UnicodeDecodeError):
            raise SearchError("翻页参数无效，请从第一页重新查询") from None
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
        v = getattr(last, field)
        raw = v.isoformat() if isinstance(v, (date, datetime)) else str(v)
        nxt = base64.urlsafe_b64encode(json.dumps([raw, last.id]).encode()).decode()
    return rows, nxt


def doubled(text: str) -> str:
    """Every character twice: the form in which PostgreSQL indexes short Chinese text for substring search.

    A trigram index cannot serve a two-character fragment (张三 has no trigram). Written twice (张张三三), any
    fragment of two characters or more has trigrams, and doubling keeps substring matching exact: a doubled
    fragment occurs in a doubled text exactly when the fragment occurs in the text."""
    return "".join(ch * 2 for ch in text)


class Doubled(Func):
    """`regexp_replace(col, '(.)', '\\1\\1', 'g')`: the SQL of `doubled`, matching the GIN trigram indexes the
    migrations create on PostgreSQL."""
    function = "regexp_replace"
    output_field = CharField()

    def __init__(self, expression):
        super().__init__(expression, Value("(.)"), Value("\\1\\1"), Value("g"))


def fragment(field: str, q: str) -> Q:
    """Rows whose `field` contains `q`: through the doubled trigram index on PostgreSQL (the queryset must alias
    `_2_<field>` with `aliased`), a scan on SQLite, a single bureau's embedded database."""
    if connection.vendor == "postgresql":
        return Q(**{f"_2_{field.replace('__', '_')}__contains": doubled(q)})
    return Q(**{f"{field}__contains": q})


def aliased(qs, *fields: str):
    """The doubled forms `fragment` filters on (PostgreSQL only)."""
    if connection.vendor != "postgresql":
        return qs
    return qs.alias(**{f"_2_{f.replace('__', '_')}": Doubled(F(f)) for f in fields})


def xlsx_response(wb, filename: str):
    """A workbook as a download, its formula-like cells stored as text (core.sheets.no_formulas)."""
    from io import BytesIO

    from django.http import HttpResponse

    from fazhi.core.sheets import no_formulas

    out = BytesIO()
    no_formulas(wb).save(out)
    response = HttpResponse(out.getvalue(),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f"attachment; filename={filename}"
    return response

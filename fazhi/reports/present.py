"""How a figure is shown — one function for the report documents (DOCX/PDF), the report page and the dashboard,
so that they never disagree: a count with its unit, and 0 with "本年度无…"; a rate as a percentage with its
numerator and denominator, 83.3%（5/6）; money in 万元 to two decimals; a figure the system does not record as
"本系统未记录：<what>". Never "None", a dict or a bare fraction."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from fazhi.reports.figures import Figure, Missing, Rate


def period_word(scope) -> str:
    """本年度 for a whole calendar year, 本季度 for a quarter, else 本期."""
    days = (scope.end - scope.start).days + 1
    if scope.start.month == 1 and scope.start.day == 1 and days >= 365:
        return "本年度"
    return "本季度" if 89 <= days <= 92 else "本期"


def wan(yuan) -> str:
    """Yuan as 万元 to two decimals (half up, as a bank rounds)."""
    return f"{(Decimal(yuan or 0) / 10000).quantize(Decimal('0.01'), ROUND_HALF_UP)}万元"


def percent(rate: Rate) -> str:
    """83.3%（5/6）: the percentage always with the counts it comes from."""
    pct = (Decimal(rate.num) * 100 / Decimal(rate.den)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return f"{pct}%（{rate.num}/{rate.den}）"


def show(f: Figure, value, period: str = "本年度") -> str:
    if isinstance(value, Missing) or f.kind == "missing":
        return f"本系统未记录：{value.what if isinstance(value, Missing) else f.name}"
    if f.kind == "rate":
        if not value.den:
            return f"不适用（{period}无{f.none}）"
        return percent(value)
    if f.kind == "money":
        return wan(value) if value else f"0.00万元（{period}无{f.none}）"
    if f.kind == "breakdown":
        total = sum(value.values())
        if not total:
            return f"0{f.unit}（{period}无{f.none}）"
        parts = "，".join(f"{label}{n}{f.unit}" for label, n in value.items())
        return f"{total}{f.unit}（{parts}）"
    if not value:
        return f"0{f.unit}（{period}无{f.none}）"
    return f"{value}{f.unit}"


def headline(shown: str) -> tuple[str, str]:
    """A shown value split for a tile: the number large, its parts or its note (the first parenthesis) small."""
    head, sep, note = shown.partition("（")
    return (head, sep + note) if sep and head else (shown, "")


def rows(figures: list[Figure], values: dict, period: str) -> list[tuple[Figure, str]]:
    """(figure, shown value) for every figure that is computed, in catalogue order."""
    return [(f, show(f, values[f.key], period)) for f in figures if f.kind != "missing"]


def missing(figures: list[Figure], values: dict) -> list[tuple[Figure, str]]:
    """(figure, what is missing) for every figure the system does not record: listed in one place."""
    return [(f, values[f.key].what) for f in figures if isinstance(values.get(f.key), Missing)]

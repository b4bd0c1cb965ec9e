"""Legal basis (law + article) and the domain error that carries it."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """Chinese numerals as used in article numbers: 62 → 六十二, 110 → 一百一十, 105 → 一百零五."""
    if not 0 < n < 10000:
        raise ValueError(n)
    parts = []
    units = [(1000, "千"), (100, "百"), (10, "十")]
    rest = n
    zero_pending = False
    for value, name in units:
        digit, rest = divmod(rest, value)
        if digit:
            if zero_pending:
                parts.append("零")
                zero_pending = False
            parts.append(_DIGITS[digit] + name)
        elif parts:
            zero_pending = True
    if rest:
        if zero_pending:
            parts.append("零")
        parts.append(_DIGITS[rest])
    text = "".join(parts)
    # 一十二 is written 十二 when it leads the number.
    return text[1:] if text.startswith("一十") else text


@dataclass(frozen=True)
class Basis:
    """Where a rule comes from: a law (or normative document) and optionally article/paragraph/item."""

    law: str
    article: int | None = None
    paragraph: int | None = None
    item: int | None = None
    note: str = ""

    def __str__(self) -> str:
        text = f"《{self.law}》"
        if self.article:
            text += f"第{cn_number(self.article)}条"
        if self.paragraph:
            text += f"第{cn_number(self.paragraph)}款"
        if self.item:
            text += f"第（{cn_number(self.item)}）项"
        if self.note:
            text += f"（{self.note}）"
        return text

    def as_dict(self) -> dict[str, Any]:
        return {"law": self.law, "article": self.article, "paragraph": self.paragraph, "item": self.item,
                "text": str(self)}


class RuleViolation(Exception):
    """An unlawful (or, for DAY-07, undecidable) step. Raised by domain code; the API maps it to 409."""

    def __init__(self, code: str, message: str, basis: Basis | None = None, **details: Any):
        super().__init__(f"[{code}] {message}")
        self.code = code
        self.message = message
        self.basis = basis
        self.details = details

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message,
                "basis": self.basis.as_dict() if self.basis else None, "details": self.details}

    def shown(self) -> dict[str, Any]:
        """As a page shows it in place: code, message and the basis as text."""
        return {"code": self.code, "message": self.message, "basis": str(self.basis) if self.basis else ""}

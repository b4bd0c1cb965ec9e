"""Money is Decimal yuan with two places. Never float."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def yuan(value: Decimal | int | str | float) -> Decimal:
    if isinstance(value, float):
        raise TypeError("money must not be float; pass a str, int or Decimal")
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def fmt_yuan(value: Decimal) -> str:
    return f"{yuan(value):,.2f}元"

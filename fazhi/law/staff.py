"""Enforcement staff (legal-rules §A.15, STF-01..04): the 执法资格 exam, the certificate's validity with its
suspensions, the yearly training minimum, and the 持证上岗率. Pure: no Django.

- STF-01: only staff who passed the 执法资格考试 and hold a valid 行政执法证 enforce (行政处罚法第四十二条, 第五十五条).
  An exam passes when each part (公共法律知识 and 专业法律知识) reaches the bureau's pass mark; a failed exam cannot lead
  to an issued certificate. A certificate is valid from its first to its last day (both included), never on or after
  the day it is cancelled (注销/吊销), and never while it is suspended (暂扣: from the day of suspension to the day
  before it is returned).
- STF-02: a yearly minimum of training hours per officer is configuration; a shortfall is a warning, never a gate.
- STF-04: 持证上岗率 = staff who took an enforcement step in the period and held a valid certificate on the day of
  every step they took ÷ staff who took such a step.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from fazhi.law.basis import RuleViolation
from fazhi.law.rules import violation

EXPIRY_WINDOW_DAYS = 60  # the list of certificates to renew: those whose last day falls within the next 60 days


@dataclass(frozen=True)
class ExamParts:
    general: Decimal   # 公共法律知识
    special: Decimal   # 专业法律知识
    pass_mark: Decimal

    @property
    def passed(self) -> bool:
        return self.general >= self.pass_mark and self.special >= self.pass_mark


def exam_refusal(parts: ExamParts) -> RuleViolation | None:
    """STF-01: why this exam result cannot lead to a certificate, or None."""
    if parts.passed:
        return None
    low = [f"{name}{_n(score)}分" for name, score in (("公共法律知识", parts.general), ("专业法律知识", parts.special))
           if score < parts.pass_mark]
    return violation("STF-01", f"执法资格考试{'、'.join(low)}，低于合格分数线{_n(parts.pass_mark)}分，"
                               "未取得执法资格，不能申领或核发行政执法证")


def check_scores(general: Decimal, special: Decimal) -> None:
    for name, v in (("公共法律知识", general), ("专业法律知识", special)):
        if not Decimal(0) <= v <= Decimal(100):
            raise violation("STF-01", f"{name}成绩应在0至100分之间")


def _n(v: Decimal) -> str:
    v = Decimal(v)
    return format(v.normalize(), "f") if v == v.to_integral() else str(v)


Period = tuple[date, date | None]  # a suspension: its first day, and the day the certificate was returned (excluded)


def certificate_valid_on(on: date, *, valid_from: date, valid_until: date, cancelled_on: date | None = None,
                         suspensions: Sequence[Period] = ()) -> bool:
    """STF-01/PEN-04: whether a certificate lets its holder act on `on`."""
    if cancelled_on is not None and on >= cancelled_on:
        return False
    if not valid_from <= on <= valid_until:
        return False
    return not any(start <= on and (end is None or on < end) for start, end in suspensions)


def expiring_within(valid_until: date, today: date, days: int = EXPIRY_WINDOW_DAYS) -> bool:
    """Whether a certificate's last day lies from today up to `days` days ahead (both included)."""
    return today <= valid_until <= today + timedelta(days=days)


def training_shortfall(hours: Decimal, minimum: Decimal) -> Decimal:
    """STF-02: the hours still missing to the yearly minimum (0 when met). A warning, not a gate."""
    return max(Decimal(0), minimum - hours)


def on_duty_rate(steps: Iterable[tuple[object, bool]]) -> tuple[int, int]:
    """STF-04: (staff all of whose enforcement steps fell on a day with a valid certificate, staff with a step),
    from (who, certified that day) for every step of the period."""
    acted: dict[object, bool] = {}
    for who, certified in steps:
        acted[who] = acted.get(who, True) and certified
    return sum(1 for ok in acted.values() if ok), len(acted)

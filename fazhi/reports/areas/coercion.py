"""Report figures: 行政强制 (issue #20 parts 1–2) — 查封/扣押 closed in the period by outcome (没收, 销毁, 解除, 负责人不同意
立即解除), and the illegal structures the bureau demolished itself (ENF-06) with their area."""
from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Sum

from fazhi.reports.base import Figure, Scope

OUTCOMES = {"confiscated": "没收", "destroyed": "销毁", "released": "解除", "not_approved": "负责人不同意立即解除"}


def _seizures(s: Scope):
    from fazhi.coercion.models import Measure

    return Measure.objects.filter(s.within("bureau"), kind__in=("seal", "detain"), closed_on__range=(s.start, s.end),
                                  outcome__in=tuple(OUTCOMES))


def _by_outcome(s: Scope) -> dict[str, int]:
    rows = dict(_seizures(s).values_list("outcome").annotate(n=Count("id")).values_list("outcome", "n"))
    return {label: rows[key] for key, label in OUTCOMES.items() if rows.get(key)}


def _demolitions(s: Scope):
    from fazhi.coercion.models import Measure

    return Measure.objects.filter(s.within("bureau"), kind="demolish", outcome="executed",
                                  closed_on__range=(s.start, s.end))


def _area(s: Scope) -> Decimal:
    total = _demolitions(s).aggregate(a=Sum("demolished_area"))["a"]
    return Decimal(total or 0).quantize(Decimal("0.01"))


FIGURES: list[Figure] = [
    Figure("seizures", "查封扣押数", "期间内办结的查封、扣押（行政强制法第二十四条至第二十八条）按处理结果分列：没收、销毁、解除，"
           "以及紧急情况下当场实施、负责人不同意而立即解除的", _by_outcome, _seizures, "件", "办结的查封扣押", "breakdown"),
    Figure("forced_demolitions", "本机关强制拆除违法建筑数", "期间内本机关依城乡规划法第六十八条、行政强制法第四十四条强制拆除的违法建筑物、"
           "构筑物、设施（不含当事人自行拆除的）", lambda s: _demolitions(s).count(), _demolitions, "宗", "本机关强制拆除的违法建筑"),
    Figure("forced_demolition_area", "本机关强制拆除面积", "期间内本机关强制拆除的违法建筑的拆除面积合计", _area, None, "平方米",
           "本机关强制拆除的违法建筑"),
]

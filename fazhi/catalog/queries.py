"""The catalogue as the cases app reads it: find a violation type, and assess a case's facts under the benchmark
version the law says applies (PEN-24)."""
from __future__ import annotations

from datetime import date

from fazhi.catalog.models import Benchmark, DiscretionRule, ViolationType
from fazhi.law.discretion import (
    Condition,
    Facts,
    Rule,
    Standard,
    assess,
    assess_method,
    derive_tiers,
    describe_method,
    method,
    parse_standard,
    pick_version,
)
from fazhi.law.rules import violation


def find_violation(ref: str) -> ViolationType:
    """'<benchmark code>:<violation code>', e.g. 'shenzhen-cg-2023:sz_cg_2023_001'."""
    code, _, vcode = ref.partition(":")
    v = ViolationType.objects.select_related("benchmark").filter(benchmark__code=code, code=vcode).first()
    if v is None:
        raise violation("DIS-04", f"裁量基准中没有该违法行为：{ref}")
    return v


def _in_force(v: ViolationType, day: date) -> ViolationType | None:
    """The same violation (same law and name) in the benchmark version in force on `day`."""
    # Versions of the same benchmark line only: another area's benchmark never stands in for it (CAT-01).
    for b in Benchmark.objects.filter(disabled=False, effective_from__lte=day,
                                      area=v.benchmark.area).order_by("-effective_from"):
        if b.in_force_on(day):
            return ViolationType.objects.select_related("benchmark").filter(
                benchmark=b, law_title=v.law_title, name=v.name).first()
    return None


def statutory_of(v: ViolationType) -> Standard:
    """The range the violation's provision sets, as the import parsed it (the first group's)."""
    row = DiscretionRule.objects.filter(violation=v).order_by("group_no", "rule_no").first()
    return Standard.from_dict(row.statutory) if row is not None else parse_standard(v.ranges[0])


def method_tiers(v: ViolationType, party: str) -> dict:
    """DIS-06: a method benchmark's tiers for this violation and party, and the derivation in words."""
    m, st = method(v.benchmark.method), statutory_of(v)
    return {"tiers": [t.as_dict() for t in derive_tiers(m, st, party)], "lines": describe_method(m, st, party),
            "statutory": st.text}


def _assess(v: ViolationType, group_no: int, facts: Facts, amount=None):
    if v.benchmark.method:  # DIS-06: the tiers come from the provision's range, the tier from the amount
        return assess_method(method(v.benchmark.method), statutory_of(v), facts, amount,
                             citation=f"{v.benchmark}第{v.seq}项")
    rows = list(DiscretionRule.objects.filter(violation=v, group_no=group_no).order_by("rule_no"))
    if not rows:
        raise violation("DIS-04", f"该违法行为没有第{group_no}组裁量标准")
    rules = [Rule(r.tier, Condition.from_dict(r.condition), Standard.from_dict(r.standard), r.ref) for r in rows]
    return assess(rules, Standard.from_dict(rows[0].statutory), facts, citation=f"{v.benchmark}第{v.seq}项")


def assess_violation(v: ViolationType, facts: Facts, group_no: int = 1, amount=None):
    """The assessment under this version of the benchmark alone (no PEN-24 choice): what a page shows in advance."""
    return _assess(v, group_no, facts, amount)


def assess_case(v: ViolationType, group_no: int, facts: Facts, act_on: date, today: date, amount=None) -> tuple:
    """(violation type applied, assessment, PEN-24 reason). `amount`: the fine proposed, which places it in a
    method benchmark's tier (DIS-06)."""
    chosen, a, reason = pick_version(_in_force(v, act_on) or v, _in_force(v, today),
                                     lambda x: _assess(x, group_no, facts, amount))
    return chosen, a, reason

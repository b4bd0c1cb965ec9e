"""The proposed penalty and what it requires: parsing kinds and amounts, the proposal revision that review and
deliberation are tied to (PEN-12), whether a legal review or a collective deliberation is required, the discretion
assessment under the benchmark (DIS-04, DIS-05) and the jurisdiction of a benchmark or a cited provision (CAT-01)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from fazhi.cases.models import PenaltyCase
from fazhi.law.discretion import Assessment, Span, check_within
from fazhi.law.discretion import Facts as DiscretionFacts
from fazhi.law.money import yuan
from fazhi.law.penalty import Penalty, deliberation_reasons, legal_review_reasons, parse_penalty_kinds
from fazhi.law.rules import violation


def _penalty(kinds, fine, income="0", prop="0") -> Penalty:
    return Penalty(parse_penalty_kinds(kinds), yuan(fine), yuan(income), yuan(prop))


def _review_required(case: PenaltyCase) -> list[str]:
    return legal_review_reasons(case.party, case.proposed_penalty(), case.flags(),
                                hearing_held=bool(case.hearing_held_on), policy=case.bureau.major_policy())


def _deliberation_required(case: PenaltyCase) -> list[str]:
    return deliberation_reasons(case.party, case.proposed_penalty(), case.flags(), case.bureau.major_policy())


def _set_proposal(case: PenaltyCase, p: Penalty | None) -> None:
    if case.discretion and p is not None:
        _check_discretion(case, p.fine)
    proposal = (sorted(k.value for k in p.kinds) if p else [], p.fine if p else Decimal("0"),
                p.confiscated_income if p else Decimal("0"), p.confiscated_property_value if p else Decimal("0"))
    current = (sorted(case.proposed_kinds or []), case.proposed_fine, case.proposed_confiscated_income,
               case.proposed_confiscated_property)
    if case.proposal_rev and proposal == current:
        return  # the same penalty restated (the forms show the current one) is not a new proposal to review
    (case.proposed_kinds, case.proposed_fine, case.proposed_confiscated_income,
     case.proposed_confiscated_property) = proposal
    case.proposal_rev += 1


def _assessment_of(case: PenaltyCase) -> Assessment:
    d = case.discretion
    stat = Span(Decimal(d["statutory"][0]), Decimal(d["statutory"][1])) if d.get("statutory") else None
    return Assessment(tuple(d["tiers"]), Decimal(d["low"]), Decimal(d["high"]), Decimal(d["suggested"]), stat,
                      d["no_penalty"], d["mitigated"], tuple(d["reasons"]), tuple(d["rules"]), tuple(d["extras"]))


def _check_discretion(case: PenaltyCase, fine: Decimal) -> None:
    """DIS-05 refuses at once (statutory bounds); leaving the benchmark's range is allowed but marked, and the
    decision then needs an approved departure (DIS-04, checked in decide)."""
    a = _assessment_of(case)
    check_within(a, fine, departure_approved=True)
    case.discretion = {**case.discretion, "within": bool(a.low <= fine <= a.high)}


def _assess_discretion(case: PenaltyCase, on: date, ref: str, group_no: int, facts: dict, fine: Decimal,
                       departure_reason: str) -> None:
    from fazhi.catalog.queries import assess_case, find_violation

    f = DiscretionFacts(party=case.party_kind, prior_penalties=int(facts.get("prior_penalties", 0)),
                        circumstances=frozenset(facts.get("circumstances", [])),
                        minor_corrected=bool(facts.get("minor_corrected", False)),
                        mitigation_grounds=tuple(facts.get("mitigation_grounds", [])),
                        quantities={k: Decimal(str(v)) for k, v in (facts.get("quantities") or {}).items()})
    found = find_violation(ref)
    _check_jurisdiction(found, case.bureau)
    v, a, why = assess_case(found, group_no, f, case.act_end, on, amount=fine)
    case.violation_type = v
    case.discretion = {
        "benchmark": str(v.benchmark), "violation": v.name, "violation_ref": f"{v.benchmark.code}:{v.code}",
        "seq": v.seq, "group_no": group_no, "tiers": list(a.tiers), "low": str(a.low), "high": str(a.high),
        "suggested": str(a.suggested), "statutory": [str(a.statutory.low), str(a.statutory.high)] if a.statutory else None,
        "no_penalty": a.no_penalty, "mitigated": a.mitigated, "reasons": [why, *a.reasons], "rules": list(a.rules),
        "extras": list(a.extras), "departure_reason": departure_reason,
        "facts": {**facts, "quantities": {k: str(v) for k, v in (facts.get("quantities") or {}).items()},
                  "party": case.party_kind}}
    if not a.no_penalty:
        _check_discretion(case, fine)
        if not case.discretion["within"] and not departure_reason.strip():
            raise violation("DIS-04", f"拟罚款不在裁量基准幅度（{a.low:,.2f}—{a.high:,.2f}元）内，应写明偏离理由，"
                                      "并经主要负责人批准或集体讨论决定")


def _check_jurisdiction(v, bureau) -> None:
    """CAT-01: the benchmark must apply where the bureau is (a 深圳 benchmark never founds a 株洲 case)."""
    from fazhi.law.jurisdiction import check_applies

    if bureau is not None:
        check_applies(v.benchmark.area, [b.code for b in bureau.lineage()], what=f"《{v.benchmark.title}》",
                      bureau_name=bureau.name)


def _penalty_data(p: Penalty | None) -> dict:
    if p is None:
        return {}
    return {"kinds": sorted(k.value for k in p.kinds), "fine": str(p.fine),
            "confiscated_income": str(p.confiscated_income),
            "confiscated_property": str(p.confiscated_property_value), "label": p.label}


def _check_citations(bureau, *texts) -> None:
    """CAT-01: a provision typed as text may not be a 经济特区法规 of a zone the bureau is not in."""
    from fazhi.law.jurisdiction import check_citation

    codes = [b.code for b in bureau.lineage()]
    for text in texts:
        check_citation(text or "", codes, bureau_name=bureau.name)

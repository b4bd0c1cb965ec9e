"""简易程序: 当场处罚 in one step on the phone (PEN-01, PEN-02), handing over fines collected on the spot (PEN-03),
filing the record."""
from __future__ import annotations

from datetime import date

from django.db import transaction

from fazhi.cases.actions.execution import payment_due
from fazhi.cases.actions.machinery import _case_dates, _finish, _lateness, _met, _snapshot, transition
from fazhi.cases.actions.opening import _certified_officers, _check_create, _new_case
from fazhi.cases.actions.penalty import (
    _assess_discretion,
    _check_jurisdiction,
    _penalty,
    _penalty_data,
    _set_proposal,
)
from fazhi.cases.models import CaseOfficer, Evidence, OfficerRole, PenaltyCase, Procedure
from fazhi.cases.numbering import take_number
from fazhi.cases.workflow import TRANSITIONS
from fazhi.core.blobs import Blob
from fazhi.core.calendar import law_calendar
from fazhi.law.money import yuan
from fazhi.law.penalty import (
    COLLECTED_FINE_HANDOVER,
    EvidenceKind,
    Outcome,
    PenaltyKind,
    ServiceMethod,
    check_correction_order,
    check_decision_elements,
    check_limitation,
    check_on_spot_collection,
    check_simple_procedure,
)
from fazhi.law.remedies import remedy_notice
from fazhi.law.rules import violation

# --- 简易程序 ----------------------------------------------------------------------------------------


def decide_on_site(*, by, on: date, officers, kinds, fine="0", facts_certain: bool = True,
                   statement: str = "", statement_waived: bool = False, collect_on_spot: bool = False,
                   receipt_no: str = "", hard_to_collect: bool = False, remote_area: bool = False,
                   party_requested: bool = False, correction_order: str = "", benchmark_violation: str = "",
                   photos=(), signature: Blob | None = None, signature_refused: bool = False, witness: str = "",
                   **fields) -> PenaltyCase:
    """当场处罚 (B.2): eligibility (PEN-01), two certified officers (PEN-04), the party heard (HUD-01),
    a numbered decision handed over on the spot (PEN-02) carrying the 复议前置 notice (REV-02), and
    on-the-spot collection only within PEN-03.

    From the phone (the field page): the violation from the bureau's benchmark (its name, provisions and tier,
    DIS-04), photos taken at the scene (`photos`: (blob, filename, content type)), and the party's signature
    for the decision handed over — or the refusal to sign noted on it (Art 52 ¶1), with a witness if one was
    there. All are recorded in this one transaction."""
    t = TRANSITIONS["decide_on_site"]
    if signature is not None and signature_refused:
        raise violation("PEN-02", "当事人已签名的，不能同时记录为拒绝签收")
    with transaction.atomic():
        _check_create(t, by, on)
        if benchmark_violation:
            fields = _fields_from_violation(benchmark_violation, fields, by.entity)
        if not str(fields.get("cause") or "").strip():
            raise violation("PEN-02", "当场处罚决定书应当载明当事人的违法行为：请选择违法行为或填写案由")
        case = _new_case(by, Procedure.SIMPLE, fields)
        _case_dates(fields, on)
        p = _penalty(kinds, fine)
        if facts_certain and not str(case.penalty_provision or "").strip():
            raise violation("PEN-01", "适用简易程序须有法定依据：请从裁量基准中选择违法行为，或填写违反的规定和处罚依据")
        check_simple_procedure(case.party, p, facts_certain=facts_certain, has_legal_basis=bool(case.penalty_provision))
        check_limitation(case.act_end, case.discovered_on, life_health_or_finance_harm=case.serious_harm)
        staff = list({s.pk: s for s in [by, *officers]}.values())
        staff = _certified_officers(staff, case.bureau, on)
        if not (statement.strip() or statement_waived):
            raise violation("PEN-08", "当场作出处罚决定前，应当告知当事人并听取其陈述、申辩（或记录当事人放弃）")
        check_correction_order(Outcome.PENALTY, correction_order)
        if collect_on_spot:
            check_on_spot_collection(simple_procedure=True, fine=p.fine, hard_to_collect=hard_to_collect,
                                     remote_area=remote_area, party_requested=party_requested,
                                     receipt_number=receipt_no)
        cal = law_calendar()
        government, court = case.bureau.remedy_bodies()
        remedy = remedy_notice(government=government, court=court, on_the_spot=True)
        check_decision_elements({
            "party_name": case.party_name, "party_address": case.party_address or case.place, "facts": case.facts,
            "evidence": "现场检查", "penalty": p.label, "legal_basis": case.penalty_provision,
            "performance": "当场收缴" if collect_on_spot else "十五日内到指定银行缴纳", "remedy": remedy,
            "authority": case.bureau.name, "decided_on": on, "seal": True})
        case.outcome = Outcome.PENALTY.value
        _set_proposal(case, p)
        case.final_kinds = case.proposed_kinds
        case.fine = p.fine
        case.on_spot = True
        case.filed_on = case.reported_on = case.decided_on = on
        case.statement_on = on if statement.strip() else None
        case.waived_on = on if statement_waived else None
        case.correction_order = correction_order
        case.service_method, case.served_on = ServiceMethod.ON_SPOT.value, on
        case.decision_no = take_number(case.bureau, "on_site", on.year)
        if collect_on_spot:
            case.collected_on_spot, case.receipt_no = True, receipt_no
            case.paid_fine, case.paid_on = p.fine, on
        else:
            case.payment_due = payment_due(cal, case)
        case.status = t.target
        if benchmark_violation and PenaltyKind.FINE in p.kinds:
            _assess_discretion(case, on, benchmark_violation, 1, {}, p.fine, "")
        case.officer_ids = [s.pk for s in staff]
        case.save()  # the officers' rows need the case's key
        CaseOfficer.objects.bulk_create([
            CaseOfficer(case=case, staff=s, assigned_on=on,
                        role=OfficerRole.LEAD if s.pk == by.pk else OfficerRole.ASSIST) for s in staff])
        files = _on_site_files(case, by, on, photos, signature)
        return _finish(case, t, by, on, cal, loaded=_snapshot(case), data={
            "decision_no": case.decision_no, "penalty": _penalty_data(p), "officers": [s.username for s in staff],
            "statement": statement, "statement_waived": statement_waived, "collected_on_spot": collect_on_spot,
            "receipt_no": receipt_no, "remedy": remedy, "violation": benchmark_violation, "files": files,
            "receipt": ("signed" if signature is not None else "refused" if signature_refused else "not_recorded"),
            "witness": witness.strip(),
            "payment": case.bureau.payment_channel() if p.fine > 0 and not collect_on_spot else {}})


def _article(p: dict) -> str:
    """第二十七条第（一）项 from a benchmark's {article, paragraph, item}."""
    from fazhi.law.basis import cn_number

    text = f"第{cn_number(p['article'])}条"
    if p.get("paragraph"):
        text += f"第{cn_number(p['paragraph'])}款"
    if p.get("item"):
        text += f"第（{cn_number(p['item'])}）项"
    return text


def _fields_from_violation(ref: str, fields: dict, bureau) -> dict:
    """The case's 案由 and provisions from the benchmark's violation, where the officer typed none; refused
    first if the benchmark does not apply where the bureau is (CAT-01)."""
    from fazhi.catalog.queries import find_violation

    v = find_violation(ref)
    _check_jurisdiction(v, bureau)
    out = dict(fields)
    if not str(out.get("cause") or "").strip():
        out["cause"] = v.name[:200]
    # The citation by article, not the statute's text: the benchmark lists the prohibition first and the
    # article that sets the penalty last (e.g. 第二十七条第（一）项, then 第四十二条).
    title = f"《{v.law_title.strip('《》')}》"  # some benchmarks carry the title marks already
    cited = [title + _article(p) for p in v.provisions if p.get("article")]
    if not str(out.get("penalty_provision") or "").strip():
        out["penalty_provision"] = (cited[-1] if cited else title)[:300]
    if len(cited) > 1 and not str(out.get("violated_provision") or "").strip():
        out["violated_provision"] = "、".join(cited[:-1])[:300]
    return out


def _on_site_files(case, by, on, photos, signature) -> list[dict]:
    """The scene photos and the signature as the case's evidence, each by the hash of its stored file."""
    rows = [(EvidenceKind.AUDIOVISUAL, f"现场照片{i}", blob, name, ctype)
            for i, (blob, name, ctype) in enumerate(photos, start=1)]
    if signature is not None:
        rows.append((EvidenceKind.DOCUMENTARY, "当事人签收当场处罚决定书（电子签名）", signature, "签名.png",
                     "image/png"))
    out = []
    for kind, title, blob, name, ctype in rows:
        Evidence.objects.create(case=case, kind=kind.value, title=title, collected_on=on, collected_by=by,
                                place=case.place, sha256=blob.sha256, size=blob.size, filename=name,
                                content_type=ctype)
        out.append({"title": title, "sha256": blob.sha256, "size": blob.size})
    return out


@transition("hand_over_fine")
def hand_over_fine(case, *, by, on, cal, amount):
    """PEN-03 (Art 71): cash collected on the spot reaches the bureau within 2 working days."""
    if not case.collected_on_spot or case.handed_over_on:
        raise violation("PEN-03", "本案没有待上交的当场收缴罚款")
    if yuan(amount) != case.paid_fine:
        raise violation("PEN-03", f"上交金额应与当场收缴金额（{case.paid_fine:,.2f}元）一致")
    due, late_days = _lateness(cal, COLLECTED_FINE_HANDOVER, case.paid_on, on)
    case.handed_over_on = on
    _met(case, "PEN-03", "当场收缴罚款交至机关", due, on, late_days, case.paid_on)
    return {"amount": str(yuan(amount)), "due": due.isoformat() if due else None, "late": bool(late_days),
            "days_late": late_days}


@transition("file_record")
def file_record(case, *, by, on, cal, note: str = ""):
    """PEN-02 (Art 52 ¶3): an on-the-spot decision is filed with the bureau (备案)."""
    if case.filed_record_on:
        raise violation("PEN-02", "本决定已备案")
    case.filed_record_on = on
    return {"note": note}


decide_on_site.transition = TRANSITIONS["decide_on_site"]

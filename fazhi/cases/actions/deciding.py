"""普通程序, deciding: 法制审核, approval of a departure from the benchmark, 集体讨论, 告知, 陈述申辩 and waiver,
听证 (request, schedule, hold), 决定."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import Count, Q

from fazhi.cases.actions.machinery import _date_order, transition
from fazhi.cases.actions.penalty import (
    _deliberation_required,
    _penalty,
    _penalty_data,
    _review_required,
    _set_proposal,
)
from fazhi.cases.models import Status
from fazhi.cases.numbering import take_number
from fazhi.law.penalty import (
    HEARING_REQUEST_PERIOD,
    NoPenaltyGround,
    Outcome,
    Penalty,
    check_correction_order,
    check_decision_elements,
    check_decision_in_time,
    check_education_given,
    check_hearing_request,
    check_hearing_schedule,
    check_monitoring_evidence_reviewed,
    check_no_penalty_ground,
    check_not_heavier,
    check_notice_given,
    check_presider,
    check_reviewer_qualified,
    hearing_reasons,
    parse_penalty_kinds,
)
from fazhi.law.periods import working_days_after
from fazhi.law.remedies import remedy_notice
from fazhi.law.rules import violation
from fazhi.org.models import Role


@transition("legal_review")
def legal_review(case, *, by, on, cal, passed: bool, opinion: str):
    """PEN-12: a qualified reviewer, not an investigator of the case, passes the current proposal or
    returns the case for further investigation."""
    check_reviewer_qualified(is_legal_reviewer=by.has_role(Role.LEGAL_REVIEWER),
                             has_legal_qualification=bool(by.legal_qualification),
                             reviewed_before=by.reviewed_before)
    if case.officers.filter(staff=by).exists():
        raise violation("PEN-05", "案件承办人员不得担任本案法制审核人员")
    if not opinion.strip():
        raise violation("PEN-12", "请填写法制审核意见")
    case.review_on = on
    if passed:
        case.review_passed_rev = case.proposal_rev
    else:
        case.status = Status.INVESTIGATING
        case.review_passed_rev = 0
    if not by.reviewed_before:
        type(by).objects.filter(pk=by.pk).update(reviewed_before=True)
    return {"passed": passed, "opinion": opinion, "proposal_rev": case.proposal_rev}


@transition("approve_departure")
def approve_departure(case, *, by, on, cal, reason: str):
    """DIS-04: the 主要负责人 approves a penalty outside the benchmark's range, with reasons, for this proposal."""
    if not case.discretion or case.discretion.get("within", True):
        raise violation("DIS-04", "本案拟处罚未偏离裁量基准，无需批准")
    if not reason.strip():
        raise violation("DIS-04", "应当写明批准偏离裁量基准的理由")
    case.departure_approved_rev = case.proposal_rev
    return {"reason": reason, "proposal_rev": case.proposal_rev, "range": [case.discretion["low"], case.discretion["high"]],
            "fine": str(case.proposed_fine)}


@transition("deliberate")
def deliberate(case, *, by, on, cal, attendees, conclusion: str, observers=(), recorder: str = ""):
    """PEN-13: collective deliberation by the 负责人, after any required legal review (审核 → 讨论 → 决定)."""
    if _review_required(case) and case.review_passed_rev != case.proposal_rev:
        raise violation("PEN-12", "本案须经法制审核，集体讨论应在法制审核通过之后进行")
    names = [s.username for s in attendees]
    if len(names) < 3:
        raise violation("PEN-13", "集体讨论应由机关负责人主持，参加人员不少于3人")
    case.deliberated_rev = case.proposal_rev
    case.deliberated_on = on
    # The 集体讨论记录 names who presided (the 负责人 taking the step), who attended and who sat in, and who minuted.
    return {"attendees": names, "conclusion": conclusion, "presider": str(by),
            "observers": [o.strip()[:60] for o in observers or [] if o and o.strip()],
            "recorder": recorder.strip()[:40]}


@transition("notify")
def notify(case, *, by, on, cal, kinds=None, fine=None, confiscated_income=None, confiscated_property=None,
           new_facts: str = ""):
    """行政处罚事先告知 (PEN-08): the proposed penalty, facts, reasons, basis and the party's rights,
    including a hearing where PEN-10 applies. A second notice (new facts) may change the proposal."""
    if case.outcome != Outcome.PENALTY:
        raise violation("PEN-08", "拟不予处罚的案件无需事先告知，请直接作出决定")
    if case.status == Status.NOTIFIED and not new_facts.strip():
        raise violation("PEN-09", "重新告知须有新的事实、理由（不得因当事人陈述、申辩加重处罚）")
    if kinds is not None:
        _set_proposal(case, _penalty(kinds, fine or "0", confiscated_income or "0", confiscated_property or "0"))
    p = case.proposed_penalty()
    reasons = hearing_reasons(case.party, p, case.bureau.hearing_thresholds())
    case.hearing_right = bool(reasons)
    case.notified_on = on
    case.notified_rev = case.proposal_rev
    case.notified_penalty = _penalty_data(p)
    case.statement_on = case.waived_on = case.hearing_requested_on = None
    case.hearing_notice_on = case.hearing_on = case.hearing_held_on = None
    case.hearing_presider = None
    number = take_number(case.bureau, "notice", on.year)
    hearing_no = take_number(case.bureau, "hearing_right", on.year) if case.hearing_right else ""
    return {"notice_no": number, "hearing_right_no": hearing_no, "statement_days": case.bureau.statement_days,
            "proposal": case.notified_penalty, "hearing_right": case.hearing_right,
            "hearing_reasons": reasons, "new_facts": new_facts,
            "thresholds_source": case.bureau.hearing_source}


@transition("record_statement")
def record_statement(case, *, by, on, cal, summary: str, adopted: bool, review: str, kinds=None, fine=None,
                     confiscated_income=None, confiscated_property=None):
    """陈述申辩 and 复核 (PEN-09): what is established is adopted; the penalty never becomes heavier."""
    if not summary.strip() or not review.strip():
        raise violation("PEN-09", "应当记录当事人陈述、申辩的内容及复核意见")
    if kinds is not None:
        revised = _penalty(kinds, fine or "0", confiscated_income or "0", confiscated_property or "0")
        check_not_heavier(case.proposed_penalty(), revised, renotified=False)
        if revised != case.proposed_penalty():
            _set_proposal(case, revised)
    case.statement_on = on
    return {"summary": summary, "adopted": adopted, "review": review, "proposal": _penalty_data(case.proposed_penalty())}


@transition("waive_rights")
def waive_rights(case, *, by, on, cal, statement: str):
    if not statement.strip():
        raise violation("PEN-08", "当事人放弃陈述、申辩（听证）权利应有明确的书面意思表示")
    case.waived_on = on
    return {"statement": statement}


@transition("request_hearing")
def request_hearing(case, *, by, on, cal, requested_on: date | None = None):
    """PEN-10/PEN-11: only where the party has the right, and within 5 working days of the notice."""
    requested_on = requested_on or on
    _date_order(requested_on, "申请听证日期", case.notified_on, "告知日期")
    _date_order(on, "办理日期", requested_on, "申请听证日期")
    if not case.hearing_right:
        raise violation("PEN-10", "本案拟作出的处罚不属于应当告知听证权利的情形")
    if case.waived_on:
        raise violation("PEN-11", "当事人已明确放弃听证权利")
    check_hearing_request(cal, case.notified_on, requested_on)
    case.hearing_requested_on = requested_on
    return {"requested_on": requested_on.isoformat(),
            "working_day": working_days_after(cal, case.notified_on, requested_on),
            "period": HEARING_REQUEST_PERIOD.describe()}


@transition("schedule_hearing")
def schedule_hearing(case, *, by, on, cal, presider, hearing_on: date, place: str, public: bool = True):
    investigators = list(case.officers.values_list("staff_id", flat=True))
    check_presider(presider.pk, investigators)
    if presider.entity is None or presider.entity.pk != case.bureau_id:
        raise violation("PEN-11", "听证主持人应由本机关指定")
    check_hearing_schedule(cal, on, hearing_on)
    case.hearing_presider = presider
    case.hearing_notice_on = on
    case.hearing_on = hearing_on
    return {"hearing_notice_no": take_number(case.bureau, "hearing", on.year), "presider": presider.username,
            "presider_name": str(presider), "hearing_on": hearing_on.isoformat(), "place": place, "public": public}


@transition("hold_hearing")
def hold_hearing(case, *, by, on, cal, party_attended: bool, record: str, kinds=None, fine=None,
                 confiscated_income=None, confiscated_property=None):
    """PEN-11: a no-show counts as a waiver and ends the hearing; otherwise the 笔录 is the basis of the
    decision. The proposal may be lowered, never raised (PEN-09)."""
    if on != case.hearing_on:
        raise violation("PEN-11", f"听证应当在通知的日期（{case.hearing_on:%Y年%m月%d日}）举行")
    if not record.strip():
        raise violation("PEN-11", "听证应当制作笔录")
    if party_attended:
        case.hearing_held_on = on
        revised = case.proposed_penalty()
        if kinds is not None:
            revised = _penalty(kinds, fine or "0", confiscated_income or "0", confiscated_property or "0")
            check_not_heavier(case.proposed_penalty(), revised, renotified=False)
        # A new revision even if unchanged: a review passed before the hearing does not cover it (PEN-12(2)).
        _set_proposal(case, revised)
    else:
        case.waived_on = on
    return {"party_attended": party_attended, "record": record, "proposal": _penalty_data(case.proposed_penalty())}


@transition("decide")
def decide(case, *, by, on, cal, correction_order: str = "", performance: str = "",
           seal: bool = True, evidence_summary: str = "", education: str = ""):
    """作出决定: every gate of the general procedure is checked here, in legal order."""
    o = Outcome(case.outcome)
    if o is Outcome.TRANSFER:
        raise violation("PEN-14", "涉嫌犯罪的案件应当移送司法机关")
    p = case.proposed_penalty()
    check_decision_in_time(cal, case.filed_on, on, case.extension_days)
    if o is Outcome.PENALTY:
        statement_over = working_days_after(cal, case.notified_on, on) > case.bureau.statement_days \
            if case.notified_on else False
        check_notice_given(notified=bool(case.notified_on), statement_done=bool(case.statement_on),
                           waived=bool(case.waived_on), statement_window_over=statement_over)
        if case.hearing_right and not (case.hearing_requested_on or case.waived_on):
            if working_days_after(cal, case.notified_on, on) <= HEARING_REQUEST_PERIOD.length:
                raise violation("PEN-11", "当事人申请听证的五个工作日期限尚未届满，不得作出决定")
        if case.hearing_requested_on and not (case.hearing_held_on or case.waived_on):
            raise violation("PEN-11", "当事人已申请听证，听证结束前不得作出决定")
        notified = Penalty(frozenset(parse_penalty_kinds(case.notified_penalty["kinds"])),
                           Decimal(case.notified_penalty["fine"]), Decimal(case.notified_penalty["confiscated_income"]),
                           Decimal(case.notified_penalty["confiscated_property"]))
        check_not_heavier(notified, p, renotified=False)
        check_correction_order(o, correction_order)
    else:
        check_no_penalty_ground(o, case.no_penalty_ground, exemption_entry=case.exemption_entry)
        if o is Outcome.NO_PENALTY_MINOR:  # a violation there was, not penalised: education (Art 33 ¶3)
            check_education_given(education)
            case.education = education.strip()
    reasons = _review_required(case)
    if reasons and case.review_passed_rev != case.proposal_rev:
        raise violation("PEN-12", "本案属于应当进行法制审核的情形（" + "；".join(reasons) +
                        "），未经法制审核或者审核未通过的，不得作出决定")
    d_reasons = _deliberation_required(case)
    if d_reasons and case.deliberated_rev != case.proposal_rev:
        raise violation("PEN-13", "本案应当由机关负责人集体讨论决定（" + "；".join(d_reasons) + "）")
    if case.discretion and not case.discretion.get("within", True):
        if case.departure_approved_rev != case.proposal_rev and case.deliberated_rev != case.proposal_rev:
            raise violation("DIS-04", "拟处罚偏离裁量基准，须经主要负责人批准或集体讨论决定后方可作出决定")
    ev = case.evidence.aggregate(
        total=Count("id"), unreviewed=Count("id", filter=Q(from_monitoring=True, reviewed_on__isnull=True)))
    check_monitoring_evidence_reviewed(ev["unreviewed"])
    if not ev["total"] and not evidence_summary:
        raise violation("PEN-15", "行政处罚决定书应当载明证据，本案尚无证据记录")
    government, court = case.bureau.remedy_bodies()
    remedy = remedy_notice(government=government, court=court, on_the_spot=False)
    kind = "decision" if o is Outcome.PENALTY else "no_penalty"
    elements = {
        "party_name": case.party_name, "party_address": case.party_address, "facts": case.facts,
        "evidence": evidence_summary or ev["total"] > 0,
        "penalty": p.label if p else NoPenaltyGround(case.no_penalty_ground).label if case.no_penalty_ground
        else case.exemption_entry,
        "legal_basis": case.penalty_provision if p else "《中华人民共和国行政处罚法》",
        "performance": (performance or _default_performance(case, p)) if p else "无",
        "remedy": remedy, "authority": case.bureau.name, "decided_on": on, "seal": seal,
    }
    check_decision_elements(elements)
    case.decided_on = on
    case.review_required = bool(reasons)
    case.decision_no = take_number(case.bureau, kind, on.year)
    if p:
        case.final_kinds = sorted(k.value for k in p.kinds)
        case.fine, case.confiscated_income, case.confiscated_property = (
            p.fine, p.confiscated_income, p.confiscated_property_value)
    case.correction_order = correction_order
    correction_no = take_number(case.bureau, "correction", on.year) if correction_order.strip() else ""
    return {"decision_no": case.decision_no, "correction_no": correction_no, "correction_order": correction_order,
            "education": case.education, "no_penalty_conditions": case.no_penalty_conditions,
            "outcome": o.value, "penalty": _penalty_data(p), "elements": {k: str(v) for k, v in elements.items()},
            # Where to pay, as the bureau's settings stood on the day (the document prints this, not today's).
            "payment": case.bureau.payment_channel() if p and p.fine > 0 else {}}


def _default_performance(case, p: Penalty) -> str:
    if p.fine > 0:
        return "自收到本决定书之日起十五日内，到指定银行或者通过电子支付系统缴纳罚款。逾期不缴纳的，每日按罚款数额的百分之三加处罚款。"
    return "自收到本决定书之日起履行。"

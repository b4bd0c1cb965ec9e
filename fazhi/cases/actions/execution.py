"""After the decision: 送达 (PEN-16), the payment period and the late fee (PEN-17, PEN-18), 缴款, 催告, 申请法院强制执行
and its ruling, 移送 (TRF), 结案, 归档."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils import timezone

from fazhi.cases.actions.machinery import _date_order, _lateness, _met, transition
from fazhi.cases.models import CloseType, PenaltyCase, Status
from fazhi.cases.numbering import take_number
from fazhi.core.calendar import law_calendar
from fazhi.law.calendar import CalendarUnknown, LawCalendar
from fazhi.law.enforcement import (
    DemandNotice,
    check_court_application,
    check_court_package,
    check_demand_notice,
)
from fazhi.law.money import yuan
from fazhi.law.penalty import (
    PAYMENT_PERIOD,
    SERVICE_PERIOD,
    Outcome,
    Pause,
    ServiceMethod,
    check_left_service,
    check_service_method,
    effective_service_date,
    late_fee,
)
from fazhi.law.rules import violation
from fazhi.law.transfer import check_transfer_timing, transfer_decision_due


@transition("serve")
def serve(case, *, by, on, cal, method: str, recipient: str, party_consented: bool = False,
          confirmation_signed: bool = False, place: str = "", refusal_reason: str = "", refused_by: str = "",
          witnesses=(), recorded: bool = False):
    """送达 (PEN-16); the payment period runs from receipt (PEN-17); 公告 is deemed served after 30 days.
    留置送达 (民事诉讼法 Art 89) records what its 送达回证 states: the 拒收事由, who refused (for an organisation,
    the person who refused for it), the witnesses who sign, or that the process was photographed or filmed."""
    try:
        m = ServiceMethod(method)
    except ValueError:
        raise violation("PEN-16", "送达方式应为直接、留置、邮寄、委托、公告或经同意的电子送达")
    check_service_method(m, party_consented=party_consented, confirmation_signed=confirmation_signed)
    if not recipient.strip():
        raise violation("PEN-16", "请填写受送达人")
    witnesses = [w.strip()[:60] for w in (witnesses or []) if w and w.strip()]
    left = {}
    if m is ServiceMethod.LEFT:
        check_left_service(party_is_org=case.party_kind == "org", refusal_reason=refusal_reason,
                           refused_by=refused_by, witnesses=witnesses, recorded=recorded)
        left = {"refusal_reason": refusal_reason.strip()[:200], "refused_by": refused_by.strip()[:60],
                "witnesses": witnesses, "recorded": recorded}
    elif refusal_reason.strip() or witnesses:
        raise violation("PEN-16", "拒收事由和见证人只在留置送达时记明")
    case.service_method = m.value
    case.served_on = effective_service_date(m, on)
    case.payment_due = payment_due(cal, case)
    # PEN-16 (Art 61): a service after the 7 working days still stands; it is recorded late with its days.
    due, late_days = _lateness(cal, SERVICE_PERIOD, case.decided_on, on)
    case.service_late_days = late_days
    _met(case, "PEN-16", "送达行政处罚决定书", due, on, late_days, case.decided_on)
    return {"method": m.value, "recipient": recipient, "served_on": case.served_on.isoformat(),
            "place": (place.strip() or case.party_address or "")[:200], **left,
            "payment_due": case.payment_due.isoformat() if case.payment_due else None,
            "service_due": due.isoformat() if due else None, "late": bool(late_days), "days_late": late_days}


def payment_due(cal: LawCalendar, case: PenaltyCase) -> date | None:
    """PEN-17: 15 days from receipt (DAY-05). None while the year's holidays are unknown (DAY-07): the
    deadline then shows as not computable and is filled in by the next action once the data exists."""
    if case.fine <= 0 or not case.served_on:
        return None
    try:
        return PAYMENT_PERIOD.end(cal, case.served_on)
    except CalendarUnknown:
        return None


def _pauses(case) -> list[Pause]:
    return [Pause(date.fromisoformat(p["start"]), date.fromisoformat(p["end"]) if p.get("end") else None)
            for p in case.late_fee_pauses]


def late_fee_due(case: PenaltyCase, as_of: date) -> Decimal | None:
    """PEN-18 for this case on `as_of`; None when it cannot be known yet: the payment period ends in a year whose
    holiday table is missing and `as_of` is past its unrolled last day (DAY-07). Never raises."""
    if case.fine <= 0 or not case.served_on:
        return Decimal("0.00")
    due = case.payment_due
    if due is None:
        r = PAYMENT_PERIOD.reckon(law_calendar(), case.served_on)
        if r.provisional and as_of <= r.due:
            return Decimal("0.00")  # before the unrolled last day nothing is late whatever the roll
        if r.due is None or r.provisional:
            return None
        due = r.due
    return late_fee(case.fine, due, as_of, _pauses(case))


def _late_fee_known(case: PenaltyCase, as_of: date) -> Decimal:
    """The late fee an action needs to decide on; refuses (DAY-07) while it cannot be known."""
    fee = late_fee_due(case, as_of)
    if fee is None:
        year = PAYMENT_PERIOD.reckon(law_calendar(), case.served_on).unknown_year
        raise CalendarUnknown(year)
    return fee
@transition("record_payment")
def record_payment(case, *, by, on, cal, fine_paid, late_fee_paid="0", paid_on: date | None = None,
                   channel: str = "bank"):
    """缴款. Under 罚缴分离 payment is through the bank or e-payment (PEN-17); the late fee owed on the
    payment day is computed (PEN-18) and must be paid with the fine unless waived by 执行协议."""
    paid_on = paid_on or on
    _date_order(paid_on, "缴款日期", case.served_on or case.decided_on, "决定书送达日期")
    _date_order(on, "办理日期", paid_on, "缴款日期")  # a payment is recorded after it happened, never ahead
    fine_paid, late_fee_paid = yuan(fine_paid), yuan(late_fee_paid)
    if fine_paid <= 0 or case.paid_fine + fine_paid > case.fine:
        raise violation("PEN-17", f"缴款金额应大于零且累计不超过罚款金额（{case.fine:,.2f}元）")
    owed = late_fee_due(case, paid_on)  # None: computed once the year's holiday table is entered
    case.paid_fine += fine_paid
    case.paid_late_fee += late_fee_paid
    case.paid_on = paid_on
    return {"fine_paid": str(fine_paid), "late_fee_paid": str(late_fee_paid),
            "late_fee_owed": str(owed) if owed is not None else None,
            "channel": channel, "paid_on": paid_on.isoformat()}


@transition("serve_demand")
def serve_demand(case, *, by, on, cal, deadline: date, method: str = "直接送达"):
    """催告 (ENF-04) after the payment period lapsed; states the late fee accrued so far (PEN-18)."""
    due = case.payment_due
    if due is None and case.served_on and case.fine > 0:
        r = PAYMENT_PERIOD.reckon(cal, case.served_on)
        if r.due is None or r.provisional and on > r.due:
            raise CalendarUnknown(r.unknown_year)
        due = r.due  # concrete, or provisional with `on` before it: not lapsed whatever the roll
    if not due or on <= due:
        # 行政强制法 Art 53/54: the court route opens only when the party did not perform within the period.
        raise violation("ENF-10", "缴款期限届满后当事人仍未履行的，方可催告"
                        + (f"（缴款期限{due:%Y年%m月%d日}）" if due else ""))
    if case.paid_fine >= case.fine:
        raise violation("ENF-04", "当事人已缴清罚款，无需催告")
    owed = case.fine - case.paid_fine
    fee = _late_fee_known(case, on)
    check_demand_notice(DemandNotice(deadline, "到指定银行或通过电子支付缴纳",
                                     f"罚款{owed:,.2f}元，加处罚款{fee:,.2f}元", True), issued_on=on)
    case.demand_served_on = on
    number = take_number(case.bureau, "demand", on.year)
    return {"demand_no": number, "deadline": deadline.isoformat(), "owed": str(owed), "late_fee": str(fee),
            "method": method}


@transition("apply_court")
def apply_court(case, *, by, on, cal, court: str, package: dict, good_reason: str = ""):
    """非诉执行 (ENF-09, ENF-10, ENF-11)."""
    check_court_application(cal, served_on=case.served_on, demand_served_on=case.demand_served_on, apply_on=on,
                            good_reason_for_delay=good_reason)
    check_court_package(package)
    case.court_applied_on = on
    return {"court": court, "package": package, "good_reason": good_reason}


@transition("record_court_ruling")
def record_court_ruling(case, *, by, on, cal, result: str):
    if result not in ("准予执行", "不予执行", "执行完毕"):
        raise violation("ENF-12", "法院裁定结果应为准予执行、不予执行或执行完毕")
    case.court_result = result
    return {"result": result}


@transition("decide_transfer")
def decide_transfer(case, *, by, on, cal, approve: bool, reason: str, transferred_on: date | None = None,
                    police: str = ""):
    """TRF-01: the 正职负责人 decides within 3 days; an approved transfer goes to the police within 24 h;
    a refusal records its reasons and the case returns to administrative handling."""
    if not reason.strip():
        raise violation("TRF-01", "应当写明批准移送或不予批准的理由")
    due = transfer_decision_due(case.transfer_reported_on)
    late = on > due
    if approve:
        transferred_on = transferred_on or on
        _date_order(transferred_on, "移送日期", on, "批准移送日期")
        if transferred_on > timezone.localdate():
            raise violation("CASE-DATE", "移送日期不得晚于今天")
        check_transfer_timing(on, transferred_on)
        case.transferred_on = transferred_on
        case.status = Status.CLOSED
        case.closed_on, case.close_type = transferred_on, CloseType.TRANSFERRED
    else:
        case.status = Status.INVESTIGATING
        case.outcome = ""
    return {"approve": approve, "reason": reason, "police": police, "late": late, "due": due.isoformat()}


@transition("close")
def close(case, *, by, on, cal, close_type: str, summary: str = ""):
    """结案 with its PEN-14 outcome; a fine must be paid (with the late fee) or the enforcement finished."""
    try:
        ct = CloseType(close_type)
    except ValueError:
        raise violation("PEN-14", "结案方式不正确")
    o = case.outcome or Outcome.PENALTY
    if ct == CloseType.NO_PENALTY and o == Outcome.PENALTY:
        raise violation("PEN-14", "本案已作出处罚决定，不能以“不予处罚”结案")
    if ct == CloseType.PERFORMED:
        if o != Outcome.PENALTY:
            raise violation("PEN-14", "不予处罚案件应以“不予处罚”结案")
        if case.paid_fine < case.fine:
            raise violation("PEN-18", f"罚款尚未缴清（应缴{case.fine:,.2f}元，已缴{case.paid_fine:,.2f}元），不能以履行完毕结案")
        owed = _late_fee_known(case, case.paid_on) if case.paid_on else Decimal("0")
        if case.paid_late_fee < owed and not summary:
            raise violation("PEN-18", f"加处罚款应缴{owed:,.2f}元、已缴{case.paid_late_fee:,.2f}元；如经执行协议减免，请在结案说明中写明")
    if ct in (CloseType.COURT_DONE, CloseType.TERMINATED) and not case.court_applied_on:
        raise violation("PEN-14", "未申请人民法院强制执行的案件不能以该方式结案")
    if ct in (CloseType.NOT_FILED, CloseType.TRANSFERRED):
        raise violation("PEN-14", "该结案方式由不予立案或移送审批自动产生")
    case.closed_on, case.close_type = on, ct
    return {"close_type": ct.value, "summary": summary}


@transition("archive")
def archive(case, *, by, on, cal, location: str = ""):
    case.archived_on = on
    return {"location": location}

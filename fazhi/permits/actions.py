"""行政许可: the only writers of applications and permits. Each action is: lock → check (the workflow's guard, then
fazhi.law.permits on the input) → mutate → refresh the clocks → append the event, in one transaction with one
actor `by` and one effective date `on` (the anatomy of disputes.actions)."""
from __future__ import annotations

import functools
import logging
import secrets
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from types import SimpleNamespace

from django.db import transaction
from django.utils import timezone

from fazhi.core.calendar import law_calendar
from fazhi.core.errors import Conflict, NotPermitted
from fazhi.core.events import append_event
from fazhi.core.workflow import check
from fazhi.law import permits as L
from fazhi.law.basis import RuleViolation
from fazhi.law.periods import working_days_after
from fazhi.law.rules import violation
from fazhi.permits import clock as C
from fazhi.permits.models import Channel, Gate, Permit, PermitFile, PermitItem
from fazhi.permits.models import PermitStatus as S
from fazhi.permits.workflow import ROLES, STEPS, WINDOW, WORKFLOW

log = logging.getLogger("fazhi.permits.actions")
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _not_future(on: date) -> None:
    if on > timezone.localdate():
        raise violation("LIC-DATE", "办理日期不得晚于今天")


def _order(later: date | None, later_what: str, earlier: date | None, earlier_what: str) -> None:
    if later and earlier and later < earlier:
        raise violation("LIC-DATE", f"{later_what}（{later:%Y-%m-%d}）不得早于{earlier_what}（{earlier:%Y-%m-%d}）")


def _event(p: Permit, kind: str, by, on: date, data: dict) -> None:
    p.version += 1
    append_event(p.stream, kind, actor=by, on=on, data={"status": p.status, "version": p.version, **data})


def _code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(10))


def _seq(bureau, field: str, prefix: str) -> int:
    """The next gapless number of a kind for the bureau: the bureau row is locked while it is taken."""
    from fazhi.org.models import Bureau

    Bureau.objects.select_for_update().filter(pk=bureau.pk).first()
    return Permit.objects.filter(bureau=bureau, **{f"{field}__startswith": prefix}).count() + 1


def _prefix(bureau) -> str:
    return bureau.doc_prefix or bureau.short_name


def may_receive(by) -> bool:
    """Whether `by` may register applications at their bureau's window (the page offers the form only then)."""
    return by.is_superuser or (by.entity is not None and by.has_role(*ROLES[WINDOW]))


def step(name: str):
    """Wrap an action on an existing application: lock, guard (who, state, preconditions), dates, body, clocks,
    event; one transaction."""
    t = STEPS[name]

    def wrap(body):
        @functools.wraps(body)
        def run(permit: Permit, *, by, on: date, expected_version: int | None = None, **kw) -> Permit:
            try:
                with transaction.atomic():
                    p = (Permit.objects.select_for_update(of=("self",)).select_related("bureau", "item")
                         .get(pk=permit.pk))
                    if expected_version is not None and p.version != expected_version:
                        raise Conflict("该许可申请已被他人更新，请刷新后重试")
                    check(WORKFLOW, p, by, t, on)
                    _not_future(on)
                    _order(on, "办理日期", p.received_on, "收到申请日期")
                    data = body(p, by=by, on=on, **kw) or {}
                    if t.target:
                        p.status = t.target
                    C.refresh(p)
                    p.save()
                    _event(p, t.action, by, on, data)
                    return p
            except RuleViolation as e:
                log.info("refused %s on permit %s by %s: %s %s", name, permit.pk, getattr(by, "username", by),
                         e.code, e.message)
                raise

        run.step = t
        return run

    return wrap


# --- the application -----------------------------------------------------------------------------------------------

def _check_application(item: PermitItem, *, materials: list[str], quantity: float | None, period_from: date | None,
                       period_to: date | None, road_done_on: date | None, emergency: bool, dug_at: datetime | None,
                       on: date) -> None:
    unknown = [m for m in materials if m not in item.materials]
    if unknown:
        raise violation("LIC-ITEM", f"“{'、'.join(unknown)}”不在本事项的申请材料目录中")
    if period_from and period_to and period_to < period_from:
        raise violation("LIC-DATE", "申请期限的截止日期不得早于起始日期")
    if period_from and period_to and item.max_days and (period_to - period_from).days + 1 > item.max_days:
        raise violation("LIC-ITEM", f"申请期限超过本事项的最长许可期限{item.max_days}日")
    if road_done_on and road_done_on > on:
        raise violation("LIC-DATE", "道路交付使用或大修竣工日期不得晚于申请日期")
    if emergency and dug_at is None:
        raise violation("LIC-09", "紧急抢修先行破路的，应当填写破路时间（24小时内补办批准手续）")
    L.check_quantity(item.quantity_limit, item.quantity_unit, quantity)


def apply(*, by, on: date, item: PermitItem, applicant: str, subject: str, channel: str = Channel.WINDOW,
          applicant_kind: str = "org", id_number: str = "", phone: str = "", location: str = "",
          quantity: float | None = None, period_from: date | None = None, period_to: date | None = None,
          materials: list[str] | None = None, joint: bool = False, road_done_on: date | None = None,
          major_repair: bool = False, government_approval: str = "", emergency: bool = False,
          dug_at: datetime | None = None, felling: bool = False, ancient: bool = False, replanting: str = "",
          files: list[tuple] | None = None) -> Permit:
    """An application received at the window (`by` the clerk) or online (`by` None): its clock starts on the day of
    receipt (LIC-01: 一次告知 within 5 WD, else accepted from receipt). An emergency road repair's catch-up
    application records how many hours past the 24 it came (LIC-09)."""
    materials = [m.strip() for m in (materials or []) if m.strip()]
    if by is not None:
        if by.entity is None and not by.is_superuser:
            raise NotPermitted("未设置所在机构", "LIC-ROLE")
        if not may_receive(by):
            raise NotPermitted("“登记许可申请”须由窗口受理人员办理", "LIC-ROLE")
        if not by.is_superuser and by.entity.pk != item.bureau_id:
            raise NotPermitted("只能受理本机关的许可事项", "LIC-ROLE")
    if item.disabled:
        raise violation("LIC-ITEM", "该许可事项已停用")
    if not applicant.strip() or not subject.strip():
        raise violation("LIC-ITEM", "应当填写申请人和申请内容")
    _not_future(on)
    _check_application(item, materials=materials, quantity=quantity, period_from=period_from, period_to=period_to,
                       road_done_on=road_done_on, emergency=emergency, dug_at=dug_at, on=on)
    now = timezone.now()
    received_at = now if on == timezone.localdate() else timezone.make_aware(datetime.combine(on, time(9, 0)))
    late_hours = L.emergency_late_hours(dug_at, received_at) if emergency and dug_at else 0
    actor = by or SimpleNamespace(username="online", full_name=f"{applicant.strip()}（网上申请）")
    with transaction.atomic():
        bureau = item.bureau
        prefix = f"许{on.year}-"
        p = Permit(bureau=bureau, item=item, status=S.RECEIVED, channel=channel, applicant=applicant.strip(),
                   applicant_kind=applicant_kind, id_number=id_number.strip(), phone=phone.strip(),
                   subject=subject.strip(), location=location.strip(), quantity=quantity, period_from=period_from,
                   period_to=period_to, joint=joint, materials_given=materials, road_done_on=road_done_on,
                   major_repair=major_repair, government_approval=government_approval.strip(), emergency=emergency,
                   dug_at=dug_at, emergency_late_hours=late_hours, felling=felling, ancient=ancient,
                   replanting=replanting.strip(), received_on=on, received_at=received_at)
        p.number = f"{prefix}{_seq(bureau, 'number', prefix):05d}"
        p.tracking_code = _code()
        C.refresh(p)
        p.save()
        for material, blob, name, ctype in files or []:
            PermitFile.objects.create(permit=p, material=material, name=name[:200], content_type=ctype[:100],
                                      sha256=blob.sha256, size=blob.size)
        _event(p, "apply", actor, on, {
            "item": item.code, "channel": channel, "applicant": p.applicant, "subject": p.subject,
            "materials": materials, "quantity": quantity, "joint": joint,
            "files": [b.sha256 for _, b, _, _ in files or []],
            "emergency_late_hours": late_hours, "correction_due": C.iso(p.correction_due)})
    return p


def missing_materials(p: Permit) -> list[str]:
    return [m for m in p.item.materials if m not in p.materials_given]


@step("accept")
def accept(p: Permit, *, by, on: date, note: str = ""):
    """LIC-01: accepted when complete (or once the 补正 came in); past the 5th WD without a notice the application
    counts as accepted from receipt, and its clock runs from that day."""
    cal = law_calendar()
    deemed = p.status == S.RECEIVED and L.deemed_accepted(cal, p.received_on, on)
    if p.status == S.CORRECTING:
        got = set(p.materials_given) | set(p.correction_items)
        p.materials_given = [m for m in p.item.materials if m in got]
    elif not deemed and missing_materials(p):
        raise violation("LIC-01", f"申请材料不齐全（缺少：{'、'.join(missing_materials(p))}），应当一次告知补正，"
                                  f"或材料齐全后受理")
    p.accepted_on = p.received_on if deemed else on
    p.deemed_accepted = deemed
    return {"accepted_on": p.accepted_on.isoformat(), "deemed": deemed, "note": note.strip()}


@step("request_correction")
def request_correction(p: Permit, *, by, on: date, missing: list[str], note: str = ""):
    """LIC-01: every missing item at once, within 5 WD of receipt."""
    missing = [m.strip() for m in missing if m.strip()]
    L.check_correction_notice(law_calendar(), p.received_on, on, missing, p.correction_on is not None)
    left = [m for m in missing_materials(p) if m not in missing]
    if left:
        raise violation("LIC-01", f"补正告知应当一次列明需要补正的全部内容：另缺“{'、'.join(left)}”")
    p.correction_on, p.correction_items = on, missing
    return {"missing": missing, "note": note.strip()}


@step("refuse")
def refuse(p: Permit, *, by, on: date, reason: str, refer_to: str = ""):
    """LIC-01: a written 不予受理 decision with its reason (and, outside the bureau's powers, whom to apply to)."""
    if not reason.strip():
        raise violation("LIC-01", "不予受理应当写明理由")
    p.refused_reason = reason.strip()
    p.ended_on = on
    p.decision_no = _seq_no(p, "decision_no", "许不受字", on)
    return {"reason": p.refused_reason, "refer_to": refer_to.strip(), "decision_no": p.decision_no}


@step("site_check")
def site_check(p: Permit, *, by, on: date, officers: list[str], findings: str):
    """Art 34 ¶3: the facts checked on site by two or more staff."""
    officers = [o.strip() for o in officers if o.strip()]
    if len(set(officers)) < 2:
        raise violation("LIC-ITEM", "核查申请材料的实质内容，应当指派两名以上工作人员（行政许可法第三十四条第三款）")
    return {"officers": officers, "findings": findings.strip()}


@step("hear_parties")
def hear_parties(p: Permit, *, by, on: date, parties: str, opinions: str):
    """Art 36: interested parties told, their statements heard."""
    return {"parties": parties.strip(), "opinions": opinions.strip()}


@step("extend")
def extend(p: Permit, *, by, on: date, reasons: str):
    """LIC-02: approved by the 负责人 within the 20 WD, once, the reasons sent to the applicant (延期通知)."""
    due = L.check_extension(law_calendar(), C.clock_of(p), on, reasons)
    p.extended_on, p.extension_reasons = on, reasons.strip()
    return {"reasons": p.extension_reasons, "decision_due": due.isoformat()}


def _reviewers(p: Permit, by) -> set[str]:
    from fazhi.core.models import Event

    names = {by.username, getattr(by, "full_name", "") or by.username}
    for e in Event.objects.filter(stream=p.stream, kind__in=("site_check", "hear_parties")):
        names |= {e.actor, e.actor_name, *e.data.get("officers", [])}
    return {n for n in names if n}


@step("schedule_hearing")
def schedule_hearing(p: Permit, *, by, on: date, told_on: date, requested_on: date, held_on: date, presider: str,
                     place: str = ""):
    """LIC-05 (request within 5, held within 20, notice 7 before, presider not a reviewer) and LIC-04: from the
    request the clock stops, and the notice tells the applicant so in writing."""
    cal = law_calendar()
    _order(told_on, "告知听证权利日期", p.accepted_on, "受理日期")
    _order(on, "听证通知日期", requested_on, "听证申请日期")
    L.check_hearing(cal, told_on=told_on, requested_on=requested_on, notice_on=on, held_on=held_on,
                    presider=presider.strip(), reviewers=_reviewers(p, by))
    planned = L.paused_days(cal, requested_on, held_on)
    p.hearing_requested_on, p.hearing_held_on = requested_on, held_on
    p.paused_days += planned
    return {"told_on": told_on.isoformat(), "requested_on": requested_on.isoformat(),
            "held_on": held_on.isoformat(), "place": place.strip(), "presider": presider.strip(),
            "paused_days": planned}


@step("record_hearing")
def record_hearing(p: Permit, *, by, on: date, record: str = ""):
    """LIC-04: the hearing held; the days it took are not counted (the pause ends on the day it was held)."""
    cal = law_calendar()
    _order(on, "听证日期", p.hearing_requested_on, "听证申请日期")
    planned = L.paused_days(cal, p.hearing_requested_on, p.hearing_held_on)
    actual = L.paused_days(cal, p.hearing_requested_on, on)
    p.paused_days = p.paused_days - planned + actual
    p.hearing_held_on = on
    return {"held_on": on.isoformat(), "paused_days": actual, "record": record.strip()}


def _seq_no(p: Permit, field: str, kind: str, on: date) -> str:
    prefix = f"{_prefix(p.bureau)}{kind}〔{on.year}〕"
    return f"{prefix}{_seq(p.bureau, field, prefix)}号"


@step("decide")
def decide(p: Permit, *, by, on: date, outcome: str, reasons: str = "", valid_from: date | None = None,
           valid_until: date | None = None, conditions: str = "", late_reason: str = ""):
    """LIC-02 in time (or late with its reason); a grant passes the item's gates (quantity, period, LIC-09 road,
    LIC-10 trees) and takes its fee by the item's standard (LIC-08); a refusal states its reasons, and the
    document the 复议/诉讼 rights."""
    cal = law_calendar()
    clock = C.clock_of(p)
    late = L.check_decision_in_time(cal, clock, on, late_reason)
    item = p.item
    if outcome == "deny":
        if not reasons.strip():
            raise violation("LIC-REASON", "不予许可应当说明理由，并告知申请人申请行政复议或者提起行政诉讼的权利")
        p.status = S.DENIED
        p.ended_on = on
    else:
        L.check_quantity(item.quantity_limit, item.quantity_unit, p.quantity)
        valid_from = valid_from or p.period_from or on
        valid_until = valid_until or p.period_to or (valid_from + timedelta(days=(item.max_days or 365) - 1))
        if valid_until < valid_from:
            raise violation("LIC-DATE", "有效期截止日期不得早于起始日期")
        if item.max_days and (valid_until - valid_from).days + 1 > item.max_days:
            raise violation("LIC-ITEM", f"许可期限超过本事项的最长期限{item.max_days}日")
        if item.gate == Gate.ROAD_DIG:
            L.check_no_dig(p.road_done_on, p.major_repair, valid_from, p.government_approval)
        if item.gate == Gate.TREES:
            L.check_trees(p.felling, p.replanting, p.ancient, p.government_approval)
        p.valid_from, p.valid_until = valid_from, valid_until
        days = (valid_until - valid_from).days + 1
        amount = L.fee(float(item.fee_rate) if item.charges else None, p.quantity, days, item.fee_per_day)
        p.fee_amount = Decimal(str(amount)).quantize(Decimal("0.01"))
        p.fee_status = "due" if p.fee_amount > 0 else ""
        p.certificate_due = C.end_of(L.CERTIFICATE, on)
        p.publish_due = C.end_of(L.PUBLICATION, on)
        p.status = S.GRANTED
    p.decision = outcome
    p.decided_on = on
    p.decision_late_days = late
    p.late_reason = late_reason.strip() if late else ""
    p.work_days = clock.elapsed(cal, on)
    p.reasons, p.conditions = reasons.strip(), conditions.strip()
    p.decision_no = _seq_no(p, "decision_no", "许准字" if outcome == "grant" else "许不准字", on)
    return {"outcome": outcome, "decision_no": p.decision_no, "reasons": p.reasons, "conditions": p.conditions,
            "valid_from": C.iso(p.valid_from), "valid_until": C.iso(p.valid_until), "late_days": late,
            "late_reason": p.late_reason, "work_days": p.work_days, "fee_amount": str(p.fee_amount)}


@step("issue_certificate")
def issue_certificate(p: Permit, *, by, on: date):
    """LIC-03: within 10 WD of the decision; a late certificate is still issued, and its lateness recorded."""
    _order(on, "发证日期", p.decided_on, "决定日期")
    p.certified_on = on
    p.certificate_late_days = C.late_days(p.certificate_due, on)
    p.certificate_no = _seq_no(p, "certificate_no", "许证字", on)
    p.verify_code = _code()
    return {"certificate_no": p.certificate_no, "late_days": p.certificate_late_days}


@step("record_fee")
def record_fee(p: Permit, *, by, on: date, receipt: str = "", waived: bool = False, waiver_basis: str = "",
               amount: Decimal | None = None):
    """LIC-08: the fee by the published standard, paid to the treasury (the 缴款书 number), or waived with its
    basis."""
    _order(on, "缴费日期", p.decided_on, "决定日期")
    L.check_fee(p.item.charges, waived, waiver_basis, receipt)
    if not waived and amount is not None and Decimal(amount).quantize(Decimal("0.01")) != p.fee_amount:
        raise violation("LIC-08", f"应当按照公布的标准收费：本许可应收{p.fee_amount}元")
    p.fee_status = "waived" if waived else "paid"
    p.fee_paid_on = on
    p.fee_receipt, p.fee_waiver_basis = receipt.strip(), waiver_basis.strip() if waived else ""
    return {"receipt": p.fee_receipt, "waived": waived, "waiver_basis": p.fee_waiver_basis,
            "amount": str(p.fee_amount)}


@step("publish")
def publish(p: Permit, *, by, on: date):
    """LIC-07: a grant is public (Art 40); 双公示 within 7 WD of the decision, lateness recorded."""
    _order(on, "公示日期", p.decided_on, "决定日期")
    p.published_on = on
    p.publish_late_days = C.late_days(p.publish_due, on)
    return {"late_days": p.publish_late_days}


@step("change")
def change(p: Permit, *, by, on: date, what: str, valid_until: date | None = None, quantity: float | None = None):
    """Art 49 and, for road permits, LIC-09: moving, enlarging or extending is approved before the period ends."""
    item = p.item
    if quantity is not None:
        L.check_quantity(item.quantity_limit, item.quantity_unit, quantity)
        p.quantity = quantity
    if valid_until is not None:
        if valid_until < (p.valid_from or on):
            raise violation("LIC-DATE", "新的有效期不得早于起始日期")
        if item.max_days and p.valid_from and (valid_until - p.valid_from).days + 1 > item.max_days:
            raise violation("LIC-ITEM", f"许可期限超过本事项的最长期限{item.max_days}日")
        p.valid_until = valid_until
    return {"what": what.strip(), "valid_until": C.iso(p.valid_until), "quantity": p.quantity}


@step("apply_renewal")
def apply_renewal(p: Permit, *, by, on: date):
    """LIC-06: at least 30 WD before expiry."""
    L.check_renewal_application(law_calendar(), p.valid_until, on)
    p.renewal_applied_on, p.renewal_decided_on, p.renewal_result = on, None, ""
    return {"valid_until": C.iso(p.valid_until)}


@step("decide_renewal")
def decide_renewal(p: Permit, *, by, on: date, granted: bool = True, valid_until: date | None = None,
                   reasons: str = ""):
    """LIC-06: decided before expiry (after it, the renewal counts as granted and no decision is taken)."""
    L.check_renewal_decision(p.valid_until, on)
    old = p.valid_until
    if granted:
        if valid_until is None or valid_until <= old:
            raise violation("LIC-06", "准予延续的，应当填写晚于原有效期的新有效期")
        p.valid_until = valid_until
    elif not reasons.strip():
        raise violation("LIC-REASON", "不予延续应当说明理由")
    p.renewal_decided_on, p.renewal_result = on, "granted" if granted else "denied"
    return {"granted": granted, "old_valid_until": C.iso(old), "valid_until": C.iso(p.valid_until),
            "reasons": reasons.strip()}


def _end(kind: str):
    @step(kind)
    def body(p: Permit, *, by, on: date, reason: str):
        if not reason.strip():
            raise violation("LIC-END", "应当写明理由和依据")
        p.ended_on, p.end_reason = on, reason.strip()
        return {"reason": p.end_reason}
    return body


withdraw = _end("withdraw")
revoke = _end("revoke")
cancel = _end("cancel")


def deemed_renewed(p: Permit, today: date) -> bool:
    return p.valid_until is not None and L.deemed_renewed(p.valid_until, p.renewal_applied_on is not None,
                                                           p.renewal_decided_on is not None, today)


def days_between(a: date, b: date) -> int:
    return working_days_after(law_calendar(), a, b)


ACTIONS = {"accept": accept, "request_correction": request_correction, "refuse": refuse, "site_check": site_check,
           "hear_parties": hear_parties, "extend": extend, "schedule_hearing": schedule_hearing,
           "record_hearing": record_hearing, "decide": decide, "issue_certificate": issue_certificate,
           "record_fee": record_fee, "publish": publish, "change": change, "apply_renewal": apply_renewal,
           "decide_renewal": decide_renewal, "withdraw": withdraw, "revoke": revoke, "cancel": cancel}

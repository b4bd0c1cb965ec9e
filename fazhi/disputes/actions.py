"""行政复议和行政应诉: the only writers of disputes and of the 司法/检察建议 register. Each action is: lock → check
(workflow table + fazhi.law.disputes) → mutate → append event, in one transaction with one actor `by` and one
effective date `on` (the same anatomy as cases.actions). A ruling reaches the penalty case through the hook that
`cases` exposes (cases.actions.dispute_opened / dispute_ended), inside the same transaction."""
from __future__ import annotations

import functools
import logging
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from fazhi.cases import actions as case_hooks
from fazhi.core.calendar import law_calendar
from fazhi.core.errors import Conflict, NotPermitted
from fazhi.core.events import append_event
from fazhi.core.workflow import check
from fazhi.disputes.models import (
    OPEN,
    AnswerEvidence,
    Dispute,
    DisputeStatus,
    Hearing,
    Opinion,
    Received,
    Stage,
    Suggestion,
    SuggestionKind,
    settings_for,
)
from fazhi.disputes.workflow import STEPS, WORKFLOW, WRITERS, check_writer
from fazhi.law import disputes as R
from fazhi.law.basis import RuleViolation
from fazhi.law.disputes import ActKind, DisputeKind, Level
from fazhi.law.periods import DayKind, Period
from fazhi.law.rules import basis, violation
from fazhi.org.models import Role, Staff

log = logging.getLogger("fazhi.disputes.actions")
S = DisputeStatus


# --- the machinery ----------------------------------------------------------------------------------------------

def _not_future(on: date) -> None:
    if on > timezone.localdate():
        raise violation("CASE-DATE", "办理日期不得晚于今天")


def _order(later: date | None, later_what: str, earlier: date | None, earlier_what: str) -> None:
    if later and earlier and later < earlier:
        raise violation("CASE-DATE", f"{later_what}（{later:%Y-%m-%d}）不得早于{earlier_what}（{earlier:%Y-%m-%d}）")


def may_register(by) -> bool:
    """Whether `by` may register disputes and 建议 for their own bureau (the pages offer the forms only then)."""
    return by.is_superuser or (by.entity is not None and by.has_role(*WRITERS))


def _event(d: Dispute, kind: str, by, on: date, data: dict) -> None:
    d.version += 1
    append_event(d.stream, kind, actor=by, on=on, data={"status": d.status, "version": d.version, **data})


def _due(period: Period, start: date | None) -> date | None:
    """The period's last day (a provisional lower bound when next year's table is missing; None when unknown)."""
    if start is None:
        return None
    return period.reckon(law_calendar(), start).due


def _stages(d: Dispute) -> list[Stage]:
    return list(d.stages.order_by("seq"))


def _current(d: Dispute) -> Stage:
    return d.stages.order_by("-seq").first()


def refresh_due(d: Dispute) -> None:
    """The nearest open deadline on the row (next_due, next_due_what), so the board is one indexed filter."""
    st = _current(d)
    cands: list[tuple[date, str]] = []
    if st is not None:
        if d.status == S.RECEIVED and st.answer_due:
            cands.append((st.answer_due, "answer" if d.kind == DisputeKind.RECONSIDERATION and
                          st.level == Level.RECONSIDERATION else "defence"))
        if d.status == S.RULED and st.appeal_due:
            cands.append((st.appeal_due, "appeal"))
    if d.correction_due and not d.correction_reported_on:
        cands.append((d.correction_due, "correction"))
    cands.sort()
    d.next_due, d.next_due_what = cands[0] if cands else (None, "")


def step(name: str):
    """Wrap an action on an existing dispute: lock, actor, state, date, body, due dates, event; one transaction."""
    t = STEPS[name]

    def wrap(body):
        @functools.wraps(body)
        def run(dispute: Dispute, *, by, on: date, expected_version: int | None = None, **kw) -> Dispute:
            try:
                with transaction.atomic():
                    d = (Dispute.objects.select_for_update(of=("self",)).select_related("bureau", "case")
                         .get(pk=dispute.pk))  # the dispute's row only: the case is locked by its own hook
                    if expected_version is not None and d.version != expected_version:
                        raise Conflict("该记录已被他人更新，请刷新后重试")
                    check(WORKFLOW, d, by, t, on)  # who, state, preconditions: what the pages offer
                    _not_future(on)
                    _order(on, "办理日期", d.filed_on, "申请（起诉）日期")
                    data = body(d, by=by, on=on, **kw) or {}
                    if t.target:
                        d.status = t.target
                    refresh_due(d)
                    d.save()
                    _event(d, t.action, by, on, data)
                    return d
            except RuleViolation as e:
                log.info("refused %s on dispute %s by %s: %s %s", name, dispute.pk, getattr(by, "username", by),
                         e.code, e.message)
                raise

        run.step = t
        return run

    return wrap


def _number(bureau, kind: str, year: int) -> str:
    """复/诉/赔 + year + sequence, per bureau, gapless: the bureau row is locked while the number is taken."""
    from fazhi.org.models import Bureau

    Bureau.objects.select_for_update().filter(pk=bureau.pk).first()
    prefix = {"reconsideration": "复", "lawsuit": "诉", "compensation": "赔"}[kind] + str(year) + "-"
    n = Dispute.objects.filter(bureau=bureau, number__startswith=prefix).count() + 1
    return f"{prefix}{n:03d}"


def _case_label(d: Dispute, result: str) -> str:
    return f"{d.kind_label}（{d.number}）：{result}"


# --- creating a dispute ---------------------------------------------------------------------------------------------

def receive(*, by, on: date, kind: str, applicant: str, body: str, act_kind: str, act_description: str,
            filed_on: date, received_on: date | None = None, document: str = "", document_number: str = "",
            applicant_kind: str = "citizen", act_on: date | None = None, act_reference: str = "",
            case=None, inspection=None, simple: bool = False, claim: str = "", their_number: str = "",
            level: str = "") -> Dispute:
    """DSP-01: a 复议 application or a lawsuit against the bureau, about a penalty decision (linked to its case), an
    inspection (linked), a permit decision (its number, until permits are in fazhi) or a failure to act (责令履职).
    The answer clock runs from the day the copy was received (DSP-02, DSP-04); a 复议 under 简易程序 has 5 WD
    (REV-05). A penalty decision under dispute stops accruing its late fee from the filing day (PEN-18)."""
    entity = by.entity
    if entity is None and not by.is_superuser:
        raise NotPermitted("未设置所在机构", "DSP-ROLE")
    bureau = case.bureau if case is not None else (inspection.bureau if inspection is not None else entity)
    check_writer(by, bureau, "登记复议申请或起诉")
    received_on = received_on or on
    _not_future(on)
    _not_future(received_on)
    if kind not in KIND_VALUES:
        raise violation("DSP-01", "类型应为行政复议、行政诉讼或行政赔偿")
    if act_kind not in ACT_VALUES:
        raise violation("DSP-01", "被申请（被诉）行为应为：" + "、".join(R.ACT_LABELS.values()))
    if kind in KIND_VALUES and not body.strip():
        # The bureau's settings (本局设置): its 复议机关 for a 复议, its 管辖法院 for a lawsuit at first instance.
        body = bureau.government if kind == DisputeKind.RECONSIDERATION else \
            bureau.court if level in ("", Level.FIRST) else ""
    if not applicant.strip() or not body.strip() or not act_description.strip():
        raise violation("DSP-01", "应当填写申请人（原告）、复议机关（法院）和被申请（被诉）行为")
    if act_kind == ActKind.PENALTY:
        if case is None:
            raise violation("DSP-01", "针对行政处罚决定的，应当关联本系统中的处罚案件")
        if not case.decision_no or not case.decided_on:
            raise violation("DSP-01", "该案件尚未作出行政处罚决定")
        act_on = case.decided_on
        act_reference = act_reference or case.decision_no
    elif case is not None:
        raise violation("DSP-01", "只有针对行政处罚决定的复议、诉讼才关联处罚案件")
    if act_kind == ActKind.INSPECTION:
        if inspection is None:
            raise violation("DSP-01", "针对行政检查的，应当关联本系统中的检查记录")
        act_on = act_on or inspection.inspected_on or inspection.planned_on
    elif inspection is not None:
        raise violation("DSP-01", "只有针对行政检查的复议、诉讼才关联检查记录")
    if act_kind == ActKind.PERMIT and not act_reference.strip():
        raise violation("DSP-01", "针对行政许可决定的，应当填写许可决定的文号或编号")
    _order(filed_on, "申请（起诉）日期", act_on, "行为作出日期")
    _order(received_on, "收到副本日期", filed_on, "申请（起诉）日期")
    _order(on, "登记日期", received_on, "收到副本日期")
    if simple and kind != DisputeKind.RECONSIDERATION:
        raise violation("REV-05", "简易程序只适用于行政复议")
    if kind == DisputeKind.RECONSIDERATION:
        level = Level.RECONSIDERATION
    elif level not in (Level.FIRST, Level.SECOND, ""):
        raise violation("DSP-05", "收到起诉状副本时审级应为一审或二审")
    level = level or Level.FIRST
    period = R.answer_period(kind, simple)
    with transaction.atomic():
        d = Dispute(bureau=bureau, kind=kind, status=S.RECEIVED, applicant=applicant.strip(),
                    applicant_kind=applicant_kind, body=body.strip(), their_number=their_number.strip(),
                    act_kind=act_kind, act_description=act_description.strip(), act_reference=act_reference.strip(),
                    act_on=act_on, case=case, inspection=inspection, filed_on=filed_on, simple=simple,
                    claim=claim.strip())
        d.number = _number(bureau, kind, received_on.year)
        d.save()
        st = Stage.objects.create(dispute=d, seq=1, level=level, body=d.body, received_on=received_on,
                                  answer_due=_due(period, received_on), answer_rule=period.rule)
        title = document.strip() or ("行政复议申请书副本" if kind == DisputeKind.RECONSIDERATION else "起诉状副本及应诉通知书")
        Received.objects.create(dispute=d, stage=st, title=title, number=document_number.strip(),
                                received_on=received_on)
        refresh_due(d)
        d.save()
        _event(d, "receive", by, on, {"kind": kind, "applicant": d.applicant, "body": d.body, "act_kind": act_kind,
                                      "act_reference": d.act_reference, "filed_on": filed_on.isoformat(),
                                      "received_on": received_on.isoformat(), "simple": simple, "level": level,
                                      "answer_due": st.answer_due.isoformat() if st.answer_due else None,
                                      "case": str(case.uuid) if case else None})
        if case is not None:  # PEN-18: the late fee pauses from the filing day, on the case's own record
            case_hooks.dispute_opened(case, by=by, on=filed_on, dispute=str(d.uuid), kind=kind, body=d.body)
    return d


KIND_VALUES = {k.value for k in DisputeKind}
ACT_VALUES = {k.value for k in ActKind}


# --- the steps ------------------------------------------------------------------------------------------------------

@step("receive_document")
def receive_document(d: Dispute, *, by, on: date, title: str, received_on: date | None = None, number: str = ""):
    received_on = received_on or on
    _order(on, "登记日期", received_on, "收到日期")
    _order(received_on, "收到日期", d.filed_on, "申请（起诉）日期")
    if not title.strip():  # the document that starts or runs the clock: 复议 DSP-02, 诉讼 (its 应诉通知书) DSP-04
        raise violation("DSP-02" if _current(d).level == Level.RECONSIDERATION else "DSP-04", "应当填写收到的文书名称")
    Received.objects.create(dispute=d, stage=_current(d), title=title.strip(), number=number.strip(),
                            received_on=received_on)
    return {"title": title.strip(), "received_on": received_on.isoformat(), "number": number.strip()}


@step("add_evidence")
def add_evidence(d: Dispute, *, by, on: date, title: str, collected_on: date, purpose: str = ""):
    """DSP-04: an item of the evidence list; gathered after the act, it is flagged (行诉法 Art 34, 35)."""
    if not title.strip():
        raise violation("DSP-04", "应当填写证据名称")
    _not_future(collected_on)
    st = _current(d)
    after = R.collected_after_act(d.act_on, collected_on)
    AnswerEvidence.objects.create(stage=st, title=title.strip(), collected_on=collected_on, after_act=after,
                                  purpose=purpose.strip())
    return {"title": title.strip(), "collected_on": collected_on.isoformat(), "after_act": after}


@step("file_answer")
def file_answer(d: Dispute, *, by, on: date, document: str, basis_text: str):
    """DSP-02/DSP-04: the package is complete (document, evidence list, basis) or it is not filed; a late filing is
    recorded with its days late, and the consequence (复议法 Art 70, 行诉法 Art 34 ¶2) is shown."""
    st = _current(d)
    R.check_answer_package(d.kind if st.level == Level.RECONSIDERATION else DisputeKind.LAWSUIT,
                           document=document, evidence_count=st.evidence.count(), basis_text=basis_text)
    _order(on, "提交日期", st.received_on, "收到副本日期")
    st.answer_document, st.answer_basis, st.answered_on = document.strip(), basis_text.strip(), on
    st.answer_late_days = max(0, (on - st.answer_due).days) if st.answer_due else None
    st.save()
    return {"document": st.answer_document, "late_days": st.answer_late_days,
            "due": st.answer_due.isoformat() if st.answer_due else None,
            "evidence_after_act": st.evidence.filter(after_act=True).count()}


def _staff(username: str | None):
    if not username:
        return None
    s = Staff.objects.filter(username=username).first()
    if s is None:
        raise violation("DSP-06", f"没有登录名为“{username}”的工作人员")
    return s


def _held(person) -> tuple[str, ...]:
    """The 负责人 positions the staff register holds for `person` (DSP-06): its head is the 正职; a 分管领导 is a 副职
    who may appear as the one in charge of the act or as another 副职."""
    if person is None:
        return ()
    if person.has_role(Role.HEAD):
        return (R.Position.PRINCIPAL,)
    if person.has_role(Role.DEPUTY_HEAD):
        return (R.Position.IN_CHARGE, R.Position.DEPUTY, R.Position.OTHER_IN_CHARGE)
    return ()


@step("arrange_appearance")
def arrange_appearance(d: Dispute, *, by, on: date, held_on: date, appeared: str | None, position: str = "",
                       place: str = "", notice_on: date | None = None, agent: str = ""):
    """DSP-06 (负责人出庭规定 Art 5, 6): when the court's (or the 复议机关's) notice arrives, the bureau names the
    负责人 who will appear — one who counts (正职, 副职, 分管副职) — so the 身份证明 can go to the court before the
    session. The session itself and who actually appeared are recorded afterwards (record_hearing). The event
    holds the arrangement; the documents read it from there."""
    st = _current(d)
    _order(held_on, "开庭（听证）日期", st.received_on, "收到副本日期")
    _order(held_on, "开庭（听证）日期", notice_on, "收到通知日期")
    _order(on, "登记日期", notice_on, "收到通知日期")
    person = _staff(appeared)
    appeared_name = str(person) if person is not None else ""
    if person is not None and (person.entity is None or person.entity.pk != d.bureau_id):
        raise violation("DSP-06", f"{person}不是本机关的负责人：下级行政机关的负责人出庭不视为本机关负责人出庭")
    position = R.registered_position(position, _held(person), in_register=person is not None)
    if not R.counts_as_head(position):
        raise violation("DSP-06", "安排出庭的应为本机关正职、副职或分管副职负责人")
    return {"held_on": held_on.isoformat(), "place": place.strip(), "level": st.level, "stage": st.seq,
            "body": st.body, "notice_on": notice_on.isoformat() if notice_on else None,
            "name": appeared_name.strip(), "position": position, "agent": agent.strip()}


@step("record_hearing")
def record_hearing(d: Dispute, *, by, on: date, held_on: date | None = None, notice_on: date | None = None,
                   appeared_name: str = "", position: str = "", appeared: str | None = None,
                   absence_reason: str = "", absence_proof: str = "", agent: str = ""):
    """DSP-03/DSP-06: a court session or 复议 hearing and who appeared for the bureau. A 负责人 (正职, 副职, 分管副职)
    counts; a commissioned body's or a lower agency's head does not; one appearance per 审级 suffices, so later
    hearings of a stage a 负责人 already attended need no excuse; otherwise the absence needs a reason, its proof and
    the staff member who appeared. A 复议 hearing notice short of 5 working days is flagged."""
    held_on = held_on or on
    st = _current(d)
    _order(held_on, "开庭（听证）日期", st.received_on, "收到副本日期")
    _order(on, "登记日期", held_on, "开庭（听证）日期")
    _order(held_on, "开庭（听证）日期", notice_on, "收到通知日期")
    person = _staff(appeared)
    if person is not None and (person.entity is None or person.entity.pk != d.bureau_id):
        appeared_name = str(person)  # another agency's head is not ours
        if R.counts_as_head(position) or not position:
            position = R.Position.LOWER_HEAD
    elif person is not None or R.counts_as_head(position):
        appeared_name = str(person) if person is not None else appeared_name
        position = R.registered_position(position, _held(person), in_register=person is not None)
    if R.counts_as_head(position) and not appeared_name.strip():
        raise violation("DSP-06", "应当填写出庭负责人的姓名")
    head_already = st.hearings.filter(counts=True).exists()
    R.check_appearance(position, head_already=head_already, absence_reason=absence_reason,
                       absence_proof=absence_proof, agent=agent)
    late = bool(notice_on) and st.level == Level.RECONSIDERATION and \
        not R.hearing_notice_in_time(law_calendar(), notice_on, held_on)
    h = Hearing.objects.create(stage=st, held_on=held_on, notice_on=notice_on, notice_late=late,
                               appeared_name=appeared_name.strip(), appeared=person, position=position,
                               counts=R.counts_as_head(position), absence_reason=absence_reason,
                               absence_proof=absence_proof.strip(), agent=agent.strip())
    return {"held_on": held_on.isoformat(), "position": position, "counts": h.counts, "name": h.appeared_name,
            "absence_reason": absence_reason, "notice_late": late, "level": st.level}


def _conclude(d: Dispute, by, on: date) -> dict:
    """The final result across the stages (DSP-08 counts it once) reaches the penalty case (PEN-18, PEN-29)."""
    d.final_result = R.final_result(s.result for s in _stages(d)) or ""
    d.status, d.concluded_on = S.CONCLUDED, on
    if d.case_id:
        case_hooks.dispute_ended(d.case, by=by, on=on, dispute=str(d.uuid), result=d.final_result,
                                 result_label=_case_label(d, d.final_result),
                                 changes_decision=R.changes_decision(d.final_result))
    return {"final_result": d.final_result, "against_bureau": R.against_bureau(d.final_result)}


@step("record_result")
def record_result(d: Dispute, *, by, on: date, result: str, judgment: bool = True, result_on: date | None = None,
                  number: str = ""):
    """REV-07 for the current stage, `on` being the day its 决定书/判决书/裁定书 was served on the bureau. A 复议,
    a 二审 or a 再审 ends the dispute; a 一审 judgment waits for its appeal period (DSP-05) unless it ended without a
    ruling (调解, 和解, 撤诉); a 二审 发回重审 opens the retried 一审."""
    st = _current(d)
    R.check_stage_result(st.level, result)
    result_on = result_on or on
    _order(on, "送达日期", result_on, "裁判（决定）日期")
    _order(result_on, "裁判（决定）日期", st.received_on, "收到副本日期")
    _not_future(result_on)
    st.result, st.result_judgment, st.result_on, st.served_on = result, judgment, result_on, on
    title = {Level.RECONSIDERATION: "行政复议决定书"}.get(st.level, "判决书" if judgment else "裁定书")
    Received.objects.create(dispute=d, stage=st, title=title, number=number.strip(), received_on=on)
    data = {"result": result, "level": st.level, "judgment": judgment, "result_on": result_on.isoformat()}
    if st.level == Level.FIRST and result not in R.NO_RULING:
        st.appeal_due = _due(R.appeal_period(judgment), on)
        st.save()
        d.status = S.RULED
        data["appeal_due"] = st.appeal_due.isoformat() if st.appeal_due else None
        return data
    st.save()
    if result == R.REMAND:
        Stage.objects.create(dispute=d, seq=st.seq + 1, level=Level.FIRST, body=st.body.replace("中级", "") or st.body,
                             received_on=on)
        d.status = S.ANSWERED
        return data
    return {**data, **_conclude(d, by, on)}


@step("appeal")
def appeal(d: Dispute, *, by, on: date, appellant: str, court: str, received_on: date | None = None):
    """DSP-05: the bureau appeals within the period (a late appeal is refused: the judgment has taken effect); when
    the other side appeals, the bureau's 答辩 clock runs from the day it received the 上诉状副本."""
    st = _current(d)
    if appellant not in ("bureau", "other"):
        raise violation("DSP-05", "上诉人应为本机关或对方当事人")
    if not court.strip():
        raise violation("DSP-05", "应当填写二审人民法院")
    if appellant == "bureau":
        if st.appeal_due and on > st.appeal_due:
            raise violation("DSP-05", f"上诉期限已于{st.appeal_due:%Y年%m月%d日}届满，第一审裁判已发生法律效力")
        received_on = None
    else:
        received_on = received_on or on
        _order(received_on, "收到上诉状副本日期", st.served_on, "一审裁判送达日期")
    st.appealed_by = appellant
    st.save()
    nxt = Stage.objects.create(dispute=d, seq=st.seq + 1, level=Level.SECOND, body=court.strip(),
                               received_on=received_on,
                               answer_due=_due(R.DEFENCE, received_on) if received_on else None,
                               answer_rule="REV-09" if received_on else "")
    if received_on:
        Received.objects.create(dispute=d, stage=nxt, title="上诉状副本", received_on=received_on)
    d.status = S.RECEIVED if received_on else S.ANSWERED
    return {"appellant": appellant, "court": court.strip(),
            "answer_due": nxt.answer_due.isoformat() if nxt.answer_due else None}


@step("finalize")
def finalize(d: Dispute, *, by, on: date):
    """DSP-05: no appeal within the period — the 一审 judgment or ruling takes effect the day after it ends."""
    st = _current(d)
    if st.appeal_due is None or on <= st.appeal_due:
        due = f"（{st.appeal_due:%Y年%m月%d日}）" if st.appeal_due else ""
        raise violation("DSP-05", f"上诉期限{due}届满前，第一审裁判尚未发生法律效力")
    return _conclude(d, by, st.appeal_due + timedelta(days=1))


@step("open_retrial")
def open_retrial(d: Dispute, *, by, on: date, court: str):
    if d.kind == DisputeKind.RECONSIDERATION:
        raise violation("DSP-05", "行政复议没有再审程序")
    if not court.strip():
        raise violation("DSP-05", "应当填写再审人民法院")
    st = _current(d)
    Stage.objects.create(dispute=d, seq=st.seq + 1, level=Level.RETRIAL, body=court.strip(), received_on=on)
    d.concluded_on = None
    return {"court": court.strip()}


@step("receive_opinion")
def receive_opinion(d: Dispute, *, by, on: date, number: str = ""):
    """DSP-07 (复议法 Art 76): the correction is reported within 60 days of receiving the 意见书."""
    if d.kind != DisputeKind.RECONSIDERATION:
        raise violation("DSP-07", "行政复议意见书只在行政复议中制发")
    if d.opinion_received_on:
        raise violation("DSP-07", "已登记收到行政复议意见书")
    d.opinion_received_on, d.correction_due = on, _due(R.CORRECTION_REPORT, on)
    Received.objects.create(dispute=d, stage=_current(d), title="行政复议意见书", number=number.strip(), received_on=on)
    return {"correction_due": d.correction_due.isoformat() if d.correction_due else None}


@step("report_correction")
def report_correction(d: Dispute, *, by, on: date, text: str):
    if not d.opinion_received_on:
        raise violation("DSP-07", "尚未收到行政复议意见书")
    if d.correction_reported_on:
        raise violation("DSP-07", "纠正情况已报送")
    if not text.strip():
        raise violation("DSP-07", "应当填写纠正情况")
    _order(on, "报送日期", d.opinion_received_on, "收到意见书日期")
    d.correction_reported_on = on
    late = max(0, (on - d.correction_due).days) if d.correction_due else None
    return {"text": text.strip(), "late_days": late}


@step("record_performance")
def record_performance(d: Dispute, *, by, on: date, text: str):
    """DSP-07: the 复议决定 or the effective judgment performed (复议法 Art 77; 行诉法 Art 94–96)."""
    if d.performed_on:
        raise violation("DSP-07", "已登记履行完毕")
    if not text.strip():
        raise violation("DSP-07", "应当填写履行情况")
    _order(on, "履行日期", d.concluded_on, "审结日期")
    d.performed_on, d.performance = on, text.strip()
    return {"text": d.performance}


@step("assign_adviser")
def assign_adviser(d: Dispute, *, by, on: date, adviser: str):
    person = _staff(adviser)
    if person is None or not person.has_role(Role.LEGAL_ADVISER, Role.LEGAL_REVIEWER):
        raise violation("DSP-ROLE", "应当指定法律顾问或法制审核人员")
    if person.entity is None or person.entity.pk != d.bureau_id:
        raise NotPermitted(f"{person}不是{d.bureau.short_name}的工作人员", "DSP-ROLE")
    d.adviser = person
    return {"adviser": person.username, "name": str(person)}


@step("give_opinion")
def give_opinion(d: Dispute, *, by, on: date, text: str):
    if not text.strip():
        raise violation("DSP-ROLE", "应当填写法律意见")
    Opinion.objects.create(dispute=d, by=by, given_on=on, text=text.strip())
    return {"text": text.strip()}


ACTIONS = {"receive_document": receive_document, "add_evidence": add_evidence, "file_answer": file_answer,
           "arrange_appearance": arrange_appearance,
           "record_hearing": record_hearing, "record_result": record_result, "appeal": appeal,
           "finalize": finalize, "open_retrial": open_retrial, "receive_opinion": receive_opinion,
           "report_correction": report_correction, "record_performance": record_performance,
           "assign_adviser": assign_adviser, "give_opinion": give_opinion}


# --- the 司法建议 / 检察建议 register (DSP-07) ------------------------------------------------------------------------

JUDICIAL_RULE = "DSP-07"


def suggestion_due(kind: str, received_on: date, period_days: int | None, bureau) -> date | None:
    """检察建议: two months of receipt, or the shorter period the 建议书 sets (检察建议工作规定 Art 19); 司法建议: the
    period the 建议书 sets, else the bureau's setting (no statutory period)."""
    if kind == SuggestionKind.PROCURATORATE:
        two_months = _due(R.PROCURATORATE_REPLY, received_on)
        if period_days:
            own = _due(Period("DSP-09", period_days, DayKind.CALENDAR, basis("DSP-09"), "回复检察建议"), received_on)
            return min(d for d in (own, two_months) if d) if own or two_months else None
        return two_months
    days = period_days or settings_for(bureau).judicial_reply_days
    return _due(Period("DSP-07", days, DayKind.CALENDAR, basis("DSP-07"), "回复司法建议"), received_on)


def receive_suggestion(*, by, on: date, kind: str, issuer: str, subject: str, owner: Staff,
                       received_on: date | None = None, number: str = "", period_days: int | None = None,
                       dispute: Dispute | None = None) -> Suggestion:
    bureau = by.entity
    if bureau is None:
        raise NotPermitted("未设置所在机构", "DSP-ROLE")
    check_writer(by, bureau, "登记司法建议、检察建议")
    received_on = received_on or on
    _not_future(on)
    _order(on, "登记日期", received_on, "收到日期")
    if kind not in SuggestionKind.values:
        raise violation("DSP-07", "类型应为司法建议或检察建议")
    if not issuer.strip() or not subject.strip():
        raise violation("DSP-07", "应当填写制发机关和建议事项")
    if period_days is not None and not 1 <= period_days <= 366:
        raise violation("DSP-07", "建议书载明的回复期限应为1至366日")
    if owner.entity is None or owner.entity.pk != bureau.pk:
        raise NotPermitted(f"{owner}不是本机关工作人员，不能承办", "DSP-ROLE")
    if not owner.is_active or not owner.has_role(*WRITERS):
        # The 承办人 must be able to act on the record: reply to it (issue #32 §3).
        raise NotPermitted(f"{owner}的岗位不能办理司法建议、检察建议的回复，承办人应为本机关法制审核人员或负责人", "DSP-ROLE")
    if dispute is not None and dispute.bureau_id != bureau.pk:
        raise NotPermitted("关联的复议、诉讼不属于本机关", "DSP-ROLE")
    with transaction.atomic():
        s = Suggestion(bureau=bureau, kind=kind, issuer=issuer.strip(), number=number.strip(),
                       subject=subject.strip(), received_on=received_on, period_days=period_days,
                       owner=owner, dispute=dispute)
        s.reply_due = suggestion_due(kind, received_on, period_days, bureau) or received_on
        s.save()
        s.version += 1
        s.save(update_fields=["version"])
        append_event(s.stream, "receive_suggestion", actor=by, on=on,
                     data={"version": s.version, "kind": kind, "issuer": s.issuer, "number": s.number,
                           "received_on": received_on.isoformat(), "reply_due": s.reply_due.isoformat()})
    return s


def reply_suggestion(s: Suggestion, *, by, on: date, reply: str, rectification: str = "") -> Suggestion:
    with transaction.atomic():
        s = Suggestion.objects.select_for_update(of=("self",)).select_related("bureau").get(pk=s.pk)
        if by.pk != s.owner_id:
            check_writer(by, s.bureau, "回复司法建议、检察建议")
        _not_future(on)
        _order(on, "回复日期", s.received_on, "收到日期")
        if s.replied_on:
            raise violation("DSP-07", "该建议已书面回复")
        if not reply.strip():
            raise violation("DSP-07", "应当填写书面回复内容")
        s.replied_on, s.reply, s.rectification = on, reply.strip(), rectification.strip()
        s.on_time = on <= s.reply_due
        s.version += 1
        s.save()
        append_event(s.stream, "reply_suggestion", actor=by, on=on,
                     data={"version": s.version, "on_time": s.on_time, "reply": s.reply,
                           "rectification": s.rectification})
    return s


def is_open(d: Dispute) -> bool:
    return d.status in OPEN

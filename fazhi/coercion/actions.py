"""行政强制: the only writers of measures. Each action is: lock → guard (coercion.workflow: who, state, ENF-02/03
preconditions) → the input's rules (fazhi.law.coercion) → mutate → append event, in one transaction with one actor
`by` and one effective date `on` (the anatomy of disputes.actions)."""
from __future__ import annotations

import functools
import logging
from datetime import date, datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from fazhi.coercion.models import OPEN, Kind, Measure, Outcome
from fazhi.coercion.models import Status as S
from fazhi.coercion.workflow import STEPS, WORKFLOW, check_leader, check_officer
from fazhi.core.calendar import law_calendar
from fazhi.core.errors import Conflict
from fazhi.core.events import append_event
from fazhi.core.workflow import check
from fazhi.law import coercion as R
from fazhi.law.basis import RuleViolation
from fazhi.law.periods import Reckoned
from fazhi.law.rules import violation

log = logging.getLogger("fazhi.coercion.actions")


# --- the machinery ----------------------------------------------------------------------------------------------

def _aware(at: datetime | None) -> datetime | None:
    if at is None:
        return None
    return timezone.make_aware(at) if timezone.is_naive(at) else at


def _local(at: datetime) -> datetime:
    """The moment in the bureau's time zone, without its zone (what the law's clock rules read)."""
    return timezone.localtime(at).replace(tzinfo=None)


def _not_future(on: date, at: datetime | None = None) -> None:
    if on > timezone.localdate() or (at is not None and at > timezone.now()):
        raise violation("CASE-DATE", "办理日期（时间）不得晚于现在")


def _order(later, later_what: str, earlier, earlier_what: str) -> None:
    if later is not None and earlier is not None and later < earlier:
        fmt = "%Y-%m-%d %H:%M" if isinstance(later, datetime) else "%Y-%m-%d"
        a, b = (_local(v) if isinstance(v, datetime) else v for v in (later, earlier))
        raise violation("CASE-DATE", f"{later_what}（{a:{fmt}}）不得早于{earlier_what}（{b:{fmt}}）")


def limit_of(m: Measure, extended: bool | None = None) -> Reckoned:
    """ENF-03: the seizure's last day as far as the holiday table allows (provisional into a missing year)."""
    if m.taken_at is None:
        return Reckoned(None)
    return R.seizure_limit(law_calendar(), timezone.localtime(m.taken_at).date(),
                           bool(m.extended_on) if extended is None else extended)


def _set_limit(m: Measure) -> None:
    lim = limit_of(m)
    m.due, m.due_provisional = lim.due, lim.provisional


def _event(m: Measure, kind: str, by, on: date, data: dict) -> None:
    m.version += 1
    append_event(m.stream, kind, actor=by, on=on, data={"status": m.status, "version": m.version, **data})


def step(name: str):
    """Wrap an action on an existing measure: lock, guard, date, body, event; one transaction."""
    t = STEPS[name]

    def wrap(body):
        @functools.wraps(body)
        def run(measure: Measure, *, by, on: date, expected_version: int | None = None, **kw) -> Measure:
            try:
                with transaction.atomic():
                    m = (Measure.objects.select_for_update(of=("self",)).select_related("case", "bureau")
                         .get(pk=measure.pk))
                    if expected_version is not None and m.version != expected_version:
                        raise Conflict("该记录已被他人更新，请刷新后重试")
                    check(WORKFLOW, m, by, t, on)
                    _not_future(on)
                    _order(on, "办理日期", m.opened_on, "登记日期")
                    data = body(m, by=by, on=on, **kw) or {}
                    chosen = data.pop("_status", None)
                    if chosen or (t.target and not data.pop("_stay", False)):
                        m.status = chosen or t.target
                    data.pop("_stay", None)
                    _event(m, t.action, by, on, data)  # the version moves with the event, then the row is saved
                    m.save()
                    return m
            except RuleViolation as e:
                log.info("refused %s on measure %s by %s: %s %s", name, measure.pk, getattr(by, "username", by),
                         e.code, e.message)
                raise

        run.step = t
        return run

    return wrap


def _number(bureau, year: int) -> str:
    """强 + year + sequence, per bureau, gapless: the bureau row is locked while the number is taken."""
    from fazhi.org.models import Bureau

    Bureau.objects.select_for_update().filter(pk=bureau.pk).first()
    prefix = f"强{year}-"
    n = Measure.objects.filter(bureau=bureau, number__startswith=prefix).count() + 1
    return f"{prefix}{n:03d}"


def _officers(bureau, logins: list[str], on: date) -> list[dict]:
    """ENF-01: the officers who acted, each certified on the day (PEN-04), at least two."""
    from fazhi.org.models import Staff

    people = []
    for login in dict.fromkeys(x.strip() for x in logins if x.strip()):
        s = Staff.objects.filter(username=login, is_active=True).first()
        if s is None:
            raise LookupError(f"没有登录名为“{login}”的工作人员")
        if s.bureau is None or not s.bureau.path.startswith(bureau.path):
            raise violation("ENF-01", f"{s}不是本机关的执法人员")
        people.append(s)
    R.check_officers([s.is_certified_on(on) for s in people])
    return [{"username": s.username, "name": str(s)} for s in people]


def _site(m: Measure, *, at, officers, showed_ids=False, party_present=False, witness="", told_rights=False,
          heard_statement=False, statement="", signed=False, handed_over=False, no_necessities=False,
          video="") -> dict:
    """The on-site record of a 查封/扣押 (ENF-01, ENF-03 Art 24, REC-01), written on the measure."""
    at = _aware(at)
    if at is None:
        raise violation("ENF-01", "请填写实施查封扣押的时间")
    _not_future(timezone.localtime(at).date(), at)
    on = timezone.localtime(at).date()
    people = _officers(m.bureau, officers or [], on)
    R.check_site_record(R.SiteRecord(showed_ids, party_present, witness, told_rights, heard_statement, signed,
                                     handed_over, no_necessities, video))
    m.taken_at, m.officers, m.party_present, m.witness = at, people, party_present, witness.strip()
    m.statement, m.video = statement.strip(), video.strip()
    _set_limit(m)
    return {"taken_at": at.isoformat(), "officers": [p["username"] for p in people], "party_present": party_present,
            "witness": m.witness, "video": m.video, "due": m.due.isoformat() if m.due else None,
            "due_provisional": m.due_provisional}


# --- opening a measure on its case ----------------------------------------------------------------------------

def take(case, *, by, on: date, kind: str, reason: str, basis_text: str, place: str, items: list[str],
         emergency: str = "", **site) -> Measure:
    """采取查封扣押 on an open case: a request for the 负责人's prior approval (ENF-01), or — where the situation is
    urgent — the measure taken on the spot with its record, to be reported within 24 hours (ENF-02)."""
    from fazhi.cases.models import OPEN_STATUSES, PenaltyCase

    t = STEPS["take"]
    with transaction.atomic():
        case = PenaltyCase.objects.select_related("bureau").get(pk=case.pk)
        check_officer(case, by, t.label, on)
        if case.status not in OPEN_STATUSES:
            raise violation("CO-STATE", "案件已结案，不能采取行政强制措施")
        _not_future(on)
        if kind not in (Kind.SEAL, Kind.DETAIN):
            raise violation("ENF-03", "种类应为查封或扣押")
        items = [i.strip() for i in items if i.strip()]
        if not items or not reason.strip() or not basis_text.strip() or not place.strip():
            raise violation("ENF-03", "应当写明查封、扣押的理由、依据、场所及财物的名称和数量")
        m = Measure(case=case, bureau=case.bureau, number=_number(case.bureau, on.year), kind=kind,
                    status=S.REQUESTED, opened_on=on, opened_by=by, reason=reason.strip(),
                    basis_text=basis_text.strip(), place=place.strip(), items=items, emergency=emergency.strip())
        data = {"kind": kind, "items": items, "reason": m.reason, "basis": m.basis_text, "place": m.place}
        if m.emergency:
            data.update(_site(m, **site), emergency=m.emergency)
            m.report_due_at = R.report_deadline(m.taken_at)
            m.status = S.SEIZED
        _event(m, "take", by, on, data)  # the row is saved with the event's version
        m.save()
        return m


def start_demolition(case, *, by, on: date, government_order: str, structure: str, place: str, area: Decimal,
                     reason: str, basis_text: str = "") -> Measure:
    """启动强制拆除程序 on a served 限期拆除 decision the party did not perform, on the county government's order
    (城乡规划法 Art 68: the 县级以上地方人民政府 责成 the departments concerned)."""
    from fazhi.cases.models import OPEN_STATUSES, PenaltyCase

    t = STEPS["start_demolition"]
    with transaction.atomic():
        case = PenaltyCase.objects.select_related("bureau").get(pk=case.pk)
        check_officer(case, by, t.label, on)
        if not case.decision_no or not case.served_on or case.status not in OPEN_STATUSES:
            raise violation("ENF-06", "限期拆除决定作出并送达后、案件结案前，方可启动强制拆除程序")
        _not_future(on)
        _order(on, "登记日期", case.served_on, "决定送达日期")
        if not government_order.strip():
            raise violation("ENF-06", "强制拆除须有县级以上地方人民政府责成的文件（城乡规划法第六十八条）")
        m = Measure(case=case, bureau=case.bureau, number=_number(case.bureau, on.year), kind=Kind.DEMOLISH,
                    status=S.ORDERED, opened_on=on, opened_by=by, reason=reason.strip(),
                    basis_text=(basis_text or "").strip() or "《中华人民共和国城乡规划法》第六十八条、《中华人民共和国行政强制法》第四十四条",
                    place=place.strip(), government_order=government_order.strip(), structure=structure.strip(),
                    area=area)
        _event(m, "start_demolition", by, on, {"government_order": m.government_order, "structure": m.structure,
                                               "place": m.place, "area": str(area), "reason": m.reason})
        m.save()
        return m


# --- 查封/扣押 ----------------------------------------------------------------------------------------------------

@step("approve")
def approve(m: Measure, *, by, on: date, at: datetime) -> dict:
    """ENF-01 Art 18 (1): the 负责人's approval before the measure is taken."""
    at = _aware(at)
    _not_future(on, at)
    _order(timezone.localtime(at).date(), "批准日期", m.opened_on, "登记日期")
    m.approved_at, m.approved_by = at, by
    return {"approved_at": at.isoformat()}


@step("refuse")
def refuse(m: Measure, *, by, on: date, reason: str) -> dict:
    m.closed_on, m.close_reason = on, reason.strip()
    return {"reason": m.close_reason}


@step("seize")
def seize(m: Measure, *, by, on: date, **site) -> dict:
    """The measure on the spot after the approval: two certified officers, the record, the 决定书 and 清单 handed
    over, the audio-video record (ENF-01, ENF-03, REC-01); the 30-day limit starts."""
    at = _aware(site.get("at"))
    _order(at, "实施时间", m.approved_at, "负责人批准时间")
    return _site(m, **site)


@step("ratify")
def ratify(m: Measure, *, by, on: date, reported_at: datetime, approve: bool = False, reason: str = "") -> dict:
    """ENF-02 (Art 19): the report within 24 hours and the approval made on it; a 负责人 who disagrees lifts the
    measure at once (解除决定书)."""
    reported_at = _aware(reported_at)
    _not_future(on, reported_at)
    R.check_emergency_report(_local(m.taken_at), _local(reported_at))
    if approve:
        m.approved_at, m.approved_by = reported_at, by
        return {"reported_at": reported_at.isoformat(), "approve": True, "reason": reason.strip(), "_stay": True}
    m.outcome, m.closed_on = Outcome.NOT_APPROVED, on
    m.close_reason = reason.strip() or "行政机关负责人认为不应当采取该行政强制措施"
    return {"reported_at": reported_at.isoformat(), "approve": False, "reason": m.close_reason,
            "_status": S.RELEASED}


@step("extend")
def extend(m: Measure, *, by, on: date, reason: str) -> dict:
    """ENF-03 (Art 25): one extension of 30 days, approved within the first period, with its reasons."""
    R.check_extension(extended=bool(m.extended_on), reason=reason)
    m.extended_on, m.extension_reason = on, reason.strip()
    _set_limit(m)
    return {"reason": m.extension_reason, "due": m.due.isoformat() if m.due else None,
            "due_provisional": m.due_provisional}


@step("dispose")
def dispose(m: Measure, *, by, on: date, outcome: str, reason: str) -> dict:
    """ENF-03 (Art 27): the decision on the items within the period — 没收 or 销毁 (release is its own step)."""
    if outcome not in (Outcome.CONFISCATED, Outcome.DESTROYED):
        raise violation("ENF-03", "处理决定应为没收或销毁；应当解除的，请办理解除查封扣押")
    _order(on, "处理决定日期", timezone.localtime(m.taken_at).date(), "实施日期")
    m.outcome, m.closed_on, m.close_reason = outcome, on, reason.strip()
    return {"outcome": outcome, "reason": m.close_reason}


@step("release")
def release(m: Measure, *, by, on: date, ground: str, reason: str = "") -> dict:
    """ENF-03 (Art 28): release, the items returned at once."""
    if ground not in R.RELEASE_GROUNDS:
        raise violation("ENF-03", "解除查封、扣押应当属于下列情形之一：" + "；".join(R.RELEASE_GROUNDS))
    _order(on, "解除日期", timezone.localtime(m.taken_at).date() if m.taken_at else None, "实施日期")
    m.outcome, m.closed_on = Outcome.RELEASED, on
    m.close_reason = ground + (f"。{reason.strip()}" if reason.strip() else "")
    return {"ground": ground, "reason": reason.strip()}


# --- 强制拆除 ----------------------------------------------------------------------------------------------------

@step("announce")
def announce(m: Measure, *, by, on: date, deadline: date) -> dict:
    """ENF-06 (Art 44): the 公告 with a deadline for the party to demolish."""
    R.check_notice(on=on, deadline=deadline)
    m.notice_on, m.notice_deadline = on, deadline
    return {"deadline": deadline.isoformat()}


@step("demand")
def demand(m: Measure, *, by, on: date, deadline: date, method: str = "", statement_rights: bool = False) -> dict:
    """ENF-04 (Art 35): the written 催告 — its time limit, the method, the statement rights."""
    _order(on, "催告日期", m.notice_on, "公告日期")
    if deadline <= on:
        raise violation("ENF-04", "催告书载明的履行期限应晚于催告日期")
    if not method.strip() or not statement_rights:
        raise violation("ENF-04", "催告书应当载明履行义务的方式和当事人依法享有的陈述权、申辩权")
    m.demand_on, m.demand_deadline = on, deadline
    return {"deadline": deadline.isoformat(), "method": method.strip()}


@step("agree")
def agree(m: Measure, *, by, on: date, stages: str = "", remedied: bool = False, reduction: Decimal | None = None,
          no_harm: bool = False) -> dict:
    """ENF-08 (Art 42): an 执行协议 — staged performance, a 加处罚款 reduced only where the party remedied."""
    R.check_agreement(stages=stages, remedied=remedied, reduction=str(reduction or ""), no_harm=no_harm)
    if reduction and reduction > (m.case.fine or 0):
        raise violation("ENF-08", f"减免的加处罚款不得超过本案罚款数额（{m.case.fine}元）")
    m.agreement_on, m.agreement_stages, m.late_fee_reduction = on, stages.strip(), reduction
    return {"stages": m.agreement_stages, "remedied": remedied, "reduction": str(reduction) if reduction else ""}


@step("resume")
def resume(m: Measure, *, by, on: date, reason: str) -> dict:
    """ENF-08 (Art 42 ¶2): the party did not perform the agreement; enforcement resumes."""
    if not reason.strip():
        raise violation("ENF-08", "当事人不履行执行协议的，方可恢复强制执行：应当写明不履行的情况")
    return {"reason": reason.strip()}


@step("execute")
def execute(m: Measure, *, by, on: date, started_at: datetime, ended_at: datetime, officers: list[str],
            decided_by: str, area: Decimal, video: str = "", emergency: str = "") -> dict:
    """The forced demolition: after the 催告's deadline, the 公告's deadline and the lapse of the 复议/诉讼 periods
    with no dispute pending (ENF-04, ENF-06), by day and not on a statutory holiday unless urgent (ENF-05), two
    certified officers and continuous audio-video (ENF-01, REC-01), on the 负责人's 强制执行决定 (Art 37)."""
    from fazhi.org.models import Staff

    started_at, ended_at = _aware(started_at), _aware(ended_at)
    _not_future(on, ended_at)
    start, end = _local(started_at), _local(ended_at)
    cal = law_calendar()
    if m.demand_deadline and start.date() <= m.demand_deadline:
        raise violation("ENF-04", f"催告的履行期限至{m.demand_deadline:%Y年%m月%d日}，期限届满当事人仍不履行的，方可强制执行")
    pending = any(not p.get("end") for p in (m.case.late_fee_pauses or []))
    R.check_demolition_day(cal, served_on=m.case.served_on, notice_on=m.notice_on, notice_deadline=m.notice_deadline,
                           on=start.date(), dispute_open=pending)
    unknown = R.check_execution_time(cal, start, end, emergency=emergency)
    leader = Staff.objects.filter(username=decided_by, is_active=True).first()
    if leader is None:
        raise LookupError(f"没有登录名为“{decided_by}”的工作人员")
    check_leader(m.bureau_id, leader, "作出强制执行决定")
    people = _officers(m.bureau, officers, start.date())
    R.check_execution_record(video=video, officers=[True] * len(people))
    m.executed_from, m.executed_to, m.officers, m.video = started_at, ended_at, people, video.strip()
    m.emergency, m.holiday_unknown, m.demolished_area = emergency.strip(), unknown, area
    m.outcome, m.closed_on = Outcome.EXECUTED, start.date()
    m.approved_by, m.approved_at = leader, started_at
    return {"started_at": started_at.isoformat(), "ended_at": ended_at.isoformat(), "decided_by": leader.username,
            "officers": [p["username"] for p in people], "video": m.video, "emergency": m.emergency,
            "area": str(area), "holiday_unknown": unknown}


@step("record_performance")
def record_performance(m: Measure, *, by, on: date, area: Decimal | None = None, reason: str = "") -> dict:
    """The party demolished the structure itself (ENF-06), or performed the agreement (ENF-08)."""
    m.outcome = Outcome.AGREEMENT if m.status == S.AGREED else Outcome.SELF
    m.closed_on, m.close_reason, m.demolished_area = on, reason.strip(), area or m.area
    return {"outcome": m.outcome, "area": str(m.demolished_area or ""), "reason": m.close_reason}


ACTIONS = {"approve": approve, "refuse": refuse, "seize": seize, "ratify": ratify, "extend": extend,
           "dispose": dispose, "release": release, "announce": announce, "demand": demand, "agree": agree,
           "resume": resume, "execute": execute, "record_performance": record_performance}


def settle_due(*, by, on: date) -> int:
    """Once a year's holiday table is entered: each open seizure whose last day was provisional gets its day."""
    n = 0
    for m in Measure.objects.filter(status__in=OPEN, due_provisional=True):
        with transaction.atomic():
            m = Measure.objects.select_for_update().get(pk=m.pk)
            lim = limit_of(m)
            if lim.provisional:
                continue
            m.due, m.due_provisional = lim.due, False
            m.save(update_fields=["due", "due_provisional", "updated_at"])
            _event(m, "settle_due", by, on, {"due": lim.due.isoformat() if lim.due else None})
            m.save(update_fields=["version"])
            n += 1
    return n


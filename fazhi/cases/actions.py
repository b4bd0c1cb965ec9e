"""Every state change of a penalty case: one named function per workflow row (cases.workflow.TABLE).

An action is: load and lock → check (workflow table + fazhi.law rules) → mutate → append event → recompute
deadlines, all in one transaction with one actor (`by`) and one effective date (`on`). The UI, the API,
the demo generator and the admin all call these functions; nothing else writes a case's status.
"""
from __future__ import annotations

import copy
import functools
import logging
import re
from datetime import date
from decimal import Decimal

from django.db import models, transaction
from django.db.models import Count, Q
from django.dispatch import Signal
from django.utils import timezone

from fazhi.cases.deadlines import refresh_deadlines
from fazhi.cases.models import (
    RECORD_KINDS,
    RECORD_TYPES,
    CaseOfficer,
    CloseType,
    Evidence,
    OfficerRole,
    PenaltyCase,
    Preservation,
    Procedure,
    Source,
    Status,
)
from fazhi.cases.numbering import take_number
from fazhi.cases.workflow import BOTH as BOTH_PROCEDURES
from fazhi.cases.workflow import DATE_RULES, TRANSITIONS, WORKFLOW, Actor, Transition
from fazhi.core import rows
from fazhi.core.blobs import Blob
from fazhi.core.calendar import law_calendar
from fazhi.core.errors import Conflict, NotPermitted
from fazhi.core.events import EVENT_ROWS, next_event
from fazhi.core.rows import Rows
from fazhi.core.workflow import check, check_precondition
from fazhi.law.basis import RuleViolation
from fazhi.law.calendar import CalendarUnknown, LawCalendar
from fazhi.law.discretion import Assessment, Span, check_within
from fazhi.law.discretion import Facts as DiscretionFacts
from fazhi.law.enforcement import (
    DemandNotice,
    check_court_application,
    check_court_package,
    check_demand_notice,
)
from fazhi.law.money import yuan
from fazhi.law.penalty import (
    COLLECTED_FINE_HANDOVER,
    HEARING_REQUEST_PERIOD,
    PAYMENT_PERIOD,
    PRESERVATION_PERIOD,
    SERVICE_PERIOD,
    EvidenceKind,
    NoPenaltyGround,
    Outcome,
    PartyKind,
    Pause,
    Penalty,
    PenaltyKind,
    ServiceMethod,
    check_correction_order,
    check_decision_elements,
    check_decision_in_time,
    check_education_given,
    check_hearing_request,
    check_hearing_schedule,
    check_limitation,
    check_monitoring_evidence_reviewed,
    check_no_penalty_conditions,
    check_no_penalty_ground,
    check_not_heavier,
    check_notice_given,
    check_on_spot_collection,
    check_presider,
    check_reviewer_qualified,
    check_service_method,
    check_simple_procedure,
    check_two_officers,
    deliberation_reasons,
    effective_service_date,
    hearing_reasons,
    late_fee,
    legal_review_reasons,
    parse_evidence_kind,
    parse_penalty_kinds,
)
from fazhi.law.periods import DayKind, Period, working_days_after
from fazhi.law.remedies import remedy_notice
from fazhi.law.rules import violation
from fazhi.law.transfer import check_transfer_timing, transfer_decision_due
from fazhi.org.models import LEADERS, Role

log = logging.getLogger("fazhi.cases.actions")

# --- the machinery every action shares --------------------------------------------------------------


def _check_actor(t: Transition, case: PenaltyCase, by, on: date) -> None:
    if by.is_superuser and t.actor not in (Actor.CASE_OFFICER, Actor.OFFICER, Actor.PRESIDER):
        return
    entity = by.entity
    if entity is None or entity.pk != case.bureau_id:
        raise NotPermitted(f"只有本案执法主体（{case.bureau.name}）的工作人员可以办理“{t.label}”")
    case.bureau = entity  # the same row, already loaded with the actor: no join in the lock query
    need = t.actor
    if need in (Actor.OFFICER, Actor.CASE_OFFICER):
        if not by.has_role(Role.OFFICER, Role.SQUAD_LEADER):
            raise NotPermitted(f"“{t.label}”须由持证执法人员办理")
        if not by.is_certified_on(on):
            raise violation("PEN-04", f"{by}于{on:%Y年%m月%d日}未持有有效的行政执法证件，不得从事执法活动")
        if need == Actor.CASE_OFFICER:
            if by.pk not in case.officer_ids:
                if any(o.staff_id == by.pk and o.recused_on for o in case.officers.all()):  # prefetched on a 工作台
                    raise violation("PEN-05", "该执法人员已决定回避，不得继续参与本案")
                raise NotPermitted(f"“{t.label}”须由本案承办人员办理")
    elif need == Actor.SQUAD_LEADER:
        if not by.has_role(Role.SQUAD_LEADER, *LEADERS):
            raise NotPermitted(f"“{t.label}”须由中队长或局领导办理")
    elif need == Actor.LEADER:
        if not by.has_role(*LEADERS):
            raise NotPermitted(f"“{t.label}”须由机关负责人办理")
    elif need == Actor.HEAD:
        if not by.has_role(Role.HEAD):
            raise NotPermitted(f"“{t.label}”须由机关正职负责人决定")
    elif need == Actor.REVIEWER:
        if not by.has_role(Role.LEGAL_REVIEWER):
            raise NotPermitted("法制审核须由法制审核人员办理")
    elif need == Actor.PRESIDER:
        if case.hearing_presider_id != by.pk:
            raise NotPermitted("听证笔录须由指定的听证主持人制作")


def _check_date(t: Transition, case: PenaltyCase, on: date) -> None:
    if on > timezone.localdate():
        raise violation("CASE-DATE", "办理日期不得晚于今天")
    for field in t.after:
        earlier = getattr(case, field)
        if earlier and on < earlier:
            label = PenaltyCase._meta.get_field(field).verbose_name
            raise violation(DATE_RULES.get((t.action, field), "CASE-DATE"),
                            f"办理日期（{on:%Y-%m-%d}）不得早于{label}（{earlier:%Y-%m-%d}）")


def _date_order(later: date | None, later_what: str, earlier: date | None, earlier_what: str) -> None:
    """CASE-DATE for a date an action records besides its own: not before the step it depends on."""
    if later and earlier and later < earlier:
        raise violation("CASE-DATE", f"{later_what}（{later:%Y-%m-%d}）不得早于{earlier_what}（{earlier:%Y-%m-%d}）")


def _case_dates(fields: dict, on: date) -> None:
    """act ≤ discovery ≤ registration; an act's end not before its start nor after today (CASE-DATE)."""
    act_on, ended, found = fields.get("act_on"), fields.get("act_ended_on"), fields.get("discovered_on")
    _date_order(found, "发现日期", act_on, "违法行为发生日期")
    _date_order(ended, "违法行为终了日期", act_on, "违法行为发生日期")
    _date_order(on, "登记日期", found, "发现日期")
    if ended and ended > timezone.localdate():
        raise violation("CASE-DATE", "违法行为终了日期不得晚于今天")


_COLUMNS = [f.attname for f in PenaltyCase._meta.concrete_fields if not f.primary_key]
_JSON = {f.attname for f in PenaltyCase._meta.concrete_fields if isinstance(f, models.JSONField)}


CASE_ROWS = Rows(PenaltyCase)


def _snapshot(case: PenaltyCase) -> dict:
    """The row as loaded; JSON values are copied, since an action may change a list or dict in place."""
    return {a: copy.deepcopy(getattr(case, a)) if a in _JSON else getattr(case, a) for a in _COLUMNS}


def _finish(case: PenaltyCase, t: Transition, by, on: date, cal: LawCalendar, data: dict,
            loaded: dict | None = None, touch: bool = True) -> PenaltyCase:
    # One event per action: the event's seq is the case version, and the previous hash is on the row we hold.
    head = (case.version, case.chain_head) if case.chain_head or not case.version else None
    case.version += 1
    if touch:
        case.last_on = max(filter(None, [case.last_on, on]))
    refresh_deadlines(case, cal)
    ev = next_event(case.stream, t.action, actor=by, on=on, head=head,
                    data={"status": case.status, "version": case.version, **data})
    case.chain_head = ev.hash
    if case.pk is None:
        CASE_ROWS.insert(case)
        rows.execute(EVENT_ROWS.insert_statement(ev))
    elif loaded is None:
        case.save()
        rows.execute(EVENT_ROWS.insert_statement(ev))
    else:  # the event and only what the action changed, in one statement (see core/rows.py)
        changed = [f.name for f in PenaltyCase._meta.concrete_fields
                   if not f.primary_key and getattr(case, f.attname) != loaded[f.attname]]
        rows.execute(EVENT_ROWS.insert_statement(ev), CASE_ROWS.update_statement(case, [*changed, "updated_at"]))
    return case


def _lateness(cal: LawCalendar, period: Period, start: date, on: date) -> tuple[date | None, int | None]:
    """A step's limit and how many days after it the step was taken (0: in time; None: not yet known because the
    limit runs into a year whose holiday table is missing). A working-day limit is known to be met without that
    table when the step falls in a known year within the period's working days."""
    r = period.reckon(cal, start)
    if r.due and not r.provisional:
        return r.due, max(0, (on - r.due).days)
    if r.due and on <= r.due:  # a roll only lengthens the period
        return None, 0
    if r.due is None and period.kind is DayKind.WORKING and on.year < (r.unknown_year or on.year + 1):
        if working_days_after(cal, start, on) <= period.length:
            return None, 0
    return None, None


def _met(case: PenaltyCase, rule: str, label: str, due: date | None, on: date, late_days: int | None,
         start: date) -> dict:
    """Record a deadline as met (on time, late with its days, or late-unknown until the year's table exists);
    `start` is the day the period ran from, so the limit can be settled once the table is entered."""
    entry = {"rule": rule, "label": label, "due": due.isoformat() if due else None, "on": on.isoformat(),
             "late_days": late_days, "from": start.isoformat()}
    case.met_deadlines = [*case.met_deadlines, entry]
    return entry


# Sent inside the closing transaction for a case whose 案源 is a 数字化城管 issue (citydesk listens), so the
# issue's outcome and the case's close commit together without cases importing citydesk.
case_closed = Signal()
# Sent inside the transaction when a 复议/诉讼 result changes or voids the decision (REV-07): disclosure withdraws
# its publication in the same commit, so the change and the withdrawal stand or fall together.
decision_changed = Signal()


def transition(name: str):
    """Wrap an action body with the lock, the workflow-table checks, the event and the deadlines."""
    t = TRANSITIONS[name]

    def wrap(body):
        @functools.wraps(body)
        def run(case: PenaltyCase, *, by, on: date, expected_version: int | None = None, **kw) -> PenaltyCase:
            try:
                return _run(case, by=by, on=on, expected_version=expected_version, **kw)
            except RuleViolation as e:  # rolled back whole: the log line is the refusal's only trace
                log.info("refused %s on case %s by %s: %s %s", t.action, case.pk, getattr(by, "username", by),
                         e.code, e.message)
                raise

        def _run(case: PenaltyCase, *, by, on: date, expected_version: int | None = None, **kw) -> PenaltyCase:
            with transaction.atomic():
                case = CASE_ROWS.lock(case.pk)
                loaded = _snapshot(case)
                if expected_version is not None and case.version != expected_version:
                    raise Conflict()
                check(WORKFLOW, case, by, t, on)  # who, then state: what the pages offer
                _check_date(t, case, on)
                check_precondition(WORKFLOW, case, t)  # the same check decides whether the page offers it
                cal = law_calendar()
                data = body(case, by=by, on=on, cal=cal, **kw) or {}
                if t.target:
                    case.status = t.target
                case = _finish(case, t, by, on, cal, data, loaded)
                if case.status == Status.CLOSED and case.source == "citydesk":
                    case_closed.send(PenaltyCase, case=case)  # the issue it came from shows the outcome
                return case

        run.transition = t
        return run

    return wrap


def _certified_officers(staff_list, entity, on: date):
    officers = []
    for s in staff_list:
        if s.entity is None or s.entity.pk != entity.pk:
            raise NotPermitted(f"{s}不是本机关工作人员，不能承办本案")
        if s.is_certified_on(on):
            officers.append(s)
    check_two_officers(o.pk for o in officers)
    return officers


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
    v, a, why = assess_case(found, group_no, f, case.act_end, on)
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


CASE_FIELDS = ("party_kind", "party_name", "party_id_number", "party_address", "party_phone",
               "party_representative", "cause", "facts", "place", "act_on", "act_ended_on", "serious_harm",
               "discovered_on", "violated_provision", "penalty_provision", "source")


def _new_case(by, procedure: str, fields: dict) -> PenaltyCase:
    unknown = set(fields) - set(CASE_FIELDS)
    if unknown:
        raise ValueError(f"unknown case fields: {sorted(unknown)}")
    if fields.get("party_kind") not in {k.value for k in PartyKind}:
        raise violation("CASE-STATE", "当事人类型应为公民（citizen）或法人或其他组织（org）")
    if fields.get("source", Source.PATROL) not in Source.values:
        raise violation("CASE-STATE", "案件来源不正确")
    entity = by.entity
    if entity is None:
        raise NotPermitted("未设置所在执法机构，不能登记案件")
    squad = by.bureau if by.bureau_id != entity.pk else None
    _check_citations(entity, fields.get("violated_provision"), fields.get("penalty_provision"))
    return PenaltyCase(bureau=entity, squad=squad, procedure=procedure, created_by=by, **fields)


def _check_citations(bureau, *texts) -> None:
    """CAT-01: a provision typed as text may not be a 经济特区法规 of a zone the bureau is not in."""
    from fazhi.law.jurisdiction import check_citation

    codes = [b.code for b in bureau.lineage()]
    for text in texts:
        check_citation(text or "", codes, bureau_name=bureau.name)


def _create(t: Transition, case: PenaltyCase, by, on: date, cal: LawCalendar, data: dict) -> PenaltyCase:
    case.status = t.target
    return _finish(case, t, by, on, cal, data)


def _check_create(t: Transition, by, on: date):
    if on > timezone.localdate():
        raise violation("CASE-DATE", "办理日期不得晚于今天")
    if not by.has_role(Role.OFFICER, Role.SQUAD_LEADER):
        raise NotPermitted(f"“{t.label}”须由持证执法人员办理")
    if not by.is_certified_on(on):
        raise violation("PEN-04", f"{by}于{on:%Y年%m月%d日}未持有有效的行政执法证件，不得从事执法活动")


# --- 普通程序 ----------------------------------------------------------------------------------------


def register(*, by, on: date, **fields) -> PenaltyCase:
    """案源登记: a clue is recorded by a certified officer and waits for the 立案 decision."""
    t = TRANSITIONS["register"]
    with transaction.atomic():
        _check_create(t, by, on)
        case = _new_case(by, Procedure.GENERAL, fields)
        if case.discovered_on > on:
            raise violation("CASE-DATE", "发现日期不得晚于登记日期")
        _case_dates(fields, on)
        return _create(t, case, by, on, law_calendar(), {"party": case.party_name, "cause": case.cause})


@transition("reject_clue")
def reject_clue(case, *, by, on, cal, reason: str):
    if not reason.strip():
        raise violation("PEN-06", "不予立案应当说明理由")
    case.closed_on, case.close_type = on, CloseType.NOT_FILED
    return {"reason": reason}


@transition("file")
def file_case(case, *, by, on, cal, officers, lead=None, note: str = ""):
    """立案 (PEN-06) on the 负责人's approval; refused after the limitation period (PEN-20); two certified
    officers are assigned (PEN-04)."""
    check_limitation(case.act_end, case.discovered_on, life_health_or_finance_harm=case.serious_harm)
    officers = _certified_officers(officers, case.bureau, on)
    lead = lead or officers[0]
    CaseOfficer.objects.bulk_create([
        CaseOfficer(case=case, staff=s, assigned_on=on, role=OfficerRole.LEAD if s.pk == lead.pk else OfficerRole.ASSIST)
        for s in officers])
    case.officer_ids = [s.pk for s in officers]
    case.filed_on = on
    case.case_no = take_number(case.bureau, "filing", on.year)
    return {"case_no": case.case_no, "approved_by": by.username, "officers": [s.username for s in officers],
            "note": note}


@transition("assign_officers")
def assign_officers(case, *, by, on, cal, add=(), remove=()):
    for s in add:
        if s.entity is None or s.entity.pk != case.bureau_id:
            raise NotPermitted(f"{s}不是本机关工作人员，不能承办本案")
        CaseOfficer.objects.get_or_create(case=case, staff=s, defaults={"assigned_on": on})
    CaseOfficer.objects.filter(case=case, staff__in=list(remove)).delete()
    _check_active_officers(case, on)
    return {"added": [s.username for s in add], "removed": [s.username for s in remove]}


def _check_active_officers(case, on):
    active = [a.staff for a in case.officers.select_related("staff").filter(recused_on__isnull=True)]
    check_two_officers(s.pk for s in active if s.is_certified_on(on))
    case.officer_ids = [s.pk for s in active]


@transition("recuse")
def recuse(case, *, by, on, cal, officer, reason: str, applicant: str = "当事人"):
    """PEN-05: the 负责人 decides a recusal; the investigation goes on, so two officers must remain."""
    a = case.officers.filter(staff=officer).first()
    if a is None:
        raise violation("PEN-05", "申请回避的人员不是本案承办人员")
    a.recused_on, a.recusal_reason = on, reason
    a.save()
    _check_active_officers(case, on)
    return {"officer": officer.username, "reason": reason, "applicant": applicant}


@transition("add_evidence")
def add_evidence(case, *, by, on, cal, kind: str, title: str, description: str = "", place: str = "",
                 collected_on: date | None = None, from_monitoring: bool = False, sha256: str = "",
                 blob: Blob | None = None, filename: str = "", content_type: str = "", collected_at=None,
                 qa=(), record_type: str = "", record_officers=(), record_person: str = "",
                 record_person_role: str = "", started_at=None, ended_at=None):
    """调查取证 (PEN-26): one item of evidence of a lawful kind, with who, when and where; its file (if any)
    already in the content-addressed store (`blob`), so the event records the hash that proves it later."""
    k = parse_evidence_kind(kind)
    if not title.strip():
        raise violation("PEN-26", "请填写证据名称")
    qa = _qa_pairs(qa)
    collected_on = collected_on or on
    if collected_on > on:
        raise violation("CASE-DATE", "取证日期不得晚于登记日期")
    _date_order(collected_on, "取证日期", case.act_on, "违法行为发生日期")
    record = _check_record(case, k.value, collected_on, record_type, record_officers, record_person,
                           started_at, ended_at) if record_type else None
    if blob is not None:
        sha256 = blob.sha256
    sha256 = sha256.lower()
    if sha256:
        same = case.evidence.filter(sha256=sha256).first()
        if same is not None:
            raise violation("CASE-DUPLICATE", f"该文件已作为本案证据“{same.title}”登记，无需重复上传",
                            evidence=str(same.uuid))
    ev = Evidence.objects.create(case=case, kind=k.value, title=title, description=description, place=place,
                                 collected_on=collected_on, collected_by=by, from_monitoring=from_monitoring,
                                 sha256=sha256, size=blob.size if blob else 0, filename=filename,
                                 content_type=content_type, collected_at=collected_at or (record and record[1]),
                                 record_type=record_type, record_person=record_person.strip(),
                                 record_person_role=record_person_role.strip(),
                                 started_at=record and record[1], ended_at=record and record[2])
    if record:
        ev.record_officers.set(record[0])
    elsewhere = list(Evidence.objects.filter(sha256=sha256).exclude(case=case).values_list("uuid", flat=True)[:5]) \
        if sha256 else []
    return {"evidence": str(ev.uuid), "kind": k.value, "title": title, "from_monitoring": from_monitoring,
            "sha256": sha256, "size": ev.size, "filename": filename, "place": place,
            "collected_on": collected_on.isoformat(), "also_in_other_cases": [str(u) for u in elsewhere],
            **({"qa": qa} if qa else {}),
            **({"record_type": record_type, "record_officers": [o.username for o in record[0]],
                "record_person": record_person.strip(), "record_person_role": record_person_role.strip(),
                "started_at": record[1].isoformat(), "ended_at": record[2].isoformat()} if record else {})}


def _aware(moment):
    """A time typed on a form (no offset) is Beijing time."""
    if moment is None:
        return None
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def _check_record(case, kind: str, collected_on: date, record_type: str, officers, person: str, started_at, ended_at):
    """A 笔录 (Art 55 ¶2): made by at least two officers of the bureau certified on that day (PEN-04), naming
    whom they questioned or who was present, with its start and end on the day of the record (PEN-26)."""
    if record_type not in RECORD_KINDS:
        raise violation("PEN-26", "笔录类型应为询问笔录、现场检查笔录或勘验笔录")
    if kind not in RECORD_KINDS[record_type]:
        raise violation("PEN-26", f"{dict(RECORD_TYPES)[record_type]}的证据种类应为"
                        + "或".join(EvidenceKind(k).label for k in RECORD_KINDS[record_type]))
    staff = list({s.pk: s for s in officers}.values())
    for s in staff:
        if s.entity is None or s.entity.pk != case.bureau_id:
            raise NotPermitted(f"{s}不是本机关执法人员，不能制作本案笔录")
    check_two_officers(s.pk for s in staff if s.is_certified_on(collected_on))
    if not person.strip():
        raise violation("PEN-26", "笔录应当载明被询问人或在场人")
    start, end = _aware(started_at), _aware(ended_at)
    if start is None or end is None:
        raise violation("PEN-26", "笔录应当载明开始时间和结束时间")
    if timezone.localtime(start).date() != collected_on:
        raise violation("CASE-DATE", f"笔录开始时间（{timezone.localtime(start):%Y-%m-%d %H:%M}）应在取证当日"
                                     f"（{collected_on:%Y-%m-%d}）")
    if end <= start:
        raise violation("CASE-DATE", "笔录结束时间应晚于开始时间")
    if end > timezone.now():
        raise violation("CASE-DATE", "笔录结束时间不得晚于当前时间")
    return staff, start, end


def _qa_pairs(qa) -> list[list[str]]:
    """问/答 of a 笔录, as [[question, answer], …]: both sides written, nothing else (PEN-26: the record says what
    was asked and answered)."""
    if isinstance(qa, str):
        parts = re.split(r"(?:^|\n)\s*(问|答)\s*[：:]", qa.strip())
        if parts[0].strip():
            raise violation("PEN-26", "询问内容应以“问：”开始，一问一答")
        marks, texts = parts[1::2], parts[2::2]
        if marks != ["问", "答"] * (len(marks) // 2) or len(marks) % 2:
            raise violation("PEN-26", "询问内容应为一问一答（问：…／答：…）")
        qa = [(texts[i], texts[i + 1]) for i in range(0, len(texts), 2)]
    out = []
    for pair in qa or ():
        if isinstance(pair, dict):
            pair = (pair.get("q", ""), pair.get("a", ""))
        if not isinstance(pair, (list, tuple)) or len(pair) != 2 or not all(isinstance(x, str) for x in pair):
            raise violation("PEN-26", "询问内容应为一问一答")
        q, a = (x.strip() for x in pair)
        if not q or not a:
            raise violation("PEN-26", "询问笔录的每一问都应记录回答（未回答的，记明“未回答”）")
        out.append([q, a])
    return out


@transition("review_monitoring_record")
def review_monitoring_record(case, *, by, on, cal, evidence_uuid, accurate: bool, note: str = ""):
    """PEN-27: each monitoring record is reviewed; an inaccurate one is withdrawn from the evidence."""
    ev = case.evidence.filter(uuid=evidence_uuid, from_monitoring=True).first()
    if ev is None:
        raise violation("PEN-27", "未找到该电子技术监控设备记录")
    if accurate:
        ev.reviewed_on = on
        ev.save()
    else:
        ev.delete()
    return {"evidence": str(evidence_uuid), "accurate": accurate, "note": note}


@transition("preserve_evidence")
def preserve_evidence(case, *, by, on, cal, items: str, approved_by):
    """PEN-07 (Art 56): only with the 负责人's approval; disposal decided within 7 working days."""
    if not approved_by.has_role(*LEADERS) or approved_by.entity is None or approved_by.entity.pk != case.bureau_id:
        raise violation("PEN-07", "先行登记保存证据须经本机关负责人批准")
    if not items.strip():
        raise violation("PEN-07", "请填写登记保存物品清单")
    r = PRESERVATION_PERIOD.reckon(cal, on)
    due = r.due if not r.provisional else None  # None: concrete once the year's table exists
    p = Preservation.objects.create(case=case, items=items, preserved_on=on, approved_by=approved_by, due=due)
    case.open_preservations += 1
    return {"preservation": p.pk, "items": items, "approved_by": approved_by.username,
            "due": due.isoformat() if due else None}


@transition("dispose_preserved")
def dispose_preserved(case, *, by, on, cal, preservation_id: int, disposal: str):
    p = case.preservations.filter(pk=preservation_id, disposed_on__isnull=True).first()
    if p is None:
        raise violation("PEN-07", "未找到待处理的先行登记保存记录")
    if on < p.preserved_on:
        raise violation("CASE-DATE", "处理日期不得早于登记保存日期")
    due, late_days = (p.due, max(0, (on - p.due).days)) if p.due else _lateness(cal, PRESERVATION_PERIOD,
                                                                                 p.preserved_on, on)
    p.disposed_on, p.disposal, p.late_days = on, disposal, late_days
    p.due = p.due or due
    p.save()
    case.open_preservations -= 1
    _met(case, "PEN-07", "先行登记保存物品处理决定", p.due, on, late_days, p.preserved_on)
    return {"preservation": p.pk, "disposal": disposal, "late": bool(late_days), "days_late": late_days,
            "due": p.due.isoformat() if p.due else None}


@transition("extend_deadline")
def extend_deadline(case, *, by, on, cal, days: int, reason: str):
    """PEN-06 (Art 60): "法律、法规、规章另有规定的，从其规定" — an extension needs the 负责人's approval
    and a reason, and is recorded."""
    if days <= 0 or not reason.strip():
        raise violation("PEN-06", "延长办案期限须经负责人批准并写明延长天数和理由")
    case.extension_days += days
    return {"days": days, "reason": reason, "total_extension": case.extension_days}


@transition("conclude_investigation")
def conclude_investigation(case, *, by, on, cal, outcome: str, facts: str, kinds=(), fine="0",
                           confiscated_income="0", confiscated_property="0", no_penalty_ground: str = "",
                           exemption_entry: str = "", flags: dict | None = None, no_penalty_conditions=(),
                           violated_provision: str = "", penalty_provision: str = "", benchmark_violation: str = "",
                           discretion_group: int = 1, discretion_facts: dict | None = None,
                           departure_reason: str = ""):
    """调查终结报告 with its proposed outcome (PEN-14) and, when the violation is in a benchmark, its 裁量 (DIS-04):
    the tier and range for the facts, under the version the law says applies (PEN-24)."""
    try:
        o = Outcome(outcome)
    except ValueError:
        raise violation("PEN-14", "调查终结处理意见应为：给予处罚、不予处罚（轻微）、违法事实不成立或移送司法机关")
    if not facts.strip():
        raise violation("PEN-14", "调查终结报告应写明调查认定的事实")
    for key, value in (flags or {}).items():
        if key not in ("major_public_interest", "major_social_impact", "affects_major_rights", "complex",
                       "other_legal_requirement", "mitigated"):
            raise ValueError(f"unknown flag {key}")
        setattr(case, key, bool(value))
    case.facts = facts
    _check_citations(case.bureau, violated_provision, penalty_provision)
    case.violated_provision = violated_provision or case.violated_provision
    case.penalty_provision = penalty_provision or case.penalty_provision
    case.outcome = o.value
    case.reported_on = on
    p = None
    if o is Outcome.PENALTY:
        p = _penalty(kinds, fine, confiscated_income, confiscated_property)
        if not case.penalty_provision:
            raise violation("PEN-15", "给予行政处罚应当写明处罚依据")
    else:
        if exemption_entry.strip():  # PEN-21: the entry must be on a 免罚清单 in force for this bureau
            from fazhi.catalog.powers import exemption_for

            entry = exemption_for(case.bureau, exemption_entry, on)
            if entry is None:
                raise violation("PEN-21", f"本机关（及上级机关）现行免罚清单中没有“{exemption_entry}”")
            exemption_entry = str(entry)
        g = check_no_penalty_ground(o, no_penalty_ground, exemption_entry=exemption_entry)
        case.no_penalty_conditions = check_no_penalty_conditions(g, no_penalty_conditions)
        case.no_penalty_ground = g.value if g else ""
        case.exemption_entry = exemption_entry
    case.violation_type, case.discretion = None, {}
    if benchmark_violation and o is Outcome.PENALTY:
        _assess_discretion(case, on, benchmark_violation, discretion_group, discretion_facts or {}, p.fine, departure_reason)
    _set_proposal(case, p)
    if o is Outcome.TRANSFER:
        case.status = Status.TRANSFERRING
        case.transfer_reported_on = on
    else:
        case.status = Status.REPORTED
    if o is Outcome.PENALTY:
        case.no_penalty_ground, case.no_penalty_conditions, case.exemption_entry = "", [], ""
    return {"outcome": o.value, "proposal": _penalty_data(p), "review_reasons": _review_required(case),
            "no_penalty_conditions": case.no_penalty_conditions,
            "discretion": case.discretion}


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
def deliberate(case, *, by, on, cal, attendees, conclusion: str):
    """PEN-13: collective deliberation by the 负责人, after any required legal review (审核 → 讨论 → 决定)."""
    if _review_required(case) and case.review_passed_rev != case.proposal_rev:
        raise violation("PEN-12", "本案须经法制审核，集体讨论应在法制审核通过之后进行")
    names = [s.username for s in attendees]
    if len(names) < 3:
        raise violation("PEN-13", "集体讨论应由机关负责人主持，参加人员不少于3人")
    case.deliberated_rev = case.proposal_rev
    case.deliberated_on = on
    return {"attendees": names, "conclusion": conclusion}


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
    remedy = remedy_notice(government=case.bureau.government or "本级人民政府",
                           court=case.bureau.court or "有管辖权的人民法院", on_the_spot=False)
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


@transition("serve")
def serve(case, *, by, on, cal, method: str, recipient: str, party_consented: bool = False,
          confirmation_signed: bool = False):
    """送达 (PEN-16); the payment period runs from receipt (PEN-17); 公告 is deemed served after 30 days."""
    try:
        m = ServiceMethod(method)
    except ValueError:
        raise violation("PEN-16", "送达方式应为直接、留置、邮寄、委托、公告或经同意的电子送达")
    check_service_method(m, party_consented=party_consented, confirmation_signed=confirmation_signed)
    if not recipient.strip():
        raise violation("PEN-16", "请填写受送达人")
    case.service_method = m.value
    case.served_on = effective_service_date(m, on)
    case.payment_due = payment_due(cal, case)
    # PEN-16 (Art 61): a service after the 7 working days still stands; it is recorded late with its days.
    due, late_days = _lateness(cal, SERVICE_PERIOD, case.decided_on, on)
    case.service_late_days = late_days
    _met(case, "PEN-16", "送达行政处罚决定书", due, on, late_days, case.decided_on)
    return {"method": m.value, "recipient": recipient, "served_on": case.served_on.isoformat(),
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


# --- the hook the disputes context calls (DESIGN: disputes → cases; cases imports nothing upward) ----------------
# A 复议 or 诉讼 is a record of its own (fazhi.disputes, DSP-01). What the penalty case needs of it is received here:
# while it is pending the late fee does not accrue (PEN-18) though execution goes on (PEN-19); when its final
# result changes or voids the decision, the publication comes down in the same transaction (PEN-29). The disputes
# action decides the result and whether it changes the decision; these functions only apply it to the case.

DISPUTE_SOURCES = (Status.DECIDED, Status.EXECUTING, Status.ENFORCING, Status.CLOSED, Status.ARCHIVED)
_HOOKS = {
    "dispute_opened": Transition("dispute_opened", "复议/诉讼登记（加处罚款暂停计算）", BOTH_PROCEDURES,
                                 DISPUTE_SOURCES, None, Actor.LEADER, ("PEN-18", "PEN-19")),
    "dispute_ended": Transition("dispute_ended", "复议/诉讼终结", BOTH_PROCEDURES, DISPUTE_SOURCES, None,
                                Actor.LEADER, ("PEN-18", "PEN-29", "REV-07")),
}


def _dispute_hook(name: str, case: PenaltyCase, by, on: date, body) -> PenaltyCase:
    t = _HOOKS[name]
    with transaction.atomic():
        case = CASE_ROWS.lock(case.pk)
        loaded = _snapshot(case)
        if not by.is_superuser and (by.entity is None or by.entity.pk != case.bureau_id):
            raise NotPermitted(f"只有本案执法主体（{case.bureau.name}）的工作人员可以登记本案的复议、诉讼")
        if case.status not in t.sources or not case.decided_on:
            raise violation("CASE-STATE", f"案件当前状态为“{case.get_status_display()}”，尚未作出处罚决定，"
                            "不能登记复议、诉讼", status=case.status)
        if on > timezone.localdate():
            raise violation("CASE-DATE", "办理日期不得晚于今天")
        _date_order(on, "复议、诉讼日期", case.decided_on, "处罚决定日期")
        cal = law_calendar()
        return _finish(case, t, by, on, cal, body(case) or {}, loaded)


def dispute_opened(case: PenaltyCase, *, by, on: date, dispute: str, kind: str, body: str) -> PenaltyCase:
    """A 复议/诉讼 on this decision was applied for on `on`: the late fee pauses from that day (PEN-18)."""
    def apply(case):
        if any(p.get("dispute") == dispute for p in case.late_fee_pauses):
            raise violation("PEN-18", "该复议或诉讼已登记")
        case.late_fee_pauses = case.late_fee_pauses + [{"start": on.isoformat(), "end": None, "kind": kind,
                                                        "body": body, "dispute": dispute}]
        return {"kind": kind, "body": body, "dispute": dispute}
    return _dispute_hook("dispute_opened", case, by, on, apply)


def dispute_ended(case: PenaltyCase, *, by, on: date, dispute: str, result: str, result_label: str,
                  changes_decision: bool) -> PenaltyCase:
    """The dispute's final result (REV-07): its pause ends on `on`; a result that changes or voids the decision
    takes the decision's publication down in the same transaction (disclosure listens; PEN-29). A 再审 may end a
    dispute again: the pause stays ended and the new result is recorded."""
    def apply(case):
        pauses = [dict(p) for p in case.late_fee_pauses]
        mine = [p for p in pauses if p.get("dispute") == dispute]
        for p in mine:
            _date_order(on, "复议、诉讼终结日期", date.fromisoformat(p["start"]), "复议、诉讼登记日期")
            if not p.get("end"):
                p["end"] = on.isoformat()
            p["result"] = result_label
        case.late_fee_pauses = pauses
        if changes_decision:
            decision_changed.send(PenaltyCase, case=case, by=by, on=on, result=result)
        return {"result": result_label, "dispute": dispute, "kind": mine[0].get("kind", "") if mine else "",
                "changes_decision": changes_decision}
    return _dispute_hook("dispute_ended", case, by, on, apply)


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
        remedy = remedy_notice(government=case.bureau.government or "本级人民政府",
                               court=case.bureau.court or "有管辖权的人民法院", on_the_spot=True)
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


# --- the year's holiday table entered (DAY-07) ---------------------------------------------------------

SETTLE = Transition("settle_deadlines", "节假日安排录入，期限确定", (Procedure.GENERAL, Procedure.SIMPLE), (), None,
                    Actor.LEADER, ("DAY-07",))
MET_PERIODS = {"PEN-16": SERVICE_PERIOD, "PEN-07": PRESERVATION_PERIOD, "PEN-03": COLLECTED_FINE_HANDOVER}


def settle_deadlines(*, by, on: date) -> int:
    """DAY-07: once a year's holiday table is entered, every deadline that waited for it becomes concrete — the
    payment period, a preservation's disposal limit, a provisional last day rolled past the new rest days, and the
    lateness of a step already taken. Each case changes in its own transaction with its event (actor: who entered
    the table); returns how many cases changed. Not a workflow step: no state changes, no case date moves."""
    from fazhi.core.calendar import forget_calendar

    forget_calendar()
    cal = law_calendar()
    changed = 0
    for pk in PenaltyCase.objects.filter(calendar_pending=True).values_list("pk", flat=True):
        with transaction.atomic():
            case = CASE_ROWS.lock(pk)
            loaded = _snapshot(case)
            if case.payment_due is None:
                case.payment_due = payment_due(cal, case)
            met = []
            for m in case.met_deadlines:
                if m.get("late_days") is None and m.get("rule") in MET_PERIODS and m.get("from"):
                    due, late_days = _lateness(cal, MET_PERIODS[m["rule"]], date.fromisoformat(m["from"]),
                                               date.fromisoformat(m["on"]))
                    m = {**m, "due": due.isoformat() if due else m.get("due"), "late_days": late_days}
                    if m["rule"] == "PEN-16":
                        case.service_late_days = late_days
                met.append(m)
            case.met_deadlines = met
            for p in case.preservations.filter(due__isnull=True):
                r = PRESERVATION_PERIOD.reckon(cal, p.preserved_on)
                if r.due and not r.provisional:
                    p.due = r.due
                    if p.disposed_on and p.late_days is None:
                        p.late_days = max(0, (p.disposed_on - p.due).days)
                    p.save()
            refresh_deadlines(case, cal)
            if all(getattr(case, a) == loaded[a] for a in ("deadlines", "payment_due", "met_deadlines",
                                                           "service_late_days", "calendar_pending")):
                continue
            _finish(case, SETTLE, by, on, cal, loaded=loaded, touch=False, data={
                "deadlines": case.deadlines, "payment_due": case.payment_due.isoformat() if case.payment_due else None,
                "met_deadlines": case.met_deadlines})
            changed += 1
    return changed


register.transition = TRANSITIONS["register"]
decide_on_site.transition = TRANSITIONS["decide_on_site"]

# action name → function, for the API, the UI and tests; every row of the workflow table has one.
ACTIONS = {fn.transition.action: fn for fn in list(globals().values()) if hasattr(fn, "transition")}
assert set(ACTIONS) == set(TRANSITIONS), set(TRANSITIONS) ^ set(ACTIONS)


# --- 文书制发: the documents as issued, their hashes in the chain ------------------------------------------------

ISSUE_DOCUMENTS = "issue_documents"


def _doc_content(doc) -> str:
    """What a document says (its blocks), not how it is laid out: a new layout does not re-issue a document,
    a changed fact or text does."""
    import dataclasses
    import hashlib

    from fazhi.core.chain import canonical_json

    body = dataclasses.asdict(doc) if dataclasses.is_dataclass(doc) else repr(doc)
    return hashlib.sha256(canonical_json(body).encode("utf-8")).hexdigest()


def issued_documents(events) -> dict[str, dict]:
    """The latest issued version of each document, from a case's events (Event rows or exported bodies)."""
    out: dict[str, dict] = {}
    for e in events:
        kind, data = (e.kind, e.data) if hasattr(e, "kind") else (e.get("kind"), e.get("data") or {})
        if kind == ISSUE_DOCUMENTS:
            for d in data.get("documents", []):
                out[d["document"]] = d
    return out


def issue_documents(case: PenaltyCase, *, by=None, on: date | None = None) -> list[dict]:
    """Fix every document the case has reached as PDF bytes in the store and record each one's SHA-256 in the
    case's chain (PEN-28), so an archive missing a document, or holding one changed by a single byte, is caught
    offline even when its manifest and seal are redone. A document already issued with the same content is not
    issued again. Rendering happens before the row lock; if the case moved meanwhile, it is read again.
    Returns the issued entries in the legal order of the file."""
    import io

    from fazhi.cases import documents
    from fazhi.core import blobs

    on = on or timezone.localdate()
    for _ in range(3):
        case = PenaltyCase.objects.select_related("bureau").get(pk=case.pk)
        facts = documents.Facts(case)
        issued = issued_documents(facts.all)
        current, new = [], []
        for kind in documents.available(case, facts):
            doc = documents.build(case, kind.key, facts)
            content = _doc_content(doc)
            prev = issued.get(kind.key)
            if prev and prev.get("content") == content and blobs.path_of(prev["sha256"]).exists():
                current.append(prev)
                continue
            blob = blobs.keep(io.BytesIO(documents.to_pdf(doc)))
            entry = {"document": kind.key, "title": doc.title, "number": doc.number, "stage": kind.stage,
                     "filename": doc.filename, "sha256": blob.sha256, "size": blob.size, "content": content}
            current.append(entry)
            new.append(entry)
        if not new:
            return current
        with transaction.atomic():
            locked = CASE_ROWS.lock(case.pk)
            if locked.version != (facts.all[-1].seq if facts.all else 0):
                continue  # an action landed while we rendered: read the case again
            head = (locked.version, locked.chain_head) if locked.chain_head or not locked.version else None
            locked.version += 1
            ev = next_event(locked.stream, ISSUE_DOCUMENTS, actor=by, on=on, head=head,
                            data={"status": locked.status, "version": locked.version, "documents": new})
            locked.chain_head = ev.hash
            rows.execute(EVENT_ROWS.insert_statement(ev),
                         CASE_ROWS.update_statement(locked, ["version", "chain_head"]))
        return current
    raise Conflict()


def issued_pdf(case: PenaltyCase, key: str, doc) -> bytes | None:
    """The issued bytes of a document whose content has not changed since it was issued, else None (the
    caller renders it afresh): a document printed after issue is the one in the archive."""
    from fazhi.core import blobs
    from fazhi.core.models import Event

    prev = issued_documents(Event.objects.filter(stream=case.stream, kind=ISSUE_DOCUMENTS).order_by("seq")).get(key)
    if not prev or prev.get("content") != _doc_content(doc):
        return None
    try:
        return blobs.path_of(prev["sha256"]).read_bytes()
    except (OSError, ValueError):
        return None

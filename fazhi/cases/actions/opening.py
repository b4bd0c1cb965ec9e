"""普通程序, opening a case: 登记 (register a clue), 不予立案, 立案 with its certified officers (PEN-04), assigning
officers, 回避."""
from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from fazhi.cases.actions.machinery import _case_dates, _finish, transition
from fazhi.cases.actions.penalty import _check_citations
from fazhi.cases.models import CaseOfficer, CloseType, OfficerRole, PenaltyCase, Procedure, Source
from fazhi.cases.numbering import take_number
from fazhi.cases.workflow import TRANSITIONS, Transition
from fazhi.core.calendar import law_calendar
from fazhi.core.errors import NotPermitted
from fazhi.law.calendar import LawCalendar
from fazhi.law.penalty import PartyKind, check_limitation, check_two_officers
from fazhi.law.rules import violation
from fazhi.org.models import Role


def _certified_officers(staff_list, entity, on: date):
    officers = []
    for s in staff_list:
        if s.entity is None or s.entity.pk != entity.pk:
            raise NotPermitted(f"{s}不是本机关工作人员，不能承办本案")
        if s.is_certified_on(on):
            officers.append(s)
    check_two_officers(o.pk for o in officers)
    return officers
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


register.transition = TRANSITIONS["register"]

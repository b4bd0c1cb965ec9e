"""涉企行政检查 as a table (legal-rules INS-*): (state, action) → next state, who may take it, the rules that gate
each step; and the guard that decides who may take a step on an inspection now (fazhi.core.workflow).

    planned →(负责人 approve, INS-03)→ approved →(an assigned officer records, INS-01)→ done
    →(告知 the result, INS-08)→ notified →(公示, INS-08: 20 working days)→ published

A finding of a violation becomes a penalty-case clue (open_case, PEN-14) from `done` on, once. Planning an
inspection and the draw create inspections (`actions.plan_inspection`, `actions.run_draw`); they are not steps on
an existing record.

`inspections.actions` executes these rows (each calls the guard through `check` first, inside its transaction, on
the locked row); the inspection page, the board and the 工作台 ask the same guard (`offered`) what to show. Who:
the 负责人 of the inspection's own 执法主体 approves; one of the officers assigned (drawn) records; the bureau's
officers, squad leaders and leaders tell and publish the result (INS-05: the inspection's own bureau); a
certified officer of the bureau registers the case clue (the penalty context's 案源登记)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fazhi.core.errors import NotPermitted
from fazhi.core.workflow import Step
from fazhi.inspections.models import Inspection, InspectionStatus
from fazhi.law.rules import violation
from fazhi.org.models import LEADERS, Role

S = InspectionStatus
ASSIGNED = "assigned"  # the officers assigned to (drawn for) the inspection
INSPECTORS = (Role.OFFICER, Role.SQUAD_LEADER, *LEADERS)
CASE_OFFICERS = (Role.OFFICER, Role.SQUAD_LEADER)  # who registers a 案源 (cases: 案源登记)


@dataclass(frozen=True)
class InspectionStep(Step):
    """A row of the table: the core's step with the roles that may take it (`who` = ASSIGNED: the inspection's
    officers)."""

    roles: tuple[str, ...] = ()


def _row(action, label, sources, target, rules, roles, *, desk=True) -> InspectionStep:
    who = ASSIGNED if roles == ASSIGNED else ",".join(roles)
    return InspectionStep(action, label, sources, target, rules, who, (), desk, () if roles == ASSIGNED else roles)


TABLE: list[InspectionStep] = [
    _row("approve", "批准检查", (S.PLANNED,), S.APPROVED, ("INS-03", "INS-05", "INS-01", "INS-04"), LEADERS),
    _row("record", "记录检查情况", (S.APPROVED,), S.DONE, ("INS-01", "INS-03"), ASSIGNED),
    _row("notify_result", "告知检查结果", (S.DONE,), S.NOTIFIED, ("INS-05", "INS-08"), INSPECTORS),
    _row("publish", "公示检查结果", (S.NOTIFIED,), S.PUBLISHED, ("INS-05", "INS-08"), INSPECTORS),
    _row("open_case", "移入案件办理", (S.DONE, S.NOTIFIED, S.PUBLISHED), None, ("INS-05", "PEN-14"), CASE_OFFICERS),
]

STEPS: dict[str, InspectionStep] = {s.action: s for s in TABLE}

# The rule a step cites when the inspection is not in one of its source states.
_STATE_RULE = {"approve": "INS-03", "record": "INS-03", "notify_result": "INS-08", "publish": "INS-08",
               "open_case": "PEN-14"}


def _roles_label(roles) -> str:
    return "、".join(Role(r).label for r in roles)


def assigned(ins: Inspection, by) -> bool:
    """One of the inspection's officers (prefetched by a page listing many inspections; one query otherwise)."""
    return any(o.pk == by.pk for o in ins.officers.all())


def _state(ins: Inspection, t: InspectionStep) -> None:
    if ins.status in t.sources:
        return
    a, status = t.action, ins.status
    if a == "record" and status == S.PLANNED:
        message = "未经本机关负责人批准，不得实施涉企行政检查"
    elif a in ("notify_result", "open_case") and status in (S.PLANNED, S.APPROVED):
        message = "检查完成并记录检查情况后方可" + ("告知检查结果" if a == "notify_result" else "移入案件办理")
    elif a == "publish" and status in (S.PLANNED, S.APPROVED, S.DONE):
        message = "检查结果告知检查对象后方可公示"
    else:
        message = f"该检查当前为“{ins.get_status_display()}”，不能办理“{t.label}”"
    raise violation(_STATE_RULE[a], message)


def _precondition(ins: Inspection, t: InspectionStep) -> None:
    """The inspection's own facts that rule a step out: the officers' certificates on the planned day and the
    enterprise's yearly caps (approve), a finding and no case yet (open_case)."""
    from fazhi.inspections.actions import check_cap, check_officers

    if t.action == "approve":
        check_officers(ins.bureau, list(ins.officers.all()), ins.planned_on)
        check_cap(ins.subject, list(ins.items.all()), ins.planned_on.year, exclude=ins)
    if t.action == "open_case":
        if not ins.problem_found:
            raise violation("PEN-14", "检查未发现违法问题，无需移入案件办理")
        if ins.case_id:
            raise violation("PEN-14", "该检查发现的问题已移入案件办理")


def guard(ins: Inspection, by, t: InspectionStep, on: date) -> None:
    """Who (the role and the inspection's own 执法主体, INS-05; or an assigned officer, INS-01), state and the
    inspection's preconditions: what each action checks first, and what the pages ask to decide what to offer."""
    if by is None or not getattr(by, "is_authenticated", False):
        raise NotPermitted(f"“{t.label}”须由执法人员办理", "INS-01")
    if t.who == ASSIGNED:
        if not assigned(ins, by):
            raise NotPermitted("只有指派的检查人员可以记录检查情况", "INS-01")
    else:
        if by.entity is None or by.entity.pk != ins.bureau_id:
            raise NotPermitted(f"只有{ins.bureau.short_name}的人员可以对该检查办理“{t.label}”", "INS-05")
        if not by.has_role(*t.roles):
            if t.action == "approve":
                raise NotPermitted("涉企行政检查应当经本机关负责人批准", "INS-03")
            if t.action == "open_case":
                raise NotPermitted("移入案件办理（案源登记）须由执法队员或中队长办理", "INS-01")
            raise NotPermitted(f"“{t.label}”须由{_roles_label(t.roles)}办理", "INS-01")
    _state(ins, t)
    _precondition(ins, t)


# --- the context as the core's workflow machinery sees it -----------------------------------------------------------

def _perform(ins: Inspection, t: InspectionStep, by, data: dict):
    from fazhi.core.workflow import check
    from fazhi.inspections.actions import ACTIONS

    data = dict(data)
    on, version = data.pop("on"), data.pop("expected_version", None)
    # The guard before the input is read (a missing field is the input's fault, not a licence to skip the who and
    # the state); the action checks it again on the locked row.
    check(WORKFLOW, ins, by, t, on)
    return ACTIONS[t.action](ins, by=by, on=on, expected_version=version, **data)


def _scoped(user):
    from fazhi.inspections.search import scoped

    return scoped(user).select_related("case", "approved_by")


def _load(user, uuid) -> Inspection:
    from django.shortcuts import get_object_or_404

    from fazhi.org.access import Kind, require

    require(user, Kind.INSPECTIONS)
    return get_object_or_404(_scoped(user), uuid=uuid)


WORK_LIMIT = 200


def _open_work(user):
    """The inspections of the user's 执法主体 where someone has a step: awaiting approval (its leaders), approved
    and awaiting the record (the assigned officers), results to tell and to publish, findings not yet a case;
    nearest publication deadline first."""
    from django.db.models import F, Q

    if not getattr(user, "is_authenticated", False) or user.entity is None or not user.has_role(*INSPECTORS):
        return []
    pending = Q(status__in=[S.APPROVED, S.DONE, S.NOTIFIED]) | Q(problem_found=True, case__isnull=True)
    if user.has_role(*LEADERS):
        pending |= Q(status=S.PLANNED)
    return (_scoped(user).filter(bureau_id=user.entity.pk).filter(pending).prefetch_related("officers")
            .order_by(F("publish_due").asc(nulls_last=True), "planned_on", "id")[:WORK_LIMIT])


def _due(ins: Inspection, t) -> date | None:
    """INS-08: the result is told and published within 20 working days of the inspection (`publish_due`)."""
    return ins.publish_due if t.action in ("notify_result", "publish") else None


def _wants(ins: Inspection, user, t) -> bool:
    """Whose job a step is when more may take it: the result and the case clue are the assigned officers' (a
    leader or squad leader steps in on the inspection's page)."""
    if t.action in ("notify_result", "publish", "open_case"):
        return assigned(ins, user)
    return True


def _present(ins: Inspection, user) -> dict:
    from fazhi.inspections import search

    return {**search.row(ins), "version": ins.version, "publish_due": ins.publish_due,
            "case": str(ins.case.uuid) if ins.case_id else None}


def _title(ins: Inspection) -> str:
    return f"{ins.subject.name}（{ins.get_kind_display()}，计划{ins.planned_on:%Y-%m-%d}）"


def _workflow():
    from django.urls import reverse

    from fazhi.core.workflow import Workflow
    from fazhi.inspections.schemas import SCHEMAS

    return Workflow("inspections", "涉企行政检查", tuple(TABLE), SCHEMAS, guard, _perform, _load,
                    url=lambda i: reverse("inspection", args=[i.uuid]), title=_title, present=_present,
                    open_work=_open_work, due=_due, op_prefix="inspection", wants=_wants)


WORKFLOW = _workflow()

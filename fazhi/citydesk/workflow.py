"""The 数字化城管 loop as a table (legal-rules B.5): (state, action) → next state, who may take it, the rules that gate
each step; and the guard that decides who may take a step on an issue now (fazhi.core.workflow).

`citydesk.actions` executes these rows (each calls the guard through `check` first, inside its transaction);
the issue page, the board and the 工作台 ask the same guard (`offered`) what to show. Who: the command centre's
受理员, 值班长, 派遣员 and 指挥长 of the bureau whose district the issue lies in (or of a bureau above it), the
district's 监督员 for 核查, and the members of the 处置单位 the issue was dispatched to (DCM-ROLE)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from fazhi.citydesk.models import Issue, IssueStatus, RequestKind, RequestState
from fazhi.core.errors import NotPermitted
from fazhi.core.workflow import Step
from fazhi.law.rules import violation
from fazhi.org.models import Role

S = IssueStatus
ALL = tuple(S.values)
LIVE = tuple(s for s in S.values if s != S.VOID)
UNIT = "unit"  # the members of the 处置单位 holding the issue


@dataclass(frozen=True)
class IssueStep(Step):
    """A row of the loop's table: the core's step with the roles that may take it (`who` = UNIT: the unit's
    members)."""

    roles: tuple[str, ...] = ()


def _row(action, label, sources, target, rules, roles, *, desk=True, targets=()) -> IssueStep:
    who = UNIT if roles == UNIT else ",".join(roles)
    return IssueStep(action, label, sources, target, rules, who, targets, desk, () if roles == UNIT else roles)


OP, LEAD, DISP, CMD, PATROL = Role.OPERATOR, Role.SHIFT_LEADER, Role.DISPATCHER, Role.COMMANDER, Role.PATROLLER

# Each row declares the rules its action refuses with (tests/test_refusal_pairs.py drives every pair). A late 处置
# is recorded, not refused (DCM-03: the time-out shows in the appraisal); a 挂账 application's missing reason, a
# review's missing reason and an application already decided are the loop's own refusals (DCM-02); the time limits
# (DCM-03) and the 挂账 register (DCM-04) they serve are refused in `apply_extension`, `apply_appeal`, `dispatch` and
# `give_back`; `resume` is refused for who and state only.
TABLE: list[IssueStep] = [
    _row("accept", "受理", (S.REPORTED,), S.ACCEPTED, ("DCM-ROLE", "DCM-02"), (OP, LEAD)),
    _row("merge", "合并重复问题", (S.REPORTED, S.ACCEPTED), S.VOID, ("DCM-02",), (OP, LEAD), desk=False),
    _row("void", "作废（撤销立案）", (S.REPORTED, S.ACCEPTED, S.REGISTERED), S.VOID, ("DCM-02",), (OP, LEAD),
         desk=False),
    _row("register", "立案", (S.ACCEPTED,), S.REGISTERED, ("DCM-ROLE", "DCM-03"), (LEAD,)),
    _row("dispatch", "派遣", (S.REGISTERED,), S.DISPATCHED, ("DCM-ROLE", "DCM-04"), (DISP, LEAD, CMD)),
    _row("handle", "反馈处置结果", (S.DISPATCHED,), S.HANDLED, ("DCM-ROLE", "DCM-02"), UNIT),
    _row("give_back", "回退指挥中心", (S.DISPATCHED,), S.REGISTERED, ("DCM-04",), UNIT, desk=False),
    _row("apply_extension", "申请延期", (S.DISPATCHED,), None, ("DCM-03",), UNIT, desk=False),
    _row("apply_shelve", "申请挂账", (S.DISPATCHED,), None, (), UNIT, desk=False),
    _row("apply_appeal", "超时申诉", (S.HANDLED, S.VERIFIED, S.CLOSED), None, ("DCM-03",), UNIT, desk=False),
    _row("review_extension", "审核延期申请", LIVE, None, ("DCM-ROLE",), (LEAD, CMD)),
    _row("review_shelve", "审批挂账申请", LIVE, None, ("DCM-ROLE",), (CMD,), targets=(S.PENDING,)),
    _row("review_appeal", "超时申诉初审", LIVE, None, ("DCM-ROLE",), (LEAD,)),
    _row("recheck_appeal", "超时申诉复审", LIVE, None, ("DCM-ROLE",), (CMD,)),
    _row("resume", "挂账销号，恢复处置", (S.PENDING,), S.DISPATCHED, (), (CMD, LEAD), desk=False),
    _row("verify", "核查", (S.HANDLED,), None, ("DCM-ROLE", "DCM-02"), (PATROL,), targets=(S.VERIFIED, S.DISPATCHED)),
    _row("close", "结案", (S.VERIFIED,), S.CLOSED, ("DCM-ROLE", "DCM-02"), (LEAD,)),
    _row("call_back", "回访", (S.CLOSED,), None, ("DCM-05",), (OP, LEAD), targets=(S.CLOSED, S.REGISTERED)),
]

STEPS: dict[str, IssueStep] = {s.action: s for s in TABLE}

# Which application a review step decides, and in which of the application's states.
REVIEWS: dict[str, tuple[str, tuple[str, ...]]] = {
    "review_extension": (RequestKind.EXTENSION, (RequestState.OPEN,)),
    "review_shelve": (RequestKind.SHELVE, (RequestState.OPEN,)),
    "review_appeal": (RequestKind.APPEAL, (RequestState.OPEN,)),
    "recheck_appeal": (RequestKind.APPEAL, (RequestState.FIRST_PASSED,)),
}
PENDING_REQUEST = (RequestState.OPEN, RequestState.FIRST_PASSED)


def review_step(req) -> IssueStep:
    """The step that decides an application in its present state (a finished one: its first review, which the
    guard then refuses as having nothing to review)."""
    if req.kind == RequestKind.APPEAL and req.state == RequestState.FIRST_PASSED:
        return STEPS["recheck_appeal"]
    return STEPS[f"review_{req.kind}"]


def _requests(issue: Issue) -> list:
    """The issue's applications (prefetched by a page listing many issues; one query otherwise)."""
    return sorted(issue.requests.all(), key=lambda r: r.pk)


def pending_request(issue: Issue, action: str):
    kind, states = REVIEWS[action]
    return next((r for r in _requests(issue) if r.kind == kind and r.state in states), None)


def _roles_label(roles) -> str:
    return "、".join(Role(r).label for r in roles)


def _in_district(issue: Issue, by) -> bool:
    """The issue lies in the district of the person's bureau, or of a bureau below it (the city's command centre
    works on every district)."""
    entity = by.entity
    return entity is not None and issue.region_id is not None and \
        issue.region.bureau.path.startswith(entity.path)


def _member(issue: Issue, by, what: str) -> None:
    from fazhi.org.access import unit_ids

    if issue.unit_id is None or issue.unit_id not in unit_ids(by):
        raise NotPermitted(f"只有承办的处置单位可以{what}", "DCM-ROLE")


def _state(issue: Issue, t: IssueStep) -> None:
    if issue.status not in t.sources:
        raise violation("DCM-02", f"问题当前状态为“{issue.get_status_display()}”，不能办理“{t.label}”")


def _precondition(issue: Issue, by, t: IssueStep) -> None:
    """The issue's own facts that rule a step out."""
    a = t.action
    if a == "void" and issue.status == S.REGISTERED and not by.has_role(LEAD):
        raise NotPermitted("已立案的问题只能由值班长撤销立案", "DCM-ROLE")
    if a == "merge" and issue.duplicate_of_id:
        raise violation("DCM-02", "该问题已合并")
    if a.startswith("apply_"):
        kind = a.removeprefix("apply_")
        label = RequestKind(kind).label
        mine = [r for r in _requests(issue) if r.kind == kind]
        if any(r.state in PENDING_REQUEST for r in mine):
            raise violation("DCM-02", f"该问题已有待审核的{label}申请")
        if kind == RequestKind.APPEAL:
            if not issue.timed_out:
                raise violation("DCM-03", "该问题未超时处置，无需申诉")
            if any(r.state != RequestState.REJECTED for r in mine):
                raise violation("DCM-02", "该问题已提出过超时申诉")
    if a in REVIEWS:
        req = pending_request(issue, a)
        if req is None:
            raise violation("DCM-02", f"该问题没有待{t.label}的申请")
        if by.pk == req.requested_by_id:
            raise NotPermitted("申请人不能审核本人的申请", "DCM-ROLE")
        if a == "recheck_appeal" and by.pk == req.first_by_id:
            raise NotPermitted("超时申诉的复审应由初审以外的人员办理", "DCM-ROLE")
    if a == "call_back":
        if not issue.callback:
            raise violation("DCM-05", "反映人未要求回访")
        if issue.called_back_at and (issue.closed_at is None or issue.called_back_at >= issue.closed_at):
            raise violation("DCM-05", "本次结案已回访")


def guard(issue: Issue, by, t: IssueStep, on: date) -> None:
    """Who (DCM-ROLE: the role and the district, or the unit holding the issue), state (DCM-02) and the issue's own
    preconditions: what each action checks first, and what the pages ask to decide which steps to offer."""
    if by is None or not getattr(by, "is_authenticated", False):
        raise NotPermitted(f"“{t.label}”须由工作人员办理", "DCM-ROLE")
    if t.who == UNIT:
        _state(issue, t)  # the unit's own steps: a unit sees the issues dispatched to it, states included
        _member(issue, by, t.label)
    else:
        if not by.has_role(*t.roles):
            raise NotPermitted(f"“{t.label}”须由{_roles_label(t.roles)}办理", "DCM-ROLE")
        if not _in_district(issue, by):
            raise NotPermitted(f"该问题不在{by.entity.short_name if by.entity else '本人'}的管辖区域内", "DCM-ROLE")
        _state(issue, t)
    _precondition(issue, by, t)


# --- the context as the core's workflow machinery sees it -----------------------------------------------------------

def _perform(issue: Issue, t: IssueStep, by, data: dict):
    from django.utils import timezone

    from fazhi.citydesk.actions import ACTIONS
    from fazhi.core.workflow import check

    data = dict(data)
    data.pop("on", None)  # the loop works in real time: a step happens when it is recorded
    version = data.pop("expected_version", None)
    if version is not None and version != Issue.objects.filter(pk=issue.pk).values_list("version", flat=True)[0]:
        raise violation("DCM-02", "该问题已被他人办理，请刷新页面后重试")
    # The guard before the input is read (a missing field is the input's fault, not a licence to skip the who and
    # the state); the action checks it again on the locked row.
    check(WORKFLOW, issue, by, t, timezone.localdate())
    return ACTIONS[t.action](issue, by=by, **data)


def _load(user, uuid) -> Issue:
    from django.shortcuts import get_object_or_404

    from fazhi.org.access import ISSUE_KINDS, issues_for, require

    require(user, *ISSUE_KINDS)
    return get_object_or_404(issues_for(user, Issue.objects.select_related("category", "region__bureau", "unit"))
                             .distinct(), uuid=uuid)


WORK_LIMIT = 200


def statuses_for(user) -> set[str]:
    """The states in which the user's roles (or units) have a step."""
    from fazhi.org.access import unit_ids

    roles = set(user.roles)
    units = bool(unit_ids(user))
    out: set[str] = set()
    for t in TABLE:
        if (t.who == UNIT and units) or (t.who != UNIT and roles & set(t.roles)):
            out.update(t.sources)
    return out


def _open_work(user):
    """The issues of the user's queue: those in a state where their role (or their unit) has a step, in their
    districts (or dispatched to their unit); nearest time limit first."""
    from django.db.models import F, Q

    from fazhi.org.access import issues_for

    states = statuses_for(user) - {S.CLOSED}
    mine = Q(status__in=states)
    if user.has_role(OP, LEAD):  # a closed issue whose caller waits for the 回访
        mine |= Q(status=S.CLOSED, callback=True, satisfaction="")
    if user.has_role(LEAD, CMD):  # applications waiting for a review, whatever the issue's state
        mine |= Q(requests__state__in=PENDING_REQUEST)
    if not states and not user.has_role(OP, LEAD, CMD):
        return []
    qs = issues_for(user, Issue.objects.select_related("category", "region__bureau", "unit")).filter(mine)
    return qs.distinct().order_by(F("due_at").asc(nulls_last=True), "reported_at")[:WORK_LIMIT]


def stage_deadline(issue: Issue, t: Step) -> datetime | None:
    """The moment the step is due: the unit's 处置时限 for its steps; the appraisal's step limits (law.appraisal)
    for 受理, 立案, 派遣 and 核查, counted on the bureau's working hours from the previous step."""
    from django.utils import timezone

    from fazhi.core.calendar import law_calendar
    from fazhi.law.appraisal import DEFAULT_LIMITS, deadline
    from fazhi.law.calendar import CalendarUnknown

    if t.action in ("handle", "apply_extension"):
        return issue.due_at
    start = {"accept": issue.reported_at, "register": issue.accepted_at, "dispatch": issue.registered_at,
             "verify": issue.handled_at}.get(t.action)
    if start is None or issue.region_id is None:
        return None
    try:
        return deadline(law_calendar(), issue.region.bureau.working_hours(), timezone.localtime(start),
                        DEFAULT_LIMITS[t.action])
    except CalendarUnknown:
        return None


def _due(issue: Issue, t: Step) -> date | None:
    from django.utils import timezone

    moment = stage_deadline(issue, t)
    return timezone.localtime(moment).date() if moment else None


def _wants(issue: Issue, user, t: Step) -> bool:
    """Whose job a step is when several roles may take it: 受理 and 回访 are the 受理员's (the 值班长 steps in on the
    board), 派遣 the 派遣员's — the 值班长 and 指挥长 rule on an issue a unit returned."""
    if t.action in ("accept", "call_back"):
        return user.has_role(OP) or not user.has_role(LEAD)
    if t.action == "dispatch":
        return user.has_role(DISP) or bool(issue.returned_by)
    if t.action == "review_extension":
        return user.has_role(LEAD) or not user.has_role(CMD)
    return True


def _present(issue: Issue, user) -> dict:
    from django.utils import timezone

    from fazhi.citydesk import search

    return {**search.row(issue, timezone.now()), "version": issue.version}


def _title(issue: Issue) -> str:
    return f"{issue.category.name} {issue.tracking_code}（{issue.address or issue.region}）"


def _workflow():
    from django.urls import reverse

    from fazhi.citydesk.schemas import SCHEMAS
    from fazhi.core.workflow import Workflow

    return Workflow("issues", "数字化城管", tuple(TABLE), SCHEMAS, guard, _perform, _load,
                    url=lambda i: reverse("citydesk_issue", args=[i.uuid]), title=_title, present=_present,
                    open_work=_open_work, due=_due, op_prefix="issue", wants=_wants)


WORKFLOW = _workflow()

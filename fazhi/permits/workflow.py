"""The permit procedure as a table (fazhi.core.workflow): state → step → state, who may take it, the rules that gate
it; and the guard that decides who may take a step on an application now. `permits.actions` executes these rows;
nothing else writes `Permit.status`.

Who: the window (窗口受理员, and the 许可审查员 who may stand in) receives, accepts, asks for 补正, issues the
certificate and takes the fee; the 许可审查员 checks the site, hears interested parties, runs the hearing and
publishes; the decision is the bureau's, taken by the 许可审查员 or a leader; only a leader approves the +10
extension (LIC-02) and withdraws or revokes a permit. Everyone works on the applications of their own bureau."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fazhi.core.errors import NotPermitted
from fazhi.core.workflow import Step
from fazhi.law.rules import violation
from fazhi.org.models import LEADERS, Role
from fazhi.permits.models import Permit
from fazhi.permits.models import PermitStatus as S

WINDOW = "window"   # 窗口受理员 or 许可审查员
REVIEW = "review"   # 许可审查员 or a leader
DECIDE = "decide"   # 许可审查员 or a leader, in the bureau's name
LEADER = "leader"   # the bureau's 负责人 (extension, withdrawal, revocation)

ROLES = {
    WINDOW: (Role.WINDOW_CLERK, Role.PERMIT_REVIEWER),
    REVIEW: (Role.PERMIT_REVIEWER, *LEADERS),
    DECIDE: (Role.PERMIT_REVIEWER, *LEADERS),
    LEADER: LEADERS,
}
WHO_LABEL = {WINDOW: "窗口受理人员", REVIEW: "许可审查人员或机关负责人", DECIDE: "许可审查人员或机关负责人",
             LEADER: "本机关负责人"}

# Each row declares the rules its action refuses with (tests/test_refusal_pairs.py drives every pair). Rules a step
# serves without refusing are not listed on it: `apply` starts the LIC-01 clock (refused in accept, request_correction
# and refuse); `hear_parties` (Art 36) records what was heard; the hearing's pause of the clock (LIC-04) is computed,
# and its end recorded, by `schedule_hearing` and `record_hearing` (LIC-05 refuses the schedule); `decide` sets the
# fee by the item's standard (LIC-08 refuses in `record_fee`); a certificate issued after 10 WD is issued and its
# lateness recorded (LIC-03), as a late publication is (LIC-07 refuses a second one).
TABLE: list[Step] = [
    Step("apply", "登记许可申请", (), S.RECEIVED, ("LIC-ITEM",), WINDOW),
    Step("accept", "受理", (S.RECEIVED, S.CORRECTING), S.ACCEPTED, ("LIC-01",), WINDOW),
    Step("request_correction", "一次告知补正", (S.RECEIVED,), S.CORRECTING, ("LIC-01",), WINDOW, desk=False),
    Step("refuse", "不予受理", (S.RECEIVED, S.CORRECTING), S.NOT_ACCEPTED, ("LIC-01",), WINDOW, desk=False),
    Step("site_check", "现场核查", (S.ACCEPTED,), None, ("LIC-ITEM",), REVIEW, desk=False),
    Step("hear_parties", "听取申请人、利害关系人意见", (S.ACCEPTED,), None, (), REVIEW, desk=False),
    Step("extend", "批准延长决定期限", (S.ACCEPTED,), None, ("LIC-02", "LIC-11"), LEADER, desk=False),
    Step("schedule_hearing", "组织听证（期限中止）", (S.ACCEPTED,), S.HEARING, ("LIC-05",), REVIEW, desk=False),
    Step("record_hearing", "听证结束", (S.HEARING,), S.ACCEPTED, (), REVIEW),
    Step("decide", "作出许可决定", (S.ACCEPTED,), None, ("LIC-02", "LIC-09", "LIC-10", "LIC-ITEM"), DECIDE,
         (S.GRANTED, S.DENIED)),
    Step("issue_certificate", "颁发许可证", (S.GRANTED,), S.ISSUED, (), WINDOW),
    Step("record_fee", "收费或减免", (S.GRANTED, S.ISSUED), None, ("LIC-08",), WINDOW),
    Step("publish", "公示许可决定", (S.GRANTED, S.ISSUED), None, ("LIC-07",), REVIEW),
    Step("change", "变更许可", (S.ISSUED,), None, ("LIC-09", "LIC-ITEM"), REVIEW, desk=False),
    Step("apply_renewal", "登记延续申请", (S.ISSUED,), None, ("LIC-06",), WINDOW, desk=False),
    Step("decide_renewal", "作出延续决定", (S.ISSUED,), None, ("LIC-06",), DECIDE),
    Step("withdraw", "撤回许可", (S.ISSUED,), S.WITHDRAWN, ("LIC-END",), LEADER, desk=False),
    Step("revoke", "撤销许可", (S.GRANTED, S.ISSUED), S.REVOKED, ("LIC-END",), LEADER, desk=False),
    Step("cancel", "注销许可", (S.ISSUED, S.WITHDRAWN, S.REVOKED), S.CANCELLED, ("LIC-END",), REVIEW, desk=False),
]
STEPS: dict[str, Step] = {s.action: s for s in TABLE}


@dataclass(frozen=True)
class Precondition:
    rule: str
    message: str
    holds: object  # (permit, on) -> bool


def _may_extend(p: Permit, on: date) -> bool:
    from fazhi.core.calendar import law_calendar
    from fazhi.permits.clock import clock_of

    return p.extended_on is None and clock_of(p).elapsed(law_calendar(), on) <= clock_of(p).base


PRECONDITIONS: dict[str, Precondition] = {
    "extend": Precondition("LIC-02", "决定期限只能延长一次，且须在二十个工作日的期限内批准", _may_extend),
    "schedule_hearing": Precondition("LIC-05", "本事项的办事指南未列明可以听证，或本申请已举行过听证",
                                     lambda p, on: p.item.hearing_may_apply and p.hearing_held_on is None),
    "record_fee": Precondition("LIC-08", "本许可没有待缴的费用", lambda p, on: p.fee_status == "due"),
    "publish": Precondition("LIC-07", "准予许可的决定已公示", lambda p, on: p.published_on is None),
    "change": Precondition("LIC-09", "许可有效期已届满，不能变更", lambda p, on: p.valid_until is None or on <= p.valid_until),
    "apply_renewal": Precondition(
        "LIC-06", "本许可没有有效期，或已有待决定的延续申请",
        lambda p, on: p.valid_until is not None and (p.renewal_applied_on is None or p.renewal_decided_on is not None)),
    "decide_renewal": Precondition(
        "LIC-06", "没有待决定的延续申请，或有效期已届满（届满前未作决定的，视为准予延续）",
        lambda p, on: p.renewal_applied_on is not None and p.renewal_decided_on is None
        and p.valid_until is not None and on <= p.valid_until),
}


def check_staff(by, p: Permit, who: str, what: str) -> None:
    """LIC-ROLE: the bureau's own window, reviewers and leaders, each for their part."""
    if by.is_superuser:
        return
    if by.entity is None or by.entity.pk != p.bureau_id:
        raise NotPermitted(f"只有{p.bureau.short_name}的工作人员可以办理该许可申请", "LIC-ROLE")
    if not by.has_role(*ROLES[who]):
        raise NotPermitted(f"“{what}”须由{WHO_LABEL[who]}办理", "LIC-ROLE")


def guard(p: Permit, by, t: Step, on: date) -> None:
    """Who (LIC-ROLE), state and the application's own preconditions."""
    check_staff(by, p, t.who, t.label)
    if p.status not in t.sources:
        raise violation("LIC-STATE", f"当前状态为“{p.get_status_display()}”，不能办理“{t.label}”")
    if t.action == "request_correction":  # LIC-01: once, within 5 WD of receipt (else accepted from receipt)
        from fazhi.core.calendar import law_calendar
        from fazhi.law.permits import check_correction_notice

        check_correction_notice(law_calendar(), p.received_on, on, ["—"], p.correction_on is not None)
    pre = PRECONDITIONS.get(t.action)
    if pre is not None and not pre.holds(p, on):  # type: ignore[operator]
        raise violation(pre.rule, pre.message)


# --- the context as the core's workflow machinery sees it -----------------------------------------------------------

DUE_STEP = {"correction": "accept", "decision": "decide", "certificate": "issue_certificate",
            "publication": "publish", "hearing": "record_hearing", "renewal": "decide_renewal"}


def _perform(p: Permit, t: Step, by, data: dict) -> Permit:
    from fazhi.permits.actions import ACTIONS

    data = dict(data)
    on, version = data.pop("on"), data.pop("expected_version", None)
    return ACTIONS[t.action](p, by=by, on=on, expected_version=version, **data)


def _load(user, uuid) -> Permit:
    from django.shortcuts import get_object_or_404

    from fazhi.org.access import Kind, require
    from fazhi.permits.queries import permits_for

    require(user, Kind.PERMITS)
    return get_object_or_404(permits_for(user), uuid=uuid)


def _open_work(user):
    from django.db.models import Q

    from fazhi.permits.models import OPEN, PermitStatus
    from fazhi.permits.queries import permits_for

    if user.entity is None:
        return []
    pending = (Q(status__in=OPEN) | Q(status=PermitStatus.ISSUED, published_on=None)
               | Q(status__in=(PermitStatus.ISSUED, PermitStatus.GRANTED), fee_status="due")
               | Q(status=PermitStatus.ISSUED, renewal_applied_on__isnull=False, renewal_decided_on=None))
    return (permits_for(user).filter(bureau_id=user.entity.pk).filter(pending)
            .select_related("item", "bureau").order_by("next_due", "id")[:200])


def _due(p: Permit, t: Step) -> date | None:
    from fazhi.permits.clock import step_due

    return step_due(p, t.action)


def _present(p: Permit, user) -> dict:
    from django.utils import timezone

    from fazhi.permits.queries import detail

    return detail(p, user, timezone.localdate())


def _workflow():
    from django.urls import reverse

    from fazhi.core.workflow import Workflow
    from fazhi.permits.schemas import SCHEMAS

    return Workflow("permits", "行政许可", tuple(TABLE), SCHEMAS, guard, _perform, _load,
                    url=lambda p: reverse("permit", args=[p.uuid]),
                    title=lambda p: f"{p.number} {p.item.name}（{p.applicant}）",
                    present=_present, open_work=_open_work, due=_due, op_prefix="permit")


WORKFLOW = _workflow()

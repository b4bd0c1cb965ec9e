"""The dispute workflow as a table: (state, action) → next state, who may take it, the rules that gate each step;
and the guard that decides who may take a step on a dispute now (fazhi.core.workflow).

`disputes.actions` executes these rows; nothing else writes `Dispute.status`. Writers are the bureau's 法制审核员
and its leaders (the 法律顾问 gives opinions on the disputes assigned to them)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fazhi.core.errors import NotPermitted
from fazhi.core.workflow import Step
from fazhi.disputes.models import Dispute
from fazhi.disputes.models import DisputeStatus as S
from fazhi.law.disputes import DisputeKind, against_bureau
from fazhi.law.rules import violation
from fazhi.org.models import LEADERS, Role

ALL = (S.RECEIVED, S.ANSWERED, S.RULED, S.CONCLUDED)
WRITERS = (Role.LEGAL_REVIEWER, *LEADERS)
WRITER = "writer"     # the bureau's 法制审核员 or a leader
ADVISER = "adviser"   # a writer, or the adviser assigned to the dispute

# Each row declares the rules its action refuses with (tests/test_refusal_pairs.py drives every pair). Rules a step
# serves without refusing are not listed on it: `receive` starts the answer clocks (DSP-02/DSP-04: `answer_due`),
# refused on the package in `file_answer`; a late answer is filed with its days late, not refused (REV-04/REV-09 set
# its due date); the hearing notice's lateness is flagged, not refused (DSP-03: the notice is the 复议机关's);
# `record_result` sets the appeal period (DSP-05, refused in `appeal` and `finalize`); DSP-08 (纠错率, 败诉率) is
# counted by the reports from the final result; REV-10 (a staff member appears instead) is refused in
# `record_hearing`, where the appearance is recorded.
TABLE: list[Step] = [
    Step("receive", "登记复议申请或起诉", (), S.RECEIVED, ("DSP-01", "REV-05"), WRITER),
    Step("receive_document", "登记收到的文书", ALL, None, ("DSP-02", "DSP-04"), WRITER, desk=False),
    Step("add_evidence", "列入证据清单", (S.RECEIVED, S.ANSWERED), None, ("DSP-04",), WRITER, desk=False),
    Step("file_answer", "提交答复（答辩）材料", (S.RECEIVED,), S.ANSWERED, ("DSP-02", "DSP-04"), WRITER),
    Step("arrange_appearance", "安排负责人出庭应诉", (S.RECEIVED, S.ANSWERED), None, ("DSP-06",), WRITER),
    Step("record_hearing", "登记开庭（听证）及出庭情况", (S.ANSWERED,), None, ("DSP-06", "REV-10"), WRITER),
    Step("record_result", "登记复议决定或裁判结果", (S.ANSWERED,), None, ("REV-07",), WRITER,
         (S.RULED, S.CONCLUDED, S.ANSWERED)),
    Step("appeal", "提起（应对）上诉", (S.RULED,), None, ("DSP-05",), WRITER, (S.RECEIVED, S.ANSWERED)),
    Step("finalize", "一审裁判发生法律效力", (S.RULED,), S.CONCLUDED, ("DSP-05",), WRITER),
    Step("open_retrial", "登记再审", (S.CONCLUDED,), S.ANSWERED, ("DSP-05",), WRITER, desk=False),
    Step("receive_opinion", "收到行政复议意见书", (S.ANSWERED, S.CONCLUDED), None, ("DSP-07",), WRITER, desk=False),
    Step("report_correction", "报送纠正情况", (S.ANSWERED, S.CONCLUDED), None, ("DSP-07",), WRITER),
    Step("record_performance", "履行复议决定或生效裁判", (S.CONCLUDED,), None, ("DSP-07",), WRITER),
    Step("assign_adviser", "指定法律顾问", ALL, None, ("DSP-ROLE",), WRITER, desk=False),
    Step("give_opinion", "出具法律意见", ALL, None, ("DSP-ROLE",), ADVISER),
]

STEPS: dict[str, Step] = {s.action: s for s in TABLE}


# --- whether a step can apply to this dispute at all --------------------------------------------------------------

@dataclass(frozen=True)
class Precondition:
    rule: str
    message: str
    holds: object  # (dispute) -> bool


PRECONDITIONS: dict[str, Precondition] = {
    "open_retrial": Precondition("DSP-05", "行政复议没有再审程序", lambda d: d.kind != DisputeKind.RECONSIDERATION),
    "receive_opinion": Precondition(
        "DSP-07", "行政复议意见书只在行政复议中制发，且只登记一次",
        lambda d: d.kind == DisputeKind.RECONSIDERATION and not d.opinion_received_on),
    "report_correction": Precondition("DSP-07", "尚未收到行政复议意见书，或纠正情况已报送",
                                      lambda d: bool(d.opinion_received_on) and not d.correction_reported_on),
    "record_performance": Precondition(
        "DSP-07", "只有撤销、变更、确认违法或责令履行等要求本机关履行的结果需要登记履行，且只登记一次",
        lambda d: not d.performed_on and bool(d.final_result) and against_bureau(d.final_result)),
}


def check_writer(by, bureau, what: str, *, adviser_of: Dispute | None = None) -> None:
    """Who writes a dispute: the 法制审核员 and leaders of the bureau that answers it; an adviser assigned to the
    dispute may give opinions (DSP-ROLE)."""
    if by.is_superuser:
        return
    if by.entity is None or by.entity.pk != bureau.pk:
        raise NotPermitted(f"只有{bureau.short_name}的工作人员可以{what}", "DSP-ROLE")
    if adviser_of is not None and adviser_of.adviser_id == by.pk:
        return
    if not by.has_role(*WRITERS):
        raise NotPermitted(f"“{what}”须由法制审核人员或机关负责人办理", "DSP-ROLE")


def guard(d: Dispute, by, t: Step, on: date) -> None:
    """Who (DSP-ROLE), state (CASE-STATE) and the dispute's own preconditions: what the action checks before its
    body, and what the pages ask to decide which steps to offer."""
    check_writer(by, d.bureau, t.label, adviser_of=d if t.who == ADVISER else None)
    if d.status not in t.sources:
        raise violation("CASE-STATE", f"当前状态为“{d.get_status_display()}”，不能办理“{t.label}”")
    p = PRECONDITIONS.get(t.action)
    if p is not None and not p.holds(d):  # type: ignore[operator]
        raise violation(p.rule, p.message)


# --- the context as the core's workflow machinery sees it -----------------------------------------------------------

DUE_STEP = {"answer": "file_answer", "defence": "file_answer", "appeal": "appeal", "correction": "report_correction"}


def _perform(d: Dispute, t: Step, by, data: dict) -> Dispute:
    from fazhi.disputes.actions import ACTIONS

    data = dict(data)
    on, version = data.pop("on"), data.pop("expected_version", None)
    return ACTIONS[t.action](d, by=by, on=on, expected_version=version, **data)


def _load(user, uuid) -> Dispute:
    from django.shortcuts import get_object_or_404

    from fazhi.disputes.queries import disputes_for
    from fazhi.org.access import Kind, require

    require(user, Kind.DISPUTES)
    return get_object_or_404(disputes_for(user), uuid=uuid)


def _open_work(user):
    """Open disputes of the user's own bureau, and those assigned to them as adviser."""
    from django.db.models import Q

    from fazhi.disputes.models import OPEN
    from fazhi.disputes.queries import disputes_for

    mine = Q(adviser_id=user.pk)
    if user.entity is not None:
        mine |= Q(bureau_id=user.entity.pk)
    pending = Q(status__in=OPEN) | Q(correction_due__isnull=False, correction_reported_on__isnull=True)
    return disputes_for(user).filter(mine).filter(pending).order_by("next_due", "id")[:200]


def _due(d: Dispute, t: Step) -> date | None:
    return d.next_due if DUE_STEP.get(d.next_due_what) == t.action else None


def _wants(d: Dispute, user, t: Step) -> bool:
    """An opinion is the assigned adviser's job until they gave one."""
    if t.action == "give_opinion":
        return d.adviser_id == user.pk and not d.opinions.filter(by=user).exists()
    return True


def _present(d: Dispute, user) -> dict:
    from django.utils import timezone

    from fazhi.disputes.queries import detail

    return detail(d, user, timezone.localdate())


def _workflow():
    from django.urls import reverse

    from fazhi.core.workflow import Workflow
    from fazhi.disputes.schemas import SCHEMAS

    return Workflow("disputes", "行政复议和行政应诉", tuple(TABLE), SCHEMAS, guard, _perform, _load,
                    url=lambda d: reverse("dispute", args=[d.uuid]),
                    title=lambda d: f"{d.number} {d.kind_label}（{d.applicant}）",
                    present=_present, open_work=_open_work, due=_due, op_prefix="dispute",
                    wants=_wants)


WORKFLOW = _workflow()

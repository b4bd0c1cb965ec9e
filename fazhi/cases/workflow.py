"""The penalty-case workflow as a table legal staff can read: (state, action) → next state, who may act,
which rules gate it, and which earlier step's date the action may not precede.

`cases.actions` executes these rows; nothing else writes `PenaltyCase.status`. Tests iterate over the table.
"""
from __future__ import annotations

from dataclasses import dataclass

from fazhi.cases.models import Procedure, Status
from fazhi.core.workflow import Step

S = Status
WORK = (S.INVESTIGATING, S.REPORTED, S.NOTIFIED, S.HEARING)


class Actor:
    """Who may take a step. Every actor must belong to the case's 执法主体."""

    OFFICER = "officer"            # certified 执法队员/中队长 of the bureau (creating a case)
    CASE_OFFICER = "case_officer"  # certified, assigned and not recused in this case (PEN-04, PEN-05)
    SQUAD_LEADER = "squad_leader"  # 中队长 or a leader
    LEADER = "leader"              # 负责人 or 分管领导
    HEAD = "head"                  # 正职负责人 only (TRF-01)
    REVIEWER = "reviewer"          # 法制审核员 (PEN-12)
    PRESIDER = "presider"          # the designated hearing presider (PEN-11)

    LABELS = {
        OFFICER: "持证执法人员", CASE_OFFICER: "本案承办人员", SQUAD_LEADER: "中队长或局领导",
        LEADER: "机关负责人（局长、分管领导）", HEAD: "机关正职负责人", REVIEWER: "法制审核人员",
        PRESIDER: "听证主持人",
    }


@dataclass(frozen=True)
class CaseStep(Step):
    """A row of the case table: the core's step (`who` is the Actor kind) with the procedures it belongs to and the
    case dates its effective date may not precede (CASE-DATE)."""

    procedures: tuple[str, ...] = ()
    after: tuple[str, ...] = ()   # case date fields the effective date may not precede (CASE-DATE)

    @property
    def actor(self) -> str:
        return self.who

    @property
    def actor_label(self) -> str:
        return Actor.LABELS[self.who]


def Transition(action: str, label: str, procedures: tuple[str, ...], sources: tuple[str, ...], target: str | None,
               actor: str, rules: tuple[str, ...], after: tuple[str, ...] = (),
               targets: tuple[str, ...] = ()) -> CaseStep:
    """A row written in the order legal staff read it: procedures and states first, then who, then the rules."""
    return CaseStep(action, label, sources, target, rules, actor, targets, action not in SIDE_STEPS, procedures, after)


# Steps a case may need but that are nobody's next job: offered on the case page, not listed on the 工作台.
SIDE_STEPS = {"reject_clue", "assign_officers", "recuse", "review_monitoring_record", "preserve_evidence",
              "dispose_preserved", "extend_deadline", "approve_departure", "waive_rights"}


G = (Procedure.GENERAL,)
SP = (Procedure.SIMPLE,)
BOTH = (Procedure.GENERAL, Procedure.SIMPLE)
A = Actor

# A row's rules are those its action refuses with (tests/test_refusal_pairs.py drives every pair) and, for a few, the
# rule the step's document carries by construction (PEN-28 on register/archive, REV-02/REV-03 in the decisions).
# Not listed where the step serves a rule another step refuses: the 90-day clock filing starts (PEN-06: refused in
# reject_clue, extend_deadline, decide); the hearing right the notice states (PEN-10: request_hearing); the payment
# period serving starts (PEN-17: record_payment); the late fee a payment or 催告 computes (PEN-18: close); the
# on-the-spot collection (PEN-03: decide_on_site, hand_over_fine); the 不予处罚 ground (PEN-21: conclude_investigation).
TABLE: list[CaseStep] = [
    # 普通程序 (B.1)
    Transition("register", "案源登记", G, (), S.CLUE, A.OFFICER, ("PEN-28",)),
    Transition("reject_clue", "不予立案", G, (S.CLUE,), S.CLOSED, A.LEADER, ("PEN-06",), ("discovered_on",)),
    Transition("file", "立案审批", G, (S.CLUE,), S.INVESTIGATING, A.LEADER, ("PEN-20", "PEN-04"),
               ("discovered_on",)),
    Transition("assign_officers", "指派承办人员", G, WORK, None, A.SQUAD_LEADER, ("PEN-04",), ("filed_on",)),
    Transition("recuse", "决定回避", G, WORK, None, A.LEADER, ("PEN-05", "PEN-04"), ("filed_on",)),
    Transition("add_evidence", "调查取证", G, WORK, None, A.CASE_OFFICER, ("PEN-26", "PEN-04"), ("filed_on",)),
    Transition("review_monitoring_record", "审核电子监控记录", G, WORK, None, A.CASE_OFFICER, ("PEN-27",),
               ("filed_on",)),
    Transition("preserve_evidence", "先行登记保存", G, (S.INVESTIGATING,), None, A.CASE_OFFICER, ("PEN-07",),
               ("filed_on",)),
    Transition("dispose_preserved", "登记保存物品处理", G, WORK + (S.DECIDED,), None, A.CASE_OFFICER, ("PEN-07",),
               ("filed_on",)),
    Transition("extend_deadline", "延长办案期限", G, WORK, None, A.LEADER, ("PEN-06",), ("filed_on",)),
    Transition("conclude_investigation", "调查终结", G, (S.INVESTIGATING,), None, A.CASE_OFFICER,
               ("PEN-14", "PEN-21", "PEN-33", "PEN-23"), ("filed_on",), (S.REPORTED, S.TRANSFERRING)),
    Transition("legal_review", "法制审核", G, (S.REPORTED, S.NOTIFIED), None, A.REVIEWER, ("PEN-12", "PEN-05"),
               ("reported_on", "hearing_held_on"), (S.REPORTED, S.NOTIFIED, S.INVESTIGATING)),
    Transition("approve_departure", "批准偏离裁量基准", G, (S.REPORTED, S.NOTIFIED), None, A.HEAD, ("DIS-04",),
               ("reported_on",)),
    Transition("deliberate", "集体讨论", G, (S.REPORTED, S.NOTIFIED), None, A.LEADER, ("PEN-13", "PEN-12"),
               ("reported_on", "review_on", "hearing_held_on")),
    Transition("notify", "事先告知", G, (S.REPORTED, S.NOTIFIED), S.NOTIFIED, A.CASE_OFFICER,
               ("PEN-08",), ("reported_on",)),
    Transition("record_statement", "陈述申辩及复核", G, (S.NOTIFIED,), None, A.CASE_OFFICER, ("PEN-09",),
               ("notified_on",)),
    Transition("waive_rights", "当事人放弃陈述申辩", G, (S.NOTIFIED,), None, A.CASE_OFFICER, ("PEN-08",),
               ("notified_on",)),
    Transition("request_hearing", "申请听证", G, (S.NOTIFIED,), S.HEARING, A.CASE_OFFICER, ("PEN-10", "PEN-11"),
               ("notified_on",)),
    Transition("schedule_hearing", "听证通知", G, (S.HEARING,), None, A.LEADER, ("PEN-11",),
               ("hearing_requested_on",)),
    Transition("hold_hearing", "举行听证", G, (S.HEARING,), S.NOTIFIED, A.PRESIDER, ("PEN-11", "PEN-09"),
               ("hearing_on",)),
    Transition("decide", "作出决定", G, (S.REPORTED, S.NOTIFIED), S.DECIDED, A.LEADER,
               ("PEN-06", "PEN-08", "PEN-09", "PEN-11", "PEN-12", "PEN-13", "PEN-15", "PEN-27", "PEN-31", "REV-03"),
               ("reported_on", "notified_on", "statement_on", "waived_on", "hearing_held_on", "review_on",
                "deliberated_on")),
    Transition("serve", "送达决定书", G, (S.DECIDED,), S.EXECUTING, A.CASE_OFFICER, ("PEN-16",),
               ("decided_on",)),
    Transition("record_payment", "登记缴款", BOTH, (S.EXECUTING, S.ENFORCING), None, A.CASE_OFFICER,
               ("PEN-17",), ("served_on",)),
    Transition("serve_demand", "催告", G, (S.EXECUTING,), S.ENFORCING, A.CASE_OFFICER, ("ENF-04", "ENF-10"),
               ("payment_due",)),
    Transition("apply_court", "申请法院强制执行", G, (S.ENFORCING,), None, A.LEADER,
               ("ENF-09", "ENF-10", "ENF-11"), ("demand_served_on",)),
    Transition("record_court_ruling", "登记法院裁定", G, (S.ENFORCING,), None, A.CASE_OFFICER, ("ENF-12",),
               ("court_applied_on",)),
    Transition("decide_transfer", "移送审批", G, (S.TRANSFERRING,), None, A.HEAD, ("TRF-01",),
               ("transfer_reported_on",), (S.CLOSED, S.INVESTIGATING)),
    Transition("close", "结案", BOTH, (S.EXECUTING, S.ENFORCING), S.CLOSED, A.LEADER, ("PEN-14", "PEN-18"),
               ("served_on", "paid_on", "court_applied_on")),
    Transition("archive", "归档", BOTH, (S.CLOSED,), S.ARCHIVED, A.SQUAD_LEADER, ("PEN-28",), ("closed_on",)),
    # 简易程序 (B.2)
    Transition("decide_on_site", "当场处罚决定", SP, (), S.EXECUTING, A.OFFICER,
               ("PEN-01", "PEN-02", "PEN-03", "PEN-04", "PEN-20", "REV-02")),
    Transition("hand_over_fine", "当场收缴罚款交机关", SP, (S.EXECUTING, S.CLOSED), None, A.CASE_OFFICER,
               ("PEN-03",), ("paid_on",)),
    Transition("file_record", "当场处罚备案", SP, (S.EXECUTING, S.CLOSED), None, A.SQUAD_LEADER, ("PEN-02",),
               ("decided_on",)),
]

TRANSITIONS: dict[str, CaseStep] = {t.action: t for t in TABLE}

# A date-order guard whose order a specific law imposes cites that law rather than the general CASE-DATE rule:
# 催告 for a court application comes only after the payment period lapsed (行政强制法 Art 53, 54 → ENF-10).
DATE_RULES: dict[tuple[str, str], str] = {
    ("serve_demand", "payment_due"): "ENF-10",
}


# --- whether a step can apply to this case at all ----------------------------------------------------------------
# The table says in which states a step may be taken; some steps also need a fact of the case. The case page offers
# a step only where its precondition holds, and the action refuses with the same rule and message where it does
# not: one check, two users (cases.queries.available_actions and cases.actions.transition).

@dataclass(frozen=True)
class Precondition:
    rule: str
    message: str
    holds: object  # (case) -> bool


def _unpaid(case) -> bool:
    return case.fine > 0 and case.paid_fine < case.fine


PRECONDITIONS: dict[str, Precondition] = {
    "request_hearing": Precondition("PEN-10", "本案拟作出的处罚不属于应当告知听证权利的情形，或当事人已放弃听证",
                                    lambda c: bool(c.hearing_right) and not c.waived_on),
    "record_payment": Precondition("PEN-17", "罚款已全部缴清", _unpaid),
    "serve_demand": Precondition("ENF-10", "罚款已全部缴清，无需催告", _unpaid),
    "apply_court": Precondition("ENF-09", "罚款已全部缴清，无需申请强制执行", _unpaid),
    "hand_over_fine": Precondition("PEN-03", "本案没有待上交的当场收缴罚款",
                                   lambda c: bool(c.collected_on_spot) and not c.handed_over_on),
    "file_record": Precondition("PEN-02", "本决定已备案", lambda c: not c.filed_record_on),
}


def unmet(action: str, case) -> Precondition | None:
    """The precondition of `action` that `case` does not meet, if any."""
    p = PRECONDITIONS.get(action)
    return p if p is not None and not p.holds(case) else None


def guard(case, by, t: CaseStep, on) -> None:
    """Who (role, bureau, certificate, assignment, recusal), procedure and state: what the action checks first
    (cases.actions), and with `precondition` what the case page and the 工作台 ask to decide which steps to offer
    (fazhi.core.workflow)."""
    from fazhi.cases.actions.machinery import _check_actor
    from fazhi.law.rules import violation

    _check_actor(t, case, by, on)  # who first: a stranger learns nothing about the state
    if case.procedure not in t.procedures or case.status not in t.sources:
        raise violation("CASE-STATE", f"案件当前状态为“{case.get_status_display()}”，不能办理“{t.label}”",
                        status=case.status)


# --- the context as the core's workflow machinery sees it -----------------------------------------------------------

def precondition(case, t: Step) -> None:
    """The case's facts that rule the step out (after CASE-DATE in the action, so a date error is not masked)."""
    from fazhi.law.rules import violation

    if (p := unmet(t.action, case)) is not None:
        raise violation(p.rule, p.message)


def _perform(case, t: Step, by, data: dict):
    from fazhi.cases.actions import ACTIONS
    from fazhi.cases.schemas import kwargs_from

    kw, on, version = kwargs_from(data)
    return ACTIONS[t.action](case, by=by, on=on, expected_version=version, **kw)


def _load(user, uuid):
    from django.shortcuts import get_object_or_404

    from fazhi.cases.queries import detail_queryset
    from fazhi.org.access import Kind, require

    require(user, Kind.CASES)
    return get_object_or_404(detail_queryset(user), uuid=uuid)


def _open_work(user):
    """Open cases of the user's own bureau in a state where someone has a step; an officer's own cases only (an
    officer acts on the cases assigned to them), a reviewer's those awaiting review. Nearest deadline first."""
    from django.db.models import F

    from fazhi.cases.queries import list_queryset
    from fazhi.org.models import LEADERS, Role

    if user.entity is None:
        return []
    qs = list_queryset(user).filter(bureau_id=user.entity.pk,
                                    status__in={s for t in TABLE for s in t.sources})
    if not user.has_role(Role.SQUAD_LEADER, Role.LEGAL_REVIEWER, *LEADERS):
        qs = qs.filter(officers__staff=user, officers__recused_on__isnull=True)
    elif not user.has_role(Role.SQUAD_LEADER, *LEADERS) and not user.has_role(Role.OFFICER):
        qs = qs.filter(status__in=(S.REPORTED, S.NOTIFIED))
    return (qs.select_related("bureau").prefetch_related("officers")
            .order_by(F("next_due").asc(nulls_last=True), "-id")[:WORK_LIMIT])


WORK_LIMIT = 200  # records per context asked about for one 工作台 (nearest deadlines first)


def _due(case, t: Step):
    return case.next_due if case.next_due_rule and case.next_due_rule in t.rules else None


def _wants(case, user, t: Step) -> bool:
    """What is someone's job now, in the order PEN-12/PEN-13 set: the review of a proposal that needs one and has
    none, then the deliberation, then the decision (each offered on the case page all along)."""
    from fazhi.cases.actions import _deliberation_required, _review_required

    if t.action not in ("legal_review", "deliberate", "decide"):
        return True
    reviewed = case.review_passed_rev == case.proposal_rev or not _review_required(case)
    if t.action == "legal_review":
        return not reviewed
    discussed = case.deliberated_rev == case.proposal_rev or not _deliberation_required(case)
    if t.action == "deliberate":
        return reviewed and not discussed
    return reviewed and discussed


def _present(case, user) -> dict:
    from django.utils import timezone

    from fazhi.cases.queries import detail

    return detail(case, user, timezone.localdate())


def _title(case) -> str:
    return f"{case.decision_no or case.case_no or '案源'} {case.party_name}（{case.cause}）"


def _workflow():
    from django.urls import reverse

    from fazhi.cases.schemas import ACTION_SCHEMAS
    from fazhi.core.workflow import Workflow

    return Workflow("cases", "行政处罚案件", tuple(TABLE), ACTION_SCHEMAS, guard, _perform, _load,
                    url=lambda c: reverse("case", kwargs={"case_id": c.uuid}), title=_title, present=_present,
                    open_work=_open_work, due=_due, op_prefix="case", precondition=precondition,
                    wants=_wants)


WORKFLOW = _workflow()

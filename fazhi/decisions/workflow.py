"""A major decision's procedure and the 法制科's legal reviews as tables of `fazhi.core.workflow.Step`s, and the
guards that decide who may take a step on a record now (who, stage and the record's own preconditions).

`decisions.actions` runs every step through `check(WORKFLOW, ...)` / `check(REVIEWS, ...)` first, inside its
transaction; the pages and the 工作台 ask `offered` with the same guard. Who: `unit` is the decision's 承办人 or a
leader of the bureau, `head` the 行政首长 (主要负责人), `leader` any leader; a review's `adviser` is a 法律顾问 in the
bureau's register, its `reviewer` a 法制审核员 of the bureau."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

from fazhi.core.errors import NotPermitted
from fazhi.core.workflow import Step, Workflow
from fazhi.decisions.models import Decision, Review, ReviewStatus
from fazhi.decisions.models import Status as S
from fazhi.law.rules import violation
from fazhi.org.models import LEADERS, Role

FORMING = (S.DRAFTING, S.CONSULTING)
UNIT, HEAD, LEADER = "unit", "head", "leader"

#     action               label            sources                  target         rules                       who
TABLE: list[Step] = [
    Step("save_draft", "拟订决策草案", FORMING, None, ("MJD-ROLE",), UNIT),
    Step("open_consultation", "公开征求意见", (S.DRAFTING,), S.CONSULTING, ("MJD-02",), UNIT),
    Step("announce_hearing", "公布听证会", (S.CONSULTING,), None, ("MJD-02",), UNIT),
    Step("hold_hearing", "举行听证会", (S.CONSULTING,), None, ("MJD-02",), UNIT),
    Step("close_consultation", "公布意见采纳情况", (S.CONSULTING,), S.DRAFTING, ("MJD-02",), UNIT),
    Step("add_expert", "专家论证", FORMING, None, ("MJD-03",), UNIT),
    Step("assess_risk", "风险评估", FORMING, None, ("MJD-03",), UNIT),
    Step("submit_review", "送请合法性审查", (S.DRAFTING,), S.REVIEWING, ("MJD-02", "MJD-03", "MJD-04"), UNIT),
    Step("deliberate", "集体讨论决定", (S.REVIEWED,), None, ("MJD-04", "MJD-05"), HEAD, (S.DECIDED, S.CLOSED)),
    Step("publish", "决策公布", (S.DECIDED,), S.PUBLISHED, ("MJD-06",), UNIT),
    Step("archive", "归档", (S.DECIDED, S.PUBLISHED, S.CLOSED), S.ARCHIVED, ("MJD-06",), UNIT),
    Step("evaluate", "决策后评估", (S.ARCHIVED,), S.EVALUATED, ("MJD-06",), LEADER),
]
STEPS: dict[str, Step] = {s.action: s for s in TABLE}
BY_ACTION = STEPS  # the name the actions and older callers use


# --- whether a step can apply to this decision at all -------------------------------------------------------------

def _open_consultation(d: Decision) -> None:
    if not d.needs("participation"):
        raise violation("MJD-02", "该决策事项已说明不履行公众参与程序")
    if d.consult_closed_on:
        raise violation("MJD-02", "已完成公开征求意见")
    if not d.draft_rev:
        raise violation("MJD-ROLE", "决策承办单位应当先拟订决策草案")


def _announce_hearing(d: Decision) -> None:
    if d.hearing_on:
        raise violation("MJD-02", "听证会已经公布")


def _hold_hearing(d: Decision) -> None:
    if not d.hearing_on or d.hearing_held_on:
        raise violation("MJD-02", "尚未公布听证会，或听证会已举行")


def _close_consultation(d: Decision) -> None:
    if d.hearing_on and not d.hearing_held_on:
        raise violation("MJD-02", "已公布的听证会尚未举行")


def missing_steps(d: Decision) -> list[str]:
    """The steps the item needs that are not done yet (the gate of submit_review; also shown on the page)."""
    out = []
    if not d.draft_rev:
        out.append("拟订决策草案")
    if d.needs("participation") and not d.consult_closed_on:
        out.append("公众参与")
    if d.needs("experts") and not d.experts.exists():
        out.append("专家论证")
    if d.needs("risk") and not d.risk_on:
        out.append("风险评估")
    return out


def _submit_review(d: Decision) -> None:
    missing = missing_steps(d)
    if missing:
        rule = "MJD-02" if "公众参与" in missing else "MJD-03" if missing != ["拟订决策草案"] else "MJD-ROLE"
        raise violation(rule, f"尚未履行{'、'.join(missing)}程序，不得送请合法性审查")


PRECONDITIONS: dict[str, Callable[[Decision], None]] = {
    "open_consultation": _open_consultation,
    "announce_hearing": _announce_hearing,
    "hold_hearing": _hold_hearing,
    "close_consultation": _close_consultation,
    "submit_review": _submit_review,
}


def guard(d: Decision, by, t: Step, on: date) -> None:
    """Who (MJD-ROLE), stage and the decision's own preconditions: what the action checks before its body and what
    the page offers."""
    if by is None or by.entity is None or by.entity.pk != d.bureau_id:
        raise NotPermitted("只有本机关工作人员可以办理", "MJD-ROLE")
    if t.who == HEAD and not by.has_role(Role.HEAD):
        raise NotPermitted(f"{t.label}由行政首长（主要负责人）主持并作出决定", "MJD-ROLE")
    if t.who == LEADER and not by.has_role(*LEADERS):
        raise NotPermitted(f"{t.label}由机关负责人组织", "MJD-ROLE")
    if t.who == UNIT and by.pk != d.lead_id and not by.has_role(*LEADERS):
        raise NotPermitted(f"{t.label}由决策承办人员或机关负责人办理", "MJD-ROLE")
    if d.status not in t.sources:
        if t.action == "deliberate" and d.status in (*FORMING, S.REVIEWING):
            raise violation("MJD-04", "决策草案未经合法性审查或者经审查不合法的，不得提交决策机关讨论"
                                      f"（当前处于“{d.get_status_display()}”阶段）")
        raise violation(t.rules[0], f"该决策当前处于“{d.get_status_display()}”阶段，不能办理“{t.label}”")
    pre = PRECONDITIONS.get(t.action)
    if pre is not None:
        pre(d)


# --- legal reviews (MJD-04, MJD-07) -------------------------------------------------------------------------------

ADVISER, REVIEWER = "adviser", "reviewer"
REVIEW_TABLE: list[Step] = [
    Step("adviser_opinion", "提出法律意见", (ReviewStatus.OPEN,), None, ("MJD-07",), ADVISER),
    Step("complete", "出具审查意见", (ReviewStatus.OPEN,), ReviewStatus.DONE, ("MJD-04", "MJD-07"), REVIEWER),
]
REVIEW_STEPS: dict[str, Step] = {s.action: s for s in REVIEW_TABLE}


def adviser_of(r: Review, by):
    """The register entry of `by` as the bureau's adviser (the latest contract), or None."""
    from fazhi.decisions.models import Adviser

    return Adviser.objects.filter(bureau_id=r.bureau_id, staff=by).order_by("-contract_until").first()


def review_guard(r: Review, by, t: Step, on: date) -> None:
    from fazhi.law import decisions as D

    if t.who == ADVISER:
        if by is None or not by.has_role(Role.LEGAL_ADVISER):
            raise NotPermitted("法律意见由本机关的法律顾问或公职律师提出", "MJD-ROLE")
        a = adviser_of(r, by)
        if a is None:
            raise NotPermitted("您不在本机关法律顾问名册内", "MJD-ROLE")
        D.check_adviser_contract(contract_from=a.contract_from, contract_until=a.contract_until, on=on, name=a.name)
    elif by is None or by.entity is None or by.entity.pk != r.bureau_id or not by.has_role(Role.LEGAL_REVIEWER):
        raise NotPermitted("合法性审查和其他法律审查由本机关法制审核人员办理", "MJD-ROLE")
    if r.status not in t.sources:
        raise violation("MJD-07", "该审查已出具意见")
    if t.action == "adviser_opinion" and r.adviser_id:
        raise violation("MJD-07", "法律顾问已提出法律意见")


def may_attach(r: Review, by) -> None:
    """Who attaches the reviewed document: the bureau's 法制审核员 or a leader, and the adviser in its register."""
    if by is not None and by.entity is not None and by.entity.pk == r.bureau_id \
            and by.has_role(Role.LEGAL_REVIEWER, *LEADERS):
        return
    if by is not None and by.has_role(Role.LEGAL_ADVISER) and adviser_of(r, by) is not None:
        return
    raise NotPermitted("送审文件由本机关法制审核人员或法律顾问附入", "MJD-ROLE")


# --- the contexts as the core's workflow machinery sees them --------------------------------------------------------

def _perform(d: Decision, t: Step, by, data: dict):
    from fazhi.decisions.actions import ACTIONS

    data = dict(data)
    return ACTIONS[t.action](d, by=by, on=data.pop("on"), **data)


def _load(user, uuid) -> Decision:
    from django.shortcuts import get_object_or_404

    from fazhi.decisions.queries import scoped
    from fazhi.org.access import Kind, require

    require(user, Kind.DECISIONS)
    return get_object_or_404(scoped(Decision.objects.select_related("bureau", "lead", "item"), user), uuid=uuid)


def _present(d: Decision, user) -> dict:
    from fazhi.decisions.queries import decision_detail

    return decision_detail(d, user)


def _open_work(user):
    """Open decisions of the user's own bureau (the 承办人's, and every one for its leaders)."""
    if user is None or user.entity is None:
        return Decision.objects.none()
    return (Decision.objects.filter(bureau_id=user.entity.pk)
            .exclude(status__in=(S.EVALUATED, S.CLOSED)).select_related("bureau", "lead").order_by("id")[:200])


def _due(d: Decision, t: Step) -> date | None:
    """The dates the law fixes for a step: the end of the comment period for closing it."""
    if t.action == "close_consultation":
        return d.consult_ends_on
    return None


def _review_perform(r: Review, t: Step, by, data: dict):
    from fazhi.decisions import actions as A

    data = dict(data)
    on = data.pop("on")
    if t.action == "adviser_opinion":
        return A.give_adviser_opinion(r, by=by, on=on, **data)
    return A.complete_review(r, by=by, on=on, **data)


def _review_load(user, uuid) -> Review:
    from django.shortcuts import get_object_or_404

    from fazhi.decisions.queries import queue
    from fazhi.org.access import Kind, require

    require(user, Kind.DECISIONS)
    return get_object_or_404(queue(user), uuid=uuid)


def _review_present(r: Review, user) -> dict:
    from fazhi.decisions.queries import review_row

    return review_row(r, full=True)


def _review_open_work(user):
    """Open reviews of the bureaus the user works for: the 法制审核员's own bureau, and every bureau whose adviser
    register names the user (the 法律顾问 sees those waiting for their opinion)."""
    from fazhi.decisions.models import Adviser

    if user is None or not user.is_authenticated:
        return Review.objects.none()
    bureaus = set(Adviser.objects.filter(staff=user).values_list("bureau_id", flat=True))
    if user.entity is not None:
        bureaus.add(user.entity.pk)
    return (Review.objects.filter(bureau_id__in=bureaus, status=ReviewStatus.OPEN)
            .select_related("bureau", "decision").order_by("due_on", "id")[:200])


def _workflows() -> tuple[Workflow, Workflow]:
    from django.urls import reverse

    from fazhi.decisions.schemas import REVIEW_SCHEMAS, SCHEMAS

    decisions = Workflow("decisions", "重大行政决策", tuple(TABLE), SCHEMAS, guard, _perform, _load,
                         url=lambda d: reverse("decision", args=[d.uuid]), title=lambda d: d.title,
                         present=_present, open_work=_open_work, due=_due, op_prefix="decision")
    reviews = Workflow("legal-reviews", "合法性审查和法律审查", tuple(REVIEW_TABLE), REVIEW_SCHEMAS, review_guard,
                       _review_perform, _review_load, url=lambda r: reverse("decisions_review", args=[r.uuid]),
                       title=lambda r: f"{r.get_kind_display()}：{r.subject}", present=_review_present,
                       open_work=_review_open_work, due=lambda r, t: r.due_on, op_prefix="legal_review")
    return decisions, reviews


WORKFLOW, REVIEWS = _workflows()

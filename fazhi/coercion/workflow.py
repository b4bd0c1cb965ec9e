"""行政强制 as a table (fazhi.core.workflow): the steps of a 查封/扣押 and of the bureau's own 强制拆除, who may take each
and the guard that decides whether `by` may take a step on a measure now.

- A measure is opened on its penalty case by one of the case's certified 承办人员 (the case page offers "采取查封扣押"
  and, on a served decision, "启动强制拆除程序"); the penalty case's own table is not touched.
- The 行政机关负责人 (局长, 副局长 of the case's bureau) approves beforehand (ENF-01), or afterwards within 24 hours
  for an emergency measure (ENF-02), extends once (ENF-03), decides on the items and releases them (ENF-03, Art
  27–28); the case's officers take the measure on the spot, publish the 公告, serve the 催告 and record the execution.

`coercion.actions` runs this guard first inside its transaction; the pages and the 工作台 ask the same guard."""
from __future__ import annotations

from datetime import date

from fazhi.coercion.models import Measure
from fazhi.coercion.models import Status as S
from fazhi.core.errors import NotPermitted
from fazhi.core.workflow import Step, Workflow
from fazhi.law import coercion as R
from fazhi.law.rules import violation
from fazhi.org.models import LEADERS, Role

OFFICER = "officer"   # a certified 承办人员 of the case, not recused
LEADER = "leader"     # a 负责人 of the case's bureau

# Each row declares the rules its action refuses with (tests/test_refusal_pairs.py drives every pair). `take` sets the
# 24-hour report deadline of an emergency measure (ENF-02), refused in `ratify`; `approve` and `refuse` are the
# 负责人's decision itself (ENF-01 Art 18 (1)): only who (CO-ROLE), state and date refuse them; the party's own
# demolition or performance of the agreement is recorded, not refused (ENF-06, ENF-08 gate `execute` and `agree`).
TABLE: list[Step] = [
    Step("take", "采取查封扣押", (), S.REQUESTED, ("ENF-01", "ENF-03"), OFFICER, (S.REQUESTED, S.SEIZED)),
    Step("approve", "批准查封扣押", (S.REQUESTED,), S.APPROVED, (), LEADER),
    Step("refuse", "不予批准", (S.REQUESTED,), S.REFUSED, (), LEADER, desk=False),
    Step("seize", "实施查封扣押并交付决定书和清单", (S.APPROVED,), S.SEIZED, ("ENF-01", "ENF-03", "REC-01"), OFFICER),
    Step("ratify", "补办批准（紧急情况当场实施）", (S.SEIZED,), None, ("ENF-02",), LEADER, (S.SEIZED, S.RELEASED)),
    Step("extend", "延长查封扣押期限", (S.SEIZED,), None, ("ENF-03",), LEADER, desk=False),
    Step("dispose", "对查封扣押物品作出处理决定", (S.SEIZED,), S.DISPOSED, ("ENF-03",), LEADER),
    Step("release", "解除查封扣押", (S.SEIZED,), S.RELEASED, ("ENF-03",), LEADER),
    Step("start_demolition", "启动强制拆除程序", (), S.ORDERED, ("ENF-06",), OFFICER),
    Step("announce", "公告限期自行拆除", (S.ORDERED,), S.ANNOUNCED, ("ENF-06",), OFFICER),
    Step("demand", "催告", (S.ANNOUNCED,), S.DEMANDED, ("ENF-04",), OFFICER),
    Step("agree", "达成执行协议", (S.DEMANDED,), S.AGREED, ("ENF-08",), LEADER, desk=False),
    Step("resume", "恢复强制执行（不履行执行协议）", (S.AGREED,), S.DEMANDED, ("ENF-08",), LEADER, desk=False),
    Step("execute", "强制拆除", (S.DEMANDED,), S.EXECUTED, ("ENF-05", "ENF-06", "REC-01"), OFFICER),
    Step("record_performance", "当事人自行拆除（履行完毕）", (S.ANNOUNCED, S.DEMANDED, S.AGREED), S.PERFORMED,
         (), OFFICER, desk=False),
]
STEPS: dict[str, Step] = {s.action: s for s in TABLE}
SEIZURE_STEPS = {"take", "approve", "refuse", "seize", "ratify", "extend", "dispose", "release"}


def check_officer(case, by, what: str, on: date) -> None:
    """A certified, assigned and not recused 承办人员 of the case (ENF-01 Art 18 (2), PEN-04)."""
    if by.entity is None or by.entity.pk != case.bureau_id:
        raise NotPermitted(f"只有本案执法主体的工作人员可以办理“{what}”", "CO-ROLE")
    if not by.has_role(Role.OFFICER, Role.SQUAD_LEADER):
        raise NotPermitted(f"“{what}”须由持证执法人员办理", "CO-ROLE")
    if not by.is_certified_on(on):
        raise violation("ENF-01", f"{by}于{on:%Y年%m月%d日}未持有有效的行政执法证件，不得实施行政强制")
    if by.pk not in case.officer_ids:
        raise NotPermitted(f"“{what}”须由本案承办人员办理", "CO-ROLE")


def check_leader(bureau_id: int, by, what: str) -> None:
    """The 行政机关负责人 of the bureau (ENF-01 Art 18 (1), ENF-02, ENF-03 Art 25)."""
    if by.entity is None or by.entity.pk != bureau_id or not by.has_role(*LEADERS):
        raise NotPermitted(f"“{what}”须由本机关负责人办理", "CO-ROLE")


def _precondition(m: Measure, t: Step, on: date) -> None:
    from fazhi.coercion.actions import limit_of

    if t.action in SEIZURE_STEPS and not m.seizure:
        raise violation("CO-STATE", f"强制拆除不能办理“{t.label}”")
    pending = bool(m.emergency) and m.approved_at is None
    if t.action == "ratify" and not pending:
        raise violation("ENF-02", "只有紧急情况下当场实施、尚未补办批准的查封扣押需要补办批准")
    if t.action in ("extend", "dispose") and pending:
        raise violation("ENF-02", "当场实施的查封扣押尚未补办批准，应当先向负责人报告并补办批准手续")
    if t.action == "extend" and m.extended_on:
        raise violation("ENF-03", "查封、扣押期限只能延长一次，延长期限不得超过三十日")
    if t.action in ("extend", "dispose"):
        R.check_within_limit(limit_of(m), on, "延长期限" if t.action == "extend" else "作出没收、销毁的处理决定")


def guard(m: Measure, by, t: Step, on: date) -> None:
    """Who (CO-ROLE), state (CO-STATE), and the measure's own preconditions (ENF-02, ENF-03)."""
    if t.who == LEADER:
        check_leader(m.bureau_id, by, t.label)
    else:
        check_officer(m.case, by, t.label, on)
    if m.status not in t.sources:
        raise violation("CO-STATE", f"当前状态为“{m.get_status_display()}”，不能办理“{t.label}”")
    _precondition(m, t, on)


def may_open(case, by, on: date, action: str) -> bool:
    """Whether the case page offers "采取查封扣押" (an open case) or "启动强制拆除程序" (a served decision) to `by`."""
    from fazhi.cases.models import OPEN_STATUSES

    try:
        check_officer(case, by, STEPS[action].label, on)
    except Exception:  # noqa: BLE001 — NotPermitted or a RuleViolation: not offered
        return False
    if action == "take":
        return case.status in OPEN_STATUSES
    return bool(case.decision_no and case.served_on) and case.status in OPEN_STATUSES


# --- the context as the core's workflow machinery sees it -----------------------------------------------------------

def _perform(m: Measure, t: Step, by, data: dict) -> Measure:
    from fazhi.coercion.actions import ACTIONS

    data = dict(data)
    on, version = data.pop("on"), data.pop("expected_version", None)
    return ACTIONS[t.action](m, by=by, on=on, expected_version=version, **data)


def _load(user, uuid) -> Measure:
    from django.shortcuts import get_object_or_404

    from fazhi.coercion.queries import measures_for
    from fazhi.org.access import Kind, require

    require(user, Kind.CASES)
    return get_object_or_404(measures_for(user), uuid=uuid)


def _open_work(user):
    from fazhi.coercion.models import OPEN
    from fazhi.coercion.queries import measures_for

    if user.entity is None:
        return Measure.objects.none()
    return (measures_for(user).filter(bureau_id=user.entity.pk, status__in=OPEN)
            .select_related("case", "bureau").order_by("due", "id")[:200])


def _due(m: Measure, t: Step) -> date | None:
    from django.utils import timezone

    if t.action == "ratify" and m.report_due_at:
        return timezone.localtime(m.report_due_at).date()
    if t.action in ("dispose", "release", "extend"):
        return m.due
    if t.action == "demand":
        return m.notice_deadline
    if t.action == "execute":
        return m.demand_deadline
    return None


def _wants(m: Measure, user, t: Step) -> bool:
    """Within the limit the 负责人's job is the decision on the items; past it (or refused), the release."""
    from django.utils import timezone

    if t.action == "release":
        return m.due is not None and m.due < timezone.localdate()
    return True


def _present(m: Measure, user) -> dict:
    from django.utils import timezone

    from fazhi.coercion.queries import detail

    return detail(m, user, timezone.localdate())


def _workflow() -> Workflow:
    from django.urls import reverse

    from fazhi.coercion.schemas import SCHEMAS

    return Workflow("coercion", "行政强制", tuple(TABLE), SCHEMAS, guard, _perform, _load,
                    url=lambda m: reverse("measure", args=[m.uuid]),
                    title=lambda m: f"{m.number} {m.get_kind_display()}（{m.case.party_name}）",
                    present=_present, open_work=_open_work, due=_due, op_prefix="measure", wants=_wants)


WORKFLOW = _workflow()

"""The machinery every case action shares: the `@transition` wrapper (lock, actor and state checks, body, version,
deadlines, event, the changed columns written — one transaction), the checks of who may act and of every date an
action records (CASE-DATE), `_finish`, lateness of a step taken late, and the signals other contexts listen to."""
from __future__ import annotations

import copy
import functools
import logging
from datetime import date

from django.db import models, transaction
from django.dispatch import Signal
from django.utils import timezone

from fazhi.cases.deadlines import refresh_deadlines
from fazhi.cases.models import PenaltyCase, Status
from fazhi.cases.workflow import DATE_RULES, TRANSITIONS, WORKFLOW, Actor, Transition
from fazhi.core import rows
from fazhi.core.calendar import law_calendar
from fazhi.core.errors import Conflict, NotPermitted
from fazhi.core.events import EVENT_ROWS, next_event
from fazhi.core.rows import Rows
from fazhi.core.workflow import check, check_precondition
from fazhi.law.basis import RuleViolation
from fazhi.law.calendar import LawCalendar
from fazhi.law.periods import DayKind, Period, working_days_after
from fazhi.law.rules import violation
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

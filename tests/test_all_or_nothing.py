"""All or nothing: an action checks everything, then writes; a refused action changes no row of any table.

Two tests: every action of the workflow table driven, in every state and by every kind of person, into the
refusals it meets with its minimal arguments (state, role, date, missing facts); and a property test over random
action sequences on a small set of cases, checking every table before and after each refused step."""
from __future__ import annotations

import hashlib
from datetime import date, timedelta

import pytest
from django.apps import apps
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fazhi.cases import actions as A
from fazhi.cases.models import PenaltyCase, Procedure, Status
from fazhi.cases.workflow import TABLE, Actor
from fazhi.law.basis import RuleViolation
from fazhi.org.models import Staff

D0 = date(2026, 3, 2)
PEOPLE = ("hetang_officer1", "hetang_officer2", "hetang_head", "hetang_deputy", "hetang_reviewer", "hetang_squad1")


FULL = {"cases", "core", "disclosure", "citydesk", "inspections", "reports"}  # the apps whose rows actions write


def rows_digest() -> dict[str, object]:
    """Every row of the tables actions write (auto-created M2M tables included), one digest per table; the row
    count of every other table (the org and catalogue tables are large and written by no case action)."""
    out = {}
    for model in apps.get_models(include_auto_created=True):
        if not model._meta.managed or model._meta.proxy:
            continue
        qs = model._base_manager.all()
        if model._meta.app_label in FULL:
            out[model._meta.label] = hashlib.sha256(repr(list(qs.order_by("pk").values_list())).encode()).hexdigest()
        else:
            out[model._meta.label] = qs.count()
    return out


def changed(before: dict, after: dict) -> list[str]:
    return [k for k in before if before[k] != after.get(k)]


def _register(people, on=D0):
    return A.register(by=people["hetang_officer1"], on=on, party_kind="org", party_name="株洲市恒达商贸有限公司",
                      party_address="湖南省株洲市建设中路1号", cause="擅自堆放物料", act_on=on - timedelta(days=1),
                      discovered_on=on,
                      penalty_provision="《城市市容和环境卫生管理条例》第三十六条")


@pytest.fixture
def people(org):
    return {u: Staff.objects.select_related("bureau__parent").get(username=u) for u in PEOPLE}


ACTING = {Actor.OFFICER: "hetang_officer1", Actor.CASE_OFFICER: "hetang_officer1", Actor.SQUAD_LEADER: "hetang_squad1",
          Actor.LEADER: "hetang_head", Actor.HEAD: "hetang_head", Actor.REVIEWER: "hetang_reviewer",
          Actor.PRESIDER: "hetang_reviewer"}
OUTSIDER = {Actor.REVIEWER: "hetang_officer2"}


def test_every_action_refused_changes_no_row(people):
    """Each row of the table driven into the refusals its table declares for everyone: the wrong person
    (CASE-ROLE), the wrong state (CASE-STATE), a future date (CASE-DATE), and in its own state by its own actor
    with no facts given (the body's refusals, or a missing argument). Whatever it meets, the database is as it
    was."""
    case = _register(people)
    PenaltyCase.objects.filter(pk=case.pk).update(officer_ids=[people["hetang_officer1"].pk])
    refusals = set()
    for t in TABLE:
        if not t.sources:
            continue
        fn = A.ACTIONS[t.action]
        right = ACTING[t.actor]
        wrong_state = next(s for s in Status.values if s not in t.sources)
        tries = [(t.sources[0], OUTSIDER.get(t.actor, "hetang_reviewer"), D0 + timedelta(days=10)),
                 (wrong_state, right, D0 + timedelta(days=10)),
                 (t.sources[0], right, date.today() + timedelta(days=1)),
                 (t.sources[0], right, D0 + timedelta(days=10))]
        for status, who, on in tries:
            PenaltyCase.objects.filter(pk=case.pk).update(status=status, procedure=t.procedures[0])
            before = rows_digest()
            try:
                with transaction.atomic():
                    fn(case, by=people[who], on=on)
            except RuleViolation as e:
                refusals.add((t.action, e.code))
            except (TypeError, ValueError, KeyError, AttributeError):
                pass
            else:
                continue  # a step that succeeded may write
            assert changed(before, rows_digest()) == [], (t.action, status, who, on)
    codes = {c for _, c in refusals}
    assert {"CASE-STATE", "CASE-ROLE", "CASE-DATE"} <= codes
    assert len({a for a, _ in refusals}) == len([t for t in TABLE if t.sources])  # every action refused somewhere


# --- the property test ------------------------------------------------------------------------------

def _moves(people, today):
    """Each move: an action and arguments that are lawful in the right state, so random sequences go deep."""
    head = people["hetang_head"]
    return {
        "file": dict(officers=[people["hetang_officer1"], people["hetang_officer2"]]),
        "add_evidence": dict(kind="documentary", title="现场照片"),  # not a 笔录: no record times to date
        "preserve_evidence": dict(items="三轮车一辆", approved_by=head),
        "extend_deadline": dict(days=30, reason="案情复杂"),
        "conclude_investigation": dict(outcome="penalty", facts="经查属实", kinds=["fine"], fine="5000"),
        "conclude_hearing_size": dict(outcome="penalty", facts="经查属实", kinds=["fine"], fine="25000"),
        "legal_review": dict(passed=True, opinion="同意"),
        "notify": {},
        "waive_rights": dict(statement="放弃陈述申辩"),
        "record_statement": dict(summary="请求从轻", adopted=False, review="不予采纳"),
        "request_hearing": {},
        "decide": dict(correction_order="立即清理"),
        "serve": dict(method="direct", recipient="张三"),
        "record_payment": dict(fine_paid="5000"),
        "record_payment_too_much": dict(fine_paid="999999"),
        "serve_demand": dict(deadline=today),
        "close": dict(close_type="performed"),
        "archive": dict(location="档案室"),
        "reject_clue": dict(reason=""),
    }


MOVE_NAMES = sorted(_moves({"hetang_head": None, "hetang_officer1": None, "hetang_officer2": None}, D0))
ACTION_OF = {"conclude_hearing_size": "conclude_investigation", "record_payment_too_much": "record_payment"}

step = st.tuples(st.integers(0, 2), st.sampled_from(MOVE_NAMES), st.sampled_from(PEOPLE), st.integers(-3, 12))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(steps=st.lists(step, min_size=4, max_size=18))
def test_a_refused_action_changes_no_row(people, steps):
    with transaction.atomic():
        cases = [_register(people) for _ in range(3)]
        day = [D0]
        moves = _moves(people, D0)
        for which, move, who, days in steps:
            on = day[0] + timedelta(days=days)
            case = PenaltyCase.objects.get(pk=cases[which].pk)
            fn = A.ACTIONS[ACTION_OF.get(move, move)]
            kwargs = dict(moves[move])
            if move == "serve_demand":
                kwargs["deadline"] = on + timedelta(days=10)
            before = rows_digest()
            try:
                fn(case, by=people[who], on=on, **kwargs)
            except RuleViolation:
                assert changed(before, rows_digest()) == [], (move, who, on, case.status)
            else:
                day[0] = max(day[0], on)
        transaction.set_rollback(True)


def test_the_property_test_reaches_deep_states(people):
    """The moves are lawful in their states: the happy path through them ends archived (the property test's
    random sequences therefore exercise refusals in late states too)."""
    case = _register(people)
    moves = _moves(people, D0)
    path = [("file", "hetang_head"), ("add_evidence", "hetang_officer1"), ("conclude_investigation", "hetang_officer1"),
            ("notify", "hetang_officer1"), ("waive_rights", "hetang_officer1"), ("decide", "hetang_head"),
            ("serve", "hetang_officer1"), ("record_payment", "hetang_officer1"), ("close", "hetang_deputy"),
            ("archive", "hetang_squad1")]
    on = D0
    for move, who in path:
        on += timedelta(days=1)
        case = A.ACTIONS[move](case, by=people[who], on=on, **moves[move])
    assert case.status == Status.ARCHIVED and case.procedure == Procedure.GENERAL

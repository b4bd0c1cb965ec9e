"""The workflow table (cases.workflow.TABLE) pinned row by row and exercised through the actions:

- who may take each step: every persona against every action, allowed exactly where the table says
  (CASE-ROLE; PEN-04 and PEN-05 for an officer without a certificate or recused);
- in which states: every action against every state and procedure (CASE-STATE);
- the date-order guards: for each date field an action may not precede, one day before is refused
  (CASE-DATE), the same day and the day after pass that guard; nothing may be dated after today.

The expected columns below are written out from the law (PEN-04 持证, PEN-05 回避, PEN-11 主持人, PEN-12 审核,
PEN-13 集体讨论, TRF-01 正职负责人), not derived from the table, so a changed row is caught.
"""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from fazhi.cases import actions
from fazhi.cases.models import PenaltyCase, Procedure, Status
from fazhi.cases.workflow import DATE_RULES, TABLE, TRANSITIONS, Actor
from fazhi.law.basis import RuleViolation
from fazhi.org.models import Staff

A = Actor
S = Status
G, SP = Procedure.GENERAL, Procedure.SIMPLE
WORK = {S.INVESTIGATING, S.REPORTED, S.NOTIFIED, S.HEARING}
RN = {S.REPORTED, S.NOTIFIED}
PAY = {S.EXECUTING, S.ENFORCING}

# action: (actor, procedures, source states, target, date fields the action may not precede)
EXPECTED = {
    "register": (A.OFFICER, {G}, set(), S.CLUE, ()),
    "reject_clue": (A.LEADER, {G}, {S.CLUE}, S.CLOSED, ("discovered_on",)),
    "file": (A.LEADER, {G}, {S.CLUE}, S.INVESTIGATING, ("discovered_on",)),
    "assign_officers": (A.SQUAD_LEADER, {G}, WORK, None, ("filed_on",)),
    "recuse": (A.LEADER, {G}, WORK, None, ("filed_on",)),
    "add_evidence": (A.CASE_OFFICER, {G}, WORK, None, ("filed_on",)),
    "review_monitoring_record": (A.CASE_OFFICER, {G}, WORK, None, ("filed_on",)),
    "preserve_evidence": (A.CASE_OFFICER, {G}, {S.INVESTIGATING}, None, ("filed_on",)),
    "dispose_preserved": (A.CASE_OFFICER, {G}, WORK | {S.DECIDED}, None, ("filed_on",)),
    "extend_deadline": (A.LEADER, {G}, WORK, None, ("filed_on",)),
    "conclude_investigation": (A.CASE_OFFICER, {G}, {S.INVESTIGATING}, None, ("filed_on",)),
    "legal_review": (A.REVIEWER, {G}, RN, None, ("reported_on", "hearing_held_on")),
    "approve_departure": (A.HEAD, {G}, RN, None, ("reported_on",)),
    "deliberate": (A.LEADER, {G}, RN, None, ("reported_on", "review_on", "hearing_held_on")),
    "notify": (A.CASE_OFFICER, {G}, RN, S.NOTIFIED, ("reported_on",)),
    "record_statement": (A.CASE_OFFICER, {G}, {S.NOTIFIED}, None, ("notified_on",)),
    "waive_rights": (A.CASE_OFFICER, {G}, {S.NOTIFIED}, None, ("notified_on",)),
    "request_hearing": (A.CASE_OFFICER, {G}, {S.NOTIFIED}, S.HEARING, ("notified_on",)),
    "schedule_hearing": (A.LEADER, {G}, {S.HEARING}, None, ("hearing_requested_on",)),
    "hold_hearing": (A.PRESIDER, {G}, {S.HEARING}, S.NOTIFIED, ("hearing_on",)),
    "decide": (A.LEADER, {G}, RN, S.DECIDED, ("reported_on", "notified_on", "statement_on", "waived_on",
                                                "hearing_held_on", "review_on", "deliberated_on")),
    "serve": (A.CASE_OFFICER, {G}, {S.DECIDED}, S.EXECUTING, ("decided_on",)),
    "record_payment": (A.CASE_OFFICER, {G, SP}, PAY, None, ("served_on",)),
    "serve_demand": (A.CASE_OFFICER, {G}, {S.EXECUTING}, S.ENFORCING, ("payment_due",)),
    "apply_court": (A.LEADER, {G}, {S.ENFORCING}, None, ("demand_served_on",)),
    "record_court_ruling": (A.CASE_OFFICER, {G}, {S.ENFORCING}, None, ("court_applied_on",)),
    "decide_transfer": (A.HEAD, {G}, {S.TRANSFERRING}, None, ("transfer_reported_on",)),
    "close": (A.LEADER, {G, SP}, PAY, S.CLOSED, ("served_on", "paid_on", "court_applied_on")),
    "archive": (A.SQUAD_LEADER, {G, SP}, {S.CLOSED}, S.ARCHIVED, ("closed_on",)),
    "decide_on_site": (A.OFFICER, {SP}, set(), S.EXECUTING, ()),
    "hand_over_fine": (A.CASE_OFFICER, {SP}, {S.EXECUTING, S.CLOSED}, None, ("paid_on",)),
    "file_record": (A.SQUAD_LEADER, {SP}, {S.EXECUTING, S.CLOSED}, None, ("decided_on",)),
}

# Personas of the 荷塘 bureau (tests/conftest.py org) and who each actor column admits. `root` is a superuser
# outside every bureau: it may approve, never investigate or preside. `lusong_head` leads another bureau.
PERSONAS = ["hetang_officer1", "hetang_officer3", "hetang_squad1", "hetang_squad2", "hetang_deputy",
            "hetang_head", "hetang_reviewer", "lusong_head", "root"]
ADMITS = {
    A.OFFICER: {"hetang_officer1", "hetang_officer3", "hetang_squad1", "hetang_squad2"},
    A.CASE_OFFICER: {"hetang_officer1"},
    A.SQUAD_LEADER: {"hetang_squad1", "hetang_squad2", "hetang_deputy", "hetang_head", "root"},
    A.LEADER: {"hetang_deputy", "hetang_head", "root"},
    A.HEAD: {"hetang_head", "root"},
    A.REVIEWER: {"hetang_reviewer", "root"},
    A.PRESIDER: {"hetang_squad2"},
}
ACTING = {A.OFFICER: "hetang_officer1", A.CASE_OFFICER: "hetang_officer1", A.SQUAD_LEADER: "hetang_squad1",
          A.LEADER: "hetang_head", A.HEAD: "hetang_head", A.REVIEWER: "hetang_reviewer",
          A.PRESIDER: "hetang_squad2"}
ROLE_REFUSALS = {"CASE-ROLE", "PEN-04", "PEN-05"}
# Date-order guards whose order a specific law imposes, and the rule they cite (workflow.DATE_RULES).
LAW_ORDER = {("serve_demand", "payment_due"): "ENF-10"}
D0 = date(2026, 3, 2)
ROWS = [a for a, row in EXPECTED.items() if row[2]]  # the actions on an existing case


def test_table_rows_are_the_reviewed_ones():
    """Every column of every row, as reviewed against the law: a row added, dropped or changed fails here."""
    assert set(TRANSITIONS) == set(EXPECTED) and len(TABLE) == len(EXPECTED)
    assert DATE_RULES == LAW_ORDER
    for t in TABLE:
        actor, procedures, sources, target, after = EXPECTED[t.action]
        assert (t.actor, set(t.procedures), set(t.sources), t.target, t.after) == \
            (actor, procedures, sources, target, after), t.action
        assert t.label and t.rules and t.actor_label == Actor.LABELS[actor]
    # The actions that choose their next state say which.
    assert TRANSITIONS["conclude_investigation"].targets == (S.REPORTED, S.TRANSFERRING)
    assert TRANSITIONS["legal_review"].targets == (S.REPORTED, S.NOTIFIED, S.INVESTIGATING)
    assert TRANSITIONS["decide_transfer"].targets == (S.CLOSED, S.INVESTIGATING)


@pytest.fixture
def people(org, django_user_model):
    Staff.objects.create(username="root", is_superuser=True, is_staff=True)
    return lambda username: Staff.objects.get(username=username)  # fresh: roles and certificates load anew


@pytest.fixture
def case(people):
    """A 荷塘 case with hetang_officer1 and hetang_officer2 assigned and hetang_squad2 as hearing presider."""
    officer = people("hetang_officer1")
    c = actions.register(by=officer, on=D0, party_kind="org", party_name="株洲市恒达商贸有限公司",
                         party_address="建设中路1号", cause="擅自堆放物料", place="建设中路", act_on=D0,
                         discovered_on=D0, penalty_provision="《城市市容和环境卫生管理条例》第三十六条")
    c = actions.file_case(c, by=people("hetang_head"), on=D0,
                          officers=[officer, people("hetang_officer2")])
    PenaltyCase.objects.filter(pk=c.pk).update(hearing_presider=people("hetang_squad2"))
    c.refresh_from_db()
    return c


def _outcome(fn, *args, **kw) -> str:
    """'role' when refused for who acts, else the code of whatever stopped it ('' if nothing did)."""
    try:
        fn(*args, **kw)
    except RuleViolation as e:
        return "role" if e.code in ROLE_REFUSALS else e.code
    except Exception:  # noqa: BLE001 — past every check, the body wanted its own arguments
        return ""
    return ""


def _set(case, **fields):
    PenaltyCase.objects.filter(pk=case.pk).update(**fields)


def test_CASE_ROLE_every_persona_against_every_action(case, people):
    """In a state no row accepts (归档), the actor check comes first: a persona the table admits meets
    CASE-STATE, any other persona CASE-ROLE (or PEN-04/PEN-05). Matched against the law's column."""
    _set(case, status=S.ARCHIVED)
    staff = {p: people(p) for p in PERSONAS}
    wrong = []
    for action in ROWS:
        fn = actions.ACTIONS[action]
        seen = {p: _outcome(fn, case, by=staff[p], on=D0) for p in PERSONAS}
        admitted = ADMITS[EXPECTED[action][0]]
        wrong += [(action, p, o) for p, o in seen.items() if o != ("CASE-STATE" if p in admitted else "role")]
    assert wrong == []


def test_PEN_05_recused_officer_may_no_longer_act(case, people):
    _set(case, status=S.ARCHIVED, officer_ids=[people("hetang_officer1").pk])
    actions.CaseOfficer.objects.filter(case=case, staff__username="hetang_officer2").update(recused_on=D0)
    assert _outcome(actions.add_evidence, case, by=people("hetang_officer2"), on=D0) == "role"
    with pytest.raises(RuleViolation) as e:
        actions.add_evidence(case, by=people("hetang_officer2"), on=D0, kind="inspection", title="t")
    assert e.value.code == "PEN-05"
    assert _outcome(actions.add_evidence, case, by=people("hetang_officer1"), on=D0) == "CASE-STATE"


@pytest.mark.parametrize("action", ["register", "decide_on_site"])
def test_CASE_ROLE_who_may_open_a_case(people, action):
    """Creating a case: a certified officer or squad leader; a revoked certificate is PEN-04 (from 06-30)."""
    fn = actions.ACTIONS[action]

    def attempt(by, on):
        fields = dict(party_kind="citizen", party_name="李明", party_address="车站路", cause="乱扔废弃物",
                      place="车站路", act_on=on, penalty_provision="条例第三十四条")
        # Each call is stopped right after the actor check: a discovery after registration / a fine over 200.
        if action == "register":
            return _outcome(fn, by=by, on=on, discovered_on=on + timedelta(days=1), **fields)
        return _outcome(fn, by=by, on=on, discovered_on=on, officers=[people("hetang_officer2")], kinds=["fine"],
                        fine="201", statement="无异议", **fields)

    seen = {p: attempt(people(p), D0) for p in PERSONAS if p != "root"}
    stop = "CASE-DATE" if action == "register" else "PEN-01"
    assert {p for p, o in seen.items() if o == stop} == ADMITS[A.OFFICER]
    assert {o for p, o in seen.items() if p not in ADMITS[A.OFFICER]} == {"role"}
    revoked = people("hetang_officer4")  # certificate revoked 2026-06-30 in the demo org
    assert attempt(revoked, date(2026, 6, 29)) == stop
    assert attempt(revoked, date(2026, 6, 30)) == "role"


def test_CASE_STATE_every_action_in_every_state(case, people):
    """An action runs only from the table's source states and procedures; elsewhere it is CASE-STATE."""
    wrong = []
    for action in ROWS:
        actor, procedures, sources, _, _ = EXPECTED[action]
        fn = actions.ACTIONS[action]
        by = people(ACTING[actor])
        for procedure in (G, SP):
            for status in S.values:
                _set(case, status=status, procedure=procedure)
                got = _outcome(fn, case, by=by, on=D0)
                if (got == "CASE-STATE") == (procedure in procedures and status in sources):
                    wrong.append((action, procedure, status, got))
    assert wrong == []


def _date_refusal(fn, case, by, on, words):
    try:
        fn(case, by=by, on=on)
    except RuleViolation as e:
        return e.code if words in e.message else ""
    except Exception:  # noqa: BLE001 — past the date checks
        return ""
    return ""


def test_CASE_DATE_not_before_the_step_it_follows(case, people):
    """For every guard of every row: one day before the earlier step is refused naming that step; the same
    day and the day after pass that guard (whatever the action checks next)."""
    earlier = date(2026, 3, 10)
    wrong = []
    for action, (actor, procedures, sources, _, after) in EXPECTED.items():
        fn = actions.ACTIONS[action]
        by = people(ACTING[actor])
        for field in after:  # the reviewed guards, so a guard dropped from the table is noticed here
            label = PenaltyCase._meta.get_field(field).verbose_name
            before = LAW_ORDER.get((action, field), "CASE-DATE")  # a guard a specific law imposes cites it
            for on, expected in ((earlier - timedelta(days=1), before), (earlier, ""),
                                 (earlier + timedelta(days=1), "")):
                dates = {f: D0 for f in after} | {field: earlier}
                _set(case, status=sorted(sources)[0], procedure=sorted(procedures)[0], **dates)
                got = _date_refusal(fn, case, by, on, f"早于{label}")
                if got != expected:
                    wrong.append((action, field, on, got))
    assert wrong == []


def test_CASE_DATE_not_after_today(case, people):
    today = timezone.localdate()
    wrong = []
    for action in ROWS:
        actor, procedures, sources, _, _ = EXPECTED[action]
        fn = actions.ACTIONS[action]
        by = people(ACTING[actor])
        for on, expected in ((today + timedelta(days=1), "CASE-DATE"), (today, "")):
            _set(case, status=sorted(sources)[0], procedure=sorted(procedures)[0])
            got = _date_refusal(fn, case, by, on, "晚于今天")
            if got != expected:
                wrong.append((action, on, got))
    assert wrong == []

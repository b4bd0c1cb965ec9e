"""Each action of `cases.workflow.TABLE` driven into each refusal its row declares (issue 13): one case per
(action, rule ID), the case brought to the state the action needs through the actions themselves, then the action
called with the one fact that breaks the rule. The refusal must carry that rule ID, and no row of any table the
actions write may change (the digest of tests/test_all_or_nothing.py).

`NOT_DRIVEN` lists the declared pairs this file does not reach yet (hearing, enforcement, on-the-spot and review
setups it does not build); a test keeps
the two lists together equal to the table, so a rule added to a row is either driven here or listed there."""
from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction

from fazhi.cases import actions as A
from fazhi.cases.models import PenaltyCase
from fazhi.cases.workflow import TABLE
from fazhi.law.basis import RuleViolation
from fazhi.org.models import Staff
from tests.test_all_or_nothing import D0, PEOPLE, _moves, _register, changed, rows_digest

TZ = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def people(org):
    return {u: Staff.objects.select_related("bureau__parent").get(username=u) for u in PEOPLE}


# The happy path of tests/test_all_or_nothing.py, cut where each action's state is reached.
PATH = [("file", "hetang_head"), ("add_evidence", "hetang_officer1"), ("conclude_investigation", "hetang_officer1"),
        ("notify", "hetang_officer1"), ("waive_rights", "hetang_officer1"), ("decide", "hetang_head"),
        ("serve", "hetang_officer1"), ("record_payment", "hetang_officer1"), ("close", "hetang_deputy")]
UPTO = {"clue": 0, "investigating": 1, "evidenced": 2, "reported": 3, "notified": 4, "decided": 6, "executing": 7,
        "closed": 9}
NOTIFIED_ONLY = 4  # notified, rights not waived
# Other states, as the moves that reach them (each with its actor).
PATHS = {
    "no_evidence_waived": [("file", "hetang_head"), ("conclude_investigation", "hetang_officer1"),
                           ("notify", "hetang_officer1"), ("waive_rights", "hetang_officer1")],
}
ACTION_OF: dict[str, str] = {}


def _at(staff, state: str, steps: int | None = None):
    if state == "transferring":
        case, on = _at(staff, "evidenced")
        case = A.conclude_investigation(case, by=staff["hetang_officer1"], on=on, outcome="transfer",
                                        facts="涉嫌犯罪")
        return PenaltyCase.objects.get(pk=case.pk), on + timedelta(days=1)
    case = _register(staff)
    moves = _moves(staff, D0)
    on = D0
    for move, who in PATHS.get(state) or PATH[: UPTO[state] if steps is None else steps]:
        on += timedelta(days=1)
        case = A.ACTIONS[ACTION_OF.get(move, move)](case, by=staff[who], on=on, **moves[move])
    return PenaltyCase.objects.get(pk=case.pk), on + timedelta(days=1)


# (action, rule, state, who, arguments): each a lawful call but for one fact.
DRIVEN = [
    ("reject_clue", "PEN-06", "clue", "hetang_head", dict(reason=" ")),
    ("file", "PEN-04", "clue", "hetang_head", dict(officers=["hetang_officer1"])),
    ("assign_officers", "PEN-04", "investigating", "hetang_squad1", dict(remove=["hetang_officer2"])),
    ("recuse", "PEN-05", "investigating", "hetang_head", dict(officer="hetang_squad1", reason="亲属")),
    ("recuse", "PEN-04", "investigating", "hetang_head", dict(officer="hetang_officer2", reason="亲属")),
    ("add_evidence", "PEN-26", "investigating", "hetang_officer1", dict(kind="inspection", title=" ")),
    ("add_evidence", "PEN-04", "investigating", "hetang_officer1",
     dict(kind="inspection", title="现场检查笔录", record_type="site", record_officers=["hetang_officer1"],
          record_person="张三", started_at=datetime(2026, 3, 3, 9, 0, tzinfo=TZ),
          ended_at=datetime(2026, 3, 3, 9, 30, tzinfo=TZ))),
    ("review_monitoring_record", "PEN-27", "investigating", "hetang_officer1",
     dict(evidence_uuid="00000000-0000-4000-8000-000000000000", accurate=True)),
    ("preserve_evidence", "PEN-07", "investigating", "hetang_officer1",
     dict(items="三轮车一辆", approved_by="hetang_officer2")),
    ("dispose_preserved", "PEN-07", "investigating", "hetang_officer1", dict(preservation_id=999999, disposal="退还")),
    ("extend_deadline", "PEN-06", "investigating", "hetang_head", dict(days=30, reason=" ")),
    ("conclude_investigation", "PEN-14", "evidenced", "hetang_officer1", dict(outcome="penalty", facts=" ",
                                                                            kinds=["fine"], fine="5000")),
    ("conclude_investigation", "PEN-21", "evidenced", "hetang_officer1",
     dict(outcome="no_penalty_minor", facts="经查属实", exemption_entry="没有这一项")),
    ("legal_review", "PEN-12", "reported", "hetang_reviewer", dict(passed=True, opinion=" ")),
    ("approve_departure", "DIS-04", "reported", "hetang_head", dict(reason="情节特殊")),
    ("deliberate", "PEN-13", "reported", "hetang_head", dict(attendees=["hetang_head"], conclusion="同意")),
    ("record_statement", "PEN-09", "notified", "hetang_officer1", dict(summary=" ", adopted=False, review="")),
    ("waive_rights", "PEN-08", "notified", "hetang_officer1", dict(statement=" ")),
    ("request_hearing", "PEN-10", "notified", "hetang_officer1", {}),
    ("decide", "PEN-08", "reported", "hetang_head", dict(correction_order="立即清理")),
    ("serve", "PEN-16", "decided", "hetang_officer1", dict(method="pigeon", recipient="张三")),
    ("record_payment", "PEN-17", "executing", "hetang_officer1", dict(fine_paid="999999")),
    ("close", "PEN-14", "executing", "hetang_head", dict(close_type="whatever")),
    ("close", "PEN-18", "executing", "hetang_head", dict(close_type="performed")),
    ("decide", "PEN-15", "no_evidence_waived", "hetang_head", dict(correction_order="立即清理")),
    ("decide_transfer", "TRF-01", "transferring", "hetang_head", dict(approve=True, reason=" ")),
]


def _resolve(staff, kwargs: dict) -> dict:
    out = {}
    for k, v in kwargs.items():
        if k in ("officers", "remove", "add", "attendees", "record_officers"):
            v = [staff[u] for u in v]
        elif k in ("officer", "approved_by", "presider") and v in staff:
            v = staff[v]
        out[k] = v
    return out


@pytest.mark.parametrize("action, rule, state, who, kwargs", DRIVEN, ids=[f"{a}-{r}" for a, r, *_ in DRIVEN])
def test_each_declared_rule_refuses_and_changes_nothing(people, action, rule, state, who, kwargs):
    case, on = _at(people, state, NOTIFIED_ONLY if state == "notified" else None)
    before = rows_digest()
    with pytest.raises(RuleViolation) as e:
        with transaction.atomic():
            A.ACTIONS[action](case, by=people[who], on=on, **_resolve(people, kwargs))
    assert e.value.code == rule, (action, e.value.code, e.value.message)
    assert changed(before, rows_digest()) == []


NOT_DRIVEN = {
    ("register", "PEN-28"), ("file", "PEN-06"), ("file", "PEN-20"),
    ("deliberate", "PEN-12"), ("decide", "PEN-12"),
    ("conclude_investigation", "PEN-33"), ("legal_review", "PEN-05"), ("conclude_investigation", "PEN-23"),
("notify", "PEN-08"), ("notify", "PEN-10"), ("request_hearing", "PEN-11"),
    ("schedule_hearing", "PEN-11"), ("hold_hearing", "PEN-11"), ("hold_hearing", "PEN-09"),
    ("decide", "PEN-06"), ("decide", "PEN-09"), ("decide", "PEN-11"), ("decide", "PEN-13"),
    ("decide", "PEN-21"), ("decide", "PEN-27"), ("decide", "PEN-31"), ("decide", "REV-03"),
    ("serve", "PEN-17"), ("record_payment", "PEN-18"), ("record_payment", "PEN-03"),
    ("serve_demand", "ENF-04"), ("serve_demand", "PEN-18"), ("apply_court", "ENF-09"), ("apply_court", "ENF-10"),
    ("apply_court", "ENF-11"), ("record_court_ruling", "ENF-12"),
    ("archive", "PEN-28"), ("decide_on_site", "PEN-01"), ("decide_on_site", "PEN-02"), ("decide_on_site", "PEN-03"),
    ("decide_on_site", "PEN-04"), ("decide_on_site", "PEN-20"), ("decide_on_site", "REV-02"),
    ("hand_over_fine", "PEN-03"), ("file_record", "PEN-02"),
}


def test_every_declared_rule_is_driven_or_listed():
    declared = {(t.action, r) for t in TABLE for r in t.rules}
    driven = {(a, r) for a, r, *_ in DRIVEN}
    assert driven <= declared, driven - declared
    assert not driven & NOT_DRIVEN
    assert driven | NOT_DRIVEN == declared, sorted(declared - driven - NOT_DRIVEN)

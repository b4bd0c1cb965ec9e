"""Queries per step of the case engine, pinned (issue #30: the engine gets leaner, not heavier, as checks join the
step path through the workflow machinery). The eleven steps of the benchmark's lifecycle (bench/engine.py), each
counted on its own; PostgreSQL writes the event and the row in one statement (core/rows.py), SQLite in two."""
from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.engine import ACTORS, PARTY, STEPS, staff
from fazhi.cases import actions as A

# (SQLite, PostgreSQL) queries for each step, SAVEPOINT/RELEASE included (the test runs inside a transaction).
# A step on PostgreSQL: SAVEPOINT, the lock-and-load SELECT, one statement writing the event and the row, RELEASE;
# plus a document number (notify, decide: the counter row), the evidence row, the officers (file), the new case.
PINNED = {
    "register": (8, 8), "file": (9, 8), "add_evidence": (6, 5), "conclude_investigation": (5, 4), "notify": (6, 5),
    "waive_rights": (5, 4), "decide": (8, 7), "serve": (5, 4), "record_payment": (5, 4), "close": (6, 5),
    "archive": (6, 5),
}


def test_queries_per_step_are_pinned(org):
    people = staff()
    officers = [people["officer"], people["officer2"]]
    counts = {}
    with CaptureQueriesContext(connection) as ctx:
        case = A.register(by=people["officer"], on=date(2026, 3, 2), **PARTY)
    counts["register"] = len(ctx.captured_queries)
    for name, on, data, status in STEPS[1:]:
        kwargs = dict(data, officers=officers) if name == "file" else data
        with CaptureQueriesContext(connection) as ctx:
            case = A.ACTIONS[name](case, by=people[ACTORS.get(name, "officer")], on=date.fromisoformat(on), **kwargs)
        counts[name] = len(ctx.captured_queries)
        assert case.status == status
    column = 1 if connection.vendor == "postgresql" else 0
    assert counts == {k: v[column] for k, v in PINNED.items()}

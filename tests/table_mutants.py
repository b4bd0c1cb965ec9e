"""Mutation testing of the law's tables: the data mutmut leaves alone.

mutmut (see `make mutate`) changes code inside functions. The rows that decide most of the law here are
module-level data: the workflow table (who, from which state, to which state, after which dates), the rules
catalogue's citations, the statutory periods and the thresholds. This pytest plugin changes one cell of that
data at a time, in place in the live objects (so every module that imported them sees the change), in a
forked child, and runs the selected tests there until one fails. A mutant no test notices survives.

    python -m pytest -p tests.table_mutants --table-mutants [--table-mutants-report FILE] TESTS…

Each test's fixtures are built once; a mutant is tried only against the tests that can notice it and stops
being tried once one test fails under it.

The table pin in tests/test_workflow_table.py (test_table_rows_are_the_reviewed_ones) is left out of these
runs: it would catch every table mutant by construction; what is measured is whether the behaviour tests do.
"""
from __future__ import annotations

import dataclasses
import json
import os
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

import pytest

PIN = "test_table_rows_are_the_reviewed_ones"
WORKFLOW_TESTS = ("tests/test_workflow_table.py", "tests/test_actions_driven.py", "tests/test_api_scenarios.py")
CITATION_TEST = "tests/law/test_citations.py::test_cited_article_says_what_the_rule_is_about"
LAW_TESTS = ("tests/law/test_boundaries.py", "tests/law/test_penalty_rules.py", "tests/law/test_enforcement_rules.py",
             "tests/law/test_refusals.py", "tests/law/test_calendar.py", "tests/law/test_discretion.py",
             "tests/test_actions_driven.py")
LAW_MODULES = ["fazhi.law.penalty", "fazhi.law.enforcement", "fazhi.law.periods", "fazhi.law.transfer",
               "fazhi.law.appraisal", "fazhi.law.discretion", "fazhi.law.disclosure", "fazhi.law.draw",
               "fazhi.law.workhours", "fazhi.law.geo", "fazhi.law.remedies", "fazhi.law.calendar"]


@dataclass
class Mutant:
    id: str
    apply: Callable[[], None]
    hints: tuple[str, ...] = ()  # substrings of the ids of the tests meant to catch it (for reading the report)
    scope: tuple[str, ...] = ()  # test files that can notice it (all selected tests when empty)
    result: str = ""
    killer: str = ""
    seconds: float = 0.0
    extra: dict = field(default_factory=dict)


def _set(obj, name, value):
    object.__setattr__(obj, name, value)


def _rebind(module, name, value):
    """A module constant changed everywhere it was imported by name."""
    old = getattr(module, name)
    for m in list(sys.modules.values()):
        if getattr(m, "__name__", "").startswith("fazhi") and getattr(m, name, None) is old:
            setattr(m, name, value)


def _hint(action_or_rule: str) -> tuple[str, ...]:
    return (action_or_rule, action_or_rule.replace("-", "_"))


def workflow_mutants() -> list[Mutant]:
    from fazhi.cases.models import Procedure, Status
    from fazhi.cases.workflow import TABLE, Actor

    other = {Actor.OFFICER: Actor.CASE_OFFICER, Actor.CASE_OFFICER: Actor.SQUAD_LEADER,
             Actor.SQUAD_LEADER: Actor.LEADER, Actor.LEADER: Actor.SQUAD_LEADER, Actor.HEAD: Actor.LEADER,
             Actor.REVIEWER: Actor.LEADER, Actor.PRESIDER: Actor.LEADER}
    out = []
    for t in TABLE:
        hint = ("test_workflow_table", t.action)
        scope = WORKFLOW_TESTS
        out.append(Mutant(f"workflow.{t.action}.actor={other[t.actor]}",
                          lambda t=t: _set(t, "who", other[t.actor]), hint, scope))
        for f in t.after:
            out.append(Mutant(f"workflow.{t.action}.after-{f}",
                              lambda t=t, f=f: _set(t, "after", tuple(x for x in t.after if x != f)), hint, scope))
        for s in t.sources:
            out.append(Mutant(f"workflow.{t.action}.sources-{s}",
                              lambda t=t, s=s: _set(t, "sources", tuple(x for x in t.sources if x != s)), hint, scope))
        if t.sources and Status.ARCHIVED not in t.sources:
            out.append(Mutant(f"workflow.{t.action}.sources+archived",
                              lambda t=t: _set(t, "sources", (*t.sources, Status.ARCHIVED)), hint, scope))
        flipped = Procedure.SIMPLE if t.procedures[0] == Procedure.GENERAL else Procedure.GENERAL
        if len(t.procedures) == 1:
            out.append(Mutant(f"workflow.{t.action}.procedures={flipped}",
                              lambda t=t, p=flipped: _set(t, "procedures", (p,)), hint, scope))
        else:
            for p in t.procedures:
                out.append(Mutant(f"workflow.{t.action}.procedures-{p}",
                                  lambda t=t, p=p: _set(t, "procedures", tuple(x for x in t.procedures if x != p)),
                                  hint, scope))
        new_target = None if t.target else Status.CLOSED
        out.append(Mutant(f"workflow.{t.action}.target={new_target}",
                          lambda t=t, v=new_target: _set(t, "target", v), hint, scope))
    return out


def rule_mutants() -> list[Mutant]:
    from fazhi.law.rules import RULES

    out = []
    for r in RULES.values():
        b = r.basis
        if b.article:
            for d in (1, -1):
                out.append(Mutant(f"rules.{r.id}.article{d:+d}", lambda b=b, d=d: _set(b, "article", b.article + d),
                                  ("test_citations",) + _hint(r.id), (f"{CITATION_TEST}[{r.id}]",)))
        if b.paragraph:
            out.append(Mutant(f"rules.{r.id}.paragraph+1", lambda b=b: _set(b, "paragraph", b.paragraph + 1),
                              ("test_citations",) + _hint(r.id), (f"{CITATION_TEST}[{r.id}]",)))
    return out


def _numeric_variants(v):
    if isinstance(v, bool) or not isinstance(v, int | Decimal):
        return []
    step = Decimal("0.01") if isinstance(v, Decimal) and abs(v) < 1 else 1  # a rate moves by a point
    return [v + step, v - step]


def constant_mutants() -> list[Mutant]:
    """Periods (length ±1, working ↔ calendar days), numeric constants (±1), numbers inside dicts and frozen
    dataclass instances (±1), members of sets of kinds (each dropped)."""
    import importlib

    from fazhi.law.periods import DayKind, Period

    out, seen = [], set()
    for name in LAW_MODULES:
        mod = importlib.import_module(name)
        short = name.rsplit(".", 1)[1]
        for attr, value in vars(mod).items():
            if attr.startswith("_") or id(value) in seen or getattr(value, "__module__", name) != name and \
                    not isinstance(value, Period | dict | set | frozenset | int | Decimal):
                continue
            seen.add(id(value))
            label = f"{short}.{attr}"
            if isinstance(value, Period):
                if getattr(mod, attr) is not value or value.__class__.__module__ != "fazhi.law.periods":
                    continue
                for d in (1, -1):
                    out.append(Mutant(f"{label}.length{d:+d}", lambda p=value, d=d: _set(p, "length", p.length + d),
                                      _hint(value.rule), LAW_TESTS))
                swap = {DayKind.WORKING: DayKind.CALENDAR, DayKind.CALENDAR: DayKind.WORKING}.get(value.kind)
                if swap:
                    out.append(Mutant(f"{label}.kind={swap.value}", lambda p=value, s=swap: _set(p, "kind", s),
                                      _hint(value.rule), LAW_TESTS))
            elif isinstance(value, int | Decimal) and not isinstance(value, bool | Enum) and attr.isupper():
                for v in _numeric_variants(value):
                    out.append(Mutant(f"{label}={v}", lambda m=mod, a=attr, v=v: _rebind(m, a, v), (), LAW_TESTS))
            elif isinstance(value, dict) and attr.isupper():
                for k, v in value.items():
                    for nv in _numeric_variants(v):
                        out.append(Mutant(f"{label}[{k}]={nv}", lambda d=value, k=k, nv=nv: d.__setitem__(k, nv), (),
                                          LAW_TESTS))
            elif isinstance(value, set | frozenset) and attr.isupper() and all(isinstance(x, Enum) for x in value):
                for x in sorted(value, key=str):
                    out.append(Mutant(f"{label}-{x}", lambda m=mod, a=attr, x=x: _rebind(
                        m, a, type(getattr(m, a))(y for y in getattr(m, a) if y != x)), (), LAW_TESTS))
            elif dataclasses.is_dataclass(value) and not isinstance(value, type) and attr.isupper():
                for f in dataclasses.fields(value):
                    for nv in _numeric_variants(getattr(value, f.name)):
                        out.append(Mutant(f"{label}.{f.name}={nv}", lambda o=value, n=f.name, nv=nv: _set(o, n, nv), (),
                                          LAW_TESTS))
    return out


def all_mutants() -> list[Mutant]:
    return workflow_mutants() + rule_mutants() + constant_mutants()


def pytest_addoption(parser):
    g = parser.getgroup("table-mutants")
    g.addoption("--table-mutants", action="store_true", help="try the table mutants against each test")
    g.addoption("--table-mutants-only", default="", help="only mutants whose id contains this text")
    g.addoption("--table-mutants-report", default="", help="write the results as JSON here")
    g.addoption("--recheck-mutmut", default="", help="a file of mutmut mutant names: try those instead (run in mutants/)")


class Runner:
    """Test-major: each test's fixtures are set up once in this process; then, for every mutant still alive
    that the test can notice, a forked child applies the mutant and calls the test function. The test
    database is in memory, so each child works on its own copy of it, fixtures included."""

    def __init__(self, config, mutants):
        self.config, self.mutants, self.alive = config, mutants, list(mutants)
        self.start, self.forks = time.monotonic(), 0

    def _passes(self, item, args) -> bool:
        """The test passes on the unmutated code (a test failing anyway kills nothing)."""
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                item.obj(**args)
            except BaseException:  # noqa: BLE001
                code = 1
            os._exit(code)
        return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0

    def try_item(self, item):
        args = {a: item.funcargs[a] for a in item._fixtureinfo.argnames}
        if not any(not m.scope or item.nodeid.startswith(m.scope) for m in self.alive) or not self._passes(item, args):
            return
        for m in list(self.alive):
            if m.scope and not item.nodeid.startswith(m.scope):
                continue
            m.extra["tried"] = m.extra.get("tried", 0) + 1
            self.forks += 1
            pid = os.fork()
            if pid == 0:
                code = 0
                try:
                    signal.alarm(120)
                    m.apply()
                    item.obj(**args)
                except BaseException:  # noqa: BLE001 — any failure of the test under the mutant kills it
                    code = 1
                os._exit(code)
            _, status = os.waitpid(pid, 0)
            if os.waitstatus_to_exitcode(status) != 0:
                m.result, m.killer = "killed", item.nodeid
                self.alive.remove(m)
                self.progress(f"killed {m.id} by {item.nodeid}")

    def progress(self, line):
        path = self.config.getoption("table_mutants_report")
        if path:
            with open(path + ".progress", "a", encoding="utf-8") as f:
                f.write(line + "\n")

    def report(self, tw):
        for m in self.alive:
            m.result = "survived" if m.extra.get("tried") else "no test"
        counts = {r: sum(1 for m in self.mutants if m.result == r) for r in ("killed", "survived", "no test")}
        tw.line(f"table mutants: {counts} ({self.forks} runs, {time.monotonic() - self.start:.0f} s)")
        for m in self.mutants:
            if m.result != "killed":
                tw.line(f"  {m.result}: {m.id}")
        path = self.config.getoption("table_mutants_report")
        if path:
            with open(path, "w", encoding="utf-8") as f:
                json.dump({"counts": counts, "mutants": [{"id": m.id, "result": m.result, "killer": m.killer}
                                                         for m in self.mutants]}, f, ensure_ascii=False, indent=1)


_runner: Runner | None = None


@pytest.hookimpl(trylast=True)
def pytest_sessionstart(session):
    global _runner
    if not (session.config.getoption("table_mutants") or session.config.getoption("recheck_mutmut")):
        return
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        db.setdefault("TEST", {})["NAME"] = None  # in memory: a forked child gets its own copy
    else:
        raise pytest.UsageError("table mutants need the SQLite test database (unset DATABASE_URL)")
    only = session.config.getoption("table_mutants_only")
    recheck = session.config.getoption("recheck_mutmut")
    if recheck:  # mutmut's trampolines pick the mutant named in this variable
        names = open(recheck, encoding="utf-8").read().split()
        mutants = [Mutant(n, lambda n=n: os.environ.__setitem__("MUTANT_UNDER_TEST", n), (), ("tests/law/",))
                   for n in names]
    else:
        mutants = [m for m in all_mutants() if only in m.id]
    _runner = Runner(session.config, mutants)


@pytest.hookimpl(hookwrapper=True)
def pytest_pyfunc_call(pyfuncitem):
    if _runner is not None and PIN not in pyfuncitem.nodeid:
        _runner.try_item(pyfuncitem)
    yield


def pytest_terminal_summary(terminalreporter):
    if _runner is not None:
        _runner.report(terminalreporter)

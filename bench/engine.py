"""case_engine_vs_spiff: complete general-procedure lifecycles per second through fazhi's actions, against
SpiffWorkflow running the same steps as a BPMN process (bench/bpmn.py renders our workflow table as BPMN)
whose state is loaded from and serialized back to the same PostgreSQL after every step.

Both sides do what a stateless app server does per step: open a transaction, lock the record, act, write it
back, commit. fazhi additionally checks the law at each step, recomputes deadlines and appends a hash-chained
event; Spiff only moves its token and keeps the task data."""
from __future__ import annotations

import statistics
import time
from datetime import date

from django.db import connection, transaction

from bench.bpmn import general_procedure_bpmn
from fazhi.cases import actions as A
from fazhi.org.models import Staff

D = date.fromisoformat

PARTY = {"party_kind": "org", "party_name": "株洲市恒达商贸有限公司", "party_address": "湖南省株洲市建设中路1号",
         "cause": "擅自在街道两侧堆放物料影响市容", "place": "建设中路", "act_on": D("2026-03-01"),
         "discovered_on": D("2026-03-02"), "penalty_provision": "《城市市容和环境卫生管理条例》第三十六条第（二）项"}

# The eleven steps of one lifecycle with the data each carries, and the state the case is in afterwards.
# Spiff gets the same data plus the routing variables `status` and `next` its gateways read.
STEPS = [
    ("register", "2026-03-02", dict(PARTY, act_on="2026-03-01", discovered_on="2026-03-02"), "clue"),
    ("file", "2026-03-03", {"officers": ["hetang_officer1", "hetang_officer2"]}, "investigating"),
    ("add_evidence", "2026-03-04", {"kind": "documentary", "title": "现场照片"}, "investigating"),
    ("conclude_investigation", "2026-03-10", {"outcome": "penalty", "facts": "经查属实", "kinds": ["fine"],
                                              "fine": "5000"}, "reported"),
    ("notify", "2026-03-11", {}, "notified"),
    ("waive_rights", "2026-03-11", {"statement": "放弃陈述申辩"}, "notified"),
    ("decide", "2026-03-12", {"correction_order": "立即清理"}, "decided"),
    ("serve", "2026-03-16", {"method": "direct", "recipient": "张三"}, "executing"),
    ("record_payment", "2026-03-20", {"fine_paid": "5000"}, "executing"),
    ("close", "2026-03-21", {"close_type": "performed"}, "closed"),
    ("archive", "2026-03-22", {"location": "档案室A-3"}, "archived"),
]
ACTORS = {"register": "officer", "file": "head", "close": "deputy", "archive": "squad", "decide": "head"}


def fazhi_lifecycle(people: dict[str, Staff]) -> None:
    case = A.register(by=people["officer"], on=D("2026-03-02"), **PARTY)
    officers = [people["officer"], people["officer2"]]
    for name, on, data, _ in STEPS[1:]:
        kwargs = dict(data, officers=officers) if name == "file" else data
        case = A.ACTIONS[name](case, by=people[ACTORS.get(name, "officer")], on=D(on), **kwargs)
    assert case.status == "archived", case.status


def _spiff_data(i: int) -> tuple[str, dict]:
    name, on, data, status = STEPS[i]
    nxt = STEPS[i + 1][0] if i + 1 < len(STEPS) else ""
    return name, dict(data, on=on, status=status, next=nxt)


class SpiffCases:
    """The same lifecycle in SpiffWorkflow, persisted in table bench_spiff_case of the same database."""

    def __init__(self):
        from SpiffWorkflow.bpmn.parser import BpmnParser
        from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer

        parser = BpmnParser()
        parser.add_bpmn_str(general_procedure_bpmn().encode())
        self.spec = parser.get_spec("general_procedure")
        self.serializer = BpmnWorkflowSerializer()
        with connection.cursor() as cur:
            cur.execute("CREATE TABLE IF NOT EXISTS bench_spiff_case (id bigserial PRIMARY KEY, "
                        "version integer NOT NULL, state text NOT NULL)")

    def _step(self, wf, name: str, data: dict):
        from SpiffWorkflow.util.task import TaskState

        task = wf.get_next_task(state=TaskState.READY, manual=True)
        if task is None or task.task_spec.name != name:
            raise RuntimeError(f"Spiff is not at {name}: {task}")
        task.data.update(data)
        task.run()
        wf.do_engine_steps()

    def lifecycle(self) -> None:
        from SpiffWorkflow.bpmn.workflow import BpmnWorkflow

        with transaction.atomic(), connection.cursor() as cur:
            wf = BpmnWorkflow(self.spec)
            wf.do_engine_steps()
            self._step(wf, *_spiff_data(0))
            cur.execute("INSERT INTO bench_spiff_case (version, state) VALUES (1, %s) RETURNING id",
                        [self.serializer.serialize_json(wf)])
            pk = cur.fetchone()[0]
        for i in range(1, len(STEPS)):
            with transaction.atomic(), connection.cursor() as cur:
                cur.execute("SELECT state FROM bench_spiff_case WHERE id = %s FOR UPDATE", [pk])
                wf = self.serializer.deserialize_json(cur.fetchone()[0])
                self._step(wf, *_spiff_data(i))
                cur.execute("UPDATE bench_spiff_case SET state = %s, version = version + 1 WHERE id = %s",
                            [self.serializer.serialize_json(wf), pk])
        if not wf.is_completed():
            raise RuntimeError("Spiff lifecycle did not complete")


def staff() -> dict[str, Staff]:
    names = {"officer": "hetang_officer1", "officer2": "hetang_officer2", "head": "hetang_head",
             "deputy": "hetang_deputy", "squad": "hetang_squad1"}
    return {k: Staff.objects.select_related("bureau__parent").get(username=v) for k, v in names.items()}


def _rate(fn, n: int) -> float:
    t = time.perf_counter()
    for _ in range(n):
        fn()
    return n / (time.perf_counter() - t)


def run(n: int, rounds: int = 5) -> dict:
    """n lifecycles on each side, in `rounds` alternating blocks so drift on the machine hits both alike;
    each side's figure is the median of its blocks."""
    people = staff()
    spiff = SpiffCases()
    for _ in range(3):  # warm both up (imports, caches, connections)
        fazhi_lifecycle(people)
        spiff.lifecycle()
    ours, theirs = [], []
    for _ in range(rounds):
        ours.append(_rate(lambda: fazhi_lifecycle(people), n // rounds))
        theirs.append(_rate(spiff.lifecycle, n // rounds))
    ours_m, theirs_m = statistics.median(ours), statistics.median(theirs)
    return {"value": round(ours_m, 2), "unit": "lifecycles/s", "goal": "ratio ≥ 3",
            "peer": "SpiffWorkflow 3 (our workflow table as BPMN; state loaded from and saved to the same "
                    "PostgreSQL at every step)",
            "peer_value": round(theirs_m, 2), "ratio": round(ours_m / theirs_m, 2),
            "steps_per_lifecycle": len(STEPS), "lifecycles": n,
            "blocks": {"fazhi": [round(x, 2) for x in ours], "spiff": [round(x, 2) for x in theirs]}}

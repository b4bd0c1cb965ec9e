"""One workflow machinery for every context (issue #30).

A context describes its procedure as a table of `Step`s and registers a `Workflow`: the table, the input schema of
each step (the API body and the page form are generated from the same schema), the context's `guard` and how to
`perform` a step. The guard is the one check of *who may take this step on this record now*: role, jurisdiction,
assignment, state and the record's preconditions. The context's action wrapper calls it (through `check`) inside
its transaction before anything else; the pages and the 工作台 call it (through `offered`) to decide what to offer.
One function, two users: a page cannot offer a step its action refuses for role or state, nor hide one it accepts.

What the guard does not decide is what depends on the input (dates, amounts, the content of a document): those
the action checks after the guard, and the page shows their refusal in place with its basis.

The core holds the shapes and the registry only; it imports no context. Each context registers its workflow in its
`AppConfig.ready()`.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from fazhi.law.basis import RuleViolation


@dataclass(frozen=True)
class Step:
    """One row of a context's table: the action's name, its label, the states it may be taken in (empty: the
    action creates the record), the state it leads to (None: it stays, or the action chooses among `targets`),
    who may take it (the context's own kind of actor, read by its guard) and the rules that gate it."""

    action: str
    label: str
    sources: tuple[str, ...]
    target: str | None
    rules: tuple[str, ...]
    who: str = ""
    targets: tuple[str, ...] = ()
    desk: bool = True  # listed on the 工作台; False: a side step (回避, 延期…) offered on the record's page only

    @property
    def creates(self) -> bool:
        return not self.sources


Guard = Callable[[Any, Any, Step, date], None]


@dataclass(frozen=True)
class WorkItem:
    """A row of a person's 工作台: a step they can take now on a record, with its due date."""

    context: str
    context_label: str
    record: Any
    title: str
    url: str
    step: Step
    due: date | None
    days_left: int | None

    @property
    def overdue(self) -> bool:
        return self.days_left is not None and self.days_left < 0

    @property
    def overdue_days(self) -> int:
        return -self.days_left if self.days_left is not None and self.days_left < 0 else 0


@dataclass
class Workflow:
    """A context's procedure as the core sees it.

    - `key`: the context's name in URLs and the registry (`disputes` → `/api/v1/disputes/<id>/actions/<step>`).
    - `steps`: the table; `schemas`: each step's input schema (a ninja Schema with `on` and `expected_version`).
    - `guard(record, user, step, on)`: raises RuleViolation when `user` may not take `step` on `record` on `on`
      (who, where, state, precondition); returns None otherwise.
    - `precondition(record, step)`: optional, raises when a fact of the record rules the step out. A context whose
      action checks input dates between who/state and the record's facts (cases: CASE-DATE comes first, so a
      stranger learns nothing and a date error is not masked) gives it separately; `offered` asks both.
    - `perform(record, step, user, data)`: runs the context's action with the schema's validated data.
    - `load(user, uuid)`: the record if the user may open it (403 for a role without access, 404 outside their
      scope: need to know); `present(record, user)`: the record as the API answers it.
    - `open_work(user)`: the records worth asking the guard about for the user's 工作台 (open, in the user's own
      bureau or assigned to them); `due(record, step)`: the step's due date, if the law gives it one.
    - `wants(record, user, step)`: optional, whether a step the user may take is their job now (the 工作台 lists
      only those; an opinion anyone of the 法制 staff may give is the assigned adviser's job).
    - `step_url(record, step)`: optional, where the step is taken when that is not the record's own page (an
      anchor `do-<step>…` on the page it names); by default `url(record)#do-<step>`.
    - `title(record)` and `url(record)`: how a 工作台 row names and links the record; `op_prefix`: the prefix of
      the steps' OpenAPI operation IDs (`dispute_file_answer`).
    """

    key: str
    label: str
    steps: tuple[Step, ...]
    schemas: Mapping[str, type]
    guard: Guard
    perform: Callable[[Any, Step, Any, dict[str, Any]], Any]
    load: Callable[[Any, Any], Any]
    url: Callable[[Any], str]
    title: Callable[[Any], str]
    present: Callable[[Any, Any], dict[str, Any]]
    open_work: Callable[[Any], Iterable[Any]] | None = None
    due: Callable[[Any, Step], date | None] | None = None
    op_prefix: str = ""
    precondition: Callable[[Any, Step], None] | None = None
    wants: Callable[[Any, Any, Step], bool] | None = None
    step_url: Callable[[Any, Step], str] | None = None
    by_action: dict[str, Step] = field(init=False)

    def __post_init__(self) -> None:
        self.by_action = {s.action: s for s in self.steps}
        missing = [s.action for s in self.steps if not s.creates and s.action not in self.schemas]
        if missing:
            raise ValueError(f"{self.key}: steps without an input schema: {missing}")

    def step(self, action: str) -> Step:
        return self.by_action[action]

    def record_steps(self) -> list[Step]:
        """The steps taken on an existing record (the ones a record page offers)."""
        return [s for s in self.steps if not s.creates]


REGISTRY: dict[str, Workflow] = {}


def register(wf: Workflow) -> Workflow:
    REGISTRY[wf.key] = wf
    return wf


def _marked(fn: Callable[..., None], *args: Any) -> None:
    try:
        fn(*args)
    except RuleViolation as e:
        e.at_guard = True  # type: ignore[attr-defined]
        raise


def check(wf: Workflow, record: Any, user: Any, step: Step, on: date) -> None:
    """The guard as an action runs it: a refusal is marked as the guard's (`at_guard`), so a test can tell a
    refusal for who/state/precondition from one for the input."""
    _marked(wf.guard, record, user, step, on)


def check_precondition(wf: Workflow, record: Any, step: Step) -> None:
    """The record's facts that rule a step out, where the context checks them apart from the guard."""
    if wf.precondition is not None:
        _marked(wf.precondition, record, step)


def refusal(wf: Workflow, record: Any, user: Any, step: Step, on: date) -> RuleViolation | None:
    try:
        wf.guard(record, user, step, on)
        if wf.precondition is not None:
            wf.precondition(record, step)
    except RuleViolation as e:
        return e
    return None


def offered(wf: Workflow, record: Any, user: Any, on: date) -> list[Step]:
    """Exactly the steps the actions would accept from `user` on `record` now, as far as who and state decide."""
    return [s for s in wf.record_steps() if refusal(wf, record, user, s, on) is None]


def work_for(user: Any, today: date) -> list[WorkItem]:
    """The 工作台 of anyone: every step the user can take now, across every registered context, overdue first,
    then by due date, then the rest."""
    items: list[WorkItem] = []
    for wf in REGISTRY.values():
        if wf.open_work is None:
            continue
        for record in wf.open_work(user):
            for s in offered(wf, record, user, today):
                if not s.desk or (wf.wants is not None and not wf.wants(record, user, s)):
                    continue
                due = wf.due(record, s) if wf.due else None
                url = wf.step_url(record, s) if wf.step_url else f"{wf.url(record)}#do-{s.action}"
                items.append(WorkItem(wf.key, wf.label, record, wf.title(record), url, s, due,
                                      (due - today).days if due else None))
    items.sort(key=lambda i: (i.due is None, i.due or date.max, i.context, i.title))
    return items


# --- the 工作台 ------------------------------------------------------------------------------------------------------
# One 工作台 for every role: the steps the person can take now (work_for), grouped per kind of step, overdue first;
# below them what a context adds (a quick search, lists to watch: DeskPanel). A role whose work lives on a page of
# its own (the 数字化城管 loop) is sent there (HOMES).

@dataclass(frozen=True)
class DeskPanel:
    template: str
    context: Callable[[Any, date], dict[str, Any] | None]  # (request, today) → the panel's context; None: not for this person


PANELS: list[DeskPanel] = []
HOMES: list[Callable[[Any], str | None]] = []


DESK_SECTION_SIZE = 20  # rows shown per kind of step; the count says how many there are in all


@dataclass
class DeskSection:
    context_label: str
    title: str
    items: list[WorkItem]

    @property
    def overdue(self) -> int:
        return sum(1 for i in self.items if i.overdue)

    @property
    def shown(self) -> list[WorkItem]:
        """The first rows (overdue and nearest first); the section's title counts them all."""
        return self.items[:DESK_SECTION_SIZE]


def desk_sections(items: list[WorkItem]) -> list[DeskSection]:
    """The rows grouped per (context, step) as "待<step>", a group with overdue rows first, then by its nearest due
    date; the rows keep work_for's order (overdue and nearest first)."""
    groups: dict[tuple[str, str], DeskSection] = {}
    for i in items:
        key = (i.context, i.step.action)
        if key not in groups:
            groups[key] = DeskSection(i.context_label, f"待{i.step.label}", [])
        groups[key].items.append(i)
    return sorted(groups.values(), key=lambda g: (g.overdue == 0, g.items[0].due is None,
                                                  g.items[0].due or date.max, g.title))

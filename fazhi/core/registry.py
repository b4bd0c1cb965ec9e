"""What the contexts tell the core. The core names no context (tests/test_layering.py): each context registers
here, in its AppConfig.ready(), what the core must do on its behalf, and the core calls what was registered.

- `on_holiday_year(fn, told=…)`: what must be settled once a year's holiday table is entered (DAY-07), e.g. the
  case deadlines that waited for it. Called by the holiday page and `fazhi holidays`, in registration order
  (the order of INSTALLED_APPS).
- `stream_owner(…)`: a record that owns event streams, and how `fazhi verify` compares it with its log
  (core/integrity.py).
- `blobs_in_events(kind, fn)`: events of this kind name stored files no row names, which a backup must carry
  (core/backup.py). A row's field named `sha256` is found without registering.
- `provide(name, fn)` / `provided(name)`: one named function one context offers and another (or the core) uses
  without importing it, e.g. the org kernel's `may_enter_holidays`, disclosure's `case_publish_preview`.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

# --- settling on a new holiday year ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Settler:
    fn: Callable[..., int]  # fn(*, by, on) -> how many records it made concrete
    told: str               # what the person is told, with {n}: "{n}件案件的期限已据此确定"
    always: bool = False    # told even when nothing was settled


_settlers: dict[str, Settler] = {}


def on_holiday_year(fn: Callable[..., int], *, told: str, always: bool = False) -> None:
    """Register `fn(*, by, on) -> int`, run after a year's holiday table is entered (and by `fazhi holidays
    --settle`). Registering the same `told` again replaces it (ready() may run more than once in tests)."""
    _settlers[told] = Settler(fn, told, always)


def settle_holiday_year(*, by, on) -> list[tuple[Settler, int]]:
    """Run every registered settler; each with how many records it settled."""
    return [(s, s.fn(by=by, on=on)) for s in _settlers.values()]


# --- the records `verify` compares with their logs -------------------------------------------------------------


@dataclass(frozen=True)
class StreamOwner:
    """A model whose rows each own one event stream `<prefix><uuid>` (core/integrity.py).

    versioned: the row keeps the stream's length (`version`); head_on_row: the row keeps the stream's head
    itself (then there is no core_streamhead row for it); columns: more columns `check` and `name` read;
    summarise(bodies) -> dict: the key fields the log last recorded; name(row, stream) -> how a finding names
    the record (default "<noun>（<stream>）"); check(audit, name, row, last): the comparison (default: version and
    status, for a versioned record)."""

    model: str
    prefix: str
    noun: str
    versioned: bool = True
    head_on_row: bool = False
    columns: tuple[str, ...] = ()
    summarise: Callable[[list[dict]], dict] | None = None
    name: Callable[[dict, str], str] | None = None
    check: Callable | None = None


_owners: dict[tuple[str, str], StreamOwner] = {}


def stream_owner(model: str, prefix: str, noun: str, **kw) -> None:
    """Register `model` as owning the streams `<prefix><uuid>`. Two models may share a prefix (a 法律审查 and a 评查
    task both write `review:`): each row is matched with its own stream by its uuid, and each owner's `summarise`
    sees the streams of its prefix (reading only what it needs)."""
    _owners[(prefix, model)] = StreamOwner(model, prefix, noun, **kw)


def stream_owners() -> list[StreamOwner]:
    return list(_owners.values())


# --- what a backup carries besides the rows' files -------------------------------------------------------------

_event_blobs: dict[str, Callable[[dict], list[str]]] = {}


def blobs_in_events(kind: str, fn: Callable[[dict], list[str]]) -> None:
    """Events of `kind` name stored files by hash: `fn(event data) -> [sha256, …]`."""
    _event_blobs[kind] = fn


def event_blobs() -> dict[str, Callable[[dict], list[str]]]:
    return dict(_event_blobs)


# --- named functions one context offers another ----------------------------------------------------------------

_provided: dict[str, Callable] = {}


def provide(name: str, fn: Callable) -> None:
    _provided[name] = fn


def provided(name: str) -> Callable | None:
    return _provided.get(name)

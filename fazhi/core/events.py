"""Appending to and verifying the hash-chained event log."""
from __future__ import annotations

from datetime import date

from django.utils import timezone

from fazhi.core import rows
from fazhi.core.chain import GENESIS, event_hash, verify_bodies
from fazhi.core.models import Event
from fazhi.core.rows import Rows

EVENT_ROWS = Rows(Event)  # append-only: inserted, never updated
# The same statement on PostgreSQL and SQLite (3.24+): the stream's head moves with the event it points to.
HEAD_SQL = ("INSERT INTO core_streamhead (stream, seq, hash) VALUES (%s, %s, %s) "
            "ON CONFLICT (stream) DO UPDATE SET seq = excluded.seq, hash = excluded.hash")


def append_event(stream: str, kind: str, *, actor, on: date, data: dict,
                 head: tuple[int, str] | None = None) -> Event:
    """Append one event. Must run inside the transaction that holds the lock on the stream's record,
    so that seq and prev_hash are read and written without interleaving (the unique (stream, seq)
    constraint is the backstop). The stream's head (core_streamhead) is written with it; a penalty case keeps
    its head on its own row instead (cases/actions/machinery.py _finish)."""
    ev = next_event(stream, kind, actor=actor, on=on, data=data, head=head)
    rows.execute(EVENT_ROWS.insert_statement(ev), (HEAD_SQL, [ev.stream, ev.seq, ev.hash]))
    return ev


def next_event(stream: str, kind: str, *, actor, on: date, data: dict,
               head: tuple[int, str] | None = None) -> Event:
    """The stream's next event, hashed and not yet written. A record that keeps its chain head (last seq
    and hash) on its own locked row passes it as `head` and saves a query; (0, "") starts a new stream."""
    if head is None:
        last = Event.objects.filter(stream=stream).order_by("-seq").values("seq", "hash").first()
    else:
        last = {"seq": head[0], "hash": head[1]} if head[0] else None
    ev = Event(
        stream=stream,
        seq=(last["seq"] + 1) if last else 1,
        kind=kind,
        data=data,
        actor=getattr(actor, "username", None) or "system",
        actor_name=getattr(actor, "full_name", "") or "",
        effective_on=on,
        entered_at=timezone.now(),
        prev_hash=last["hash"] if last else GENESIS,
    )
    ev.hash = event_hash(ev.body())
    return ev


def verify_all(batch: int = 5000):
    """Yield the first break of every broken stream, reading the log in stream order."""
    current, bodies = None, []
    qs = Event.objects.order_by("stream", "seq").iterator(chunk_size=batch)
    for ev in qs:
        if ev.stream != current:
            if current is not None:
                brk = verify_bodies(current, bodies)
                if brk:
                    yield brk
            current, bodies = ev.stream, []
        bodies.append({**ev.body(), "hash": ev.hash})
    if current is not None:
        brk = verify_bodies(current, bodies)
        if brk:
            yield brk

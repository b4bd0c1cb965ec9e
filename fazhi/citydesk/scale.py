"""A city-scale year of 数字化城管 issues for the demo (`fazhi demo --scale city`): about 100,000 closed issues
written in bulk, as the loop's actions would have written them — the rows with every step's person and time, and
each issue's seven events (report → accept → register → dispatch → handle → verify → close) hash-chained with
its stream head — so `fazhi verify` passes and the appraisal and reports read a real year's volume. Bulk,
because one action per step would take most of an hour; the actions' own checks are what the rows and events
are consistent with (a category's unit by duty and region, the limit counted on the bureau's working hours)."""
from __future__ import annotations

import random
import uuid
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from fazhi.citydesk import actions as A
from fazhi.citydesk.demo import FAULTS, STREETS
from fazhi.citydesk.models import Category, Channel, GridCell, Issue, IssueStatus, Region, Unit
from fazhi.core.events import next_event
from fazhi.core.models import Event, StreamHead
from fazhi.org.models import Role, Staff

BATCH = 2000


def _people(role):
    return list(Staff.objects.filter(role_grants__role=role, is_active=True).distinct())


def bulk_issues(n: int, rng: random.Random, today, progress=lambda done, total: None) -> int:
    """`n` closed issues over the year before `today`, in batches of 2,000 (each its own transaction)."""
    operators, leaders = _people(Role.OPERATOR), _people(Role.SHIFT_LEADER)
    dispatchers, patrollers = _people(Role.DISPATCHER), _people(Role.PATROLLER)
    regions = list(Region.objects.select_related("bureau"))
    cells = {r.pk: list(GridCell.objects.filter(region=r).values_list("pk", "code", "row", "col")) for r in regions}
    choices = []  # (category, region, unit): a category whose duty a unit serves in the region, as dispatch finds
    for cat in Category.objects.filter(disabled=False):
        for r in regions:
            unit = (Unit.objects.filter(duty=cat.duty, regions=r).first()
                    or Unit.objects.filter(duty=cat.duty, regions=None).first())
            if unit is not None and cells[r.pk]:
                choices.append((cat, r, unit))
    if not (operators and leaders and dispatchers and patrollers and choices):
        return 0
    members = {u.pk: list(u.members.all()) or leaders for u in {c[2] for c in choices}}
    used = set(Issue.objects.values_list("tracking_code", flat=True))
    done = 0
    while done < n:
        size = min(BATCH, n - done)
        with transaction.atomic():
            _batch(size, rng, today, choices, cells, members, used, operators, leaders, dispatchers, patrollers)
        done += size
        progress(done, n)
    return done


def _code(rng, used) -> str:
    while True:
        c = f"{rng.getrandbits(32):08X}"
        if c not in used:
            used.add(c)
            return c


def _batch(size, rng, today, choices, cells, members, used, operators, leaders, dispatchers, patrollers):
    issues, events, heads = [], [], []
    tz = timezone.get_current_timezone()
    for _ in range(size):
        cat, region, unit = rng.choice(choices)
        cell_pk, cell_code, row, col = rng.choice(cells[region.pk])
        day = today - timedelta(days=rng.randint(30, 365))  # old enough for the longest limit to have run
        while day.weekday() >= 5:
            day -= timedelta(days=1)
        reported = datetime.combine(day, time(8, 30), tz) + timedelta(minutes=rng.randint(0, 7 * 60))
        channel = rng.choice([Channel.PATROL, Channel.PATROL, Channel.PATROL, Channel.HOTLINE, Channel.WEB])
        reporter = rng.choice(patrollers) if channel == Channel.PATROL else None
        op, leader, dispatcher = rng.choice(operators), rng.choice(leaders), rng.choice(dispatchers)
        handler, checker = rng.choice(members[unit.pk]), rng.choice(patrollers)
        accepted = reported + timedelta(minutes=rng.randint(3, 40))
        registered = accepted + timedelta(minutes=rng.randint(3, 40))
        dispatched = registered + timedelta(minutes=rng.randint(3, 30))
        i = Issue(uuid=uuid.uuid4(), tracking_code=_code(rng, used), channel=channel, category=cat,
                  description=FAULTS.get(cat.name, f"{cat.class_name}：{cat.name}问题"),
                  lng=region.grid_origin_lng + (col + 0.5) * region.grid_d_lng,
                  lat=region.grid_origin_lat + (row + 0.5) * region.grid_d_lat,
                  address=f"{region.name}{rng.choice(STREETS)}{rng.randint(1, 300)}号", region=region,
                  cell_id=cell_pk, status=IssueStatus.REPORTED, reported_at=reported, reported_by=reporter,
                  unit=unit, accepted_at=accepted, accepted_by=op, registered_at=registered, registered_by=leader,
                  dispatched_at=dispatched, dispatched_by=dispatcher)
        i.due_at = A._fresh_due(i, dispatched)
        limit = (i.due_at - dispatched) if i.due_at else timedelta(hours=4)
        late = rng.random() < 0.08
        i.handled_at = dispatched + (limit + timedelta(minutes=rng.randint(10, 600)) if late
                                     else limit * rng.uniform(0.2, 0.95))
        i.verified_at = i.handled_at + timedelta(minutes=rng.randint(10, 120))
        i.closed_at = i.verified_at + timedelta(minutes=rng.randint(5, 60))
        i.verified_by = checker
        feedback = "已按要求处置完毕"
        steps = [
            ("report", reporter, reported, IssueStatus.REPORTED,
             {"channel": channel, "service_code": cat.service_code, "cell": cell_code, "region": region.code,
              "photos": []}),
            ("accept", op, accepted, IssueStatus.ACCEPTED, {}),
            ("register", leader, registered, IssueStatus.REGISTERED, {"condition": cat.filing_condition}),
            ("dispatch", dispatcher, dispatched, IssueStatus.DISPATCHED,
             {"unit": unit.name, "due_at": i.due_at.isoformat() if i.due_at else None,
              "limit": "".join(map(str, A._limit(i))), "ruling": ""}),
            ("handle", handler, i.handled_at, IssueStatus.HANDLED,
             {"feedback": feedback, "late": bool(i.due_at and i.handled_at > i.due_at), "photos": []}),
            ("verify", checker, i.verified_at, IssueStatus.VERIFIED, {"ok": True, "note": ""}),
            ("close", leader, i.closed_at, IssueStatus.CLOSED,
             {"late": bool(i.due_at and i.handled_at > i.due_at)}),
        ]
        head = (0, "")
        for version, (kind, by, at, status, data) in enumerate(steps, start=1):
            ev = next_event(i.stream, kind, actor=by, on=timezone.localtime(at).date(), head=head,
                            data={"status": status, "version": version, "at": at.isoformat(), **data})
            events.append(ev)
            head = (ev.seq, ev.hash)
        i.status, i.version = IssueStatus.CLOSED, len(steps)
        i.status_notes = f"已结案：{cat.closing_condition}"
        issues.append(i)
        heads.append(StreamHead(stream=i.stream, seq=head[0], hash=head[1]))
    Issue.objects.bulk_create(issues, batch_size=500)
    Event.objects.bulk_create(events, batch_size=1000)
    StreamHead.objects.bulk_create(heads, batch_size=1000)

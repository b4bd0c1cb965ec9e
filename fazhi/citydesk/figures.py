"""Figures of the 数字化城管 loop read from the issue rows: the §C.1 appraisal for a period (law/appraisal.py does
the arithmetic) and the counts the annual report quotes."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, F, Q
from django.utils import timezone

from fazhi.citydesk.models import Issue, IssueStatus, Region, Unit
from fazhi.core.calendar import law_calendar
from fazhi.law.appraisal import DEFAULT_LIMITS, DEFAULT_WEIGHTS, ROLE_LABELS, IssueRow, Score, appraise

ROW_FIELDS = ["region_id", "channel", "reported_at", "reported_by_id", "accepted_by_id", "accepted_at",
              "registered_by_id", "registered_at", "voided_after_register", "dispatched_by_id", "dispatched_at",
              "unit_id", "due_at", "handled_at", "verified_by_id", "verified_at", "closed_at", "status", "exempt",
              "rework_count", "returned_by"]


def weights() -> dict[str, dict[str, int]]:
    """The configured weights, role by role over the defaults."""
    return {**DEFAULT_WEIGHTS, **(getattr(settings, "FAZHI_APPRAISAL_WEIGHTS", None) or {})}


def period(start: date, end: date) -> tuple[datetime, datetime]:
    """[start 00:00, end+1 00:00) in the bureau's time zone."""
    tz = timezone.get_current_timezone()
    return (datetime.combine(start, time.min, tz), datetime.combine(end + timedelta(days=1), time.min, tz))


def issues_in(start: date, end: date, bureau=None, only=None):
    """Issues reported in the period in the bureau's tree; `only`, a filter on the issue, narrows it further (the
    report's 本机关 / 所属区县局 parts)."""
    lo, hi = period(start, end)
    qs = Issue.objects.filter(reported_at__gte=lo, reported_at__lt=hi)
    if bureau is not None and bureau.parent_id is not None:  # every region belongs to the tree: the root needs no join
        qs = qs.filter(region__bureau__path__startswith=bureau.path)
    return qs.filter(only) if only is not None else qs


def rows(qs) -> list[IssueRow]:
    out = []
    local = timezone.localtime
    times = [f for f in ROW_FIELDS if f.endswith("_at")]
    for v in qs.values(*ROW_FIELDS).iterator(chunk_size=5000):
        for f in times:
            if v[f] is not None:
                v[f] = local(v[f])
        out.append(IssueRow(
            region=v["region_id"], channel=v["channel"], reported_at=v["reported_at"], reported_by=v["reported_by_id"],
            accepted_by=v["accepted_by_id"], accepted_at=v["accepted_at"], registered_by=v["registered_by_id"],
            registered_at=v["registered_at"], voided_after_register=v["voided_after_register"],
            dispatched_by=v["dispatched_by_id"], dispatched_at=v["dispatched_at"], unit=v["unit_id"],
            due_at=v["due_at"], handled_at=v["handled_at"], verified_by=v["verified_by_id"],
            verified_at=v["verified_at"], closed_at=v["closed_at"], shelved=v["status"] == IssueStatus.PENDING,
            exempt=v["exempt"], rework_count=v["rework_count"],
            returned_dispatchers=tuple(r["dispatcher"] for r in v["returned_by"] if r.get("dispatcher"))))
    return out


@dataclass
class Board:
    role: str
    label: str
    metrics: list[str]
    weights: dict[str, int]
    scores: list[tuple[str, Score]]

    @property
    def table(self) -> list[tuple[str, list, object]]:
        return [(name, [s.rates.get(m) for m in self.metrics], s.composite) for name, s in self.scores]


def appraisal(start: date, end: date, bureau=None) -> list[Board]:
    """The §C.1 tables for issues reported in [start, end], names resolved for display."""
    regions = {r.pk: r for r in Region.objects.select_related("bureau")}
    hours = {pk: r.bureau.working_hours() for pk, r in regions.items()}
    w = weights()
    result = appraise(rows(issues_in(start, end, bureau)), cal=law_calendar(), hours=hours, limits=DEFAULT_LIMITS,
                      weights=w)
    people = {s.pk: s.full_name or s.username for s in get_user_model().objects.filter(
        pk__in={s.who for role in ("supervisor", "operator", "shift_leader", "dispatcher") for s in result[role]})}
    units = dict(Unit.objects.values_list("pk", "name"))
    name = {"unit": units, "region": {pk: r.name for pk, r in regions.items()}}
    boards = []
    for role, scores in result.items():
        names = name.get(role, people)
        metrics = [m.removeprefix("1-") for m in DEFAULT_WEIGHTS[role]]
        boards.append(Board(role, ROLE_LABELS[role], metrics, dict(w.get(role, DEFAULT_WEIGHTS[role])),
                            [(names.get(s.who, str(s.who)), s) for s in scores]))
    return boards


def summary(start: date, end: date, bureau=None, only=None) -> dict[str, int]:
    """What the annual report says of the loop: issues taken in, registered, closed, closed in time, by channel.
    One aggregate query."""
    in_time = Q(handled_at__lte=F("due_at")) | Q(exempt=True)
    agg = issues_in(start, end, bureau, only).aggregate(
        received=Count("id"),
        registered=Count("id", filter=Q(registered_at__isnull=False, voided_after_register=False)),
        closed=Count("id", filter=Q(status=IssueStatus.CLOSED, registered_at__isnull=False)),
        closed_in_time=Count("id", filter=Q(status=IssueStatus.CLOSED, registered_at__isnull=False) & in_time),
        self_fixed=Count("id", filter=Q(channel="self")),
        public=Count("id", filter=Q(channel__in=["hotline", "web", "open311"])),
        to_case=Count("id", filter=Q(case__isnull=False)),
    )
    return agg

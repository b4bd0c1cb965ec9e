"""The demo year's decisions and reviews, and the report's figures against an independent SQL count."""
from __future__ import annotations

import random
from datetime import date

from django.db import connection
from django.utils import timezone

from fazhi.decisions.demo import build_decisions
from fazhi.decisions.models import Decision, Status
from fazhi.reports.areas import decisions as F
from fazhi.reports.base import Scope


def sql(q, *p):
    with connection.cursor() as c:
        c.execute(q, p)
        return c.fetchall()


def test_demo_year_every_stage_and_the_figures_equal_sql(org):
    today = timezone.localdate()
    build_decisions(org, random.Random(3), today)
    stages = set(Decision.objects.values_list("status", flat=True))
    assert stages == set(Status.values), set(Status.values) - stages
    city = org["city"].bureau
    s = Scope(city, date(today.year, 1, 1), date(today.year, 12, 31))
    start, end = s.start.isoformat(), s.end.isoformat()
    contracts = sql("SELECT COUNT(*) FROM decisions_review WHERE kind='contract' AND status='done' "
                    "AND done_on BETWEEN %s AND %s", start, end)[0][0]
    assert contracts >= 10
    fig = {f.key: f for f in F.FIGURES}
    assert fig["contract_reviews"].compute(s) == contracts
    meetings = sql("SELECT COUNT(*) FROM decisions_decision WHERE meeting_on BETWEEN %s AND %s", start, end)[0][0]
    assert fig["major_deliberations"].compute(s) == meetings > 0
    rows = sql("SELECT kind, COUNT(*) FROM decisions_review WHERE status='done' AND kind<>'penalty' "
               "AND done_on BETWEEN %s AND %s GROUP BY kind", start, end)
    from fazhi.law.decisions import REVIEW_KINDS
    assert {REVIEW_KINDS[k]: n for k, n in rows} == fig["legal_reviews"].compute(s)
    avg = sql("SELECT AVG(turnaround_wd) FROM decisions_review WHERE status='done' AND kind<>'penalty' "
              "AND done_on BETWEEN %s AND %s", start, end)[0][0]
    assert abs(float(fig["review_turnaround"].compute(s)) - float(avg)) < 0.05
    by_stage = sql("SELECT status, COUNT(*) FROM decisions_decision WHERE launched_on <= %s "
                   "AND (archived_on IS NULL OR archived_on >= %s) GROUP BY status", end, start)
    labels = dict(Status.choices)
    assert fig["major_decisions"].compute(s) == {labels[k]: n for k, n in sorted(by_stage, key=lambda r: list(labels).index(r[0]))}
    items = sql("SELECT COUNT(*) FROM decisions_catalogueitem i JOIN decisions_catalogue c ON c.id = i.catalogue_id "
                "WHERE c.year = %s AND i.withdrawn_on IS NULL AND c.published_on IS NOT NULL", today.year)[0][0]
    assert fig["major_catalogue_items"].compute(s) == items == 10

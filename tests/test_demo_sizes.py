"""`fazhi demo` with non-default sizes loads whole (issue 15): `--general 2 --simple 2 --issues 600` builds every
context and a bulk year of issues (the part of `--scale city` that is written in bulk), prints its progress and
logins, and the loaded event log verifies (hash chains, records against their streams)."""
from io import StringIO

from django.core.management import call_command

from fazhi.cases.models import PenaltyCase, Procedure
from fazhi.citydesk.models import Issue
from fazhi.core.models import Event
from fazhi.org.models import Bureau
from tests.year_cases import clock_fixture  # noqa: F401 — the `clock` fixture


def test_small_demo_loads_and_verifies(db):
    out = StringIO()
    call_command("demo", general=2, simple=2, issues=600, stdout=out)
    text = out.getvalue()
    assert "已载入演示数据" in text and "city_admin" in text and "秒]" in text
    districts = Bureau.objects.exclude(parent=None).count()
    assert districts > 0
    general = PenaltyCase.objects.filter(procedure=Procedure.GENERAL).count()
    simple = PenaltyCase.objects.filter(procedure=Procedure.SIMPLE).count()
    assert general >= 2 and simple >= 2
    assert general < 24 * districts and simple < 30 * districts  # the sizes were taken, not the defaults
    # The bulk year of issues (what --scale city writes 100,000 of): closed, each with its seven events.
    assert "问题：600/600" in text
    bulk = Issue.objects.filter(status="closed", version=7, accepted_by__isnull=False, verified_by__isnull=False)
    assert bulk.count() >= 600
    i = bulk.order_by("-id").first()
    assert i.reported_at < i.accepted_at < i.registered_at < i.dispatched_at < i.handled_at < i.closed_at
    assert Event.objects.filter(stream=i.stream).count() == 7
    verified = StringIO()
    call_command("verify", stdout=verified)
    assert "校验通过" in verified.getvalue()


def test_the_demo_loads_in_the_last_week_of_the_year(db, clock):
    """DAY-07 at the demo's edge: on 2026-12-28 many targets and deadlines of the demo year run into 2027, whose
    holiday table is not entered; the demo still loads whole (a target is estimated, a deadline pending)."""
    from datetime import date

    clock(date(2026, 12, 28))
    out = StringIO()
    call_command("demo", general=2, simple=2, issues=0, stdout=out)
    assert "已载入演示数据" in out.getvalue()

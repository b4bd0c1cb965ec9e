"""The demo bureau the report tests share (株洲市局 with its districts, a year of cases, inspections and
publications; fixed seed), and a one-value SQL helper for the independent counts."""
import random
from datetime import date

import pytest
from django.db import connection

from fazhi.cases.demo import build_cases
from fazhi.catalog.demo import build_catalogue
from fazhi.disclosure.demo import build_publications
from fazhi.inspections.demo import build_inspections
from fazhi.org.demo import _name, build_org
from fazhi.org.models import Bureau
from fazhi.supervision.demo import build_supervision

TODAY = date(2026, 11, 20)


@pytest.fixture
def demo(db):
    rng, used = random.Random(20261122), set()
    staff = build_org(rng, TODAY)
    build_catalogue(Bureau.objects.get(parent=None))
    build_cases(staff, rng, TODAY, lambda: _name(rng, used), general_per_bureau=12, simple_per_bureau=6)
    build_inspections(staff, rng, TODAY)
    build_publications(staff, rng, TODAY)
    build_supervision(staff, rng, TODAY)
    city = Bureau.objects.get(code="430200")
    city.demo_staff = staff  # for tests that add more of the demo
    return city


def sql(query, params=()):
    with connection.cursor() as cur:
        cur.execute(query, params)
        return cur.fetchone()[0]



"""INS-08 across the turn of the year (DAY-07): an inspection recorded in late December, whose 20-working-day
publication limit runs into a year with no holiday table yet, is recorded (never refused for it) with its limit
pending and shown as pending; a publication within the working days already known is on time; the limit is made
concrete, with an event, when the year's table is entered. The 2027 table is test data (元旦 01-01..01-03 off)."""
from datetime import date

import pytest
from django.test import Client

from fazhi.core.models import Event
from fazhi.inspections import actions as I
from fazhi.inspections.figures import figures
from fazhi.inspections.models import Subject
from tests.inspections.test_inspections import setup  # noqa: F401 — the fixture
from tests.test_year_turn import enter_2027_test_table
from tests.year_cases import clock_fixture  # noqa: F401 — the `clock` fixture

D = date.fromisoformat
# Recorded on Monday 2026-12-28: 12-29..12-31 are 3 of the 20 working days; with 元旦 off, the other 17 run from
# 01-04 to Tuesday 2027-01-26.
RECORDED = D("2026-12-28")


def _recorded(setup):  # noqa: F811
    ins = I.plan_inspection(by=setup["hetang_squad1"], on=D("2026-12-21"), subject=Subject.objects.first(),
                            items=[setup["item"]], officers=[setup["hetang_officer1"], setup["hetang_officer2"]],
                            planned_on=RECORDED)
    I.approve(ins, by=setup["hetang_head"], on=D("2026-12-21"))
    ins = I.record(ins, by=setup["hetang_officer1"], on=RECORDED, findings="设施牢固，无安全隐患")
    return I.notify_result(ins, by=setup["hetang_officer1"], on=RECORDED, result="未发现问题")


def test_INS_08_DAY_07_recorded_with_the_limit_pending_and_shown_so(setup, clock):  # noqa: F811
    clock(D("2026-12-28"))
    ins = _recorded(setup)
    assert ins.publish_due is None
    [ev] = Event.objects.filter(stream=ins.stream, kind="record")
    assert ev.data["publish_due"] is None
    c = Client()
    c.force_login(setup["hetang_officer1"])
    page = c.get(f"/inspections/{ins.uuid}/").content.decode()
    assert "至2026年12月31日已计3个工作日，其余17个工作日待2027年节假日安排录入后确定" in page
    assert "None" not in page


def test_INS_08_DAY_07_published_within_the_known_working_days_is_on_time(setup, clock):  # noqa: F811
    clock(D("2026-12-31"))
    ins = I.publish(_recorded(setup), by=setup["hetang_officer1"], on=D("2026-12-31"))
    assert Event.objects.get(stream=ins.stream, kind="publish").data["late"] is False
    f = figures(setup["hetang"], 2026)
    assert f["按期公示"] == 1 and f["按期公示率"] == 1


@pytest.mark.parametrize("published, late", [("2027-01-25", False), ("2027-01-26", False), ("2027-01-27", True)])
def test_INS_08_DAY_07_settled_when_the_table_is_entered(setup, clock, published, late):  # noqa: F811
    clock(D("2027-02-01"))
    ins = I.publish(_recorded(setup), by=setup["hetang_officer1"], on=D(published))
    assert Event.objects.get(stream=ins.stream, kind="publish").data["late"] is None  # not knowable yet
    assert figures(setup["hetang"], 2026)["按期公示"] == 0  # neither on time nor late while unknown
    enter_2027_test_table(setup["hetang_head"])
    assert I.settle_publication_due(by=setup["hetang_head"], on=D("2027-02-01")) == 1
    ins.refresh_from_db()
    assert ins.publish_due == D("2027-01-26")
    last = Event.objects.filter(stream=ins.stream).order_by("-seq").first()
    assert last.kind == "settle_due" and last.data["publish_due"] == "2027-01-26"
    assert figures(setup["hetang"], 2026)["按期公示"] == (0 if late else 1)
    assert I.settle_publication_due(by=setup["hetang_head"], on=D("2027-02-01")) == 0

"""PUB-03 across the turn of the year (DAY-07): a decision's 7-working-day publication limit that runs into a year
whose holiday table is missing. A publication is never refused for it: it is saved with the limit pending, shown
as pending, kept out of the 公示超期/公示及时率 figures while its lateness is unknown, and made concrete, with an
event, when the year's table is entered. The 2027 table is test data (元旦 01-01..01-03 off), not the notice."""
from datetime import date

import pytest
from django.test import Client

from fazhi.cases.models import PenaltyCase
from fazhi.core.models import Event
from fazhi.disclosure import actions as P
from fazhi.disclosure.models import Publication
from fazhi.org.models import Staff
from fazhi.reports.base import Scope
from fazhi.reports.figures import _late_publications, _publication
from tests.test_year_turn import enter_2027_test_table
from tests.year_cases import _decided, _filed, _reported, clock_fixture  # noqa: F401 — the `clock` fixture

D = date.fromisoformat
# Decided on Monday 2026-12-28: 12-29, 12-30, 12-31 are the limit's 3 working days in 2026; with 元旦 off, 01-04
# to 01-07 are the other 4, so the limit is Thursday 2027-01-07.
DECIDED = "2026-12-28"


def _decision(api):
    c = _filed(api, on="2026-12-01", act_on="2026-11-30", discovered_on="2026-12-01")
    _decided(api, _reported(api, c, on="2026-12-02"), notify_on="2026-12-03", decide_on=DECIDED)
    return PenaltyCase.objects.get(uuid=c)


@pytest.fixture
def head(org):
    return Staff.objects.get(username="hetang_head")


def test_PUB_03_DAY_07_within_the_known_working_days_is_on_time_with_the_limit_pending(api, clock, head):
    clock(D("2026-12-31"))
    p = P.publish(_decision(api), by=head, on=D("2026-12-31"))
    assert p.calendar_pending and p.due is None and p.on_time and p.late_days == 0


@pytest.mark.parametrize("published, late_days", [("2027-01-06", 0), ("2027-01-07", 0), ("2027-01-08", 1)])
def test_PUB_03_DAY_07_into_the_unknown_year_saved_pending_then_settled(api, clock, head, client, published,
                                                                        late_days):
    clock(D("2027-01-10"))
    case = _decision(api)
    p = P.publish(case, by=head, on=D(published))  # not refused: the publication is made
    assert p.calendar_pending and p.due is None and not p.on_time and p.late_days == 0
    [ev] = Event.objects.filter(stream=p.stream)
    assert ev.data["calendar_pending"] is True and ev.data["late"] is None and ev.data["due"] is None
    # Shown as pending on the case page, and counted neither late nor on time.
    client.force_login(head)
    page = client.get(f"/cases/{case.uuid}/").content.decode()
    assert "公开期限待节假日安排录入后确定" in page and "是否逾期待定" in page and "逾期0日" not in page
    scope = Scope(bureau=case.bureau, start=D("2026-12-01"), end=D("2026-12-31"))
    assert _late_publications(scope).count() == 0 and _publication(scope).den == 0
    # Entering 2027 makes it concrete: limit 01-07, on time on or before it, one day late after.
    enter_2027_test_table(head)
    assert P.settle_publications(by=head, on=D("2027-01-10")) == 1
    p.refresh_from_db()
    assert not p.calendar_pending and p.due == D("2027-01-07")
    assert p.on_time is (late_days == 0) and p.late_days == late_days
    last = Event.objects.filter(stream=p.stream).order_by("-seq").first()
    assert last.kind == "settle_due" and last.actor == "hetang_head" and last.data["days_late"] == late_days
    assert _publication(scope).den == 1 and _late_publications(scope).count() == (1 if late_days else 0)
    assert P.settle_publications(by=head, on=D("2027-01-10")) == 0  # nothing left pending


def test_DAY_07_the_holiday_page_settles_pending_publications(api, clock, head):
    clock(D("2027-01-10"))
    P.publish(_decision(api), by=head, on=D("2027-01-08"))
    web = Client()
    web.force_login(head)
    notice = "一、元旦：1月1日（周五）至3日（周日）放假调休，共3天。"
    r = web.post("/calendar/holidays/", {"year": "2027", "title": "测试数据（非国务院办公厅通知）", "text": notice,
                                            "confirm": "1"}, follow=True)
    assert r.status_code == 200
    assert "1件处罚决定的公开期限已确定" in r.content.decode()
    p = Publication.objects.get()
    assert not p.calendar_pending and p.due == D("2027-01-07") and p.late_days == 1

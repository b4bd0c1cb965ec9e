"""The turn of the year without a cliff (DAY-07): deadlines into a year whose holiday table is not entered yet show
what is known, no read fails, an action either commits or refuses whole, and entering the table makes every pending
deadline concrete. The 2027 table used here is test data, not the State Council's notice (not yet published)."""
from datetime import date

import pytest

from fazhi.cases.actions import settle_deadlines
from fazhi.cases.models import PenaltyCase, Preservation
from fazhi.core.models import Event, HolidayYear, SpecialDay
from fazhi.org.models import Staff
from tests.test_api_scenarios import act, clue, ok
from tests.year_cases import (
    OFFICERS,
    _decided,
    _reported,
    cases_in_every_state,
    clock_fixture,  # noqa: F401 — the `clock` fixture
)

D = date.fromisoformat


def test_DAY_07_PEN_06_case_filed_on_11_30_shows_its_decision_date_at_once(api, clock, client):
    clock(D("2026-11-30"))
    c = clue(api, act_on="2026-11-28", discovered_on="2026-11-30", on="2026-11-30")
    body = ok(act(api, "hetang_head", c, "file", on="2026-11-30", officers=OFFICERS))
    [d] = body["deadlines"]
    # 90 days from 11-30 (not counted): 2027-02-28, a Sunday in a year whose holidays are not entered.
    assert d["rule"] == "PEN-06" and d["due"] == "2027-02-28" and d["provisional"] is True
    assert "末日如遇节假日顺延" in d["unknown_reason"] and "工作日" not in d["unknown_reason"]
    assert PenaltyCase.objects.get(uuid=c).next_due == date(2027, 2, 28)
    client.force_login(Staff.objects.get(username="hetang_officer1"))
    page = client.get(f"/cases/{c}/")
    assert page.status_code == 200
    assert "2027-02-28" in page.content.decode() and "末日如遇节假日顺延" in page.content.decode()


def _served_on_12_18(api):
    c = clue(api, act_on="2026-11-28", discovered_on="2026-11-30", on="2026-11-30")
    ok(act(api, "hetang_head", c, "file", on="2026-11-30", officers=OFFICERS))
    _decided(api, _reported(api, c), decide_on="2026-12-17")
    return c, act(api, "hetang_officer1", c, "serve", on="2026-12-18", method="direct", recipient="张三")


def test_DAY_07_PEN_17_service_on_12_18_commits_with_payment_deadline_pending(api, clock, client):
    clock(D("2026-12-20"))
    c, result = _served_on_12_18(api)
    body = ok(result)  # commits and says so: no 409 after a saved service
    assert body["status"] == "executing" and body["dates"]["served_on"] == "2026-12-18"
    assert body["dates"]["payment_due"] is None
    [d] = body["deadlines"]
    assert d["rule"] == "PEN-17" and d["due"] == "2027-01-02" and d["provisional"] is True
    assert body["late_fee_today"] == "0.00"
    assert ok(api("hetang_officer1").get(f"/cases/{c}"))["uuid"] == c
    client.force_login(Staff.objects.get(username="hetang_officer1"))
    assert client.get(f"/cases/{c}/").status_code == 200
    # PEN-16 met in time: decided 12-17, served the next day.
    assert body["met_deadlines"][0]["rule"] == "PEN-16" and body["met_deadlines"][0]["late"] is False


def enter_2027_test_table(by):
    """Test data standing in for the 2027 notice: 元旦 1-1..1-3 off (Fri–Sun)."""
    year = HolidayYear.objects.create(year=2027, notice="测试数据（非国务院办公厅通知）", entered_by=by)
    for d in ("2027-01-01", "2027-01-02", "2027-01-03"):
        SpecialDay.objects.create(year=year, day=D(d), is_off_day=True, name="元旦")
    return year


def test_DAY_07_entering_the_table_makes_every_pending_deadline_concrete(api, clock):
    clock(D("2026-12-28"))
    c, result = _served_on_12_18(api)
    ok(result)
    filed = clue(api, act_on="2026-11-28", discovered_on="2026-11-30", on="2026-11-30")
    ok(act(api, "hetang_head", filed, "file", on="2026-11-30", officers=OFFICERS))
    ok(act(api, "hetang_officer1", filed, "preserve_evidence", on="2026-12-24", items="三轮车一辆",
           approved_by="hetang_head"))
    case, other = PenaltyCase.objects.get(uuid=c), PenaltyCase.objects.get(uuid=filed)
    assert case.calendar_pending and other.calendar_pending
    pending_preservation = Preservation.objects.get(case=other)
    assert pending_preservation.due is None  # 7 working days from 12-24: 5 in 2026, 2 in 2027
    assert "其余2个工作日待2027年节假日安排录入后确定" in {d["rule"]: d for d in other.deadlines}["PEN-07"]["unknown_reason"]
    head = Staff.objects.get(username="hetang_head")
    enter_2027_test_table(head)
    assert settle_deadlines(by=head, on=D("2026-12-28")) == 2
    case.refresh_from_db()
    other.refresh_from_db()
    assert case.payment_due == date(2027, 1, 4)  # 01-02 is a rest day: the period ends on Monday 01-04
    assert case.deadlines == [{"rule": "PEN-17", "label": "缴纳罚款", "due": "2027-01-04", "unknown_reason": ""}]
    assert not case.calendar_pending and not other.calendar_pending
    by_rule = {d["rule"]: d for d in other.deadlines}
    assert by_rule["PEN-06"]["due"] == "2027-03-01" and "provisional" not in by_rule["PEN-06"]  # 02-28 Sunday
    pending_preservation.refresh_from_db()  # 12-25, 28, 29, 30, 31, then 01-04, 01-05
    assert pending_preservation.due == date(2027, 1, 5) and by_rule["PEN-07"]["due"] == "2027-01-05"
    ev = Event.objects.filter(stream=case.stream).order_by("-seq").first()
    assert ev.kind == "settle_deadlines" and ev.actor == "hetang_head"
    assert settle_deadlines(by=head, on=D("2026-12-28")) == 0  # nothing left pending


@pytest.mark.parametrize("today", ["2026-12-20", "2027-01-10"])
def test_no_staff_page_or_api_read_fails_for_any_case_in_any_state(api, clock, client, today):
    clock(D("2026-12-20"))
    cases = cases_in_every_state(api)
    statuses = set(PenaltyCase.objects.values_list("status", flat=True))
    assert statuses == {"clue", "investigating", "reported", "notified", "hearing", "transferring", "decided",
                        "executing", "enforcing", "closed", "archived"}
    clock(D(today))
    readers = {u: Staff.objects.get(username=u) for u in ("hetang_officer1", "hetang_head", "hetang_reviewer",
                                                           "hetang_squad1", "city_supervisor")}
    for username, staff in readers.items():
        client.force_login(staff)
        assert client.get("/").status_code == 200, username
        assert client.get("/reports/dashboard/").status_code < 500, username
        status, listing = api(username).get("/cases")
        assert status == 200, listing
        for name, c in cases.items():
            status, body = api(username).get(f"/cases/{c}")
            assert status in (200, 404), (username, name, body)
            assert api(username).get(f"/cases/{c}/documents")[0] in (200, 404), (username, name)
            page = client.get(f"/cases/{c}/")
            assert page.status_code in (200, 404), (username, name, page.status_code)

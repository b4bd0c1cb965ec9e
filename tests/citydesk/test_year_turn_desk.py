"""DAY-07 for 数字化城管: an issue dispatched in late December whose 工作日 limit runs into a year without a holiday
table is dispatched all the same (no cliff), shows no limit yet, and gets its limit when the table is entered.
The 2027 table here is test data, not the State Council's notice."""
from datetime import date, datetime

from django.test import Client

from fazhi.citydesk import actions as C
from fazhi.citydesk.models import Category, IssueStatus
from fazhi.core.models import Event, HolidayYear, SpecialDay
from tests.citydesk.desk import HETANG_WGS84, TZ
from tests.year_cases import clock_fixture  # noqa: F401 — the `clock` fixture


def test_DAY_07_dispatch_into_an_unknown_year_then_the_limit_is_settled(desk, clock):
    clock(date(2026, 12, 28))
    cat = Category.objects.create(kind="part", class_code="02", class_name="交通设施", code="07", name="护栏损坏",
                                  filing_condition="护栏缺失或损坏", limit=15, limit_unit="工作日", urgent_limit=5,
                                  urgent_unit="工作日", closing_condition="修复完好", duty="环境卫生")
    at = datetime(2026, 12, 28, 9, 0, tzinfo=TZ)
    i = C.report(channel="hotline", category=cat, description="护栏倒伏", lng=HETANG_WGS84[0], lat=HETANG_WGS84[1],
                 by=desk["desk_operator"], at=at)
    i = C.register(C.accept(i, by=desk["desk_operator"], at=at), by=desk["desk_leader"], condition_met=True, at=at)
    i = C.dispatch(i, by=desk["desk_dispatcher"], at=at)
    assert i.status == IssueStatus.DISPATCHED and i.due_at is None  # 15 working days end in 2027
    client = Client()
    client.force_login(desk["desk_operator"])
    assert client.get(f"/citydesk/i/{i.uuid}/").status_code == 200
    assert client.get("/citydesk/").status_code == 200
    year = HolidayYear.objects.create(year=2027, notice="测试数据（非国务院办公厅通知）")
    SpecialDay.objects.create(year=year, day=date(2027, 1, 1), is_off_day=True, name="元旦")
    assert C.settle_due(by=desk["desk_leader"]) == 1
    i.refresh_from_db()
    # 12-29, 30, 31 (3); 01-04..08 (8); 01-11..15 (13); 01-18, 19 (15)
    assert i.due_at.astimezone(TZ).date() == date(2027, 1, 19)
    assert Event.objects.filter(stream=i.stream, kind="settle_due").count() == 1
    assert C.settle_due(by=desk["desk_leader"]) == 0

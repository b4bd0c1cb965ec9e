"""Times shown to people are Asia/Shanghai, whatever offset a moment was recorded with (UTC from timezone.now)."""
from datetime import UTC, datetime

from django.test import Client

from fazhi.citydesk import actions as C
from fazhi.citydesk.views import shown_time
from tests.citydesk.desk import HETANG_WGS84


def test_shown_time_is_beijing_time():
    assert shown_time("2026-03-09T01:30:00+00:00") == "2026-03-09 09:30"
    assert shown_time("2026-03-09T09:30:00+08:00") == "2026-03-09 09:30"
    assert shown_time("2026-12-31T16:05:00+00:00") == "2027-01-01 00:05"  # the date turns too
    assert shown_time("") == "" and shown_time("不是时间") == ""


def test_issue_timeline_shows_beijing_time_for_a_utc_moment(desk):
    at = datetime(2026, 3, 9, 1, 30, tzinfo=UTC)  # 09:30 in 株洲
    i = C.report(channel="hotline", category=desk["category"], description="垃圾", lng=HETANG_WGS84[0],
                 lat=HETANG_WGS84[1], by=desk["desk_operator"], at=at, callback=True)
    client = Client()
    client.force_login(desk["desk_operator"])
    page = client.get(f"/citydesk/i/{i.uuid}/").content.decode()
    assert "2026-03-09 09:30" in page and "2026-03-09 01:30" not in page

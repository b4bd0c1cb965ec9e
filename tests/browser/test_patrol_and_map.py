"""Issue 5 in a real browser: a supervisor reports from a phone (GPS from the device, a photo), the issue appears on
the command centre's map (vendored Leaflet, no tile server configured) and the overdue one is red."""
import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from fazhi.citydesk import actions as C
from fazhi.citydesk.models import Issue
from fazhi.law.geo import wgs84_to_gcj02
from tests.browser.conftest import CHROMIUM
from tests.citydesk.desk import HETANG_WGS84

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "citydesk"
pytestmark = pytest.mark.skipif(not CHROMIUM and not os.environ.get("CI"), reason="Debian chromium not installed")


def _context(browser, live_server, user, **kw):
    c = Client()
    c.force_login(user)
    ctx = browser.new_context(locale="zh-CN", **kw)
    ctx.add_cookies([{"name": "sessionid", "value": c.cookies["sessionid"].value, "url": live_server.url}])
    return ctx


def test_patrol_report_from_a_phone_then_the_map(browser, live_server, transactional_db, desk, settings, tmp_path):
    settings.FAZHI_BLOB_DIR = tmp_path
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    phone = _context(browser, live_server, desk["desk_patroller"], viewport={"width": 390, "height": 844},
                     geolocation={"longitude": HETANG_WGS84[0], "latitude": HETANG_WGS84[1]},
                     permissions=["geolocation"])
    page = phone.new_page()
    page.goto(f"{live_server.url}/citydesk/patrol/")
    page.wait_for_function("document.getElementById('lng').value !== ''")
    assert "已定位" in page.locator("#where").inner_text()
    page.fill("textarea[name=description]", "建设中路井盖旁堆放生活垃圾")
    page.set_input_files("input[name=photos]", files=[{"name": "scene.jpg", "mimeType": "image/jpeg",
                                                       "buffer": b"\xff\xd8\xff\xe0" + b"x" * 2048}])
    page.click("button:text-is('上报')")
    page.wait_for_selector(".notice")
    page.screenshot(path=str(ARTIFACTS / "patrol.png"), full_page=True)
    issue = Issue.objects.get()
    expected = wgs84_to_gcj02(*HETANG_WGS84)
    assert issue.channel == "patrol" and issue.reported_by == desk["desk_patroller"]
    assert abs(issue.lng - expected[0]) < 1e-6 and abs(issue.lat - expected[1]) < 1e-6  # converted once, to GCJ-02
    assert issue.photos.get().size == 2052
    # A second issue, dispatched long ago and not handled: overdue on the map.
    old = timezone.now() - timedelta(days=10)
    late = C.report(channel="hotline", category=desk["category"], description="垃圾", lng=HETANG_WGS84[0] + 0.003,
                    lat=HETANG_WGS84[1], by=desk["desk_operator"], at=old)
    late = C.register(C.accept(late, by=desk["desk_operator"], at=old), by=desk["desk_leader"], condition_met=True,
                      at=old)
    C.dispatch(late, by=desk["desk_dispatcher"], at=old)

    desk_page = _context(browser, live_server, desk["desk_leader"], viewport={"width": 1280, "height": 900}).new_page()
    desk_page.goto(f"{live_server.url}/citydesk/map/")
    desk_page.wait_for_selector("#map[data-ready]")
    assert desk_page.locator("#map").get_attribute("data-ready") == "2"
    markers = desk_page.locator("path.leaflet-interactive[stroke='#c9302c']")
    assert markers.count() == 1  # the overdue one
    assert desk_page.locator("path.leaflet-interactive").count() == 3  # 荷塘's boundary and two issues
    desk_page.screenshot(path=str(ARTIFACTS / "map.png"))

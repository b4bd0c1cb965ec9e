"""Issue 30 in a real browser: on the 数字化城管 board and an issue's page each loop role is offered its own steps
only — the 派遣员 the 派遣, the 处置单位 its 处置 and side steps — on a phone (390×844) and a desktop (1440×900);
screenshots in test-artifacts/citydesk/."""
import os
from pathlib import Path

import pytest
from django.test import Client

from fazhi.org.models import Staff
from tests.browser.conftest import CHROMIUM
from tests.citydesk.loop import issues_in_every_state

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "citydesk"
pytestmark = pytest.mark.skipif(not CHROMIUM and not os.environ.get("CI"), reason="Debian chromium not installed")
SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1440, "height": 900}}


def _page(browser, live_server, user, viewport):
    c = Client()
    c.force_login(user)
    ctx = browser.new_context(locale="zh-CN", viewport=viewport)
    ctx.add_cookies([{"name": "sessionid", "value": c.cookies["sessionid"].value, "url": live_server.url}])
    return ctx.new_page()


def test_each_loop_role_sees_its_own_forms(browser, live_server, transactional_db, org):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    issues = {i.status: i for i in issues_in_every_state() if not i.requests.exists()}
    mine = {"city_dispatcher1": (issues["registered"], {"dispatch"}, {"handle", "verify", "accept", "register"}),
            "hetang_huanwei": (issues["dispatched"], {"handle", "give_back", "apply_extension", "apply_shelve"},
                               {"dispatch", "accept", "register", "verify", "close"})}
    for username, (issue, offered, hidden) in mine.items():
        user = Staff.objects.get(username=username)
        for size, viewport in SIZES.items():
            page = _page(browser, live_server, user, viewport)
            page.goto(f"{live_server.url}/citydesk/")
            board = page.content()
            page.screenshot(path=str(ARTIFACTS / f"board-{username}-{size}.png"), full_page=True)
            for step in hidden:
                assert f"do-{step}" not in board, (username, step)
            page.goto(f"{live_server.url}/citydesk/i/{issue.uuid}/")
            page.screenshot(path=str(ARTIFACTS / f"issue-{username}-{size}.png"), full_page=True)
            shown = {d.get_attribute("id")[3:] for d in page.locator("details[id^=do-]").all()}
            assert shown == offered, (username, shown)
            text = page.locator("main").inner_text() if page.locator("main").count() else page.inner_text("body")
            assert "None" not in text
            page.context.close()

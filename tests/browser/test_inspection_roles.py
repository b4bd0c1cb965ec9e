"""Issue 30 in a real browser: on the inspection board and an inspection's page the head is offered the 批准 only and
an assigned officer the 记录, 告知, 公示 and 移入案件办理 — on a phone (390×844) and a desktop (1440×900);
screenshots in test-artifacts/inspections/."""
import os
from pathlib import Path

import pytest
from django.test import Client

from fazhi.org.models import Staff
from tests.browser.conftest import CHROMIUM
from tests.inspections.samples import inspections_in_every_state

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "inspections"
pytestmark = pytest.mark.skipif(not CHROMIUM and not os.environ.get("CI"), reason="Debian chromium not installed")
SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1440, "height": 900}}


def _page(browser, live_server, user, viewport):
    c = Client()
    c.force_login(user)
    ctx = browser.new_context(locale="zh-CN", viewport=viewport)
    ctx.add_cookies([{"name": "sessionid", "value": c.cookies["sessionid"].value, "url": live_server.url}])
    return ctx.new_page()


def test_head_and_officer_see_their_own_forms(browser, live_server, transactional_db, org):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    s = inspections_in_every_state()
    planned = next(i for i in s if i.status == "planned")
    done = next(i for i in s if i.status == "done" and i.problem_found)
    mine = {"hetang_head": (planned, {"approve"}, {"record", "notify_result", "publish", "open_case"}),
            "hetang_officer1": (done, {"notify_result", "open_case"}, {"approve"})}
    for username, (ins, offered, hidden) in mine.items():
        user = Staff.objects.get(username=username)
        for size, viewport in SIZES.items():
            page = _page(browser, live_server, user, viewport)
            page.goto(f"{live_server.url}/inspections/")
            board = page.content()
            page.screenshot(path=str(ARTIFACTS / f"board-{username}-{size}.png"), full_page=True)
            for step in hidden:
                assert f"#do-{step}" not in board, (username, step)
            for step in offered:
                assert f"/inspections/{ins.uuid}/#do-{step}" in board, (username, step)
            page.goto(f"{live_server.url}/inspections/{ins.uuid}/")
            page.screenshot(path=str(ARTIFACTS / f"inspection-{username}-{size}.png"), full_page=True)
            shown = {d.get_attribute("id")[3:] for d in page.locator("details[id^=do-]").all()}
            assert shown == offered, (username, shown)
            text = page.inner_text("body")
            assert "None" not in text and "planned" not in text and "INS-" not in text.split("依据")[0]
            page.context.close()

"""Issue 12 item 4 in a real browser under the Content-Security-Policy: an anonymous reporter answers the
challenge on a phone; a locked account is told why on the login page; an officer issues and revokes a token."""
import os
import re
from pathlib import Path

import pytest

from fazhi.citydesk.models import Issue
from tests.browser.conftest import CHROMIUM
from tests.browser.test_api_docs_offline import offline_page
from tests.citydesk.desk import HETANG_WGS84
from tests.test_anonymous_reports import solve

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "security"
pytestmark = pytest.mark.skipif(not CHROMIUM and not os.environ.get("CI"), reason="Debian chromium not installed")
PHONE = {"width": 390, "height": 844}


def test_anonymous_report_with_the_challenge_on_a_phone(browser, live_server, transactional_db, desk):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page, blocked, csp = offline_page(browser)
    page.set_viewport_size(PHONE)
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation({"longitude": HETANG_WGS84[0], "latitude": HETANG_WGS84[1]})
    page.goto(f"{live_server.url}/public/report/")
    page.fill("textarea[name=description]", "人行道上堆放建筑垃圾")
    page.click("#locate")
    page.wait_for_function("document.getElementById('lng').value !== ''")
    page.fill("input[name=challenge_answer]", "99")  # wrong: refused, what was typed stays
    page.click("button[type=submit]")
    page.wait_for_selector(".refusal")
    assert "答案不正确" in page.inner_text(".refusal")
    assert page.input_value("textarea[name=description]") == "人行道上堆放建筑垃圾"
    page.screenshot(path=str(ARTIFACTS / "report-challenge-refused-390.png"), full_page=True)
    question = re.search(r"验证题：(.+?等于几？)", page.inner_text("form")).group(1)
    page.fill("input[name=challenge_answer]", solve(question))
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/public/track/"))
    assert Issue.objects.count() == 1
    assert blocked == [] and csp == []


def test_locked_login_and_the_token_page(browser, live_server, transactional_db, org, settings):
    settings.FAZHI_LOGIN_MAX_FAILURES = 3
    officer = org["hetang"].officers[0]
    page, blocked, csp = offline_page(browser)
    page.set_viewport_size(PHONE)
    for _ in range(3):
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("input[name=username]", officer.username)
        page.fill("input[name=password]", "wrong")
        page.click("button[type=submit]")
    assert "已锁定至" in page.inner_text(".error")
    page.screenshot(path=str(ARTIFACTS / "login-locked-390.png"), full_page=True)
    from fazhi.org.models import Lockout

    Lockout.objects.all().delete()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", officer.username)
    page.fill("input[name=password]", "fazhi2026")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    page.click("a.who")
    page.fill("input[name=name]", "执法记录仪对接")
    page.click("button:text-is('申请')")
    key = page.inner_text("#new-key code")
    assert key.startswith("fz_")
    page.set_viewport_size({"width": 1440, "height": 900})
    page.screenshot(path=str(ARTIFACTS / "tokens-1440.png"), full_page=True)
    page.click("button:text-is('吊销')")
    page.wait_for_selector(".notice")
    assert "已吊销" in page.inner_text("ul.rows")
    assert blocked == [] and csp == []

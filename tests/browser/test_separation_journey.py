"""三员分立 in the browser (issue #32 §2): the 安全管理员 asks for a 局长 role for an officer (it waits), the 系统管理员's
attempt to make itself 局长 is refused in place with its basis, the grantee's 局长 approves from the 工作台, and the
审计员 reads every step. Screenshots at 390×844 and 1440×900 go to test-artifacts/separation/."""
import random
from datetime import date
from pathlib import Path

import pytest

from fazhi.org.demo import build_org
from fazhi.org.models import RoleGrant, Staff

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "separation"
SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1440, "height": 900}}


def _login(browser, base, username, viewport):
    ctx = browser.new_context(viewport=viewport, locale="zh-CN")
    page = ctx.new_page()
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "fazhi2026")
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")
    return ctx, page


@pytest.mark.parametrize("size", SIZES)
def test_a_leader_grant_waits_for_the_head_and_the_auditor_sees_it(browser, live_server, transactional_db, size):
    build_org(random.Random(7), date(2026, 11, 20))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    base, viewport = live_server.url, SIZES[size]
    officer, admin = Staff.objects.get(username="hetang_officer1"), Staff.objects.get(username="city_admin")

    ctx, page = _login(browser, base, "city_admin", viewport)
    page.goto(f"{base}/manage/staff/{admin.uuid}/")
    assert "角色由安全管理员授予" in page.inner_text("main") or "本人的角色" in page.inner_text("main")
    assert page.locator("input[name=roles]").count() == 0  # no role form for the 系统管理员
    page.screenshot(path=str(ARTIFACTS / f"admin-own-page-{size}.png"), full_page=True)
    ctx.close()

    ctx, page = _login(browser, base, "city_security", viewport)
    page.goto(f"{base}/manage/staff/{officer.uuid}/")
    page.check("input[name=roles][value=head]")
    page.fill("input[name=reason]", "任命文件（示例）")
    with page.expect_navigation():
        page.click("#roles button")
    text = page.inner_text("main")
    assert "负责人/局长待另一人批准后生效" in text and "待批准" in text
    page.screenshot(path=str(ARTIFACTS / f"security-requested-{size}.png"), full_page=True)
    assert not RoleGrant.objects.filter(staff=officer, role="head").exists()
    ctx.close()

    ctx, page = _login(browser, base, "hetang_head", viewport)
    assert "待批准授权" in page.inner_text("main")
    page.screenshot(path=str(ARTIFACTS / f"head-desk-{size}.png"), full_page=True)
    page.click("li[data-step=approve] a")
    page.wait_for_url(f"{base}/manage/grants/*")
    page.click("details[id^=do-approve-] summary")
    page.fill("details[id^=do-approve-] input[name=note]", "同意")
    page.screenshot(path=str(ARTIFACTS / f"head-approve-{size}.png"), full_page=True)
    with page.expect_navigation():
        page.click("details[id^=do-approve-] button")
    assert "已办理：批准授权" in page.inner_text("main")
    assert RoleGrant.objects.filter(staff=officer, role="head").exists()
    ctx.close()

    ctx, page = _login(browser, base, "city_auditor", viewport)
    page.click("nav.main >> text=审计记录")
    text = page.inner_text("main")
    assert "申请授权" in text and "批准授权" in text and "city_security" in text and "hetang_head" in text
    page.screenshot(path=str(ARTIFACTS / f"auditor-{size}.png"), full_page=True)
    ctx.close()

"""Issue 19 acceptance: the 法制科's review queue in a phone-sized and a desktop browser — open reviews with due
dates and working days left, one completed from the page with its turnaround shown, and a refusal shown in place."""
import os
import random
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from fazhi.core.calendar import law_calendar
from fazhi.decisions import actions as A
from fazhi.decisions.models import Review
from fazhi.law.periods import add_working_days
from fazhi.org.demo import build_org
from tests.browser.conftest import CHROMIUM

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "decisions"
pytestmark = pytest.mark.skipif(not CHROMIUM and not os.environ.get("CI"), reason="Debian chromium not installed")


def _login(browser, base, username, viewport):
    ctx = browser.new_context(viewport=viewport, locale="zh-CN")
    page = ctx.new_page()
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "fazhi2026")
    with page.expect_navigation():
        page.click("button[type=submit]")
    return ctx, page


def test_the_review_queue(browser, live_server, transactional_db):
    staff = build_org(random.Random(7), date(2026, 11, 20))
    reviewer = staff["city"].reviewer
    cal = law_calendar()
    today = timezone.localdate()
    on = today - timedelta(days=3)
    while not cal.is_working_day(on):
        on -= timedelta(days=1)
    A.request_review(by=reviewer, on=on, kind="contract", subject="环卫作业市场化服务合同", requested_by="计划财务科")
    late = A.request_review(by=reviewer, on=on - timedelta(days=30), kind="normative_draft",
                            subject="关于规范临时占道审批的通知", requested_by="市容管理科",
                            due_on=add_working_days(cal, on - timedelta(days=30), 5))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    ctx, page = _login(browser, live_server.url, "city_reviewer", {"width": 390, "height": 844})
    page.goto(f"{live_server.url}/decisions/reviews/")
    text = page.inner_text("main")
    assert "环卫作业市场化服务合同" in text and "已逾期" in text and "个工作日" in text
    assert "None" not in text
    page.screenshot(path=str(ARTIFACTS / "queue-390.png"), full_page=True)
    item = page.locator("li.review", has_text="环卫作业市场化服务合同")
    item.locator("textarea[name=opinion]").fill(" ")
    item.locator("input[name=on]").fill(on.isoformat())
    item.locator("textarea[name=opinion]").fill("主体适格，违约责任条款应予明确")
    item.locator("select[name=conclusion]").select_option("lawful_amend")
    with page.expect_navigation():
        item.locator("button", has_text="出具审查意见").click()
    text = page.inner_text("main")
    assert "已办理：出具审查意见" in text and "用时0个工作日" in text
    # a date before the review was received is refused in place, with nothing changed
    item = page.locator("li.review", has_text="关于规范临时占道审批的通知")
    item.locator("input[name=on]").fill((late.received_on - timedelta(days=1)).isoformat())
    item.locator("textarea[name=opinion]").fill("合法")
    with page.expect_navigation():
        item.locator("button", has_text="出具审查意见").click()
    assert "不予办理" in page.inner_text("main")
    assert Review.objects.get(pk=late.pk).status == "open"
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{live_server.url}/decisions/reviews/")
    page.screenshot(path=str(ARTIFACTS / "queue-1440.png"), full_page=True)
    ctx.close()
    ctx, page = _login(browser, live_server.url, "city_officer1", {"width": 390, "height": 844})
    assert page.goto(f"{live_server.url}/decisions/reviews/").status == 403
    ctx.close()

"""The turn of the year as people see it (DAY-07), in headless Chromium at phone and desktop size: a case filed on
11-30 shows its 90-day date marked "末日如遇节假日顺延"; a leader's 工作台 carries the reminder; the holiday page
previews a pasted notice against the weekends. Screenshots go to test-artifacts/year/."""
import os
import random
from datetime import date, datetime, time
from pathlib import Path

import pytest
from django.utils import timezone

from fazhi.cases import actions as A
from fazhi.org.demo import build_org
from fazhi.org.models import Staff
from tests.browser.conftest import CHROMIUM

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "year"
pytestmark = pytest.mark.skipif(not CHROMIUM and not os.environ.get("CI"), reason="Debian chromium not installed")
SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1440, "height": 900}}


def test_year_turn_pages_in_the_browser(browser, live_server, transactional_db, monkeypatch):
    moment = timezone.make_aware(datetime.combine(date(2026, 11, 30), time(10, 0)))
    monkeypatch.setattr(timezone, "now", lambda: moment)
    build_org(random.Random(7), date(2026, 11, 20))
    officer, head = (Staff.objects.get(username=u) for u in ("hetang_officer1", "hetang_head"))
    case = A.register(by=officer, on=date(2026, 11, 30), party_kind="org", party_name="株洲市恒达商贸有限公司",
                      cause="擅自在街道两侧堆放物料", act_on=date(2026, 11, 28), discovered_on=date(2026, 11, 30))
    A.file_case(case, by=head, on=date(2026, 11, 30),
                officers=[officer, Staff.objects.get(username="hetang_officer2")])
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for size, viewport in SIZES.items():
        ctx = browser.new_context(viewport=viewport, locale="zh-CN")
        page = ctx.new_page()
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("input[name=username]", "hetang_head")
        page.fill("input[name=password]", "fazhi2026")
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_server.url}/")
        assert "2027年法定节假日安排尚未录入" in page.inner_text("#holiday-reminder")
        page.screenshot(path=str(ARTIFACTS / f"workbench-{size}.png"), full_page=True)
        page.goto(f"{live_server.url}/cases/{case.uuid}/")
        text = page.inner_text("body")
        assert "2027-02-28" in text and "末日如遇节假日顺延" in text and "None" not in text
        page.screenshot(path=str(ARTIFACTS / f"case-{size}.png"), full_page=True)
        page.goto(f"{live_server.url}/calendar/holidays/?year=2027")
        page.fill("textarea[name=text]", "一、元旦：1月1日（周五）至3日（周日）放假，共3天。\n2027-01-05 上班")
        page.fill("input[name=title]", "测试数据（非国务院办公厅通知）")
        page.click("button[name=preview]")
        preview = page.inner_text("#preview")
        assert "本为周末" in preview and "请核对" in preview
        page.screenshot(path=str(ARTIFACTS / f"holidays-{size}.png"), full_page=True)
        ctx.close()

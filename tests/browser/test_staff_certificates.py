"""人事/证件 in the browser (issue #21): the 系统管理员 sees the certificates expiring within 60 days and suspends one
from its page; the refusal of a return dated on the suspension day shows in place. Screenshots at 390×844 and
1440×900 go to test-artifacts/staff/."""
import random
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from fazhi.org.demo import build_org
from fazhi.org.models import Certificate

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "staff"
SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1440, "height": 900}}


@pytest.mark.parametrize("size", SIZES)
def test_the_administrator_sees_expiring_certificates_and_suspends_one(browser, live_server, transactional_db, size):
    build_org(random.Random(7), date(2026, 11, 20))
    today = timezone.localdate()
    Certificate.objects.filter(staff__username="hetang_officer1").update(valid_until=today + timedelta(days=20))
    cert = Certificate.objects.get(staff__username="hetang_officer2")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    base = live_server.url
    ctx = browser.new_context(viewport=SIZES[size], locale="zh-CN")
    page = ctx.new_page()
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", "city_admin")
    page.fill("input[name=password]", "fazhi2026")
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")
    page.goto(f"{base}/staff/")
    main = page.inner_text("main")
    assert "60日内期满的执法证" in main and "还有20天" in main
    page.screenshot(path=str(ARTIFACTS / f"staff-{size}.png"), full_page=False)
    page.goto(f"{base}/staff/certificates/{cert.uuid}/")
    page.click("#do-suspend summary")
    page.fill("#do-suspend input[name=basis]", "株城管〔2026〕5号")
    page.click("#do-suspend button[type=submit]")
    assert "暂扣中" in page.inner_text("main")
    page.click("#do-restore summary")
    page.click("#do-restore button[type=submit]")
    assert "发还日期应晚于暂扣日期" in page.inner_text("main")
    page.screenshot(path=str(ARTIFACTS / f"certificate-{size}.png"), full_page=True)
    ctx.close()

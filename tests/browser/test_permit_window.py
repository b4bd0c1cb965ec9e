"""Issue #17 acceptance, the window clerk's day in a phone-sized and a desktop browser: the board lists every clock
with its due day and the days left, overdue first; the clerk registers an application at the window, tells the
applicant at once everything missing (the 补正通知书 printed), accepts when it comes in, takes the fee of a granted
road permit and issues its certificate. Screenshots in test-artifacts/permits/."""
import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from fazhi.core.calendar import law_calendar
from fazhi.permits.models import Permit
from tests.browser.conftest import CHROMIUM
from tests.browser.test_roles import VIEWPORTS, Walk
from tests.permits.helpers import CLERK, REVIEWER, apply, ok, step

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "permits"
pytestmark = pytest.mark.skipif(not CHROMIUM and not os.environ.get("CI"), reason="Debian chromium not installed")


def _back(n):
    cal, day = law_calendar(), timezone.localdate()
    while n:
        day -= timedelta(days=1)
        if cal.is_working_day(day):
            n -= 1
    return day


def _open(w, action):
    box = w.page.locator(f"details#do-{action}")
    box.evaluate("e => { e.open = true; }")
    return box


def _submit(w, box):
    with w.page.expect_navigation():
        box.locator("button[type=submit]").click()
    text = w.here()
    assert "不予办理" not in text, text[:600]
    return text


@pytest.mark.parametrize("size", VIEWPORTS)
def test_the_window_clerks_day(browser, live_server, transactional_db, api, size):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    today = timezone.localdate()
    stale = apply(api, on=_back(7).isoformat(), materials=["挖掘城市道路申请书"])  # no notice in 5 WD: overdue
    road = apply(api, on=_back(6).isoformat())
    ok(step(api, CLERK, road, "accept", on=_back(6).isoformat()))
    ok(step(api, REVIEWER, road, "decide", on=_back(2).isoformat(), outcome="grant",
            valid_from=(today + timedelta(days=10)).isoformat(), valid_until=(today + timedelta(days=40)).isoformat()))
    w = Walk(browser, live_server.url, CLERK, size)
    text = w.go("/permits/")
    assert "期限看板" in text and "已逾期" in text and "剩余" in text
    first = w.page.locator("#clocks li").first.inner_text()
    assert "已逾期" in first and Permit.objects.get(uuid=stale).number in first  # overdue first
    w.page.screenshot(path=str(ARTIFACTS / f"window-1-board-{size}.png"), full_page=True)
    # an application at the window, two materials short
    w.page.locator("details#receive summary").click()
    form = w.page.locator("details#receive")
    form.locator("[name=item]").select_option("XK-02")
    form.locator("[name=applicant]").fill("株洲市某商贸有限公司")
    form.locator("[name=subject]").fill("店庆活动临时占用人行道搭设展台")
    form.locator("[name=location]").fill("芦淞区解放街16号门前")
    form.locator("[name=quantity]").fill("30")
    form.locator("[name=materials][value='临时占用城市道路申请书']").check()
    form.locator("[name=materials][value='占用位置平面示意图']").check()
    with w.page.expect_navigation():
        form.locator("button[type=submit]").click()
    text = w.here()
    assert "待受理" in text and "尚缺材料" in text and "交通安全措施方案" in text
    created = Permit.objects.get(applicant="株洲市某商贸有限公司")
    w.page.screenshot(path=str(ARTIFACTS / f"window-2-received-{size}.png"), full_page=True)
    text = _submit(w, _open(w, "request_correction"))  # the missing items come pre-ticked: all of them, at once
    assert "待补正" in text and "补正通知书" in text
    pdf = w.page.request.get(f"{live_server.url}/permits/{created.uuid}/documents/correction.pdf")
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    text = _submit(w, _open(w, "accept"))
    assert "审查中" in text and "受理通知书" in text
    w.page.screenshot(path=str(ARTIFACTS / f"window-3-accepted-{size}.png"), full_page=True)
    # the granted road permit: fee to the treasury, then the certificate
    w.go(f"/permits/{road}/")
    box = _open(w, "record_fee")
    box.locator("[name=receipt]").fill("湘非税4300567890")
    text = _submit(w, box)
    assert "已缴费" in text
    text = _submit(w, _open(w, "issue_certificate"))
    assert "已发证" in text and "许可证" in text
    w.page.screenshot(path=str(ARTIFACTS / f"window-4-certificate-{size}.png"), full_page=True)
    p = Permit.objects.get(uuid=road)
    assert p.status == "issued" and p.fee_status == "paid" and p.certificate_late_days == 0
    text = w.go("/")
    assert "行政许可" in text
    w.page.screenshot(path=str(ARTIFACTS / f"window-5-desk-{size}.png"), full_page=True)
    w.close()

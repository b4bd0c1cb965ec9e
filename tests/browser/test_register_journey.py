"""Issue #20 parts 3–4 in a phone-sized and a desktop browser: the officer registers a 违建 on the board's form, issues a
整改通知 for a dangerous shop sign, the notice page shows its due day and the 整改通知书, and the re-inspection records
compliance; the board lists both. Screenshots in test-artifacts/journey/."""
import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from fazhi.registers.models import Notice, Site
from tests.browser.conftest import CHROMIUM
from tests.browser.test_roles import VIEWPORTS, Walk

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "journey"
pytestmark = pytest.mark.skipif(not CHROMIUM and not os.environ.get("CI"), reason="Debian chromium not installed")


def _fill(form, values: dict, checks=()):
    for name, value in values.items():
        field = form.locator(f"[name={name}]")
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)
    for name in checks:
        form.locator(f"[name={name}]").check()


@pytest.mark.parametrize("size", VIEWPORTS)
def test_a_site_registered_and_a_notice_complied_with(browser, live_server, transactional_db, api, size):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    today = timezone.localdate()
    w = Walk(browser, live_server.url, "hetang_officer1", size)
    text = w.go("/registers/")
    assert "违法建设和隐患整改台账" in text and "登记违法建设" in text
    w.follow("a[href='/registers/sites/new']")
    form = w.page.locator("form#do-register")
    _fill(form, {"on": (today - timedelta(days=2)).isoformat(), "address": "株洲市荷塘区红旗北路18号",
                 "structure": "楼顶加建彩钢板房一层", "area": "86.5", "vintage": "new", "party_name": "王强"},
          checks=("hazard", "boundary"))
    w.page.screenshot(path=str(ARTIFACTS / f"register-1-site-form-{size}.png"), full_page=True)
    with w.page.expect_navigation():
        form.locator("button[type=submit]").click()
    text = w.here()
    assert "已登记待查处" in text and "存在重大安全隐患、城市开发边界内" in text, text[:600]
    w.page.screenshot(path=str(ARTIFACTS / f"register-2-site-{size}.png"), full_page=True)
    w.go("/registers/notices/new")
    form = w.page.locator("form#do-issue")
    _fill(form, {"on": (today - timedelta(days=3)).isoformat(), "address": "株洲市荷塘区建设中路66号",
                 "subject": "户外招牌", "problem": "招牌钢架锈蚀、面板松动，有坠落危险",
                 "requirement": "加固或者拆除招牌，消除安全隐患", "party_name": "株洲市荷塘区老味道餐馆",
                 "due": (today + timedelta(days=4)).isoformat()})
    with w.page.expect_navigation():
        form.locator("button[type=submit]").click()
    text = w.here()
    assert "整改中" in text and "剩余4日" in text and "整改通知书" in text, text[:600]
    w.page.screenshot(path=str(ARTIFACTS / f"register-3-notice-{size}.png"), full_page=True)
    box = w.page.locator("details#do-comply")
    box.evaluate("e => { e.open = true; }")
    box.locator("[name=note]").fill("招牌已加固，经复查合格")
    with w.page.expect_navigation():
        box.locator("button[type=submit]").click()
    text = w.here()
    assert "已整改" in text and "招牌已加固" in text
    text = w.go("/registers/?shown=all")
    assert "户外招牌" in text and "楼顶加建彩钢板房一层" in text
    w.page.screenshot(path=str(ARTIFACTS / f"register-4-board-{size}.png"), full_page=True)
    assert Site.objects.count() == 1 and Notice.objects.get().status == "complied"

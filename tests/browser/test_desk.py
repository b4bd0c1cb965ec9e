"""The desk around the case engine (issue 15), in headless Chromium: a leader finds a case by a fragment of the
party's name and by its 文号, on a phone and on a desktop; an administrator adds a certified officer and enters
a year's holiday table in the product. Screenshots go to test-artifacts/desk/."""
import os
import random
from datetime import date, datetime, time
from pathlib import Path

import pytest
from django.utils import timezone

from fazhi.cases import actions as A
from fazhi.core.calendar import law_calendar
from fazhi.org.access import certified_officers
from fazhi.org.demo import build_org
from fazhi.org.models import Certificate, Staff
from tests.browser.conftest import CHROMIUM

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "desk"
pytestmark = pytest.mark.skipif(not CHROMIUM and not os.environ.get("CI"), reason="Debian chromium not installed")
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


def test_a_leader_finds_a_case_by_a_name_fragment_and_by_its_number(browser, live_server, transactional_db):
    build_org(random.Random(7), date(2026, 11, 20))
    officer, head = (Staff.objects.get(username=u) for u in ("hetang_officer1", "hetang_head"))
    partner = Staff.objects.get(username="hetang_officer2")
    wanted = A.decide_on_site(by=officer, on=date(2026, 3, 2), officers=[partner], kinds=["fine"], fine="50",
                              statement="无异议", party_kind="citizen", party_name="欧阳明远",
                              cause="随地乱扔烟头", facts="当事人在红旗路乱扔烟头", place="红旗路",
                              act_on=date(2026, 3, 2), discovered_on=date(2026, 3, 2),
                              penalty_provision="《城市市容和环境卫生管理条例》第三十四条", signature_refused=True,
                              correction_order="当场清理")
    A.register(by=officer, on=date(2026, 3, 3), party_kind="citizen", party_name="李四光", cause="乱贴广告",
               act_on=date(2026, 3, 3), discovered_on=date(2026, 3, 3))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for size, viewport in SIZES.items():
        ctx, page = _login(browser, live_server.url, "hetang_head", viewport)
        page.fill(".quick-search input[name=q]", "明远")  # from the 工作台's search box
        with page.expect_navigation():
            page.click(".quick-search button")
        results = page.inner_text("section.card ul.rows")
        assert "欧阳明远" in results and "李四光" not in results
        page.screenshot(path=str(ARTIFACTS / f"search-name-{size}.png"), full_page=True)
        number = wanted.decision_no[-8:]  # e.g. 〕第0001号
        page.fill("form.search input[name=q]", number)
        with page.expect_navigation():
            page.click("form.search button")
        assert "欧阳明远" in page.inner_text("section.card ul.rows")
        with page.expect_navigation():
            page.click("text=欧阳明远")
        assert wanted.decision_no in page.inner_text("#case-status")
        page.screenshot(path=str(ARTIFACTS / f"search-number-{size}.png"), full_page=True)
        ctx.close()


def test_an_administrator_adds_a_certified_officer_and_a_holiday_year(browser, live_server, transactional_db,
                                                                        monkeypatch):
    moment = timezone.make_aware(datetime.combine(date(2026, 11, 30), time(10, 0)))
    monkeypatch.setattr(timezone, "now", lambda: moment)
    build_org(random.Random(7), date(2026, 11, 20))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    ctx, page = _login(browser, live_server.url, "city_admin", SIZES["desktop"])
    page.click("nav.main >> text=系统管理")
    page.click("summary:has-text('新增人员')")
    page.select_option("select[name=bureau]", label="株洲市荷塘区城市管理和综合执法局")
    page.fill("input[name=username]", "hetang_new1")
    page.fill("input[name=full_name]", "欧阳新")
    page.fill("input[name=password]", "Zhifa-2026-xin")
    page.fill("input[name=cert_number]", "43020026990001")
    page.fill("input[name=cert_from]", "2026-01-01")
    page.fill("input[name=cert_until]", "2028-12-31")
    page.screenshot(path=str(ARTIFACTS / "admin-add-officer.png"), full_page=True)
    with page.expect_navigation():
        page.click("form.grid-form button")
    assert "已新增人员：欧阳新" in page.inner_text("main")
    assert "43020026990001" in page.inner_text("main")
    page.screenshot(path=str(ARTIFACTS / "admin-officer-added.png"), full_page=True)
    new = Staff.objects.get(username="hetang_new1")
    assert Certificate.objects.filter(staff=new, number="43020026990001").exists()
    assert new.roles == set()  # 三员分立 (SEC-01): the 系统管理员 grants no role; the 安全管理员 does
    sctx, spage = _login(browser, live_server.url, "city_security", SIZES["desktop"])
    spage.goto(f"{live_server.url}/manage/staff/{new.uuid}/")
    spage.check("input[name=roles][value=officer]")
    with spage.expect_navigation():
        spage.click("#roles button")
    assert "已更新角色" in spage.inner_text("main")
    spage.screenshot(path=str(ARTIFACTS / "security-grants-officer.png"), full_page=True)
    sctx.close()
    new = Staff.objects.get(username="hetang_new1")
    assert new in certified_officers(new.bureau, date(2026, 11, 30))

    # The holiday table for 2027, from the 系统管理 page: preview, then save.
    page.goto(f"{live_server.url}/manage/")
    with page.expect_navigation():
        page.click("a:has-text('录入或查看法定节假日安排')")
    page.fill("input[name=year]", "2027")
    page.fill("input[name=title]", "测试数据（非国务院办公厅通知）")
    page.fill("textarea[name=text]", "一、元旦：1月1日（周五）至3日（周日）放假，共3天。")
    with page.expect_navigation():
        page.click("button[name=preview]")
    with page.expect_navigation():
        page.click("button[name=confirm]")
    page.screenshot(path=str(ARTIFACTS / "admin-holidays-saved.png"), full_page=True)
    assert law_calendar().is_rest_day(date(2027, 1, 1))
    ctx.close()

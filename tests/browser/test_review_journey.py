"""Issue #30 acceptance (supervision): a 评查 task from scope to a closed 整改 item in a desktop and a phone-sized
browser — the city bureau sets the task (the draw), a reviewer of the reviewed bureau is refused in place
(回避), the assigned reviewer confirms and overrides items with a reason and finishes the sheet, the 通报 is
printed, and the district closes a 整改 item with its evidence. Screenshots in test-artifacts/journey/."""
import os
import random
from datetime import date
from pathlib import Path

import pytest
from django.utils import timezone

from fazhi.org.demo import build_org
from fazhi.org.models import Staff
from fazhi.supervision import importers
from fazhi.supervision.models import Rectification, ReviewTask, ScoreSheet
from tests.browser.conftest import CHROMIUM
from tests.conftest import Api
from tests.supervision.test_review import closed_file

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "journey"
pytestmark = pytest.mark.skipif(not CHROMIUM and not os.environ.get("CI"), reason="Debian chromium not installed")
DESKTOP, PHONE = {"width": 1440, "height": 900}, {"width": 390, "height": 844}


def _login(browser, base, username, viewport):
    ctx = browser.new_context(viewport=viewport, locale="zh-CN")
    page = ctx.new_page()
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "fazhi2026")
    with page.expect_navigation():
        page.click("button[type=submit]")
    return ctx, page


def _clean(page):
    text = page.inner_text("main")
    assert "None" not in text and "{'" not in text, text[:400]
    return text


def test_a_review_from_scope_to_a_closed_rectification(browser, live_server, transactional_db):
    build_org(random.Random(7), date(2026, 11, 20))
    importers.import_bundled()

    def api(username):
        return Api(Staff.objects.get(username=username))

    files = [closed_file(api), closed_file(api, serve_on="2026-10-30")]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    base = live_server.url

    # the city bureau sets the task from its scope (desktop)
    ctx, page = _login(browser, base, "city_head", DESKTOP)
    page.click("nav.main a:has-text('案卷评查')")
    page.click("summary:has-text('下达评查任务')")
    page.check("input[name=scope][value='430202']")
    page.fill("input[name=per_bureau]", "5")
    with page.expect_navigation():
        page.click("button:has-text('抽取案卷并下达')")
    text = _clean(page)
    assert "已下达评查任务，抽取案卷2卷" in text and "结果一致" in text
    task = ReviewTask.objects.get()
    sheet = ScoreSheet.objects.get(task=task, case=files[1])
    row = page.locator(f"#sheet-{sheet.uuid}")
    row.locator("summary").click()
    row.locator("select[name=reviewer]").select_option("hetang_reviewer")
    with page.expect_navigation():
        row.locator("button:has-text('指派')").click()
    row = page.locator(f"#sheet-{sheet.uuid}")
    assert "应当回避" in row.inner_text() and "不予办理" in row.inner_text()
    page.screenshot(path=str(ARTIFACTS / "task-recusal-1440.png"), full_page=True)
    row.locator("select[name=reviewer]").select_option("city_reviewer")
    with page.expect_navigation():
        row.locator("button:has-text('指派')").click()
    other = ScoreSheet.objects.get(task=task, case=files[0])
    row = page.locator(f"#sheet-{other.uuid}")
    row.locator("summary").click()
    row.locator("select[name=reviewer]").select_option("city_supervisor")
    with page.expect_navigation():
        row.locator("button:has-text('指派')").click()
    ctx.close()

    # the reviewer scores on a phone: confirm the pre-scores, override one with a reason, finish
    ctx, page = _login(browser, base, "city_reviewer", PHONE)
    page.goto(f"{base}/supervision/sheets/{sheet.uuid}/")
    text = _clean(page)
    assert "系统预评" in text and "逾期" in text
    page.screenshot(path=str(ARTIFACTS / "sheet-390.png"), full_page=True)
    item = page.locator("#item-F05")
    item.locator("summary").click()
    item.locator("input[name=passed][value='0']").check()
    with page.expect_navigation():
        item.locator("button[type=submit]").click()
    assert "说明理由" in page.locator("#item-F05").inner_text()
    page.locator("#item-F05").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "override-refused-390.png"), full_page=False)
    item = page.locator("#item-F05")
    item.locator("textarea[name=reason]").fill("纸质案卷缺少送达回证原件")
    with page.expect_navigation():
        item.locator("button[type=submit]").click()
    for row in ScoreSheet.objects.get(pk=sheet.pk).items.select_related("item").filter(confirmed=False):
        item = page.locator(f"#item-{row.item.code}")
        item.locator("summary").click()
        if not item.locator("input[name=passed]:checked").count():
            item.locator("input[name=passed][value='1']").check()
        with page.expect_navigation():
            item.locator("button[type=submit]").click()
    with page.expect_navigation():
        page.click("button:has-text('完成评定')")
    text = _clean(page)
    sheet = ScoreSheet.objects.get(pk=sheet.pk)
    assert sheet.status == "done" and f"{sheet.grade}" in text
    page.screenshot(path=str(ARTIFACTS / "sheet-done-390.png"), full_page=True)
    ctx.close()

    # the other file, scored through the actions, finishes the task
    from fazhi.supervision import actions

    sup, today = Staff.objects.get(username="city_supervisor"), timezone.localdate()
    for row in other.items.select_related("item"):
        actions.score_item(other, by=sup, on=today, item_code=row.item.code,
                           passed=row.passed if row.passed is not None else True)
    actions.finish_sheet(other, by=sup, on=today)

    # the results and the 通报 (desktop)
    ctx, page = _login(browser, base, "city_head", DESKTOP)
    page.goto(f"{base}/supervision/{task.uuid}/")
    text = _clean(page)
    assert "已完成" in text and "案卷评查情况通报" in text
    page.screenshot(path=str(ARTIFACTS / "results-1440.png"), full_page=True)
    pdf = page.request.get(f"{base}/supervision/{task.uuid}/notice.pdf")
    assert pdf.status == 200
    (ARTIFACTS / "notice.pdf").write_bytes(pdf.body())
    ctx.close()

    # the district closes a 整改 item on a phone
    ctx, page = _login(browser, base, "hetang_head", PHONE)
    page.goto(f"{base}/supervision/rectifications/")
    _clean(page)
    page.screenshot(path=str(ARTIFACTS / "rectifications-390.png"), full_page=True)
    fix = Rectification.objects.filter(status="open").order_by("due", "id").first()
    row = page.locator(f"#r-{fix.uuid}")
    row.locator("summary").click()
    row.locator("textarea[name=evidence]").fill("已补正送达回证，组织办案人员学习评查反馈意见")
    with page.expect_navigation():
        row.locator("button:has-text('提交整改情况')").click()
    text = _clean(page)
    assert "已整改" in text and "补正送达回证" in text
    assert Rectification.objects.get(pk=fix.pk).status == "done"
    page.screenshot(path=str(ARTIFACTS / "rectified-390.png"), full_page=True)
    ctx.close()

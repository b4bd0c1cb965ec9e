"""The publisher's preview (PUB-04, issue #32 §1) in a phone-sized and a desktop browser: each hidden span is
marked; the publisher adds what the masker missed (a shop sign with the party's nickname), sees the preview
again with it hidden, and publishes; the portal page does not show it. Screenshots in
test-artifacts/publish-preview/."""
import os
import random
from datetime import date
from pathlib import Path

import pytest
from django.test import Client

from fazhi.cases.models import PenaltyCase
from fazhi.disclosure.models import Publication
from fazhi.org.demo import build_org
from fazhi.org.models import Staff
from tests.browser.conftest import CHROMIUM
from tests.browser.test_review_journey import DESKTOP, PHONE, _clean, _login
from tests.conftest import Api
from tests.test_disclosure import decided

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "publish-preview"
pytestmark = pytest.mark.skipif(not CHROMIUM and not os.environ.get("CI"), reason="Debian chromium not installed")


def test_the_publisher_marks_and_adds_hidden_spans_before_publishing(browser, live_server, transactional_db):
    build_org(random.Random(7), date(2026, 11, 20))
    case = decided(lambda username: Api(Staff.objects.get(username=username)))
    PenaltyCase.objects.filter(pk=case.pk).update(
        facts="当事人刘建国于车站路占道摆卖水果，执法人员谭志勇、易小红现场检查，店招为“阿国水果”。")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    base = live_server.url
    for size, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        ctx, page = _login(browser, base, "hetang_head", viewport)
        page.goto(f"{base}/cases/{case.uuid}/#publish-preview")
        preview = page.locator("#publish-preview")
        assert preview.locator("mark.masked").count() >= 3  # 刘**, 谭**, 易** (unlabelled names found)
        assert "阿国水果" in preview.inner_text()
        page.fill("textarea[name=also_mask]", "阿国水果")
        with page.expect_navigation():
            page.click("button:has-text('按补充内容更新预览')")
        text = _clean(page)
        shown = page.locator("#publish-preview").inner_text()
        assert "阿国水果" not in shown and "阿***" in shown and "刘建国" not in shown and "谭志勇" not in shown, shown
        page.locator("#publish-preview").scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / f"preview-{size}.png"), full_page=False)
        assert "另需隐去的内容" in text
        ctx.close()
    ctx, page = _login(browser, base, "hetang_head", PHONE)
    page.goto(f"{base}/cases/{case.uuid}/")
    page.fill("textarea[name=also_mask]", "阿国水果")
    page.fill("input[name=on]", "2026-03-13")
    with page.expect_navigation():
        page.click("button:has-text('按以上内容公开行政处罚决定')")
    p = Publication.objects.get(case=case)
    assert p.also_masked == ["阿国水果"]
    public = Client().get(f"/public/decisions/{p.uuid}/").content.decode()
    assert "阿国水果" not in public and "刘建国" not in public
    ctx.close()

"""专项整治 (SUP-04) in a desktop and a phone-sized browser: the city bureau launches a campaign over two districts
and registers a complaint about a 荷塘 case on its 问题清单 (desktop); 荷塘's head reports the fix with an evidence
file on a phone; the city's head accepts it (整改销号) and the campaign's figures say so. Screenshots of the
campaign and problem pages at both sizes in test-artifacts/campaigns/."""
import os
import random
from datetime import date
from pathlib import Path

import pytest

from fazhi.org.demo import build_org
from fazhi.org.models import Staff
from fazhi.supervision.models import Campaign, CampaignProblem
from tests.browser.conftest import CHROMIUM
from tests.browser.test_review_journey import DESKTOP, PHONE, _clean, _login
from tests.conftest import Api
from tests.supervision.test_review import closed_file

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "campaigns"
pytestmark = pytest.mark.skipif(not CHROMIUM and not os.environ.get("CI"), reason="Debian chromium not installed")


def test_a_campaign_from_launch_to_a_problem_rectified_with_evidence(browser, live_server, transactional_db,
                                                                     tmp_path):
    build_org(random.Random(7), date(2026, 11, 20))

    def api(username):
        return Api(Staff.objects.get(username=username))

    case = closed_file(api)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    base = live_server.url

    ctx, page = _login(browser, base, "city_head", DESKTOP)
    page.goto(f"{base}/supervision/campaigns/")
    page.click("summary:has-text('部署专项整治')")
    page.fill("input[name=title]", "城市管理执法乱象专项整治")
    page.fill("input[name=basis]", "关于开展城市管理执法乱象专项整治的通知")
    page.fill("textarea[name=focus]", "重点整治随意性执法、选择性执法、机械性执法和逐利性执法")
    page.fill("textarea[name=kinds]", "随意性执法\n选择性执法\n机械性执法\n逐利性执法\n服务意识不强")
    page.check("input[name=scope][value='430202']")
    page.check("input[name=scope][value='430203']")
    with page.expect_navigation():
        page.click("button:has-text('部署专项整治')")
    assert "已部署专项整治" in _clean(page)
    c = Campaign.objects.get()
    page.click("#do-add_problem summary")
    page.select_option("#do-add_problem select[name=source]", "complaint")
    page.select_option("#do-add_problem select[name=kind]", "选择性执法")
    page.fill("#do-add_problem textarea[name=description]", "群众投诉同一路段店外经营只对部分商户立案处罚，处罚尺度不一")
    page.fill("#do-add_problem input[name=place]", "荷塘区新华西路")
    page.select_option("#do-add_problem select[name=owner]", "430202")
    page.select_option("#do-add_problem select[name=responsible]", "hetang_squad1")
    page.fill("#do-add_problem input[name=ref]", case.case_no)
    with page.expect_navigation():
        page.click("#do-add_problem button[type=submit]")
    p = CampaignProblem.objects.get()
    text = _clean(page)
    assert "第1号问题" in text and case.case_no in text and "整改中" in text
    ctx.close()

    ctx, page = _login(browser, base, "hetang_head", PHONE)
    page.goto(f"{base}/")
    with page.expect_navigation():
        page.click(f"a[href='/supervision/problems/{p.uuid}/#do-rectify']")
    evidence = tmp_path / "整改前后对比照片.txt"
    evidence.write_text("整改前后对比照片（示例）", encoding="utf-8")
    page.fill("#do-rectify textarea[name=measures]", "已对该路段统一执法尺度，对其余三户店外经营依法立案，公开处罚标准。")
    page.set_input_files("#do-rectify input[type=file]", str(evidence))
    with page.expect_navigation():
        page.click("#do-rectify button[type=submit]")
    text = _clean(page)
    assert "已报送待验收" in text and "整改佐证：整改前后对比照片.txt" in text and "按期报送" in text
    page.screenshot(path=str(ARTIFACTS / "problem-reported-390.png"), full_page=True)
    page.goto(f"{base}/supervision/campaigns/{c.uuid}/")
    _clean(page)
    page.screenshot(path=str(ARTIFACTS / "campaign-district-390.png"), full_page=True)
    ctx.close()

    ctx, page = _login(browser, base, "city_head", DESKTOP)
    page.goto(f"{base}/supervision/problems/{p.uuid}/")
    text = _clean(page)
    assert "验收销号" in text and "退回重新整改" in text
    page.screenshot(path=str(ARTIFACTS / "problem-reported-1440.png"), full_page=True)
    page.fill("#do-accept textarea[name=note]", "经核查整改到位，予以销号")
    with page.expect_navigation():
        page.click("#do-accept button[type=submit]")
    assert "已整改销号" in _clean(page)
    page.goto(f"{base}/supervision/campaigns/{c.uuid}/?status=all")
    text = _clean(page)
    assert "发现问题1个，已整改销号1个" in text
    page.screenshot(path=str(ARTIFACTS / "campaign-1440.png"), full_page=True)
    ctx.close()
    ctx, page = _login(browser, base, "city_head", PHONE)
    page.goto(f"{base}/supervision/campaigns/{c.uuid}/?status=all")
    _clean(page)
    page.screenshot(path=str(ARTIFACTS / "campaign-390.png"), full_page=True)
    ctx.close()

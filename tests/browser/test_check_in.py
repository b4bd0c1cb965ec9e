"""Issue 6 acceptance: the check-in page (扫码入企 / 亮码检查), opened in a phone-sized headless browser, shows the
registered inspection and the officers' certificate validity."""
import os
from datetime import date
from pathlib import Path

import pytest

from fazhi.catalog.models import InspectionItem
from fazhi.inspections import actions as I
from fazhi.inspections.importers import load_subjects
from fazhi.law.draw import uscc_check_char
from fazhi.org.demo import build_org
from fazhi.org.models import Bureau, Staff
from tests.browser.conftest import CHROMIUM

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "check-in"
pytestmark = pytest.mark.skipif(not CHROMIUM and not os.environ.get("CI"), reason="Debian chromium not installed")


def test_check_in_page_on_a_phone(browser, live_server, transactional_db):
    import random

    build_org(random.Random(7), date(2026, 11, 20))
    hetang = Bureau.objects.get(code="430202")
    body = "914302020000000" + "12"
    load_subjects([{"统一社会信用代码": body + uscc_check_char(body), "名称": "株洲市荷塘区示例广告有限公司", "类型": "企业",
                    "地址": "株洲市荷塘区新华西路1号"}], bureau=hetang)
    item = InspectionItem.objects.create(bureau=hetang, seq=1, name="户外广告设施安全检查", legal_basis="《办法》",
                                         subjects="设置单位")
    st = {u: Staff.objects.select_related("bureau__parent").get(username=u)
          for u in ("hetang_head", "hetang_squad1", "hetang_officer1", "hetang_officer2")}
    ins = I.plan_inspection(by=st["hetang_squad1"], on=date(2026, 11, 2), subject=hetang.subjects.get(),
                            items=[item], officers=[st["hetang_officer1"], st["hetang_officer2"]])
    I.approve(ins, by=st["hetang_head"], on=date(2026, 11, 2))
    page = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN").new_page()
    page.goto(f"{live_server.url}/check/{ins.check_in_code}/")
    assert "已登记并经株洲市荷塘区城市管理和综合执法局负责人批准" in page.locator("#verdict").inner_text()
    officers = page.locator("#officers li")
    assert officers.count() == 2
    for i in range(2):
        text = officers.nth(i).inner_text()
        assert "执法证号" in text and "有效期至" in text
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "check-in.png"), full_page=True)

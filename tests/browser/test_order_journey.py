"""督办 (SUP-05) in a desktop and a phone-sized browser: the city bureau issues an order on a 荷塘 case from the
督办台 (desktop), 荷塘's head answers it on a phone, the city's head sees the answer with the forms to close or
return it. Screenshots of the order page at both sizes in test-artifacts/orders/."""
import os
import random
from datetime import date
from pathlib import Path

import pytest

from fazhi.org.demo import build_org
from fazhi.org.models import Staff
from fazhi.supervision.models import SupervisionOrder
from tests.browser.conftest import CHROMIUM
from tests.browser.test_review_journey import DESKTOP, PHONE, _clean, _login
from tests.conftest import Api
from tests.supervision.test_review import closed_file

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "orders"
pytestmark = pytest.mark.skipif(not CHROMIUM and not os.environ.get("CI"), reason="Debian chromium not installed")


def test_an_order_issued_answered_and_seen_by_the_issuer(browser, live_server, transactional_db):
    build_org(random.Random(7), date(2026, 11, 20))

    def api(username):
        return Api(Staff.objects.get(username=username))

    case = closed_file(api)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    base = live_server.url

    ctx, page = _login(browser, base, "city_head", DESKTOP)
    page.goto(f"{base}/supervision/orders/")
    page.click("summary:has-text('下达督办')")
    page.select_option("select[name=target]", "430202")
    page.fill("input[name=subject]", case.decision_no)
    page.fill("textarea[name=matter]", "群众反映该案当事人仍在原址违规经营，请核查处罚决定的执行情况")
    page.fill("textarea[name=requirement]", "核实执行情况，依法处理，书面答复办理结果")
    with page.expect_navigation():
        page.click("button:has-text('下达督办')")
    o = SupervisionOrder.objects.get()
    assert "已下达督办" in _clean(page)
    ctx.close()

    ctx, page = _login(browser, base, "hetang_head", PHONE)
    page.goto(f"{base}/supervision/orders/{o.uuid}/")
    page.fill("#do-answer textarea[name=answer]", "已组织核查：当事人已停止违规经营，罚款已缴清，相关文书已归档。")
    with page.expect_navigation():
        page.click("#do-answer button[type=submit]")
    assert "已答复" in _clean(page)
    page.screenshot(path=str(ARTIFACTS / "order-answered-390.png"), full_page=True)
    ctx.close()

    ctx, page = _login(browser, base, "city_head", DESKTOP)
    page.goto(f"{base}/supervision/orders/{o.uuid}/")
    text = _clean(page)
    assert "按期答复" in text and "审核督办答复并办结" in text and "退回督办答复" in text
    page.screenshot(path=str(ARTIFACTS / "order-answered-1440.png"), full_page=True)
    ctx.close()

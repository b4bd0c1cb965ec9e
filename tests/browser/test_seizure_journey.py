"""Issue #20 part 1 in a phone-sized and a desktop browser: the case's officer opens "采取查封扣押" on the case page, the
局长 approves on the measure page, the officer records the 扣押 on the spot (two certified officers, the record, the
决定书 and 清单 handed over, the audio-video record), the board shows its days left, and the 局长 releases it; the
documents are listed. Screenshots in test-artifacts/journey/."""
import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from fazhi.coercion.models import Measure
from tests.browser.conftest import CHROMIUM
from tests.browser.test_roles import VIEWPORTS, Walk
from tests.coercion.helpers import filed_case

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "journey"
pytestmark = pytest.mark.skipif(not CHROMIUM and not os.environ.get("CI"), reason="Debian chromium not installed")


def _do(w, action, values, checks=(), multi=None, shot=None):
    box = w.page.locator(f"details#do-{action}")
    box.evaluate("e => { e.open = true; }")
    for name, value in values.items():
        field = box.locator(f"[name={name}]")
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)
    for name in checks:
        box.locator(f"[name={name}]").check()
    for name, values_ in (multi or {}).items():
        box.locator(f"[name={name}]").select_option(values_)
    if shot:
        w.page.screenshot(path=str(ARTIFACTS / shot), full_page=True)
    with w.page.expect_navigation():
        box.locator("button[type=submit]").click()
    text = w.here()
    assert "不予办理" not in text, text[:800]
    return text


@pytest.mark.parametrize("size", VIEWPORTS)
def test_a_seizure_from_approval_to_release(browser, live_server, transactional_db, api, size):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    today = timezone.localdate()
    day = today - timedelta(days=1)
    case = filed_case(api, on=(today - timedelta(days=20)).isoformat())
    officer = Walk(browser, live_server.url, "hetang_officer1", size)
    officer.go(f"/cases/{case}/")
    officer.shot("seizure-1-case")
    officer.follow("#take-measure")
    form = officer.page.locator("form#do-take")
    form.locator("[name=on]").fill(day.isoformat())
    form.locator("[name=kind]").select_option("detain")
    form.locator("[name=reason]").fill("在人民路占道经营，经责令改正拒不改正，为防止证据灭失")
    form.locator("[name=basis_text]").fill("《湖南省城市综合管理条例》第五十二条")
    form.locator("[name=place]").fill("株洲市荷塘区人民路88号门前")
    form.locator("[name=items]").fill("电动三轮车1辆\n占道经营货架2个")
    with officer.page.expect_navigation():
        form.locator("button[type=submit]").click()
    text = officer.here()
    assert "待负责人批准" in text and "电动三轮车1辆" in text
    m = Measure.objects.get(case__uuid=case)
    head = Walk(browser, live_server.url, "hetang_head", size)
    head.go("/")
    assert "待批准查封扣押" in head.here()
    head.go(f"/coercion/{m.uuid}/")
    _do(head, "approve", {"on": day.isoformat(), "at": f"{day.isoformat()}T08:30"})
    officer.go(f"/coercion/{m.uuid}/")
    text = _do(officer, "seize", {"on": day.isoformat(), "at": f"{day.isoformat()}T10:00",
                                  "witness": "", "video": "执法记录仪07号 全程录像"},
               checks=("showed_ids", "party_present", "told_rights", "heard_statement", "signed", "handed_over",
                       "no_necessities"), multi={"officers": ["hetang_officer1", "hetang_officer2"]},
               shot=f"seizure-2-seize-{size}.png")
    assert "查封扣押中" in text and "剩余29日" in text and "扣押决定书" in text and "扣押清单" in text
    officer.shot("seizure-3-seized")
    officer.go("/coercion/")
    assert "剩余29日" in officer.here()
    officer.shot("seizure-4-board")
    head.go(f"/coercion/{m.uuid}/")
    text = _do(head, "release", {"on": today.isoformat(), "ground": "对违法行为已经作出处理决定，不再需要查封、扣押"})
    assert "已解除" in text and "解除扣押决定书" in text
    head.shot("seizure-5-released")
    officer.go(f"/cases/{case}/")
    assert "已解除" in officer.here()
    officer.close()
    head.close()

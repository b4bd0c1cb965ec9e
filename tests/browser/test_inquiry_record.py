"""An officer records a 询问笔录 with its 问/答 through the case page (issue 14 §2), on a phone and a desktop screen;
the printed 询问笔录 carries each question and answer. Screenshots go to test-artifacts/inquiry/."""
import os
import random
import subprocess
from datetime import date
from pathlib import Path

import pytest

from fazhi.cases import actions as A
from fazhi.org.demo import build_org
from fazhi.org.models import Staff
from tests.browser.conftest import CHROMIUM
from tests.browser.test_journey import Person, fill

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "inquiry"
pytestmark = pytest.mark.skipif(not CHROMIUM and not os.environ.get("CI"), reason="Debian chromium not installed")
QA = "问：你单位是否在建设中路18号门前堆放砂石？\n答：是的，装修用的。\n问：堆放了多久？\n答：大约十天。"


def test_officer_records_questions_and_answers_and_the_record_prints_them(browser, live_server, transactional_db):
    build_org(random.Random(7), date(2026, 11, 20))
    lead, other = Staff.objects.get(username="hetang_officer1"), Staff.objects.get(username="hetang_officer2")
    case = A.register(by=lead, on=date(2026, 11, 2), party_kind="org", party_name="株洲市瑞丰商贸有限公司",
                      party_representative="陈志远", party_address="湖南省株洲市建设中路18号", cause="擅自在街道两侧堆放物料影响市容",
                      place="建设中路18号门前", act_on=date(2026, 11, 1), discovered_on=date(2026, 11, 2),
                      penalty_provision="《城市市容和环境卫生管理条例》第三十六条第（二）项")
    A.file_case(case, by=Staff.objects.get(username="hetang_head"), on=date(2026, 11, 3), officers=[lead, other])

    officer = Person(browser, live_server.url, "hetang_officer1")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for width, height in ((390, 844), (1440, 900)):
        officer.page.set_viewport_size({"width": width, "height": height})
        officer.open(f"{live_server.url}/cases/{case.uuid}/")
        officer.page.click("#do-add_evidence summary")
        form = officer.page.locator("#do-add_evidence form")
        fill(form, {"on": "2026-11-04", "kind": "party_statement", "title": "询问笔录（法定代表人陈志远）",
                    "place": "荷塘区局询问室", "qa": QA, "record_type": "inquiry",  # PEN-04: a 笔录 names its makers
                    "record_officers": [lead.username, other.username], "record_person": "陈志远",
                    "record_person_role": "法定代表人", "started_at": "2026-11-04T09:30",
                    "ended_at": "2026-11-04T10:05"})
        officer.page.screenshot(path=str(ARTIFACTS / f"form-{width}.png"), full_page=True)
    with officer.page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert "询问笔录（法定代表人陈志远）" in officer.page.content()

    response = officer.page.request.get(f"{live_server.url}/api/v1/cases/{case.uuid}/documents/inquiry.pdf")
    assert response.status == 200
    text = subprocess.run(["pdftotext", "-", "-"], input=response.body(), capture_output=True, check=True).stdout.decode()
    flat = "".join(text.split())
    for line in ("问：你单位是否在建设中路18号门前堆放砂石？", "答：是的，装修用的。", "问：堆放了多久？", "答：大约十天。",
                 "被询问人陈志远", "询问地点荷塘区局询问室", "被询问人签名"):
        assert line in flat, line

"""Browser journey (issue 3 §5): in headless Chromium (Debian's package, driven by Playwright), an officer, a
squad leader, a legal reviewer and a leader carry one general-procedure case from 案源登记 to 结案 through the
staff UI alone. Screenshots of the key pages go to test-artifacts/journey/."""
import os
import random
from datetime import date
from pathlib import Path

import pytest

from fazhi.cases.models import PenaltyCase
from fazhi.core.events import verify_all
from fazhi.core.models import Event
from fazhi.org.demo import build_org
from tests.browser.conftest import CHROMIUM

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "journey"
pytestmark = pytest.mark.skipif(not CHROMIUM and not os.environ.get("CI"), reason="Debian chromium not installed")


class Person:
    """One staff member in their own browser context (own session), on a phone-sized screen."""

    def __init__(self, browser, base, username):
        self.ctx = browser.new_context(viewport={"width": 412, "height": 915}, locale="zh-CN")
        self.page = self.ctx.new_page()
        self.base = base
        self.page.goto(f"{base}/accounts/login/")
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", "fazhi2026")
        self.page.click("button[type=submit]")
        self.page.wait_for_url(f"{base}/")

    def open(self, case_url):
        self.page.goto(case_url)

    def act(self, action, **values):
        page = self.page
        page.click(f"#do-{action} summary")
        form = page.locator(f"#do-{action} form")
        fill(form, values)
        with page.expect_navigation():
            form.locator("button[type=submit]").click()

    def shot(self, name):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def fill(form, values):
    for name, value in values.items():
        field = form.locator(f"[name={name}]")
        if isinstance(value, bool):
            (field.check if value else field.uncheck)()
        elif isinstance(value, list):
            if field.first.evaluate("e => e.tagName") == "SELECT":
                field.select_option(value)
            else:
                for v in value:
                    form.locator(f"[name={name}][value={v}]").check()
        elif field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(str(value))


def status(person):
    return person.page.locator("#case-status .status").inner_text()


def test_general_procedure_case_from_clue_to_closure_through_the_ui(browser, live_server, transactional_db, tmp_path,
                                                                    settings):
    settings.FAZHI_BLOB_DIR = tmp_path / "blobs"
    build_org(random.Random(7), date(2026, 11, 20))
    base = live_server.url
    officer = Person(browser, base, "hetang_officer1")
    squad = Person(browser, base, "hetang_squad1")
    reviewer = Person(browser, base, "hetang_reviewer")
    leader = Person(browser, base, "hetang_head")

    # 1. The officer registers the clue.
    officer.page.click("text=案源登记")
    fill(officer.page.locator("form"), {
        "on": "2026-11-02", "party_kind": "org", "party_name": "株洲市瑞丰商贸有限公司",
        "party_address": "湖南省株洲市建设中路18号", "cause": "擅自在街道两侧堆放物料影响市容", "place": "建设中路18号门前",
        "act_on": "2026-11-01", "discovered_on": "2026-11-02",
        "penalty_provision": "《城市市容和环境卫生管理条例》第三十六条第（二）项"})
    with officer.page.expect_navigation():
        officer.page.click("button[type=submit]")
    case_url = officer.page.url
    assert status(officer) == "案源登记"
    officer.shot("01-clue")

    # 2. The leader approves 立案 with two certified officers (PEN-04).
    leader.open(case_url)
    leader.act("file", on="2026-11-03", officers=["hetang_officer1", "hetang_officer2"])
    assert status(leader) == "调查取证"

    # 3. The squad leader adds an officer to the team.
    squad.open(case_url)
    squad.act("assign_officers", on="2026-11-04", add=["hetang_officer3"])

    # 4. The officer uploads the body-camera video and concludes the investigation (needs legal review).
    officer.open(case_url)
    officer.page.click("#evidence summary")
    up = officer.page.locator("#evidence form")
    video = tmp_path / "bodycam.mp4"
    video.write_bytes(os.urandom(200_000))
    up.locator("input[type=file]").set_input_files(str(video))
    fill(up, {"kind": "audiovisual", "title": "执法记录仪视频", "on": "2026-11-04", "collected_on": "2026-11-04"})
    with officer.page.expect_navigation():
        up.locator("button[type=submit]").click()
    assert "执法记录仪视频" in officer.page.locator("#evidence").inner_text()
    officer.act("conclude_investigation", on="2026-11-05", outcome="penalty", facts="当事人在建设中路18号门前堆放建筑材料约20平方米。",
                kinds=["fine"], fine="5000", flags=["major_public_interest"])
    assert status(officer) == "调查终结待审查"

    # 5. A decision now is refused in place, with its rule and legal basis.
    leader.open(case_url)
    leader.act("decide", on="2026-11-05", correction_order="立即清理")
    leader.page.click("#do-decide .refusal details.basis summary")  # the basis opens on a tap
    refusal = leader.page.locator("#do-decide .refusal").inner_text()
    assert "PEN-08" in refusal and "中华人民共和国行政处罚法" in refusal
    leader.shot("02-refusal-in-place")

    # 6. The legal reviewer passes the review (PEN-12).
    reviewer.open(case_url)
    reviewer.act("legal_review", on="2026-11-06", passed=True, opinion="事实清楚，证据确凿，程序合法，同意拟处罚意见。")
    reviewer.shot("03-reviewed")

    # 7. The officer gives notice; the party waives the statement.
    officer.open(case_url)
    officer.act("notify", on="2026-11-09")
    officer.act("waive_rights", on="2026-11-09", statement="本公司放弃陈述、申辩的权利。")

    # 8. The leader decides.
    leader.open(case_url)
    leader.act("decide", on="2026-11-10", correction_order="立即清理堆放的建筑材料")
    assert status(leader) == "已决定待送达"
    assert "荷城管罚决字〔2026〕第0001号" in leader.page.locator("#case-status").inner_text()
    leader.shot("04-decided")

    # 9. Service and payment by the officer; the decision document is there to print.
    officer.open(case_url)
    officer.act("serve", on="2026-11-11", method="direct", recipient="张伟（法定代表人）")
    officer.act("record_payment", on="2026-11-12", fine_paid="5000")
    with officer.page.expect_popup() as pdf:
        officer.page.click("#documents a[href$='decision.pdf']")
    assert pdf.value.url.endswith("decision.pdf")

    # 10. The leader closes the case.
    leader.open(case_url)
    leader.act("close", on="2026-11-13", close_type="performed")
    assert status(leader) == "已结案"
    leader.shot("05-closed")

    case = PenaltyCase.objects.get()
    assert case.status == "closed" and case.paid_fine == 5000
    kinds = list(Event.objects.filter(stream=case.stream).order_by("seq").values_list("kind", flat=True))
    assert kinds == ["register", "file", "assign_officers", "add_evidence", "conclude_investigation", "legal_review",
                     "notify", "waive_rights", "decide", "serve", "record_payment", "close"]
    assert list(verify_all()) == []

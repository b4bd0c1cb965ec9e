"""Issue 15 §7: every role walks the first steps of its day in headless Chromium, on a phone (390x844) and on a
desktop (1440x900), and sees what its work needs and nothing else (need to know, fazhi/org/access.py).

Every page visited is checked for what must never reach an officer: "None", a Python dict, a raw rule ID outside
its 依据 disclosure. Screenshots go to test-artifacts/roles/<role>-<viewport>.png."""
import os
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from fazhi.cases import actions as A
from fazhi.cases.models import PenaltyCase
from fazhi.citydesk import actions as C
from fazhi.org.models import Role, Staff
from tests.browser.conftest import CHROMIUM
from tests.citydesk.desk import HETANG_WGS84, person

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "roles"
pytestmark = pytest.mark.skipif(not CHROMIUM and not os.environ.get("CI"), reason="Debian chromium not installed")
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1440, "height": 900}}
PASSWORD = "fazhi2026"

# A rule ID such as PEN-06 or ACC-01, wherever it stands (CJK text around it leaves no \b word boundary).
RULE_ID = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2,5}-\d{2}(?!\d)")
DICT_TEXT = re.compile(r"\{\s*['\"][^'\"]*['\"]\s*:|\[\s*\{|<QuerySet|object at 0x")


def shown_text(page) -> str:
    """The text of <main> a person sees, leaving out what sits behind a <details> (依据 and the like), whether
    it is open or not: the rule IDs belong there."""
    return page.evaluate("""() => {
        const main = document.querySelector('main');
        const hidden = [...main.querySelectorAll('details')];
        hidden.forEach(d => { d.dataset.was = d.style.display; d.style.display = 'none'; });
        const text = main.innerText;
        hidden.forEach(d => { d.style.display = d.dataset.was; });
        return text;
    }""")


def assert_clean(page) -> str:
    """Nothing internal on the page: no None, no Python dict, no raw rule ID outside 依据 (issue 15)."""
    visible = page.inner_text("main")
    assert "None" not in visible, f"{page.url} shows None"
    assert not DICT_TEXT.search(visible), f"{page.url} shows Python data: {DICT_TEXT.search(visible).group()}"
    outside = shown_text(page)
    assert not RULE_ID.search(outside), f"{page.url} shows the rule ID {RULE_ID.search(outside).group()}"
    return visible


class Walk:
    """One person's session in their own browser context."""

    def __init__(self, browser, base, username, size):
        self.size, self.username, self.base = size, username, base
        self.ctx = browser.new_context(viewport=VIEWPORTS[size], locale="zh-CN")
        self.page = self.ctx.new_page()
        self.page.goto(f"{base}/accounts/login/")
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", PASSWORD)
        with self.page.expect_navigation():
            self.page.click("button[type=submit]")
        self.page.wait_for_load_state()
        assert "/accounts/login/" not in self.page.url, f"{username} could not log in"

    def go(self, path, status=200) -> str:
        response = self.page.goto(f"{self.base}{path}")
        assert response.status == status, f"{self.username} {path}: {response.status}"
        return assert_clean(self.page)

    def here(self) -> str:
        return assert_clean(self.page)

    def follow(self, selector) -> str:
        with self.page.expect_navigation():
            self.page.click(selector)
        return assert_clean(self.page)

    def nav(self) -> list[str]:
        return self.page.eval_on_selector_all("nav.main a", "links => links.map(a => a.textContent.trim())")

    def shot(self, role):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{role}-{self.size}.png"), full_page=True)

    def close(self):
        self.ctx.close()


def _cases(org):
    """A few 荷塘 cases at the stages the roles meet first, and one 芦淞 case outside 荷塘's scope."""
    h = org["hetang"]
    on = date(2026, 11, 2)
    provision = "《城市市容和环境卫生管理条例》第三十六条第（二）项"
    working = A.register(by=h.officers[0], on=on, party_kind="org", party_name="株洲市瑞丰商贸有限公司",
                         cause="擅自在街道两侧堆放物料影响市容", place="建设中路18号门前", act_on=date(2026, 11, 1),
                         discovered_on=on, penalty_provision=provision)
    A.file_case(working, by=h.head, on=date(2026, 11, 3), officers=h.officers[:2])
    reviewed = A.register(by=h.officers[0], on=on, party_kind="citizen", party_name="欧阳明远",
                          cause="擅自占道堆放物料", place="红旗路", act_on=date(2026, 11, 1), discovered_on=on,
                          penalty_provision=provision)
    reviewed = A.file_case(reviewed, by=h.head, on=date(2026, 11, 3), officers=h.officers[:2])
    A.conclude_investigation(reviewed, by=h.officers[0], on=date(2026, 11, 5), outcome="penalty",
                             facts="当事人在红旗路人行道堆放建筑材料约20平方米。", kinds=["fine"], fine="5000",
                             flags={"major_public_interest": True})
    A.register(by=h.officers[2], on=on, party_kind="citizen", party_name="李四光", cause="乱贴广告",
               act_on=on, discovered_on=on)  # a clue waiting for 立案
    lusong = org["lusong"]
    A.register(by=lusong.officers[0], on=on, party_kind="citizen", party_name="张三丰", cause="乱贴广告",
               act_on=on, discovered_on=on)


@pytest.mark.parametrize("size", VIEWPORTS)
def test_the_case_roles_walk_their_day(browser, live_server, transactional_db, org, size):
    _cases(org)
    base = live_server.url

    # 执法队员: the 工作台 lists the cases they handle; they open one. Nothing of another bureau, no 系统管理.
    w = Walk(browser, base, "hetang_officer1", size)
    text = w.here()
    assert "我承办的案件" in text and "株洲市瑞丰商贸有限公司" in text and "欧阳明远" in text
    assert "张三丰" not in text and "待立案审批" not in text and "待法制审核" not in text
    assert "系统管理" not in w.nav() and "驾驶舱" not in w.nav()
    text = w.follow("text=株洲市瑞丰商贸有限公司")
    assert "调查取证" in w.page.inner_text("#case-status")
    w.shot("officer")
    assert "张三丰" not in w.go("/cases/?q=张三丰")
    w.follow("nav.main >> text=工作台")
    assert "违法行为（本局裁量基准）" in w.follow("text=当场处罚")  # the on-the-spot form: the most frequent job
    w.go("/manage/", status=403)
    w.close()

    # 中队长: no step due today (nothing to archive or file), their own cases, case search within 荷塘; no 立案
    # approval (a leader's).
    w = Walk(browser, base, "hetang_squad1", size)
    text = w.here()
    assert "您现在没有需要办理的环节" in text and "我承办的案件" in text and "待立案审批" not in text
    text = w.go("/cases/")
    assert "株洲市瑞丰商贸有限公司" in text and "张三丰" not in text
    w.shot("squad_leader")
    w.close()

    # 法制审核员: the 待法制审核 queue holds the case whose proposal needs review; they open it.
    w = Walk(browser, base, "hetang_reviewer", size)
    text = w.here()
    assert "待法制审核" in text and "我承办的案件" not in text
    review = w.page.locator("section.card[id^=work-]", has_text="待法制审核")
    assert "欧阳明远" in review.inner_text() and "株洲市瑞丰商贸有限公司" not in review.inner_text()
    with w.page.expect_navigation():
        review.locator("text=欧阳明远").click()
    w.here()
    assert "调查终结待审查" in w.page.inner_text("#case-status")
    w.shot("legal_reviewer")
    w.go("/manage/", status=403)
    w.close()

    # 局长: the clue waiting for 立案, the 驾驶舱 and the 年度报告.
    w = Walk(browser, base, "hetang_head", size)
    text = w.here()
    assert "待立案审批" in text and "李四光" in text and "张三丰" not in text
    w.shot("head-desk")
    assert "驾驶舱" in w.nav() and "年度报告" in w.nav() and "系统管理" not in w.nav()
    assert "领导驾驶舱" in w.go("/reports/dashboard/")
    w.shot("head")
    text = w.follow("nav.main >> text=年度报告")
    assert "法治政府建设年度报告" in text and "株洲市荷塘区" in text
    w.close()

    # 执法监督员 (city): the cases of the whole subtree, no 系统管理.
    w = Walk(browser, base, "city_supervisor", size)
    text = w.here()
    assert "辖区在办案件" in text
    text = w.go("/cases/")
    assert "株洲市瑞丰商贸有限公司" in text and "张三丰" in text
    assert "系统管理" not in w.nav()
    w.shot("supervisor")
    w.go("/manage/", status=403)
    w.close()

    # 系统管理员: staff and settings; no case page at all (403, with its basis behind 依据).
    w = Walk(browser, base, "city_admin", size)
    assert "案件查询" not in w.nav() and "系统管理" in w.nav()
    text = w.go("/manage/")
    assert "欧阳明远" not in text
    w.shot("admin")
    text = w.go("/cases/", status=403)
    assert "无权查阅行政处罚案件" in text and "欧阳明远" not in text
    assert w.page.locator("main details.basis summary").inner_text() == "依据"
    assert "欧阳明远" not in w.go(f"/cases/{PenaltyCase.objects.first().uuid}/", status=403)
    w.close()


@pytest.mark.parametrize("size", VIEWPORTS)
def test_the_command_centre_roles_walk_their_day(browser, live_server, transactional_db, desk, settings, tmp_path,
                                                 size):
    settings.FAZHI_BLOB_DIR = tmp_path
    hetang = desk["desk_operator"].bureau
    desk["desk_commander"] = person(hetang, "desk_commander", Role.COMMANDER)
    for username in ("desk_operator", "desk_leader", "desk_dispatcher", "desk_patroller", "desk_commander",
                     "sanitation_worker"):
        s = Staff.objects.get(username=username)
        s.set_password(PASSWORD)
        s.save()
    earlier = timezone.now() - timedelta(hours=1)
    sent = C.report(channel="hotline", category=desk["category"], description="建设中路井盖旁堆放生活垃圾",
                    lng=HETANG_WGS84[0], lat=HETANG_WGS84[1], by=desk["desk_operator"], at=earlier)
    sent = C.register(C.accept(sent, by=desk["desk_operator"], at=earlier), by=desk["desk_leader"],
                      condition_met=True, at=earlier)
    C.dispatch(sent, by=desk["desk_dispatcher"], at=earlier)
    C.report(channel="hotline", category=desk["category"], description="红旗路绿化带内暴露垃圾",
             lng=HETANG_WGS84[0] + 0.002, lat=HETANG_WGS84[1], by=desk["desk_operator"], at=earlier)
    base = live_server.url

    # 受理员, 值班长, 派遣员, 指挥长: the issue board is their 工作台; a penalty case is not their work.
    for username, role in (("desk_operator", "operator"), ("desk_leader", "shift_leader"),
                           ("desk_dispatcher", "dispatcher"), ("desk_commander", "commander")):
        w = Walk(browser, base, username, size)
        assert w.page.url.endswith("/citydesk/")
        text = w.here()
        assert "建设中路井盖旁堆放生活垃圾" in text and "红旗路绿化带内暴露垃圾" in text
        assert "案件查询" not in w.nav() and "系统管理" not in w.nav()
        w.shot(role)
        if role == "dispatcher":
            assert "荷塘区环境卫生管理所" in w.follow("#col-dispatched >> text=暴露垃圾")
        assert "无权查阅行政处罚案件" in w.go("/cases/", status=403)
        w.close()

    # 监督员: the phone page to report from; no board of everyone's issues, no case list.
    w = Walk(browser, base, "desk_patroller", size)
    assert w.page.url.endswith("/citydesk/patrol/")
    text = w.here()
    assert "红旗路绿化带内暴露垃圾" not in text
    w.shot("patroller")
    w.go("/cases/", status=403)
    w.close()

    # 处置单位: only the issues sent to the unit.
    w = Walk(browser, base, "sanitation_worker", size)
    assert w.page.url.endswith("/citydesk/")
    text = w.here()
    assert "建设中路井盖旁堆放生活垃圾" in text and "红旗路绿化带内暴露垃圾" not in text
    w.shot("unit")
    assert "建设中路井盖旁堆放生活垃圾" in w.follow("text=暴露垃圾")
    w.go("/cases/", status=403)
    w.close()

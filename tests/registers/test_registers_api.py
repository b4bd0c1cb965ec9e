"""违法建设和隐患整改台账 through the API (issue #20 parts 3–5): a 违建 found on patrol to a forced demolition recorded in
the register with its m² (HUD-02, ENF-06); a hazard notice complied with, another escalated to a penalty case and a
third removed by the bureau (HUD-03), each with its due day tested before, on and after; an issue of the 数字化城管
loop handed to either register."""
from decimal import Decimal

from fazhi.cases.models import PenaltyCase
from fazhi.core.models import Event
from fazhi.registers.models import Notice, Site
from tests.coercion.helpers import EXECUTION
from tests.registers.helpers import notice, notice_step, ok, refused, site, site_step
from tests.test_api_scenarios import OFFICERS, act, site_record


def test_HUD_02_ENF_06_a_site_found_on_patrol_to_its_forced_demolition_in_the_register(api):
    s = ok(site(api), 201)
    assert s["status"] == "registered" and s["red_lines"] == ["存在重大安全隐患", "城市开发边界内"]
    assert s["vintage_label"] == "新增" and s["area"] == "86.50"
    # the site becomes a penalty-case clue, and the case runs its own table to a served 限期拆除 decision
    x = ok(site_step(api, "hetang_officer1", s["uuid"], "open_case", on="2026-03-02"))
    case = x["case"]
    assert x["status"] == "in_case" and PenaltyCase.objects.get(uuid=case).source == "patrol"
    ok(act(api, "hetang_head", case, "file", on="2026-03-03", officers=OFFICERS))
    ok(act(api, "hetang_officer1", case, "add_evidence", on="2026-03-04", kind="inspection", title="现场检查笔录",
           **site_record("2026-03-04")))
    ok(act(api, "hetang_officer1", case, "conclude_investigation", on="2026-03-05", outcome="penalty",
           facts="经查属实，无法采取改正措施消除对规划实施的影响", kinds=["fine"], fine="3000"))
    ok(act(api, "hetang_officer1", case, "notify", on="2026-03-06"))
    ok(act(api, "hetang_officer1", case, "waive_rights", on="2026-03-06", statement="放弃陈述申辩"))
    ok(act(api, "hetang_head", case, "decide", on="2026-03-09", correction_order="限期十五日内自行拆除"))
    ok(act(api, "hetang_officer1", case, "serve", on="2026-03-10", method="direct", recipient="王强"))
    # an outcome that needs a demolition record, or a decided case, is refused without it
    refused(site_step(api, "hetang_officer1", s["uuid"], "record_outcome", on="2026-03-20", outcome="forced",
                      area="86.50"), "ENF-06")
    # the bureau's own 强制拆除 (coercion): 公告, 催告, execution after the 复议/诉讼 periods
    m = ok(api("hetang_officer1").post("/coercion/demolitions", {
        "on": "2026-03-20", "case": case, "government_order": "荷政函〔2026〕12号", "structure": "楼顶彩钢板房",
        "place": "新华西路12号楼顶", "area": "86.50", "reason": "限期拆除决定送达后逾期未拆除"}), 201)
    ok(api("hetang_officer1").post(f"/coercion/{m['uuid']}/actions/announce", {"on": "2026-03-23",
                                                                               "deadline": "2026-04-10"}))
    ok(api("hetang_officer1").post(f"/coercion/{m['uuid']}/actions/demand", {
        "on": "2026-04-13", "deadline": "2026-04-20", "statement_rights": True}))
    ok(api("hetang_officer1").post(f"/coercion/{m['uuid']}/actions/execute", {
        "on": "2026-09-15", "started_at": "2026-09-15T09:00:00+08:00", "ended_at": "2026-09-15T12:00:00+08:00",
        **{**EXECUTION, "area": "80.00"}}))
    number = m["number"]
    refused(site_step(api, "hetang_officer1", s["uuid"], "record_outcome", on="2026-09-15", outcome="forced",
                      measure=number, area="90.00"), "HUD-02")   # more than the site's area
    done = ok(site_step(api, "hetang_officer1", s["uuid"], "record_outcome", on="2026-09-15", outcome="forced",
                        measure=number))
    assert done["status"] == "closed" and done["outcome_label"] == "强制拆除" and done["handled_area"] == "80.00"
    assert done["measure"] == number
    row = Site.objects.get(uuid=s["uuid"])
    assert row.measure.number == number and row.handled_area == Decimal("80.00")
    assert [e.kind for e in Event.objects.filter(stream=row.stream).order_by("seq")] == \
        ["register", "open_case", "record_outcome"]


def test_HUD_02_self_demolition_without_a_case_and_rectification_only_after_a_decision(api):
    s = ok(site(api, vintage="stock", farmland=True), 201)["uuid"]
    refused(site_step(api, "hetang_officer1", s, "record_outcome", on="2026-03-05", outcome="rectified"), "HUD-02")
    refused(site_step(api, "hetang_officer1", s, "record_outcome", on="2026-03-05", outcome="self"), "HUD-02")
    x = ok(site_step(api, "hetang_officer1", s, "record_outcome", on="2026-03-05", outcome="self", area="40.00",
                     note="责任人已自行拆除"))
    assert x["outcome_label"] == "自行拆除" and x["handled_area"] == "40.00"
    refused(site_step(api, "hetang_officer1", s, "open_case", on="2026-03-06"), "REG-STATE")


def test_REG_ROLE_only_the_bureaus_certified_officers(api):
    status, body = site(api, user="hetang_reviewer")
    assert status == 403
    s = ok(site(api), 201)["uuid"]
    status, _ = api("lusong_head").get(f"/registers/sites/{s}")
    assert status == 404   # outside 芦淞's subtree


def test_HUD_03_notice_due_day_before_on_and_after(api):
    refused(notice(api, on="2026-06-01", due="2026-06-01"), "HUD-03")   # the due day must be after the notice
    n = ok(notice(api, on="2026-06-01", due="2026-06-15"), 201)
    assert n["status"] == "issued" and len(n["officers"]) == 2 and n["due"] == "2026-06-15"
    for day in ("2026-06-14", "2026-06-15"):   # before and on the due day: the party still has time
        refused(notice_step(api, "hetang_officer1", n["uuid"], "escalate", on=day), "HUD-03")
        refused(notice_step(api, "hetang_head", n["uuid"], "remove", on=day, approval="荷政函〔2026〕30号",
                            area="12"), "HUD-03")
    x = ok(notice_step(api, "hetang_officer1", n["uuid"], "escalate", on="2026-06-16"))   # the day after
    assert x["status"] == "escalated" and x["case"]
    case = PenaltyCase.objects.get(uuid=x["case"])
    assert case.status == "clue" and case.party_name == "株洲市荷塘区老味道餐馆" and "整改通知" in case.facts


def test_HUD_03_a_notice_complied_with_on_its_due_day(api):
    n = ok(notice(api), 201)["uuid"]
    x = ok(notice_step(api, "hetang_officer1", n, "comply", on="2026-06-15", note="招牌已加固"))
    assert x["status"] == "complied" and x["check_note"] == "招牌已加固"
    refused(notice_step(api, "hetang_officer1", n, "escalate", on="2026-06-16"), "REG-STATE")


def test_HUD_03_removal_by_the_bureau_needs_the_governments_approval_and_a_leader(api):
    n = ok(notice(api), 201)["uuid"]
    refused(notice_step(api, "hetang_officer1", n, "remove", on="2026-06-16", approval="x", area="12"), "REG-ROLE",
            status=403)
    refused(notice_step(api, "hetang_head", n, "remove", on="2026-06-16", area="12"), "HUD-03")
    x = ok(notice_step(api, "hetang_head", n, "remove", on="2026-06-16", approval="荷政函〔2026〕30号", area="12.00"))
    assert x["status"] == "removed" and x["removed_area"] == "12.00"


def test_an_issue_of_the_citydesk_loop_handed_to_either_register(api):
    from fazhi.citydesk import actions as C
    from fazhi.org.models import Staff
    from tests.citydesk.loop import at, loop_world

    _, region, cat = loop_world()
    cell = region.cells.order_by("row", "col")[len(region.cells.all()) // 2]
    lng = region.grid_origin_lng + (cell.col + 0.5) * region.grid_d_lng
    lat = region.grid_origin_lat + (cell.row + 0.5) * region.grid_d_lat

    def reported():
        return C.report(channel="hotline", category=cat, description="楼顶在搭彩钢棚", lng=lng, lat=lat, wgs84=False,
                        address="荷塘区建设中路1号", by=Staff.objects.get(username="city_operator1"), at=at(9, "09:00"))

    i = reported()
    s = ok(site(api, issue=i.tracking_code, address=""), 201)
    assert s["source"] == "citydesk" and s["issue"] == i.tracking_code and s["address"]
    assert Event.objects.filter(stream=i.stream, kind="to_site").count() == 1
    refused(notice(api, issue=i.tracking_code), "DCM-02")   # once
    j = reported()
    n = ok(notice(api, issue=j.tracking_code, address=""), 201)
    assert n["source"] == "citydesk" and Notice.objects.get(uuid=n["uuid"]).issue_id == j.pk
    status, body = notice(api, issue="ZZZZZZZZ")
    assert status == 422 and "查询码" in body["message"]

"""专项整治 (SUP-04): a campaign launched over its scope and dates, its 问题清单 fed from 评查, 数字化城管, complaints,
self-checks and supervisors' visits (linked to the record when there is one), each problem tracked to rectified
with evidence (a file in the evidence store), an owner and a due date; the campaign's figures by source and
bureau; who may do and see what; the dates at their boundaries."""
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core.integrity import audit
from fazhi.core.models import Event
from fazhi.core.workflow import REGISTRY, work_for
from fazhi.law import supervision as rules
from fazhi.law.basis import RuleViolation
from fazhi.supervision import actions
from fazhi.supervision.models import Campaign, CampaignProblem
from tests.supervision.campaigns import KINDS, ON, launch, problem, problem_samples
from tests.supervision.helpers import staff
from tests.supervision.test_pages import page, post
from tests.supervision.test_review import closed_file
from tests.year_cases import clock_fixture  # noqa: F401 — the `clock` fixture


def test_SUP_04_campaign_dates_at_the_boundary():
    start, end = date(2026, 5, 1), date(2026, 10, 31)
    assert rules.campaign_dates_problem(start, start) is None
    assert rules.campaign_dates_problem(start, date(2026, 4, 30))
    assert rules.found_problem(date(2026, 4, 30), start, end)
    assert rules.found_problem(start, start, end) is None
    assert rules.found_problem(end, start, end) is None
    assert "晚于整治结束日期" in rules.found_problem(date(2026, 11, 1), start, end)


def test_SUP_04_problem_due_and_overdue_at_the_boundary():
    found, due = date(2026, 6, 1), date(2026, 6, 15)
    assert rules.problem_due_problem(found, found) and rules.problem_due_problem(found, date(2026, 5, 31))
    assert rules.problem_due_problem(found, date(2026, 6, 2)) is None
    assert rules.problem_clock(due, date(2026, 6, 14)).days_left == 1
    assert rules.problem_clock(due, due) == rules.OrderClock(0, False, 0)
    assert rules.problem_clock(due, date(2026, 6, 16)) == rules.OrderClock(-1, True, 1)
    assert rules.problem_clock(due, date(2026, 7, 1), reported_on=date(2026, 6, 20)).overdue is False


def test_SUP_04_tally_by_source_and_bureau():
    F = rules.ProblemFact
    today = date(2026, 6, 16)
    stats = rules.tally([F("visit", "荷塘区局", True, date(2026, 6, 10), date(2026, 6, 9)),
                         F("visit", "荷塘区局", False, date(2026, 6, 15), None),        # overdue since today
                         F("citydesk", "芦淞区局", False, date(2026, 6, 16), None),     # due today: not overdue
                         F("citydesk", "芦淞区局", False, date(2026, 6, 1), date(2026, 6, 5))], today)  # waiting
    assert (stats.total.found, stats.total.rectified, stats.total.pending, stats.total.overdue) == (4, 1, 1, 1)
    assert list(stats.by_source) == ["citydesk", "visit"]   # the order of SOURCES, only those met
    assert stats.by_source["visit"].overdue == 1 and stats.by_bureau["芦淞区局"].pending == 1
    assert stats.by_bureau["荷塘区局"].open == 1


def test_a_campaign_from_launch_to_a_problem_rectified_with_evidence(client, api):
    case = closed_file(api)
    text = page(client, "city_head", "/supervision/campaigns/")
    assert "部署专项整治" in text and "没有专项整治" in text
    form = {"on": ON.isoformat(), "title": "城市管理执法乱象专项整治", "basis": "株城管发〔2026〕8号",
            "focus": "重点整治随意性执法、选择性执法", "kinds": "随意性执法\n选择性执法、逐利性执法",
            "scope": ["430202", "430203"], "starts_on": "2026-11-01", "ends_on": "2026-10-31"}
    r = post(client, "city_head", "/supervision/campaigns/new", form, 409)   # ends before it starts: in place
    assert "不得早于开始日期" in r.content.decode() and "株城管发〔2026〕8号" in r.content.decode()
    r = post(client, "city_head", "/supervision/campaigns/new", {**form, "ends_on": "2026-12-31"})
    c = Campaign.objects.get()
    assert r["Location"] == f"/supervision/campaigns/{c.uuid}/"
    assert c.kinds == ["随意性执法", "选择性执法", "逐利性执法"] and c.version == 1
    url = f"/supervision/campaigns/{c.uuid}/"
    text = page(client, "city_head", url)
    assert 'id="do-add_problem"' in text and 'id="do-close"' in text and "发现问题0个" in text
    found = {"on": ON.isoformat(), "source": "complaint", "kind": "随意性执法", "description": "群众投诉执法人员态度粗暴",
             "place": "荷塘区新华路", "owner": "430202", "responsible": "hetang_squad1", "due": "2026-12-05",
             "ref": case.case_no}
    r = post(client, "city_head", url + "do/add_problem", {**found, "kind": "乱收费"}, 409)
    assert "问题类别应为本次专项整治的类别之一" in r.content.decode()
    r = post(client, "city_head", url + "do/add_problem", {**found, "source": "citydesk", "ref": ""}, 409)
    assert "请填写问题查询码" in r.content.decode()
    r = post(client, "city_head", url + "do/add_problem", {**found, "ref": "无此案号"}, 400)
    assert "没有案号或查询码" in r.content.decode()
    r = post(client, "city_head", url + "do/add_problem", {**found, "due": ON.isoformat()}, 409)
    assert "应当晚于发现日期" in r.content.decode()
    r = post(client, "city_head", url + "do/add_problem", found)
    p = CampaignProblem.objects.get()
    assert r["Location"] == f"/supervision/problems/{p.uuid}/"
    assert (p.seq, p.case_id, p.responsible.username, p.status) == (1, case.pk, "hetang_squad1", "open")
    # the same case twice in one campaign
    r = post(client, "city_head", url + "do/add_problem", found, 409)
    assert "已列入本次专项整治的问题清单" in r.content.decode()
    purl = f"/supervision/problems/{p.uuid}/"
    text = page(client, "hetang_head", purl)
    assert 'id="do-rectify"' in text and f"/cases/{case.uuid}/" in text and "投诉举报" in text
    assert 'id="do-accept"' not in text
    page(client, "lusong_head", purl, 404)
    post(client, "city_head", purl + "do/rectify", {"on": "2026-11-25", "measures": "代为整改"}, 403)
    client.force_login(staff("hetang_head"))
    r = client.post(purl + "do/rectify", {"on": "2026-11-25", "measures": "已约谈当事执法人员并通报批评",
                                          "file": SimpleUploadedFile("约谈记录.txt", "约谈".encode(), "text/plain")})
    assert r.status_code == 302
    p = CampaignProblem.objects.get()
    assert p.status == "reported" and p.sha256 and p.filename == "约谈记录.txt"
    text = page(client, "city_head", purl)
    assert 'id="do-accept"' in text and 'id="do-send_back"' in text and "按期报送" in text
    assert b"".join(client.get(purl + "file").streaming_content) == "约谈".encode()
    post(client, "city_head", purl + "do/send_back", {"on": "2026-11-26", "note": ""}, 409)
    post(client, "city_head", purl + "do/accept", {"on": "2026-11-26", "note": "整改到位，予以销号"})
    p = CampaignProblem.objects.get()
    assert p.status == "done" and p.accepted_by.username == "city_head"
    text = page(client, "city_head", url + "?status=all")
    assert "发现问题1个，已整改销号1个" in text and "投诉举报" in text and "荷塘区局" in text
    assert [e.kind for e in Event.objects.filter(stream=p.stream).order_by("seq")] == [
        "register_problem", "report_fix", "accept_fix"]
    assert audit().ok


def test_a_bureau_of_the_scope_registers_its_own_problems_and_sees_only_them(client, org):
    c = launch()
    city = problem(c, owner="430203", description="芦淞区局执法车辆私用")
    own = problem(c, by="hetang_head", source="self_check", description="中队执法记录仪数据未按期上传")
    with pytest.raises(RuleViolation, match="只能登记本单位的问题"):
        problem(c, by="hetang_head", owner="430203")
    with pytest.raises(RuleViolation) as e:   # not in the scope
        problem(c, by="shifeng_head")
    assert e.value.at_guard
    with pytest.raises(RuleViolation, match="不在本次专项整治的范围内"):
        problem(c, owner="430204")
    url = f"/supervision/campaigns/{c.uuid}/"
    text = page(client, "hetang_head", url)
    assert own.description in text and city.description not in text and "发现问题1个" in text
    assert 'id="do-add_problem"' in text and 'id="do-close"' not in text
    page(client, "lusong_head", f"/supervision/problems/{own.uuid}/", 404)
    page(client, "shifeng_head", url, 404)


def test_problems_outside_the_campaign_dates_or_after_it_ended_are_refused(org, clock):
    c = launch(starts_on=date(2026, 11, 1), ends_on=date(2026, 11, 20))
    with pytest.raises(RuleViolation, match="早于整治开始日期"):
        problem(c, on=date(2026, 10, 31))
    problem(c, on=date(2026, 11, 1))
    problem(c, on=date(2026, 11, 20), description="结束当日发现的问题")
    clock(date(2026, 11, 22))
    with pytest.raises(RuleViolation, match="晚于整治结束日期"):
        problem(c, on=date(2026, 11, 21))
    # ending it is the organiser's job on the 工作台 from its last day on
    rows = [i for i in work_for(staff("city_head"), date(2026, 11, 22)) if i.context == "campaigns"]
    assert [(i.step.action, i.due, i.overdue_days) for i in rows] == [("close", date(2026, 11, 20), 2)]
    clock(date(2026, 11, 19))
    assert not [i for i in work_for(staff("city_head"), date(2026, 11, 19)) if i.context == "campaigns"]
    clock(date(2026, 11, 22))
    with pytest.raises(RuleViolation, match="整治总结"):
        actions.close_campaign(c, by=staff("city_head"), on=date(2026, 11, 22))
    actions.close_campaign(c, by=staff("city_head"), on=date(2026, 11, 22), summary="发现问题2个，均在整改中")
    with pytest.raises(RuleViolation, match="已结束") as e:
        problem(c, on=date(2026, 11, 20))
    assert e.value.at_guard
    assert Event.objects.filter(stream=c.stream, kind="close_campaign").get().data["found"] == 2


def test_the_owner_desk_lists_its_problems_overdue_first(org, clock):
    problem_samples()
    clock(date(2026, 12, 1))
    rows = [i for i in work_for(staff("lusong_head"), date(2026, 12, 1)) if i.context == "campaign-problems"]
    assert [(i.step.action, i.overdue_days) for i in rows] == [("rectify", 6)]
    rows = [i for i in work_for(staff("hetang_head"), date(2026, 12, 1)) if i.context == "campaign-problems"]
    # the open one, the returned one, and the overdue one of the ended campaign (still tracked), first
    assert {i.step.action for i in rows} == {"rectify"} and len(rows) == 3
    assert rows[0].overdue and rows[0].record.campaign.status == "closed"
    rows = [i for i in work_for(staff("city_head"), date(2026, 12, 1)) if i.context == "campaign-problems"]
    assert [i.step.action for i in rows] == ["accept"]


def test_campaign_figures_by_source_and_bureau(client, org, clock):
    problem_samples()
    clock(date(2026, 12, 1))
    text = page(client, "city_head", f"/supervision/campaigns/{Campaign.objects.get(status='open').uuid}/")
    assert "发现问题5个，已整改销号1个，已报送待验收1个，尚未销号4个，其中" in text and "逾期未整改1个" in text
    x = REGISTRY["campaigns"].present(Campaign.objects.get(status="open"), staff("city_head"))
    assert {r["source"]: r["found"] for r in x["stats"]["by_source"]} == {"self_check": 1, "visit": 4}
    assert {r["bureau"]: (r["found"], r["overdue"]) for r in x["stats"]["by_bureau"]} == {
        "荷塘区局": (4, 0), "芦淞区局": (1, 1)}


def test_campaigns_through_the_api(api):
    head, district = api("city_head"), api("hetang_head")
    body = {"on": ON.isoformat(), "title": "行政执法“四乱”问题专项整治", "kinds": KINDS, "scope": ["430202"],
            "starts_on": "2026-11-01", "ends_on": "2026-12-31"}
    assert district.post("/campaigns", {**body, "scope": ["430203"]})[1]["code"] == "SUP-04"
    assert head.post("/campaigns", {**body, "scope": ["999999"]})[0] == 422
    status, c = head.post("/campaigns", body)
    assert status == 201 and [a["action"] for a in c["actions"]] == ["add_problem", "close"]
    act = f"/campaigns/{c['uuid']}/actions/"
    found = {"on": ON.isoformat(), "source": "visit", "kind": KINDS[0], "description": "执法文书未当场送达",
             "owner": "430202", "due": "2026-12-01"}
    assert head.post(act + "add_problem", {**found, "owner": "999999"})[0] == 422
    assert head.post(act + "add_problem", {**found, "responsible": "lusong_head"})[1]["code"] == "SUP-04"
    status, x = head.post(act + "add_problem", found)
    assert status == 200 and x["stats"]["total"]["found"] == 1
    [p] = district.get("/campaign-problems", campaign=c["uuid"])[1]
    assert p["status"] == "open" and p["source_label"] == "督查走访"
    status, err = head.post(f"/campaign-problems/{p['uuid']}/actions/rectify", {"on": "2026-11-21", "measures": "x"})
    assert status == 403 and err["code"] == "SUP-04"
    status, x = district.post(f"/campaign-problems/{p['uuid']}/actions/rectify",
                              {"on": "2026-11-21", "measures": "已当场补送达"})
    assert status == 200 and x["status"] == "reported" and x["on_time"] is True
    assert head.post(f"/campaign-problems/{p['uuid']}/actions/accept", {"on": "2026-11-22"})[1]["status"] == "done"
    assert api("lusong_head").get(f"/campaign-problems/{p['uuid']}")[0] == 404

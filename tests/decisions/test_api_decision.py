"""A whole 重大行政决策 through the API: 目录 → launch → draft → 公众参与 (with a hearing) → 专家论证 → 风险评估 →
合法性审查 (with the adviser's opinion) → 集体讨论决定 → 公布 → 归档 → 后评估; and the refusals on the way."""
from __future__ import annotations

import pytest

from fazhi.core.models import Event
from fazhi.decisions.models import Decision, Review


@pytest.fixture
def adviser(api, org):
    s, body = api("city_head").post("/legal-advisers", {
        "on": "2026-01-05", "name": "周律师", "firm": "湖南某某律师事务所", "contract_from": "2026-01-01",
        "contract_until": "2026-12-31", "staff": "city_adviser"})
    assert s == 201, body
    return body


def test_a_whole_major_decision(api, adviser):
    head, reviewer, adv = api("city_head"), api("city_reviewer"), api("city_adviser")
    s, cat = head.post("/decisions/catalogues", {"on": "2026-02-10", "year": 2026})
    assert s == 201, cat
    s, item = head.post(f"/decisions/catalogues/{cat['uuid']}/items", {
        "on": "2026-02-10", "title": "城区占道经营疏导点设置方案", "category": "policy", "unit": "市容管理科"})
    assert s == 201, item
    s, body = head.post(f"/decisions/catalogues/{cat['uuid']}/publish", {"on": "2026-02-20", "approval": "经市委同意"})
    assert s == 200 and body["published_on"] == "2026-02-20"
    # after publication an adjustment needs its reason (MJD-01)
    s, body = head.post(f"/decisions/catalogues/{cat['uuid']}/items", {
        "on": "2026-03-01", "title": "户外广告设置规划", "category": "plan", "unit": "市容管理科"})
    assert s == 409 and body["code"] == "MJD-01"

    s, d = head.post("/decisions", {"on": "2026-06-01", "title": "城区占道经营疏导点设置方案",
                                    "unit": "市容管理科", "lead": "city_deputy", "item": item["uuid"]})
    assert s == 201, d
    u = d["uuid"]

    def act(who, name, body):
        return who.post(f"/decisions/{u}/actions/{name}", body)

    deputy = api("city_deputy")
    assert act(deputy, "save_draft", {"on": "2026-06-02", "draft": "设置疏导点二十处", "explanation": "说明"})[0] == 200
    # not reviewed: the meeting is refused (MJD-04) — here by the stage, and the review gate below
    s, body = act(head, "deliberate", {"on": "2026-06-02", "meeting": "局务会议", "outcome": "adopt",
                                       "speakers": [{"name": "甲", "opinion": "agree"},
                                                    {"username": "city_head", "opinion": "agree"}],
                                       "decision_text": "通过"})
    assert s == 409 and body["code"] == "MJD-04"
    s, body = act(deputy, "submit_review", {"on": "2026-06-02", "due_on": "2026-06-15"})
    assert s == 409 and body["code"] == "MJD-02"          # public participation not done yet
    s, body = act(deputy, "open_consultation", {"on": "2026-06-03", "ends_on": "2026-07-02", "channel": "市政府网站"})
    assert s == 409 and body["code"] == "MJD-02"          # 29 days, no reason
    s, body = act(deputy, "open_consultation", {"on": "2026-06-03", "ends_on": "2026-07-03", "channel": "市政府网站"})
    assert s == 200 and body["status"] == "consulting"
    s, body = act(deputy, "announce_hearing", {"on": "2026-06-10", "hearing_on": "2026-06-16", "place": "市民中心",
                                               "materials_on": "2026-06-10", "participants": ["商户代表甲"]})
    assert s == 409 and body["code"] == "MJD-02"          # materials 6 days ahead
    s, body = act(deputy, "announce_hearing", {"on": "2026-06-10", "hearing_on": "2026-06-17", "place": "市民中心",
                                               "materials_on": "2026-06-10", "participants": ["商户代表甲"]})
    assert s == 200, body
    assert act(deputy, "hold_hearing", {"on": "2026-06-17", "record": "听证记录", "signed": True})[0] == 200
    s, body = act(deputy, "close_consultation", {"on": "2026-07-02", "received": 20, "adopted": 12, "feedback": "采纳"})
    assert s == 409 and body["code"] == "MJD-02"          # before the period ends
    assert act(deputy, "close_consultation", {"on": "2026-07-06", "received": 20, "adopted": 12,
                                              "feedback": "采纳12条"})[0] == 200
    s, body = act(deputy, "add_expert", {"on": "2026-07-07", "name": "王教授", "organisation": "湖南工业大学",
                                         "opinion": "可行", "no_conflict": False, "signed": True})
    assert s == 409 and body["code"] == "MJD-03"
    assert act(deputy, "add_expert", {"on": "2026-07-07", "name": "王教授", "organisation": "湖南工业大学",
                                      "opinion": "可行", "no_conflict": True, "signed": True})[0] == 200
    assert act(deputy, "assess_risk", {"on": "2026-07-08", "assessor": "市社会稳定风险评估中心",
                                       "risk_points": "商户迁移", "measures": "过渡期", "controllable": True})[0] == 200
    s, body = act(deputy, "submit_review", {"on": "2026-07-09", "due_on": "2026-07-17"})
    assert s == 409 and body["code"] == "MJD-04"          # 6 working days
    s, body = act(deputy, "submit_review", {"on": "2026-07-09", "due_on": "2026-07-20"})
    assert s == 200 and body["status"] == "reviewing", body
    review = Review.objects.get(decision__uuid=u)
    s, body = reviewer.post(f"/legal-reviews/{review.uuid}/actions/complete",
                            {"on": "2026-07-16", "conclusion": "lawful", "opinion": "合法"})
    assert s == 409 and body["code"] == "MJD-04"          # the adviser's opinion is part of it
    assert adv.post(f"/legal-reviews/{review.uuid}/actions/adviser_opinion", {"on": "2026-07-14", "opinion": "无法律障碍"})[0] == 200
    s, body = reviewer.post(f"/legal-reviews/{review.uuid}/actions/complete",
                            {"on": "2026-07-16", "conclusion": "lawful", "opinion": "合法"})
    assert s == 200 and body["turnaround_wd"] == 5
    speakers = [{"name": "甲", "opinion": "disagree", "remarks": "成本高"}, {"name": "乙", "opinion": "disagree",
                 "remarks": "时机不成熟"}, {"name": "丙", "opinion": "agree"}, {"username": "city_head", "opinion": "agree"}]
    s, body = act(deputy, "deliberate", {"on": "2026-07-21", "meeting": "局务会议", "speakers": speakers,
                                         "outcome": "adopt", "decision_text": "通过"})
    assert s == 403                                         # only the 行政首长 decides
    s, body = act(head, "deliberate", {"on": "2026-07-21", "meeting": "局务会议", "speakers": speakers,
                                       "outcome": "adopt", "decision_text": "通过"})
    assert s == 409 and body["code"] == "MJD-05"          # against the majority without reasons
    s, body = act(head, "deliberate", {"on": "2026-07-21", "meeting": "局务会议", "speakers": speakers,
                                       "outcome": "adopt", "decision_text": "通过", "reasons": "民生急需"})
    assert s == 200 and body["status"] == "decided", body
    assert act(deputy, "publish", {"on": "2026-07-23", "channel": "市政府网站"})[0] == 200
    assert act(deputy, "archive", {"on": "2026-07-30", "materials": ["决策草案", "合法性审查意见书"]})[0] == 200
    s, body = act(head, "evaluate", {"on": "2026-11-02", "ground": "necessary", "evaluator": "湖南工业大学",
                                     "result": "达到预期"})
    assert s == 409 and body["code"] == "MJD-06"          # the unit that did the pre-decision work
    s, body = act(head, "evaluate", {"on": "2026-11-02", "ground": "necessary", "evaluator": "第三方评估机构",
                                     "result": "达到预期"})
    assert s == 200 and body["status"] == "evaluated"
    d = Decision.objects.get(uuid=u)
    kinds = list(Event.objects.filter(stream=d.stream).order_by("seq").values_list("kind", flat=True))
    assert kinds == ["launch", "save_draft", "open_consultation", "announce_hearing", "hold_hearing",
                     "close_consultation", "add_expert", "assess_risk", "submit_review", "review_done", "deliberate",
                     "publish", "archive", "evaluate"]
    assert d.version == len(kinds)


def test_an_unlawful_finding_sends_the_draft_back_and_the_meeting_is_refused(api, adviser):
    head = api("city_head")
    s, d = head.post("/decisions", {"on": "2026-06-01", "title": "目录外事项", "unit": "法制科", "lead": "city_head",
                                    "required": {"participation": False, "experts": False, "risk": False},
                                    "skip_reasons": {"participation": "依法不予公开", "experts": "无专业问题",
                                                     "risk": "无稳定风险"}})
    assert s == 409 and d["code"] == "MJD-01"
    s, d = head.post("/decisions", {"on": "2026-06-01", "title": "目录外事项", "unit": "法制科", "lead": "city_head",
                                    "outside_reason": "涉及全市商户", "required": {"participation": False,
                                    "experts": False, "risk": False},
                                    "skip_reasons": {"participation": "依法不予公开", "experts": "无专业问题",
                                                     "risk": "无稳定风险"}})
    assert s == 201, d
    u = d["uuid"]
    assert head.post(f"/decisions/{u}/actions/save_draft", {"on": "2026-06-02", "draft": "草案"})[0] == 200
    assert head.post(f"/decisions/{u}/actions/submit_review", {"on": "2026-06-03", "due_on": "2026-06-05",
                                                               "short_reason": "汛期应急"})[0] == 200
    r = Review.objects.get(decision__uuid=u)
    api("city_adviser").post(f"/legal-reviews/{r.uuid}/actions/adviser_opinion", {"on": "2026-06-04", "opinion": "超越权限"})
    s, body = api("city_reviewer").post(f"/legal-reviews/{r.uuid}/actions/complete",
                                        {"on": "2026-06-04", "conclusion": "unlawful", "opinion": "超越法定权限"})
    assert s == 200
    assert Decision.objects.get(uuid=u).status == "drafting"
    before = Event.objects.count()
    s, body = head.post(f"/decisions/{u}/actions/deliberate", {
        "on": "2026-06-05", "meeting": "局务会议", "outcome": "adopt", "decision_text": "通过",
        "speakers": [{"name": "甲", "opinion": "agree"}, {"username": "city_head", "opinion": "agree"}]})
    assert s == 409 and body["code"] == "MJD-04" and Event.objects.count() == before


def test_contract_reviews_and_the_queue(api, adviser):
    reviewer = api("city_reviewer")
    s, r = reviewer.post("/legal-reviews", {"on": "2026-11-02", "kind": "contract", "subject": "环卫作业服务合同",
                                            "requested_by": "环卫科"})
    assert s == 201 and r["due_on"] == "2026-11-11"      # 7 working days, the bureau's default target
    s, body = reviewer.post(f"/legal-reviews/{r['uuid']}/actions/complete",
                            {"on": "2026-11-05", "conclusion": "lawful_amend", "opinion": "第八条违约责任应修改"})
    assert s == 200 and body["turnaround_wd"] == 3
    s, rows = reviewer.get("/legal-reviews")
    assert s == 200 and [x["subject"] for x in rows] == ["环卫作业服务合同"]
    assert api("city_officer1").get("/legal-reviews")[0] == 403
    assert api("hetang_reviewer").get(f"/legal-reviews/{r['uuid']}")[0] == 404

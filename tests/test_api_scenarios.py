"""Whole cases driven through the HTTP API, and the refusals the foundation issue names."""
from datetime import date

import pytest

from fazhi.cases.models import PenaltyCase
from fazhi.core.events import verify_all

D = date.fromisoformat
OFFICERS = ["hetang_officer1", "hetang_officer2"]


def site_record(on, officers=OFFICERS, person="王强") -> dict:
    """A 现场检查笔录's own fields, made on `on` (PEN-04: every 笔录 names its officers, the person present and its
    start and end)."""
    on = str(on)
    return {"record_type": "site", "record_officers": officers, "record_person": person, "record_person_role": "在场人",
            "started_at": f"{on}T09:00", "ended_at": f"{on}T09:30"}


def clue(api, *, party_kind="org", act_on="2026-03-01", discovered_on="2026-03-02", on="2026-03-02"):
    status, body = api("hetang_officer1").post("/cases", {
        "on": on, "party_kind": party_kind, "party_name": "株洲市恒达商贸有限公司" if party_kind == "org" else "王强",
        "party_address": "湖南省株洲市建设中路1号", "cause": "擅自在街道两侧堆放物料影响市容",
        "place": "建设中路", "act_on": act_on, "discovered_on": discovered_on,
        "penalty_provision": "《城市市容和环境卫生管理条例》第三十六条第（二）项"})
    assert status == 201, body
    return body["uuid"]


def act(api, user, case, action, **body):
    return api(user).post(f"/cases/{case}/actions/{action}", body)


def ok(result):
    status, body = result
    assert status == 200, body
    return body


def refused(result, code):
    status, body = result
    assert status == 409, body
    assert body["code"] == code, body
    assert body["message"] and body["basis"]["law"], body
    return body


def reported(api, *, fine="5000", party_kind="org", flags=None):
    c = clue(api, party_kind=party_kind)
    ok(act(api, "hetang_head", c, "file", on="2026-03-03", officers=OFFICERS))
    ok(act(api, "hetang_officer1", c, "add_evidence", on="2026-03-04", kind="inspection", title="现场检查笔录", **site_record("2026-03-04")))
    ok(act(api, "hetang_officer1", c, "conclude_investigation", on="2026-03-10", outcome="penalty",
           facts="经查属实", kinds=["fine"], fine=fine, flags=flags or {}))
    return c


def test_general_procedure_lifecycle_from_clue_to_archive(api):
    c = reported(api)
    ok(act(api, "hetang_officer1", c, "notify", on="2026-03-11"))
    # PEN-08: the 3-working-day statement period (bureau setting) has not run out and the party was not heard.
    refused(act(api, "hetang_head", c, "decide", on="2026-03-12", correction_order="立即清理"), "PEN-08")
    ok(act(api, "hetang_officer1", c, "record_statement", on="2026-03-12", summary="请求从轻",
           adopted=False, review="不予采纳"))
    body = ok(act(api, "hetang_head", c, "decide", on="2026-03-13", correction_order="立即清理"))
    assert body["decision_no"] == "荷城管罚决字〔2026〕第0001号"
    body = ok(act(api, "hetang_officer1", c, "serve", on="2026-03-16", method="direct", recipient="张三"))
    assert body["dates"]["payment_due"] == "2026-03-31"
    assert [d["rule"] for d in body["deadlines"]] == ["PEN-17"]
    ok(act(api, "hetang_officer1", c, "record_payment", on="2026-04-10", fine_paid="5000", late_fee_paid="1500"))
    # PEN-18: 10 days late × 3% × 5000 = 1500, recorded in the event.
    case = PenaltyCase.objects.get(uuid=c)
    from fazhi.core.models import Event

    assert Event.objects.filter(stream=case.stream, kind="record_payment").get().data["late_fee_owed"] == "1500.00"
    ok(act(api, "hetang_deputy", c, "close", on="2026-04-11", close_type="performed"))
    body = ok(act(api, "hetang_squad1", c, "archive", on="2026-04-12", location="档案室A-3"))
    assert body["status"] == "archived" and body["deadlines"] == []
    assert [e["kind"] for e in body["timeline"]] == [
        "register", "file", "add_evidence", "conclude_investigation", "notify", "record_statement", "decide",
        "serve", "record_payment", "close", "archive"]
    assert list(verify_all()) == []


def test_PEN_01_simple_procedure_200_passes_201_refused(api):
    base = {"on": "2026-03-02", "party_kind": "citizen", "party_name": "李明", "party_address": "株洲市车站路",
            "cause": "乱扔废弃物", "facts": "当事人在车站路乱扔烟头", "act_on": "2026-03-02", "discovered_on": "2026-03-02",
            "penalty_provision": "《城市市容和环境卫生管理条例》第三十四条第（一）项", "officers": ["hetang_officer2"],
            "kinds": ["fine"], "statement": "无异议", "correction_order": "当场清理"}
    status, body = api("hetang_officer1").post("/cases/on-site", {**base, "fine": "200"})
    assert status == 201, body
    assert body["decision_no"].startswith("荷城管当场罚决字〔2026〕")
    refused(api("hetang_officer1").post("/cases/on-site", {**base, "fine": "201"}), "PEN-01")


def test_PEN_03_on_spot_collection_over_100_refused(api):
    base = {"on": "2026-03-02", "party_kind": "citizen", "party_name": "李明", "party_address": "株洲市车站路",
            "cause": "乱扔废弃物", "facts": "当事人在车站路乱扔烟头", "act_on": "2026-03-02", "discovered_on": "2026-03-02",
            "penalty_provision": "条例第三十四条", "officers": ["hetang_officer2"], "kinds": ["fine"],
            "statement": "无异议", "correction_order": "当场清理", "collect_on_spot": True, "receipt_no": "R1"}
    assert api("hetang_officer1").post("/cases/on-site", {**base, "fine": "100"})[0] == 201
    refused(api("hetang_officer1").post("/cases/on-site", {**base, "fine": "150"}), "PEN-03")


def test_PEN_08_decision_without_notice_refused(api):
    c = reported(api)
    refused(act(api, "hetang_head", c, "decide", on="2026-03-20", correction_order="立即清理"), "PEN-08")


def test_PEN_11_hearing_request_on_6th_working_day_refused(api):
    c = reported(api, fine="25000")  # org ≥ 20,000: hearing right
    body = ok(act(api, "hetang_officer1", c, "notify", on="2026-03-11"))  # Wednesday
    assert body["hearing_right"] is True
    refused(act(api, "hetang_officer1", c, "request_hearing", on="2026-03-19"), "PEN-11")  # 6th WD
    ok(act(api, "hetang_officer1", c, "request_hearing", on="2026-03-18"))                 # 5th WD


def test_PEN_11_decision_waits_for_hearing_request_period(api):
    c = reported(api, fine="25000")
    ok(act(api, "hetang_officer1", c, "notify", on="2026-03-11"))
    ok(act(api, "hetang_officer1", c, "record_statement", on="2026-03-12", summary="s", adopted=False, review="r"))
    refused(act(api, "hetang_head", c, "decide", on="2026-03-18", correction_order="改正"), "PEN-11")
    ok(act(api, "hetang_head", c, "decide", on="2026-03-19", correction_order="改正"))


def test_hearing_path_presider_notice_and_review_after_hearing(api):
    c = reported(api, fine="25000")
    ok(act(api, "hetang_officer1", c, "notify", on="2026-03-11"))
    ok(act(api, "hetang_officer1", c, "request_hearing", on="2026-03-12"))
    refused(act(api, "hetang_deputy", c, "schedule_hearing", on="2026-03-13", presider="hetang_officer1",
                hearing_on="2026-03-30", place="听证室"), "PEN-11")
    refused(act(api, "hetang_deputy", c, "schedule_hearing", on="2026-03-13", presider="hetang_reviewer",
                hearing_on="2026-03-23", place="听证室"), "PEN-11")  # only 5 WD between
    ok(act(api, "hetang_deputy", c, "schedule_hearing", on="2026-03-13", presider="hetang_reviewer",
           hearing_on="2026-03-25", place="听证室"))
    refused(act(api, "hetang_reviewer", c, "hold_hearing", on="2026-03-25", party_attended=True, record="笔录",
                kinds=["fine"], fine="30000"), "PEN-09")
    ok(act(api, "hetang_reviewer", c, "hold_hearing", on="2026-03-25", party_attended=True, record="笔录",
           kinds=["fine"], fine="20000"))
    # After a hearing, legal review is mandatory (PEN-12(2)); the presider-reviewer reviews it.
    refused(act(api, "hetang_head", c, "decide", on="2026-03-26", correction_order="改正"), "PEN-12")
    ok(act(api, "hetang_reviewer", c, "legal_review", on="2026-03-26", passed=True, opinion="同意"))
    body = ok(act(api, "hetang_head", c, "decide", on="2026-03-27", correction_order="改正"))
    assert body["decision"]["fine"] == "20000.00"


def test_PEN_12_case_needing_review_cannot_be_decided_before_passing_opinion(api):
    c = reported(api, flags={"major_public_interest": True})
    ok(act(api, "hetang_officer1", c, "notify", on="2026-03-11"))
    ok(act(api, "hetang_officer1", c, "waive_rights", on="2026-03-11", statement="放弃陈述申辩"))
    refused(act(api, "hetang_head", c, "decide", on="2026-03-12", correction_order="改正"), "PEN-12")
    body = ok(act(api, "hetang_reviewer", c, "legal_review", on="2026-03-12", passed=False, opinion="证据不足"))
    assert body["status"] == "investigating"
    ok(act(api, "hetang_officer1", c, "conclude_investigation", on="2026-03-16", outcome="penalty", facts="补充",
           kinds=["fine"], fine="5000", flags={"major_public_interest": True}))
    ok(act(api, "hetang_reviewer", c, "legal_review", on="2026-03-17", passed=True, opinion="同意"))
    ok(act(api, "hetang_officer1", c, "notify", on="2026-03-17"))
    ok(act(api, "hetang_officer1", c, "waive_rights", on="2026-03-17", statement="放弃"))
    ok(act(api, "hetang_head", c, "decide", on="2026-03-18", correction_order="改正"))


def test_PEN_13_major_fine_needs_deliberation_after_review(api):
    c = reported(api, fine="100000")  # LRV-04 default: org ≥ 100,000 is 重大
    ok(act(api, "hetang_officer1", c, "notify", on="2026-03-11"))
    ok(act(api, "hetang_officer1", c, "waive_rights", on="2026-03-11", statement="放弃"))
    attendees = ["hetang_head", "hetang_deputy", "hetang_reviewer"]
    refused(act(api, "hetang_head", c, "deliberate", on="2026-03-12", attendees=attendees, conclusion="同意"), "PEN-12")
    ok(act(api, "hetang_reviewer", c, "legal_review", on="2026-03-12", passed=True, opinion="同意"))
    refused(act(api, "hetang_head", c, "decide", on="2026-03-13", correction_order="改正"), "PEN-13")
    ok(act(api, "hetang_head", c, "deliberate", on="2026-03-13", attendees=attendees, conclusion="同意"))
    ok(act(api, "hetang_head", c, "decide", on="2026-03-13", correction_order="改正"))


@pytest.mark.parametrize("days_late,expected", [(1, "30.00"), (33, "990.00"), (34, "1000.00"), (40, "1000.00")])
def test_PEN_18_late_fee_on_day_n(api, days_late, expected):
    c = reported(api, fine="1000", party_kind="org")
    ok(act(api, "hetang_officer1", c, "notify", on="2026-03-11"))
    ok(act(api, "hetang_officer1", c, "waive_rights", on="2026-03-11", statement="放弃"))
    ok(act(api, "hetang_head", c, "decide", on="2026-03-12", correction_order="改正"))
    body = ok(act(api, "hetang_officer1", c, "serve", on="2026-03-16", method="direct", recipient="张三"))
    due = D(body["dates"]["payment_due"])
    from datetime import timedelta

    paid_on = due + timedelta(days=days_late)
    ok(act(api, "hetang_officer1", c, "record_payment", on=paid_on.isoformat(), fine_paid="1000",
           late_fee_paid=expected))
    from fazhi.core.models import Event

    ev = Event.objects.filter(kind="record_payment").latest("id")
    assert ev.data["late_fee_owed"] == expected


def test_PEN_20_case_filed_after_limitation_refused(api):
    c = clue(api, act_on="2024-03-01", discovered_on="2026-03-02")
    refused(act(api, "hetang_head", c, "file", on="2026-03-03", officers=OFFICERS), "PEN-20")
    c2 = clue(api, act_on="2024-03-02", discovered_on="2026-03-02")
    ok(act(api, "hetang_head", c2, "file", on="2026-03-03", officers=OFFICERS))


def test_PEN_21_no_penalty_closure_without_ground_refused(api):
    c = clue(api)
    ok(act(api, "hetang_head", c, "file", on="2026-03-03", officers=OFFICERS))
    refused(act(api, "hetang_officer1", c, "conclude_investigation", on="2026-03-05", outcome="no_penalty_minor",
                facts="轻微"), "PEN-21")
    ok(act(api, "hetang_officer1", c, "conclude_investigation", on="2026-03-05", outcome="no_penalty_minor",
           facts="轻微并已改正", no_penalty_ground="minor_corrected",
           no_penalty_conditions=["违法行为轻微", "及时改正", "没有造成危害后果"]))
    ok(act(api, "hetang_officer1", c, "add_evidence", on="2026-03-05", kind="inspection", title="笔录", **site_record("2026-03-05")))
    body = ok(act(api, "hetang_head", c, "decide", on="2026-03-06", education="向当事人讲解有关规定"))
    assert body["decision_no"].startswith("荷城管不罚决字")
    ok(act(api, "hetang_officer1", c, "serve", on="2026-03-06", method="direct", recipient="张三"))
    refused(act(api, "hetang_deputy", c, "close", on="2026-03-07", close_type="performed"), "PEN-14")
    ok(act(api, "hetang_deputy", c, "close", on="2026-03-07", close_type="no_penalty"))


def test_PEN_04_file_needs_two_certified_officers(api, org):
    c = clue(api)
    revoked = org["hetang"].officers[-1].username  # certificate revoked 2026-06-30 in the demo org
    refused(act(api, "hetang_head", c, "file", on="2026-03-03", officers=["hetang_officer1"]), "PEN-04")
    status, _ = act(api, "hetang_head", c, "file", on="2026-07-01", officers=["hetang_officer1", revoked])
    assert status == 409


def test_CASE_DATE_future_and_before_dependency_refused(api):
    c = clue(api)
    refused(act(api, "hetang_head", c, "file", on="2099-01-01", officers=OFFICERS), "CASE-DATE")
    refused(act(api, "hetang_head", c, "file", on="2026-03-01", officers=OFFICERS), "CASE-DATE")


def test_CASE_CONFLICT_stale_version_refused(api):
    c = clue(api)
    ok(act(api, "hetang_head", c, "file", on="2026-03-03", officers=OFFICERS, expected_version=1))
    refused(act(api, "hetang_officer1", c, "add_evidence", on="2026-03-04", kind="inspection", title="t",
                expected_version=1), "CASE-CONFLICT")


def test_case_list_filters_and_keyset_pagination(api):
    ids = [clue(api) for _ in range(5)]
    status, page1 = api("hetang_officer1").get("/cases", limit=2)
    assert status == 200 and [r["uuid"] for r in page1["results"]] == ids[::-1][:2]
    _, page2 = api("hetang_officer1").get("/cases", limit=2, cursor=page1["next_cursor"])
    assert [r["uuid"] for r in page2["results"]] == ids[::-1][2:4]
    _, page3 = api("hetang_officer1").get("/cases", limit=2, cursor=page2["next_cursor"])
    assert [r["uuid"] for r in page3["results"]] == ids[:1] and page3["next_cursor"] is None
    _, filtered = api("hetang_officer1").get("/cases", status="investigating")
    assert filtered["results"] == []


def unpaid_decision(api, *, served_on="2026-03-16"):
    """A served 5,000 CNY fine that the party does not pay."""
    c = reported(api, fine="5000")
    ok(act(api, "hetang_officer1", c, "notify", on="2026-03-11"))
    ok(act(api, "hetang_officer1", c, "waive_rights", on="2026-03-11", statement="放弃陈述申辩"))
    ok(act(api, "hetang_head", c, "decide", on="2026-03-12", correction_order="立即清理"))
    ok(act(api, "hetang_officer1", c, "serve", on=served_on, method="direct", recipient="张三"))
    return c


FULL_PACKAGE = {"application": True, "decision": True, "demand": True, "party_opinion": True, "property": True}


def test_ENF_10_demand_only_after_payment_period(api):
    """催告 for a court application comes after the payment period lapsed: 行政强制法 Art 53/54 (ENF-10), not the
    general record rule."""
    c = unpaid_decision(api)  # payment due 2026-03-31
    body = refused(act(api, "hetang_officer1", c, "serve_demand", on="2026-03-30", deadline="2026-04-20"), "ENF-10")
    assert body["basis"]["law"] == "中华人民共和国行政强制法" and body["basis"]["article"] == 54
    refused(act(api, "hetang_officer1", c, "serve_demand", on="2026-03-31", deadline="2026-04-20"), "ENF-10")
    body = ok(act(api, "hetang_officer1", c, "serve_demand", on="2026-04-01", deadline="2026-04-20"))
    ev = body["timeline"][-1]
    assert ev["kind"] == "serve_demand" and ev["data"]["demand_no"].startswith("荷城管催告字〔2026〕")
    # PEN-18: one day late on 04-01 → 3% of 5,000 stated in the 催告书.
    assert ev["data"]["late_fee"] == "150.00"


def test_ENF_09_ENF_10_ENF_11_court_application_window(api):
    c = unpaid_decision(api)  # served 2026-03-16: 起诉期限 (6 months) ends 2026-09-16
    # ENF-10: without a 催告 the case is not in 强制执行 at all.
    body = refused(act(api, "hetang_head", c, "apply_court", on="2026-09-17", court="荷塘区人民法院",
                       package=FULL_PACKAGE), "CASE-STATE")
    assert body["basis"]["article"] == 54
    ok(act(api, "hetang_officer1", c, "serve_demand", on="2026-09-09", deadline="2026-09-15"))
    refused(act(api, "hetang_head", c, "apply_court", on="2026-09-16", court="荷塘区人民法院",
                package=FULL_PACKAGE), "ENF-09")  # last day of the 起诉期限
    # Ten working days after the 催告 of 09-09: 09-20 is a 调休 working Sunday, so day 10 is 09-22.
    refused(act(api, "hetang_head", c, "apply_court", on="2026-09-22", court="荷塘区人民法院",
                package=FULL_PACKAGE), "ENF-10")
    body = refused(act(api, "hetang_head", c, "apply_court", on="2026-09-23", court="荷塘区人民法院",
                       package={**FULL_PACKAGE, "property": False}), "ENF-11")
    assert len(body["details"]["missing"]) == 1
    body = ok(act(api, "hetang_head", c, "apply_court", on="2026-09-23", court="荷塘区人民法院",
                  package=FULL_PACKAGE))
    assert body["status"] == "enforcing" and body["dates"]["court_applied_on"]
    ok(act(api, "hetang_officer1", c, "record_court_ruling", on="2026-11-10", result="执行完毕"))
    ok(act(api, "hetang_deputy", c, "close", on="2026-11-11", close_type="court_done"))
    assert list(verify_all()) == []


def test_ENF_09_application_after_three_months_needs_good_reason(api):
    c = clue(api, act_on="2025-03-01", discovered_on="2025-03-02", on="2025-03-02")
    ok(act(api, "hetang_head", c, "file", on="2025-03-03", officers=OFFICERS))
    ok(act(api, "hetang_officer1", c, "add_evidence", on="2025-03-04", kind="inspection", title="现场检查笔录", **site_record("2025-03-04")))
    ok(act(api, "hetang_officer1", c, "conclude_investigation", on="2025-03-10", outcome="penalty",
           facts="经查属实", kinds=["fine"], fine="5000"))
    ok(act(api, "hetang_officer1", c, "notify", on="2025-03-11"))
    ok(act(api, "hetang_officer1", c, "waive_rights", on="2025-03-11", statement="放弃"))
    ok(act(api, "hetang_head", c, "decide", on="2025-03-12", correction_order="立即清理"))
    ok(act(api, "hetang_officer1", c, "serve", on="2025-03-17", method="direct", recipient="张三"))
    ok(act(api, "hetang_officer1", c, "serve_demand", on="2025-04-10", deadline="2025-04-20"))
    # 起诉期限 ends 2025-09-17; three months later 2025-12-17 (a Wednesday, no rolling).
    ok_late = dict(court="荷塘区人民法院", package=FULL_PACKAGE)
    refused(act(api, "hetang_head", c, "apply_court", on="2025-12-18", **ok_late), "ENF-09")
    body = ok(act(api, "hetang_head", c, "apply_court", on="2025-12-18", good_reason="当事人下落不明，经公告查找", **ok_late))
    assert body["status"] == "enforcing" and body["dates"]["court_applied_on"]


def test_TRF_01_transfer_decided_by_head_and_sent_within_24_hours(api):
    c = clue(api)
    ok(act(api, "hetang_head", c, "file", on="2026-03-03", officers=OFFICERS))
    body = ok(act(api, "hetang_officer1", c, "conclude_investigation", on="2026-03-05", outcome="transfer",
                  facts="涉嫌非法经营，数额较大"))
    assert body["status"] == "transferring"
    # Only the 正职负责人 decides.
    status, _ = act(api, "hetang_deputy", c, "decide_transfer", on="2026-03-06", approve=True, reason="涉嫌犯罪")
    assert status == 403
    refused(act(api, "hetang_head", c, "decide_transfer", on="2026-03-06", approve=True, reason=" "), "TRF-01")
    refused(act(api, "hetang_head", c, "decide_transfer", on="2026-03-06", approve=True, reason="涉嫌犯罪",
                transferred_on="2026-03-08"), "TRF-01")  # more than 24 h after approval
    body = ok(act(api, "hetang_head", c, "decide_transfer", on="2026-03-06", approve=True, reason="涉嫌犯罪",
                  transferred_on="2026-03-07", police="株洲市公安局荷塘分局"))
    assert body["status"] == "closed" and body["close_type"] == "transferred"
    ev = body["timeline"][-1]["data"]
    assert ev["late"] is False and ev["due"] == "2026-03-08"  # 3 days after the 03-05 report


def test_TRF_01_refused_transfer_returns_to_investigation_and_late_decision_is_marked(api):
    c = clue(api)
    ok(act(api, "hetang_head", c, "file", on="2026-03-03", officers=OFFICERS))
    ok(act(api, "hetang_officer1", c, "conclude_investigation", on="2026-03-05", outcome="transfer", facts="涉嫌"))
    body = ok(act(api, "hetang_head", c, "decide_transfer", on="2026-03-09", approve=False, reason="未达追诉标准"))
    assert body["status"] == "investigating"
    assert body["timeline"][-1]["data"]["late"] is True  # decided on day 4


def test_case_list_bureau_filter_stays_inside_the_users_scope(api):
    c = clue(api)  # a 荷塘 case
    _, body = api("city_supervisor").get("/cases", bureau="430202")
    assert [r["uuid"] for r in body["results"]] == [c]
    _, body = api("city_supervisor").get("/cases", bureau="430281")  # 醴陵: none there
    assert body["results"] == []
    _, body = api("lusong_officer1").get("/cases", bureau="430202")  # 芦淞 staff asking for 荷塘: nothing
    assert body["results"] == []
    _, body = api("hetang_officer1").get("/cases", bureau="nonexistent")
    assert body["results"] == []

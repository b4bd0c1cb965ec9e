"""The actions no other test drives, each through the API into its success and its refusals: 回避 (PEN-05),
延长办案期限 (PEN-06), 先行登记保存 and its disposal (PEN-07), 电子监控记录审核 (PEN-27), 当场收缴罚款上交
(PEN-03), 当场处罚备案 (PEN-02); and the 停产停业/吊销/关闭 hearing branch (PEN-10) end to end."""
from datetime import date

import pytest

from fazhi.cases import actions as A
from fazhi.cases.models import CaseOfficer, PenaltyCase, Preservation
from fazhi.law.basis import RuleViolation
from fazhi.org.models import Staff
from tests.test_api_scenarios import OFFICERS, act, clue, ok, refused, site_record


def filed(api, on="2026-03-04"):
    c = clue(api)
    ok(act(api, "hetang_head", c, "file", on=on, officers=OFFICERS))
    return c


def unchanged(c, version):
    assert PenaltyCase.objects.get(uuid=c).version == version


def test_PEN_05_recusal_decided_by_a_leader_leaves_two_officers(api):
    c = filed(api)
    refused(act(api, "hetang_deputy", c, "recuse", on="2026-03-05", officer="hetang_officer3", reason="亲属"),
            "PEN-05")  # not an officer of this case
    refused(act(api, "hetang_deputy", c, "recuse", on="2026-03-05", officer="hetang_officer2", reason="亲属"),
            "PEN-04")  # one officer would remain
    assert not CaseOfficer.objects.filter(case__uuid=c, recused_on__isnull=False).exists()
    ok(act(api, "hetang_squad1", c, "assign_officers", on="2026-03-05", add=["hetang_officer3"]))
    body = ok(act(api, "hetang_deputy", c, "recuse", on="2026-03-05", officer="hetang_officer2",
                  reason="与当事人有亲属关系", applicant="当事人"))
    assert body["timeline"][-1]["data"]["officer"] == "hetang_officer2"
    case = PenaltyCase.objects.get(uuid=c)
    assert sorted(case.officer_ids) == sorted(
        CaseOfficer.objects.filter(case=case, recused_on__isnull=True).values_list("staff_id", flat=True))
    assert len(case.officer_ids) == 2
    refused(act(api, "hetang_officer2", c, "add_evidence", on="2026-03-06", kind="inspection", title="t"), "PEN-05")
    ok(act(api, "hetang_officer3", c, "add_evidence", on="2026-03-06", kind="inspection", title="现场检查笔录", **site_record("2026-03-06")))


def test_PEN_06_extension_moves_the_decision_deadline(api):
    c = filed(api)  # 2026-03-04: day 90 is Tuesday 06-02
    ok(act(api, "hetang_officer1", c, "add_evidence", on="2026-03-05", kind="inspection", title="笔录", **site_record("2026-03-05")))
    ok(act(api, "hetang_officer1", c, "conclude_investigation", on="2026-03-10", outcome="penalty",
           facts="经查属实", kinds=["fine"], fine="500"))
    ok(act(api, "hetang_officer1", c, "notify", on="2026-03-11"))
    body = ok(act(api, "hetang_officer1", c, "waive_rights", on="2026-03-11", statement="放弃"))
    assert [d["due"] for d in body["deadlines"] if d["rule"] == "PEN-06"] == ["2026-06-02"]
    # No days at all is bad input at the API (422); the action itself refuses it under PEN-06 for every caller.
    status, body = act(api, "hetang_head", c, "extend_deadline", on="2026-05-20", days=0, reason="案情复杂")
    assert status == 422 and "days" in body["message"]
    with pytest.raises(RuleViolation) as e:
        A.extend_deadline(PenaltyCase.objects.get(uuid=c), by=Staff.objects.get(username="hetang_head"),
                          on=date(2026, 5, 20), days=0, reason="案情复杂")
    assert e.value.code == "PEN-06"
    refused(act(api, "hetang_head", c, "extend_deadline", on="2026-05-20", days=10, reason=" "), "PEN-06")
    refused(act(api, "hetang_head", c, "decide", on="2026-06-03", correction_order="改正"), "PEN-06")
    body = ok(act(api, "hetang_head", c, "extend_deadline", on="2026-05-20", days=10, reason="案情复杂"))
    assert [d["due"] for d in body["deadlines"] if d["rule"] == "PEN-06"] == ["2026-06-12"]
    assert body["timeline"][-1]["data"]["total_extension"] == 10
    refused(act(api, "hetang_head", c, "decide", on="2026-06-13", correction_order="改正"), "PEN-06")
    ok(act(api, "hetang_head", c, "decide", on="2026-06-12", correction_order="改正"))


def test_PEN_07_preservation_needs_a_leader_and_disposal_after_day_7_is_marked_late(api):
    c = filed(api)
    refused(act(api, "hetang_officer1", c, "preserve_evidence", on="2026-03-04", items="三轮车一辆",
                approved_by="hetang_squad1"), "PEN-07")  # a squad leader is not the 负责人
    refused(act(api, "hetang_officer1", c, "preserve_evidence", on="2026-03-04", items=" ",
                approved_by="hetang_head"), "PEN-07")
    refused(act(api, "hetang_officer1", c, "preserve_evidence", on="2026-03-04", items="三轮车一辆",
                approved_by="lusong_head"), "PEN-07")  # another bureau's head
    ids = []
    for items in ("三轮车一辆", "遮阳棚两个"):
        body = ok(act(api, "hetang_officer1", c, "preserve_evidence", on="2026-03-04", items=items,
                      approved_by="hetang_head"))
        assert body["timeline"][-1]["data"]["due"] == "2026-03-13"  # 7th working day
        ids.append(body["timeline"][-1]["data"]["preservation"])
    assert PenaltyCase.objects.get(uuid=c).open_preservations == 2
    refused(act(api, "hetang_officer1", c, "dispose_preserved", on="2026-03-05", preservation_id=max(ids) + 1000,
                disposal="退还"), "PEN-07")  # no such 先行登记保存 in this case
    body = ok(act(api, "hetang_officer1", c, "dispose_preserved", on="2026-03-13", preservation_id=ids[0],
                  disposal="退还当事人"))
    assert body["timeline"][-1]["data"]["late"] is False
    body = ok(act(api, "hetang_officer1", c, "dispose_preserved", on="2026-03-16", preservation_id=ids[1],
                  disposal="移交"))
    assert body["timeline"][-1]["data"]["late"] is True
    refused(act(api, "hetang_officer1", c, "dispose_preserved", on="2026-03-16", preservation_id=ids[1],
                disposal="移交"), "PEN-07")  # already disposed
    assert PenaltyCase.objects.get(uuid=c).open_preservations == 0
    assert list(Preservation.objects.filter(case__uuid=c).order_by("pk").values_list("disposal", flat=True)) == [
        "退还当事人", "移交"]


def test_PEN_27_monitoring_record_reviewed_or_withdrawn(api):
    c = filed(api)
    uuids = []
    for title in ("监控抓拍一", "监控抓拍二"):
        body = ok(act(api, "hetang_officer1", c, "add_evidence", on="2026-03-05", kind="audiovisual", title=title,
                      from_monitoring=True))
        uuids.append(body["timeline"][-1]["data"]["evidence"])
    ordinary = ok(act(api, "hetang_officer1", c, "add_evidence", on="2026-03-05", kind="inspection",
                      title="笔录", **site_record("2026-03-05")))["timeline"][-1]["data"]["evidence"]
    refused(act(api, "hetang_officer1", c, "review_monitoring_record", on="2026-03-06", evidence_uuid=ordinary,
                accurate=True), "PEN-27")  # not a monitoring record
    ok(act(api, "hetang_officer1", c, "review_monitoring_record", on="2026-03-06", evidence_uuid=uuids[0],
           accurate=True))
    ok(act(api, "hetang_officer1", c, "review_monitoring_record", on="2026-03-06", evidence_uuid=uuids[1],
           accurate=False, note="车牌不清"))
    ev = {str(e.uuid): e for e in PenaltyCase.objects.get(uuid=c).evidence.all()}
    assert str(ev[uuids[0]].reviewed_on) == "2026-03-06" and uuids[1] not in ev and ordinary in ev


def on_site(api, fine, **extra):
    status, body = api("hetang_officer1").post("/cases/on-site", {
        "on": "2026-03-02", "party_kind": "citizen", "party_name": "李明", "party_address": "株洲市车站路",
        "cause": "乱扔废弃物", "facts": "当事人在车站路乱扔烟头", "act_on": "2026-03-02",
        "discovered_on": "2026-03-02", "penalty_provision": "条例第三十四条", "officers": ["hetang_officer2"],
        "statement": "无异议", "correction_order": "当场清理", "kinds": ["fine"], "fine": fine, **extra})
    assert status == 201, body
    return body["uuid"]


def test_PEN_03_collected_fine_reaches_the_bureau_within_two_working_days(api):
    c = on_site(api, "100", collect_on_spot=True, receipt_no="R1")  # collected Monday 03-02
    refused(act(api, "hetang_officer1", c, "hand_over_fine", on="2026-03-03", amount="90"), "PEN-03")
    body = ok(act(api, "hetang_officer1", c, "hand_over_fine", on="2026-03-04", amount="100"))
    data = body["timeline"][-1]["data"]
    assert (data["due"], data["late"], data["amount"]) == ("2026-03-04", False, "100.00")
    refused(act(api, "hetang_officer1", c, "hand_over_fine", on="2026-03-04", amount="100"), "PEN-03")
    late = on_site(api, "50", collect_on_spot=True, receipt_no="R2")
    body = ok(act(api, "hetang_officer1", late, "hand_over_fine", on="2026-03-05", amount="50"))
    assert body["timeline"][-1]["data"]["late"] is True
    bank = on_site(api, "50")  # paid at the bank: nothing to hand over
    refused(act(api, "hetang_officer1", bank, "hand_over_fine", on="2026-03-05", amount="50"), "PEN-03")


def test_PEN_02_on_the_spot_decision_is_filed_once_by_a_squad_leader(api):
    c = on_site(api, "50")
    status, _ = act(api, "hetang_officer1", c, "file_record", on="2026-03-03")
    assert status == 403
    assert ok(act(api, "hetang_squad1", c, "file_record", on="2026-03-03", note="已备案"))["status"] == "executing"
    assert PenaltyCase.objects.get(uuid=c).filed_record_on.isoformat() == "2026-03-03"
    refused(act(api, "hetang_squad2", c, "file_record", on="2026-03-04"), "PEN-02")


@pytest.mark.parametrize("kind,right", [("suspend_business", True), ("revoke_permit", True), ("close", True),
                                        ("warning", False)])
def test_PEN_10_suspension_revocation_closure_carry_the_hearing_right(api, kind, right):
    c = filed(api)
    ok(act(api, "hetang_officer1", c, "add_evidence", on="2026-03-05", kind="inspection", title="笔录", **site_record("2026-03-05")))
    ok(act(api, "hetang_officer1", c, "conclude_investigation", on="2026-03-10", outcome="penalty",
           facts="经查属实", kinds=[kind]))
    body = ok(act(api, "hetang_officer1", c, "notify", on="2026-03-11"))
    assert body["hearing_right"] is right
    result = act(api, "hetang_officer1", c, "request_hearing", on="2026-03-12")
    if right:
        assert ok(result)["status"] == "hearing"
    else:
        refused(result, "PEN-10")


def test_steps_that_keep_the_state_keep_it_and_a_rejected_clue_is_closed(api):
    from tests.test_api_scenarios import unpaid_decision

    c = clue(api)
    assert ok(act(api, "hetang_head", c, "reject_clue", on="2026-03-03", reason="不属于本机关管辖"))["status"] == "closed"
    c = unpaid_decision(api)
    # A 复议 on the decision (a dispute record of its own, DSP-01) reaches the case through its hook; the case keeps
    # its state (PEN-19: execution goes on).
    from tests.disputes.helpers import end_on_case
    from tests.disputes.helpers import ok as dispute_ok

    _, result = end_on_case(api, c, filed_on="2026-04-01", ended_on="2026-05-01", result="维持")
    assert dispute_ok(result)["status"] == "concluded"
    assert ok(api("hetang_officer1").get(f"/cases/{c}"))["status"] == "executing"
    c = on_site(api, "100", collect_on_spot=True, receipt_no="R9")
    assert ok(act(api, "hetang_officer1", c, "hand_over_fine", on="2026-03-03", amount="100"))["status"] == "executing"

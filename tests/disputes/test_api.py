"""Disputes through the API: the acceptance scenarios of issue #16 and the rules at each step (DSP-01..08, REV-04..10).
荷塘's 法制审核员 (hetang_reviewer) handles the disputes; its 分管领导 (hetang_deputy) appears in court."""
from datetime import date

import pytest
from django.test import Client

from fazhi.cases.models import PenaltyCase
from fazhi.core.models import Event
from fazhi.disclosure import actions as P
from fazhi.disclosure.models import Publication
from fazhi.disputes.models import Dispute
from fazhi.org.models import Bureau, Staff
from fazhi.reports import figures as F
from tests.disputes.helpers import answer, ok, open_on_case, post, refused, step
from tests.test_disclosure import decided

R = "hetang_reviewer"


def scope(code="430202"):
    return F.Scope(Bureau.objects.get(code=code), date(2026, 1, 1), date(2026, 12, 31))


def test_reconsideration_on_a_penalty_decision_answered_in_time_revoked_leaves_the_portal(api):
    case = decided(api)  # decided 2026-03-12
    P.publish(case, by=Staff.objects.get(username="hetang_head"), on=date(2026, 3, 13))
    assert case.decision_no in Client().get("/public/decisions/").content.decode()
    d = open_on_case(api, case.uuid, filed_on="2026-04-01", received_on="2026-04-03")
    body = ok(api(R).get(f"/disputes/{d}"))
    # Received Friday 04-03; 04-04..06 are 清明 rest days: the 10th working day after is Monday 04-20 (REV-04).
    assert body["stages"][0]["answer_due"] == "2026-04-20" and body["clocks"][0]["what"] == "answer"
    assert "视为该行政行为没有证据、依据" in body["clocks"][0]["consequence"]
    assert ok(api(R).get("/disputes/board"))[0]["due"] == "2026-04-20"
    # The late fee pauses on the case from the filing day (PEN-18), through the cases hook.
    assert PenaltyCase.objects.get(pk=case.pk).late_fee_pauses[0]["start"] == "2026-04-01"
    body = answer(api, d, on="2026-04-20")
    assert body["status"] == "answered" and body["stages"][0]["answer_late_days"] == 0
    body = ok(step(api, R, d, "record_result", on="2026-05-20", result="撤销", result_on="2026-05-18"))
    assert body["status"] == "concluded" and body["final_result"] == "撤销" and body["against_bureau"] is True
    assert Publication.objects.get(case=case).withdrawn_on == date(2026, 5, 20)
    assert case.decision_no not in Client().get("/public/decisions/").content.decode()
    shown = ok(api("hetang_officer1").get(f"/cases/{case.uuid}"))["disputes"]
    assert shown == [{"kind_label": "行政复议", "body": "株洲市荷塘区人民政府", "start": "2026-04-01",
                      "end": "2026-05-20", "result": f"行政复议（{body['number']}）：撤销", "dispute": d}]
    page = Client()
    page.force_login(Staff.objects.get(username="hetang_officer1"))
    assert "撤销" in page.get(f"/cases/{case.uuid}/").content.decode()
    assert F.BY_KEY["reconsideration_corrected"].compute(scope()) == F.Rate(1, 1)
    assert F.BY_KEY["reconsiderations"].compute(scope()) == 1
    assert [e.kind for e in Event.objects.filter(stream=f"dispute:{d}").order_by("seq")] == \
        ["receive", "add_evidence", "file_answer", "record_result"]


def _lawsuit(api, case, **kw):
    return open_on_case(api, case.uuid, filed_on="2026-04-01", kind="lawsuit", body="株洲市荷塘区人民法院", **kw)


@pytest.mark.parametrize("second,final,lost", [("维持原判", "撤销", 1), ("维持", "维持", 0)])
def test_lawsuit_lost_at_first_instance_appealed_counted_once_by_its_final_result(api, second, final, lost):
    case = decided(api)
    d = _lawsuit(api, case)
    answer(api, d, on="2026-04-10")
    ok(step(api, R, d, "record_hearing", on="2026-05-10", appeared="hetang_deputy", position="in_charge"))
    body = ok(step(api, R, d, "record_result", on="2026-06-01", result="撤销"))
    assert body["status"] == "ruled" and body["stages"][0]["appeal_due"] == "2026-06-16"  # 15 days (DSP-05)
    # A lost 一审 does not yet reach the case: the judgment is not in force while it may be appealed.
    assert "result" not in PenaltyCase.objects.get(pk=case.pk).late_fee_pauses[0]
    assert F.BY_KEY["lawsuit_lost"].compute(scope()) == F.Rate(0, 0)
    refused(step(api, R, d, "finalize", on="2026-06-16"), "DSP-05")  # the last day of the period: not yet final
    body = ok(step(api, R, d, "appeal", on="2026-06-15", appellant="bureau", court="株洲市中级人民法院"))
    assert body["status"] == "answered" and [s["level"] for s in body["stages"]] == ["first", "second"]
    ok(step(api, R, d, "record_hearing", on="2026-08-01", appeared="hetang_head", position="principal"))
    body = ok(step(api, R, d, "record_result", on="2026-09-01", result=second))
    assert body["status"] == "concluded" and body["final_result"] == final
    assert F.BY_KEY["lawsuit_lost"].compute(scope()) == F.Rate(lost, 1)  # once, by the final result
    assert F.BY_KEY["lawsuit_results"].compute(scope()) == {final: 1}
    assert F.BY_KEY["lawsuits"].compute(scope()) == 1
    assert F.BY_KEY["court_appearance"].compute(scope()) == F.Rate(2, 2)      # one per 审级
    assert F.BY_KEY["principal_appearance"].compute(scope()) == F.Rate(1, 2)
    pause = PenaltyCase.objects.get(pk=case.pk).late_fee_pauses[0]
    assert pause["end"] == "2026-09-01" and pause["result"].endswith(final)


def test_DSP_05_no_appeal_the_first_instance_judgment_takes_effect_after_the_period(api):
    case = decided(api)
    d = _lawsuit(api, case)
    answer(api, d, on="2026-04-10")
    ok(step(api, R, d, "record_hearing", on="2026-05-10", appeared="hetang_deputy", position="deputy"))
    ok(step(api, R, d, "record_result", on="2026-06-01", result="驳回"))
    refused(step(api, R, d, "appeal", on="2026-06-17", appellant="bureau", court="株洲市中级人民法院"), "DSP-05")
    body = ok(step(api, R, d, "finalize", on="2026-06-17"))
    assert body["status"] == "concluded" and body["concluded_on"] == "2026-06-17" and body["final_result"] == "驳回"


def test_DSP_06_appearances_a_deputy_in_charge_counts_a_lower_agency_head_does_not_one_per_stage(api):
    case = decided(api)
    d = _lawsuit(api, case)
    answer(api, d, on="2026-04-10")
    refused(step(api, R, d, "record_hearing", on="2026-05-10", appeared_name="区执法大队长", position="lower"),
            "DSP-06")
    body = ok(step(api, R, d, "record_hearing", on="2026-05-10", appeared_name="区执法大队长", position="lower",
                   absence_reason="需要履行他人不能代替的公务", absence_proof="市政府会议通知（加盖印章）", agent="王法制"))
    assert body["stages"][0]["hearings"][0]["counts"] is False and body["stages"][0]["head_appeared"] is False
    ok(step(api, R, d, "record_hearing", on="2026-05-20", appeared="hetang_deputy", position="in_charge"))
    # Having appeared once in this 审级, a later session with staff only needs no excuse (负责人出庭规定 Art 7).
    body = ok(step(api, R, d, "record_hearing", on="2026-05-27", agent="王法制", position="staff"))
    assert [h["counts"] for h in body["stages"][0]["hearings"]] == [False, True, False]
    assert body["stages"][0]["head_appeared"] is True
    assert F.BY_KEY["court_appearance"].compute(scope()) == F.Rate(1, 1)
    ok(step(api, R, d, "record_result", on="2026-06-01", result="撤销"))
    ok(step(api, R, d, "appeal", on="2026-06-05", appellant="bureau", court="株洲市中级人民法院"))
    # The 一审 appearance does not discharge the 二审's (Art 7 ¶2).
    refused(step(api, R, d, "record_hearing", on="2026-07-01", agent="王法制", position="staff"), "DSP-06")


def test_DSP_02_the_answer_cannot_be_filed_without_its_parts_and_a_late_one_shows_its_days(api):
    case = decided(api)
    d = open_on_case(api, case.uuid, filed_on="2026-04-01", received_on="2026-04-03")
    refused(step(api, R, d, "file_answer", on="2026-04-10", document="答复书", basis_text="条例"), "DSP-02")
    ok(step(api, R, d, "add_evidence", on="2026-04-10", title="事后补拍照片", collected_on="2026-04-08"))
    refused(step(api, R, d, "file_answer", on="2026-04-10", document="", basis_text="条例"), "DSP-02")
    body = ok(step(api, R, d, "file_answer", on="2026-04-23", document="答复书", basis_text="条例第三十六条"))
    assert body["stages"][0]["answer_late_days"] == 3  # due 04-20
    assert body["stages"][0]["evidence"][0]["after_act"] is True  # after the 03-12 decision (DSP-04)


def test_REV_05_simple_procedure_answer_in_5_working_days_and_DSP_03_late_hearing_notice_flagged(api):
    case = decided(api)
    d = open_on_case(api, case.uuid, filed_on="2026-09-29", received_on="2026-09-30", simple=True)
    assert ok(api(R).get(f"/disputes/{d}"))["stages"][0]["answer_due"] == "2026-10-13"
    answer(api, d, on="2026-10-09")
    body = ok(step(api, R, d, "record_hearing", on="2026-10-12", notice_on="2026-09-30", appeared="hetang_deputy",
                   position="in_charge"))
    assert body["stages"][0]["hearings"][0]["notice_late"] is True


def test_DSP_01_a_failure_to_act_application_without_a_case(api):
    body = ok(post(api, R, "/disputes", on="2026-05-08", kind="reconsideration", applicant="李四",
                   body="株洲市荷塘区人民政府", act_kind="inaction", act_description="申请责令依法查处违法搭建",
                   act_on="2026-03-01", filed_on="2026-05-06", received_on="2026-05-08",
                   claim="责令被申请人履行查处职责"), 201)
    assert body["act_label"] == "不履行法定职责（责令履职）" and body["case"] is None
    refused(post(api, R, "/disputes", on="2026-05-08", kind="reconsideration", applicant="李四", body="区政府",
                 act_kind="penalty", act_description="处罚决定", filed_on="2026-05-06"), "DSP-01")
    refused(post(api, R, "/disputes", on="2026-05-08", kind="lawsuit", applicant="李四", body="法院",
                 act_kind="permit", act_description="不予许可", filed_on="2026-05-06"), "DSP-01")


def test_need_to_know_and_who_writes(api):
    case = decided(api)
    d = open_on_case(api, case.uuid, filed_on="2026-04-01")
    assert api("hetang_officer1").get(f"/disputes/{d}")[0] == 403      # an officer's work does not need it
    assert api("lusong_head").get(f"/disputes/{d}")[0] == 404          # another bureau's
    assert api("hetang_head").get(f"/disputes/{d}")[0] == 200
    ok(step(api, "hetang_head", d, "assign_adviser", on="2026-04-02", adviser="hetang_reviewer"))
    refused(step(api, "hetang_officer1", d, "give_opinion", on="2026-04-02", text="意见"), "ACC-01", 403)
    body = ok(step(api, R, d, "give_opinion", on="2026-04-02", text="原处罚事实清楚、证据确凿，建议维持"))
    assert body["opinions"][0]["text"].startswith("原处罚")


def test_DSP_07_suggestions_reply_due_and_reply_rate(api):
    s1 = ok(post(api, R, "/suggestions", on="2026-03-10", kind="procuratorate", issuer="株洲市荷塘区人民检察院",
                 subject="规范违法建设查处程序", owner=R, number="荷检行建〔2026〕3号"), 201)
    assert s1["reply_due"] == "2026-05-11"  # two months, 05-10 Sunday rolls
    s2 = ok(post(api, R, "/suggestions", on="2026-03-10", kind="procuratorate", issuer="株洲市荷塘区人民检察院",
                 subject="占道经营整治", owner=R, period_days=20), 201)
    assert s2["reply_due"] == "2026-03-30"  # the shorter period the 建议书 sets
    s3 = ok(post(api, R, "/suggestions", on="2026-03-10", kind="judicial", issuer="荷塘区人民法院",
                 subject="执法文书送达", owner=R), 201)
    assert s3["reply_due"] == "2026-04-09"  # the bureau's setting, 30 days by default
    ok(api(R).post(f"/suggestions/{s1['uuid']}/reply", {"on": "2026-05-11", "reply": "已整改", "rectification": "制度"}))
    ok(api(R).post(f"/suggestions/{s2['uuid']}/reply", {"on": "2026-03-31", "reply": "已整改"}))
    assert F.BY_KEY["suggestions"].compute(scope()) == F.Rate(1, 3)
    assert F.BY_KEY["suggestion_counts"].compute(scope()) == {"司法建议": 1, "检察建议": 2}
    assert api(R).post(f"/suggestions/{s1['uuid']}/reply", {"on": "2026-05-12", "reply": "再答"})[0] == 409


def test_no_concluded_dispute_reads_none_this_year(api):
    from fazhi.reports.present import show

    f = F.BY_KEY["lawsuit_lost"]
    assert "本年度无审结的行政诉讼案件" in show(f, f.compute(scope()), "本年度")
    assert Dispute.objects.count() == 0


def test_DSP_06_the_position_counted_is_the_one_the_register_holds(api):
    case = decided(api)
    d = _lawsuit(api, case)
    answer(api, d, on="2026-04-10")
    # A name typed in cannot claim a 负责人's appearance; an officer in the register is no 负责人; a 分管领导 is no 正职.
    refused(step(api, R, d, "record_hearing", on="2026-05-10", appeared_name="李局长", position="principal"), "DSP-06")
    refused(step(api, R, d, "record_hearing", on="2026-05-10", appeared="hetang_officer1", position="principal"),
            "DSP-06")
    refused(step(api, R, d, "record_hearing", on="2026-05-10", appeared="hetang_deputy", position="principal"),
            "DSP-06")
    refused(step(api, R, d, "arrange_appearance", on="2026-04-20", held_on="2026-05-10", appeared="hetang_officer1",
                 position="deputy"), "DSP-06")
    # The head appears as 正职 with no position typed: the register says so.
    body = ok(step(api, R, d, "record_hearing", on="2026-05-10", appeared="hetang_head"))
    assert F.BY_KEY["principal_appearance"].compute(scope()) == F.Rate(1, 1)
    assert body["stages"][0]["hearings"][0]["position"] == "principal"


def test_DSP_06_registered_position_rule():
    from fazhi.law.basis import RuleViolation
    from fazhi.law.disputes import Position, registered_position

    assert registered_position("", (Position.PRINCIPAL,), in_register=True) == Position.PRINCIPAL
    assert registered_position("", (), in_register=True) == Position.STAFF
    assert registered_position("deputy", (Position.IN_CHARGE, Position.DEPUTY), in_register=True) == "deputy"
    assert registered_position("lower", (), in_register=False) == "lower"
    for declared, held, registered in (("principal", (), False), ("principal", (Position.DEPUTY,), True),
                                       ("in_charge", (), True)):
        with pytest.raises(RuleViolation) as e:
            registered_position(declared, held, in_register=registered)
        assert e.value.code == "DSP-06"


def test_DSP_01_the_body_defaults_to_the_bureau_settings_review_body_and_court(api):
    """A 复议 registered without its 复议机关 goes to the bureau's 行政复议机关 (本局设置), a first-instance lawsuit to
    its 管辖人民法院; a changed setting is the new default; a second-instance lawsuit names its court itself."""
    Bureau.objects.filter(code="430202").update(court="株洲市天元区人民法院")
    common = dict(on="2026-05-08", applicant="李四", act_kind="inaction", act_description="申请责令依法查处违法搭建",
                  act_on="2026-03-01", filed_on="2026-05-06", received_on="2026-05-08")
    rec = ok(post(api, R, "/disputes", kind="reconsideration", **common), 201)
    suit = ok(post(api, R, "/disputes", kind="lawsuit", **common), 201)
    bodies = {d.uuid.hex: d.stages.get().body for d in Dispute.objects.all()}
    assert bodies[rec["uuid"].replace("-", "")] == "株洲市荷塘区人民政府"
    assert bodies[suit["uuid"].replace("-", "")] == "株洲市天元区人民法院"
    refused(post(api, R, "/disputes", kind="lawsuit", level="second", **common), "DSP-01")


def test_DSP_07_performance_is_recorded_only_for_a_result_the_bureau_must_perform(api):
    case = decided(api)
    upheld = open_on_case(api, case.uuid, filed_on="2026-04-01")
    answer(api, upheld, on="2026-04-10")
    ok(step(api, R, upheld, "record_result", on="2026-05-20", result="维持"))
    refused(step(api, R, upheld, "record_performance", on="2026-05-21", text="无需履行"), "DSP-07")
    ordered = open_on_case(api, case.uuid, filed_on="2026-04-02")
    answer(api, ordered, on="2026-04-10")
    ok(step(api, R, ordered, "record_result", on="2026-05-20", result="责令履行"))
    ok(step(api, R, ordered, "record_performance", on="2026-05-25", text="已依法作出处理决定并送达申请人"))
    refused(step(api, R, ordered, "record_performance", on="2026-05-26", text="再次登记"), "DSP-07")

"""Every date an action records is checked (CASE-DATE): not in the future, not before the step it depends on, with
a boundary test before / on / after per field; 笔录 name their two certified officers (PEN-04), the person and the
times; 不予处罚 records the conditions of Art 33 ¶1 and the education of ¶3 (PEN-21)."""
from datetime import date, timedelta

import pytest
from django.utils import timezone

from fazhi.cases.models import Evidence, PenaltyCase
from tests.test_api_scenarios import OFFICERS, act, clue, ok, refused, reported, site_record, unpaid_decision


def _register(api, **dates):
    body = {"on": "2026-03-02", "party_kind": "org", "party_name": "株洲市恒达商贸有限公司", "cause": "堆放物料",
            "act_on": "2026-03-01", "discovered_on": "2026-03-02", **dates}
    return api("hetang_officer1").post("/cases", body)


@pytest.mark.parametrize("act_on, expected", [("2026-03-03", 409), ("2026-03-02", 201), ("2026-03-01", 201)])
def test_CASE_DATE_act_not_after_discovery(api, act_on, expected):
    status, body = _register(api, act_on=act_on, discovered_on="2026-03-02", on="2026-03-03")
    assert status == expected, body
    if status == 409:
        assert body["code"] == "CASE-DATE" and "发现日期" in body["message"]


@pytest.mark.parametrize("discovered_on, expected", [("2026-03-03", 409), ("2026-03-02", 201), ("2026-03-01", 201)])
def test_CASE_DATE_discovery_not_after_registration(api, discovered_on, expected):
    status, body = _register(api, act_on="2026-03-01", discovered_on=discovered_on, on="2026-03-02")
    assert status == expected, body


@pytest.mark.parametrize("ended, expected", [("2026-02-28", 409), ("2026-03-01", 201), ("2026-03-05", 201)])
def test_CASE_DATE_act_end_not_before_its_start(api, ended, expected):
    status, body = _register(api, act_on="2026-03-01", act_ended_on=ended, discovered_on="2026-03-01", on="2026-03-02")
    assert status == expected, body


def test_CASE_DATE_act_end_not_after_today(api):
    today = timezone.localdate()
    status, body = _register(api, act_ended_on=(today + timedelta(days=1)).isoformat())
    assert status == 409 and body["code"] == "CASE-DATE", body
    assert _register(api, act_ended_on=today.isoformat())[0] == 201


def test_CASE_DATE_on_site_act_discovery_decision_order(api):
    base = {"party_kind": "citizen", "party_name": "李明", "party_address": "株洲市车站路", "cause": "乱扔废弃物",
            "facts": "乱扔烟头", "penalty_provision": "条例第三十四条", "officers": ["hetang_officer2"], "kinds": ["fine"],
            "fine": "50", "statement": "无异议", "correction_order": "当场清理"}
    post = api("hetang_officer1").post
    refused(post("/cases/on-site", {**base, "on": "2026-03-02", "act_on": "2026-03-03", "discovered_on": "2026-03-02"}),
            "CASE-DATE")
    refused(post("/cases/on-site", {**base, "on": "2026-03-02", "act_on": "2026-03-02", "discovered_on": "2026-03-03"}),
            "CASE-DATE")
    assert post("/cases/on-site", {**base, "on": "2026-03-02", "act_on": "2026-03-02",
                                   "discovered_on": "2026-03-02"})[0] == 201


@pytest.mark.parametrize("collected_on, code", [("2026-02-28", "CASE-DATE"), ("2026-03-01", None),
                                                 ("2026-03-04", None), ("2026-03-05", "CASE-DATE")])
def test_CASE_DATE_evidence_collected_between_the_act_and_the_entry(api, collected_on, code):
    c = clue(api)  # act 03-01
    ok(act(api, "hetang_head", c, "file", on="2026-03-03", officers=OFFICERS))
    result = act(api, "hetang_officer1", c, "add_evidence", on="2026-03-04", kind="documentary", title="照片",
                 collected_on=collected_on)
    refused(result, code) if code else ok(result)


@pytest.mark.parametrize("requested_on, code", [("2026-03-10", "CASE-DATE"), ("2026-03-11", None),
                                                 ("2026-03-12", None), ("2026-03-13", "CASE-DATE")])
def test_CASE_DATE_hearing_request_between_notice_and_entry(api, requested_on, code):
    c = reported(api, fine="25000")
    ok(act(api, "hetang_officer1", c, "notify", on="2026-03-11"))
    result = act(api, "hetang_officer1", c, "request_hearing", on="2026-03-12", requested_on=requested_on)
    refused(result, code) if code else ok(result)


@pytest.mark.parametrize("paid_on, code", [("2026-03-15", "CASE-DATE"), ("2026-03-16", None),
                                            ("2026-03-17", None), ("2026-03-18", "CASE-DATE")])
def test_CASE_DATE_payment_between_service_and_entry(api, paid_on, code):
    c = unpaid_decision(api, served_on="2026-03-16")
    result = act(api, "hetang_officer1", c, "record_payment", on="2026-03-17", fine_paid="5000", paid_on=paid_on)
    refused(result, code) if code else ok(result)


def test_CASE_DATE_payment_not_in_the_future_and_no_late_fee_for_it(api):
    c = unpaid_decision(api, served_on="2026-03-16")
    future = (timezone.localdate() + timedelta(days=1)).isoformat()
    refused(act(api, "hetang_officer1", c, "record_payment", on="2026-03-17", fine_paid="5000", paid_on=future),
            "CASE-DATE")
    assert PenaltyCase.objects.get(uuid=c).paid_fine == 0


@pytest.mark.parametrize("transferred_on, code", [("2026-03-10", "CASE-DATE"), ("2026-03-11", None),
                                                   ("2026-03-12", None)])
def test_CASE_DATE_transfer_not_before_its_approval(api, transferred_on, code):
    c = clue(api)
    ok(act(api, "hetang_head", c, "file", on="2026-03-03", officers=OFFICERS))
    ok(act(api, "hetang_officer1", c, "conclude_investigation", on="2026-03-10", outcome="transfer", facts="涉嫌犯罪"))
    result = act(api, "hetang_head", c, "decide_transfer", on="2026-03-11", approve=True, reason="涉嫌犯罪",
                 transferred_on=transferred_on)
    refused(result, code) if code else ok(result)


@pytest.mark.parametrize("ended_on, code", [("2026-03-19", "CASE-DATE"), ("2026-03-20", None), ("2026-03-21", None)])
def test_CASE_DATE_appeal_ends_not_before_it_began(api, ended_on, code):
    c = unpaid_decision(api, served_on="2026-03-16")
    from tests.disputes.helpers import answer, open_on_case, step

    d = open_on_case(api, c, filed_on="2026-03-20")
    answer(api, d, on="2026-03-20")
    result = step(api, "hetang_reviewer", d, "record_result", on=ended_on, result="维持")
    refused(result, code) if code else ok(result)


# --- 笔录 -----------------------------------------------------------------------------------------------

def _record(api, c, **kw):
    body = {"on": "2026-03-04", "kind": "party_statement", "title": "询问笔录", "collected_on": "2026-03-04",
            "record_type": "inquiry", "record_officers": OFFICERS, "record_person": "王强", "record_person_role": "当事人",
            "started_at": "2026-03-04T09:30", "ended_at": "2026-03-04T10:15",
            "qa": "问：你是否在建设中路堆放物料？\n答：是的。", **kw}
    return act(api, "hetang_officer1", c, "add_evidence", **body)


@pytest.fixture
def filed(api):
    c = clue(api)
    ok(act(api, "hetang_head", c, "file", on="2026-03-03", officers=OFFICERS))
    return c


def test_PEN_04_a_record_is_made_by_two_certified_officers(api, org, filed):
    refused(_record(api, filed, record_officers=["hetang_officer1"]), "PEN-04")
    revoked = org["hetang"].officers[-1].username  # certificate revoked 2026-06-30
    body = ok(_record(api, filed, record_officers=["hetang_officer1", revoked]))  # certified on 03-04
    ev = Evidence.objects.get(uuid=body["evidence"][-1]["uuid"])
    assert {s.username for s in ev.record_officers.all()} == {"hetang_officer1", revoked}
    rec = body["evidence"][-1]["record"]
    assert rec["type_label"] == "询问笔录" and rec["person"] == "王强" and len(rec["officers"]) == 2
    assert timezone.localtime(ev.started_at).strftime("%H:%M") == "09:30"  # typed as Beijing time
    assert body["timeline"][-1]["data"]["record_officers"] == ["hetang_officer1", revoked]


def test_PEN_04_a_record_on_a_day_one_officer_was_not_certified_is_refused(api, org, filed):
    revoked = org["hetang"].officers[-1].username
    refused(_record(api, filed, on="2026-07-01", collected_on="2026-07-01", started_at="2026-07-01T09:00",
                    ended_at="2026-07-01T09:30", record_officers=["hetang_officer1", revoked]), "PEN-04")
    assert not Evidence.objects.filter(case__uuid=filed).exists()  # nothing saved


def test_PEN_26_a_record_names_the_person_and_its_times(api, filed):
    refused(_record(api, filed, record_person=" "), "PEN-26")
    refused(_record(api, filed, started_at=None), "PEN-26")
    refused(_record(api, filed, kind="inspection"), "PEN-26")  # an inquiry is a statement, not a site record
    refused(_record(api, filed, record_type="memo"), "PEN-26")


@pytest.mark.parametrize("start, end, code", [
    ("2026-03-03T23:50", "2026-03-04T00:20", "CASE-DATE"),  # begun the day before the record's date
    ("2026-03-04T10:15", "2026-03-04T10:15", "CASE-DATE"),  # ends when it starts
    ("2026-03-04T10:15", "2026-03-04T10:16", None),
])
def test_CASE_DATE_record_times(api, filed, start, end, code):
    result = _record(api, filed, started_at=start, ended_at=end)
    refused(result, code) if code else ok(result)


def test_CASE_DATE_record_does_not_end_in_the_future(api, filed):
    today = timezone.localdate()
    later = timezone.localtime() + timedelta(hours=2)
    if later.date() != today:
        pytest.skip("too close to midnight")
    refused(_record(api, filed, on=today.isoformat(), collected_on=today.isoformat(),
                    started_at=f"{today}T00:00", ended_at=later.strftime("%Y-%m-%dT%H:%M")), "CASE-DATE")


# --- 不予处罚 -------------------------------------------------------------------------------------------

def test_PEN_21_first_offence_needs_each_condition_recorded_and_education_given(api, filed):
    c = filed
    body = refused(act(api, "hetang_officer1", c, "conclude_investigation", on="2026-03-05", outcome="no_penalty_minor",
                       facts="初次违法", no_penalty_ground="first_offence", no_penalty_conditions=["初次违法", "及时改正"]),
                   "PEN-21")
    assert "危害后果轻微" in body["message"]
    ok(act(api, "hetang_officer1", c, "conclude_investigation", on="2026-03-05", outcome="no_penalty_minor",
           facts="初次违法", no_penalty_ground="first_offence",
           no_penalty_conditions=["初次违法", "危害后果轻微", "及时改正"]))
    ok(act(api, "hetang_officer1", c, "add_evidence", on="2026-03-05", kind="inspection", title="现场笔录", **site_record("2026-03-05")))
    body = refused(act(api, "hetang_head", c, "decide", on="2026-03-06"), "PEN-21")
    assert body["basis"]["article"] == 33
    assert PenaltyCase.objects.get(uuid=c).decided_on is None
    body = ok(act(api, "hetang_head", c, "decide", on="2026-03-06", education="向当事人宣讲市容管理规定，当事人承诺不再违反"))
    assert body["education"].startswith("向当事人宣讲") and body["no_penalty_conditions"] == ["初次违法", "危害后果轻微", "及时改正"]
    assert body["timeline"][-1]["data"]["education"].startswith("向当事人宣讲")


def test_PEN_21_unfounded_needs_no_education(api, filed):
    ok(act(api, "hetang_officer1", filed, "conclude_investigation", on="2026-03-05", outcome="unfounded",
           facts="查无实据", no_penalty_ground="unfounded"))
    ok(act(api, "hetang_officer1", filed, "add_evidence", on="2026-03-05", kind="inspection", title="现场笔录", **site_record("2026-03-05")))
    assert ok(act(api, "hetang_head", filed, "decide", on="2026-03-06"))["decision_no"]


def test_dates_module_uses_a_fixed_past_calendar():
    assert date(2026, 3, 4) < timezone.localdate()

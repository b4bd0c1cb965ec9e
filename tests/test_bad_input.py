"""Issue 12 §3: bad input gets a 4xx with a clear Chinese message, never a 5xx — on the API, the staff forms and
the public pages: unknown enum values, lengths, numbers (NaN, infinity, overflow), impossible dates, years;
and an act date after its discovery date is refused (CASE-DATE)."""
import json

import pytest
from django.test import Client

from fazhi.cases.models import PenaltyCase
from fazhi.citydesk.models import Issue
from fazhi.org.models import ApiToken, Staff
from tests.citydesk.desk import HETANG_WGS84
from tests.shared import answered
from tests.test_api_scenarios import OFFICERS, act, clue, ok

CASE = {"on": "2026-03-02", "party_kind": "citizen", "party_name": "王强", "cause": "占道经营",
        "act_on": "2026-03-01", "discovered_on": "2026-03-02"}


def _chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


@pytest.mark.parametrize("change,field", [
    ({"party_kind": "alien"}, "party_kind"), ({"source": "rumour"}, "source"), ({"on": "2026-02-30"}, "on"),
    ({"act_on": "2026-13-01"}, "act_on"), ({"party_name": "王" * 121}, "party_name"), ({"cause": ""}, "cause"),
    ({"expected_version": 2 ** 40}, "expected_version"), ({"party_name": None}, "party_name"),
])
def test_api_refuses_bad_case_fields_with_422_in_chinese(api, change, field):
    status, body = api("hetang_officer1").post("/cases", {**CASE, **change})
    assert status == 422, body
    assert body["code"] == "INPUT" and field in body["message"] and _chinese(body["message"])
    assert not PenaltyCase.objects.exists()


@pytest.mark.parametrize("act_on,discovered_on,status", [("2026-03-02", "2026-03-02", 201),
                                                        ("2026-03-03", "2026-03-02", 409)])
def test_CASE_DATE_act_after_discovery_refused(api, act_on, discovered_on, status):
    code, body = api("hetang_officer1").post("/cases", {**CASE, "act_on": act_on, "discovered_on": discovered_on,
                                                       "on": "2026-03-03"})
    assert code == status, body
    if status == 409:
        assert body["code"] == "CASE-DATE" and "发现日期" in body["message"] and body["basis"]


def test_CASE_DATE_act_ended_before_it_began_refused(api):
    code, body = api("hetang_officer1").post("/cases", {**CASE, "act_ended_on": "2026-02-28"})
    assert code == 409 and body["code"] == "CASE-DATE"


@pytest.mark.parametrize("fine", ["NaN", "Infinity", "-Infinity", "1e30", "-5", "0.001", "abc"])
def test_api_refuses_impossible_amounts(api, fine):
    c = clue(api)
    ok(act(api, "hetang_head", c, "file", on="2026-03-03", officers=OFFICERS))
    client = api("hetang_officer1")
    r = client.client.post(f"/api/v1/cases/{c}/actions/conclude_investigation",
                           '{"on": "2026-03-10", "outcome": "penalty", "facts": "经查属实", "kinds": ["fine"], '
                           f'"fine": "{fine}"' + "}", content_type="application/json", **client.headers)
    assert r.status_code == 422, r.content
    assert "fine" in r.json()["message"] and _chinese(r.json()["message"])


def test_api_errors_are_chinese_and_documented(api):
    client = api("hetang_officer1")
    r = client.client.get("/api/v1/cases/00000000-0000-0000-0000-000000000000", **client.headers)
    assert r.status_code == 404 and _chinese(r.json()["message"])
    r = client.client.post("/api/v1/cases", "{not json", content_type="application/json", **client.headers)
    assert r.status_code == 400 and _chinese(r.json()["message"])
    r = Client().get("/api/v1/me")
    assert r.status_code == 401 and _chinese(r.json()["message"])
    doc = Client().get("/api/v1/openapi.json").json()
    for path, operations in doc["paths"].items():
        for method, op in operations.items():
            assert {"400", "401", "403", "404", "409", "413", "422"} <= set(op["responses"]), (method, path)


def _staff(username):
    c = Client()
    c.force_login(Staff.objects.get(username=username))
    return c


def test_staff_forms_refuse_impossible_dates_in_place(api):
    c = clue(api)
    head = _staff("hetang_head")
    r = head.post(f"/cases/{c}/do/file/", {"on": "2026-02-30", "officers": OFFICERS})
    assert r.status_code == 409 and "有效的日期" in r.content.decode()
    r = head.post(f"/cases/{c}/do/file/", {"on": "2026-03-03", "officers": OFFICERS, "expected_version": "abc"})
    assert r.status_code == 409 and "应为整数" in r.content.decode()
    officer = _staff("hetang_officer1")
    r = officer.post("/cases/new/", {**CASE, "act_on": "2026-03-05", "discovered_on": "2026-03-02", "on": "2026-03-05"})
    assert r.status_code == 409 and "CASE-DATE" in r.content.decode()
    r = officer.post("/cases/new/", {**CASE, "party_kind": "alien"})
    assert r.status_code == 409 and "当事人类型" in r.content.decode()


@pytest.mark.parametrize("year", ["0", "-1", "abc", "99999", "1999"])
def test_dashboard_and_annual_report_refuse_impossible_years(api, year):
    head = _staff("hetang_head")
    r = head.get(f"/reports/dashboard/?year={year}")
    assert r.status_code == 400 and "年份" in r.content.decode()


@pytest.mark.parametrize("year", ["0", "99999"])
def test_annual_report_url_year_out_of_range_is_400(api, year):
    r = _staff("hetang_head").get(f"/reports/annual/430202/{year}/")
    assert r.status_code == 400 and "年份" in r.content.decode()


def test_publish_with_an_impossible_date_is_refused_not_a_server_error(api):
    c = clue(api)
    r = _staff("hetang_head").post(f"/cases/{c}/publish/", {"on": "2026-02-30"}, follow=True)
    assert r.status_code == 200 and "不是有效的日期" in r.content.decode()


@pytest.mark.parametrize("lat", ["inf", "-inf", "nan", "1e999", "91", "abc", ""])
def test_public_report_refuses_impossible_coordinates(desk, lat):
    r = Client().post("/public/report/", {"category": desk["category"].pk, "description": "暴露垃圾",
                                          "lng": str(HETANG_WGS84[0]), "lat": lat, **answered()})
    assert r.status_code == 400 and "经纬度" in r.content.decode()
    assert not Issue.objects.exists()


@pytest.mark.parametrize("category", ["abc", "99999999999999999999999", "-1"])
def test_public_report_refuses_impossible_categories(desk, category):
    r = Client().post("/public/report/", {"category": category, "description": "暴露垃圾",
                                          "lng": str(HETANG_WGS84[0]), "lat": str(HETANG_WGS84[1]), **answered()})
    assert r.status_code == 400


@pytest.mark.parametrize("lat", ["inf", "nan", "1e999", "-91"])
def test_open311_post_refuses_impossible_coordinates(desk, lat):
    _, key = ApiToken.issue(desk["desk_operator"])
    r = Client().post("/open311/v2/requests.json", {"api_key": key, "service_code": desk["category"].service_code,
                                                    "lat": lat, "long": str(HETANG_WGS84[0]), "description": "x"})
    assert r.status_code == 400 and _chinese(json.loads(r.content)[0]["description"])


@pytest.mark.parametrize("lat", ["inf", "nan"])
def test_patrol_and_intake_refuse_impossible_coordinates(desk, lat):
    patroller = Client()
    patroller.force_login(desk["desk_patroller"])
    r = patroller.post("/citydesk/patrol/", {"category": desk["category"].pk, "description": "暴露垃圾",
                                             "lng": "113.17", "lat": lat})
    assert r.status_code in (400, 409) and "纬度" in r.content.decode()
    operator = Client()
    operator.force_login(desk["desk_operator"])
    r = operator.post("/citydesk/intake/", {"category": "abc", "description": "x", "lng": "113.17", "lat": "27.86"})
    assert r.status_code == 400


@pytest.mark.parametrize("month", ["9999-12", "0-1", "2026-13", "x"])
def test_appraisal_month_out_of_range_shows_this_month(desk, month):
    leader = Client()
    leader.force_login(desk["desk_leader"])
    assert leader.get(f"/citydesk/appraisal/?month={month}").status_code == 200


def test_not_found_page_is_chinese(db):
    r = Client().get("/public/decisions/not-a-uuid/")
    assert r.status_code == 404 and "未找到" in r.content.decode()


def test_a_form_without_its_csrf_token_is_refused_in_chinese(desk):
    r = Client(enforce_csrf_checks=True).post("/public/report/", {"description": "x"})
    assert r.status_code == 403 and "刷新页面" in r.content.decode()


def test_open311_errors_are_chinese(desk):
    for url in ("/open311/v2/requests.json?start_date=inf", "/open311/v2/request/abc.json",
                "/open311/v2/services/none.json", "/open311/v2/requests.txt"):
        r = Client().get(url)
        assert 400 <= r.status_code < 500 and _chinese(json.loads(r.content)[0]["description"]), url

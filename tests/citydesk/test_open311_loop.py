"""Issue 5 (started): an Open311 request for a point in 株洲 荷塘区 is registered, dispatched to the right unit by
subclass and grid, handled, verified and closed, and Open311 then reports it closed with notes. XML follows the
spec's structure; JSON is an array even for one request; errors have their bodies."""
import json
import xml.etree.ElementTree as ET
from datetime import datetime

import pytest
from django.test import Client

from fazhi.citydesk import actions as C
from fazhi.citydesk.models import Issue
from fazhi.core.events import verify_all
from fazhi.law.basis import RuleViolation
from fazhi.org.models import ApiToken, Bureau, Staff
from tests.citydesk.desk import HETANG_WGS84, SHARED, TZ
from tests.shared import answered


def test_open311_request_goes_round_the_loop_and_reports_closed(desk):
    _, key = ApiToken.issue(desk["desk_operator"])
    client = Client()
    r = client.post("/open311/v2/requests.json", {"api_key": key, "service_code": "E0102", "lat": HETANG_WGS84[1],
                                                  "long": HETANG_WGS84[0], "description": "建设中路口有一堆生活垃圾",
                                                  "attribute[size]": "large"})
    assert r.status_code == 201
    body = r.json()
    assert isinstance(body, list) and len(body) == 1 and body[0]["service_request_id"]
    issue = Issue.objects.get(uuid=body[0]["service_request_id"])
    assert issue.region == desk["region"] and issue.cell and issue.cell.code.startswith("430202000")
    at = datetime(2026, 3, 9, 9, 0, tzinfo=TZ)  # a Monday
    issue = C.accept(issue, by=desk["desk_operator"], at=at)
    with pytest.raises(RuleViolation) as e:
        C.register(issue, by=desk["desk_leader"], condition_met=False, at=at)
    assert e.value.code == "DCM-03" and "GB/T 30428" in str(e.value.basis)
    issue = C.register(issue, by=desk["desk_leader"], condition_met=True, at=at)
    issue = C.dispatch(issue, by=desk["desk_dispatcher"], at=datetime(2026, 3, 9, 11, 0, tzinfo=TZ))
    assert issue.unit == desk["unit"]  # by subclass and grid
    assert issue.due_at == datetime(2026, 3, 9, 15, 30, tzinfo=TZ)  # 2 工作时 across the lunch break
    issue = C.handle(issue, by=desk["sanitation_worker"], feedback="已清运", at=datetime(2026, 3, 9, 14, 50, tzinfo=TZ))
    issue = C.verify(issue, by=desk["desk_patroller"], ok=False, note="仍有残留", at=datetime(2026, 3, 9, 15, 0, tzinfo=TZ))
    assert issue.status == "dispatched" and issue.rework_count == 1
    issue = C.handle(issue, by=desk["sanitation_worker"], feedback="已冲洗干净", at=datetime(2026, 3, 9, 15, 20, tzinfo=TZ))
    issue = C.verify(issue, by=desk["desk_patroller"], ok=True, at=datetime(2026, 3, 9, 15, 40, tzinfo=TZ))
    issue = C.close(issue, by=desk["desk_leader"], at=datetime(2026, 3, 9, 16, 0, tzinfo=TZ))
    one = client.get(f"/open311/v2/request/{issue.uuid}.json").json()
    assert isinstance(one, list) and one[0]["status"] == "closed" and "已结案" in one[0]["status_notes"]
    assert one[0]["agency_responsible"] == "荷塘区环境卫生管理所"
    assert abs(one[0]["lat"] - HETANG_WGS84[1]) < 1e-5 and abs(one[0]["long"] - HETANG_WGS84[0]) < 1e-5  # WGS-84 out
    assert one[0]["requested_datetime"].endswith("+08:00")
    xml = ET.fromstring(client.get(f"/open311/v2/request/{issue.uuid}.xml").content)
    assert xml.tag == "service_requests" and xml[0].tag == "request" and xml[0].find("status").text == "closed"
    assert list(verify_all()) == []


def test_dispatch_to_a_unit_outside_the_region_is_refused(desk):
    issue = C.report(channel="hotline", category=desk["category"], description="垃圾", lng=HETANG_WGS84[0],
                     lat=HETANG_WGS84[1], by=desk["desk_operator"])
    desk["other"].regions.add(C.import_region(bureau=Bureau.objects.get(code="430203"), code="430203", name="芦淞区",
                                              metres=500.0, geometry=json.loads(
                                                  (SHARED / "data" / "hunan-boundaries" / "430203.geojson").read_text())))
    issue = C.register(C.accept(issue, by=desk["desk_operator"]), by=desk["desk_leader"], condition_met=True)
    with pytest.raises(RuleViolation) as e:
        C.dispatch(issue, by=desk["desk_dispatcher"], unit=desk["other"])
    assert e.value.code == "DCM-04"
    with pytest.raises(RuleViolation):  # only the unit's members report handling
        C.handle(C.dispatch(issue, by=desk["desk_dispatcher"]), by=desk["desk_operator"], feedback="x")


def test_services_discovery_and_errors(desk):
    c = Client()
    services = c.get("/open311/v2/services.json").json()
    assert services == [{"service_code": "E0102", "service_name": "暴露垃圾", "description": services[0]["description"],
                         "metadata": False, "type": "realtime", "keywords": "事件,市容环境", "group": "市容环境"}]
    root = ET.fromstring(c.get("/open311/v2/services.xml").content)
    assert root.tag == "services" and root[0].find("service_code").text == "E0102"
    assert c.get("/open311/v2/services/E9999.json").status_code == 404
    r = c.post("/open311/v2/requests.json", {"service_code": "E0102", "lat": 27.86, "long": 113.17})
    assert r.status_code == 403 and r.json()[0]["code"] == 403
    _, key = ApiToken.issue(desk["desk_operator"])
    r = c.post("/open311/v2/requests.json", {"api_key": key, "service_code": "E0102", "lat": 28.2, "long": 112.9})
    assert r.status_code == 400 and "管辖" in r.json()[0]["description"]  # 长沙: outside the system's regions
    assert c.get("/open311/v2/request/not-a-uuid.json").status_code == 404
    assert c.get("/open311/v2/requests.json", {"start_date": "yesterday"}).status_code == 400
    assert c.get("/open311/v2/requests.json", {"status": "open"}).json() == []


def test_public_report_tracking_duplicates_and_case(desk):
    c = Client()
    r = c.post("/public/report/", {"category": desk["category"].pk, "description": "垃圾堆放", "lng": HETANG_WGS84[0],
                                   "lat": HETANG_WGS84[1], "name": "王强", "phone": "13907331234", **answered()})
    assert r.status_code == 302
    first = Issue.objects.get()
    page = c.get(r["Location"]).content.decode()
    assert first.tracking_code in page and "待受理" in page
    assert "13907331234" not in page and "王强" not in page  # the reporter's data never shows
    # A second report 20 m away within the hour is offered as a duplicate and merged.
    second = C.report(channel="hotline", category=desk["category"], description="同一堆垃圾",
                      lng=HETANG_WGS84[0] + 0.0002, lat=HETANG_WGS84[1], by=desk["desk_operator"])
    assert C.find_duplicates(second) == [first]
    far = C.report(channel="hotline", category=desk["category"], description="别处", lng=HETANG_WGS84[0] + 0.002,
                   lat=HETANG_WGS84[1], by=desk["desk_operator"])
    assert C.find_duplicates(far) == []
    C.merge(second, into=first, by=desk["desk_operator"])
    track = c.get(f"/public/track/{second.tracking_code}/").content.decode()
    assert first.tracking_code in track and "合并" in track
    # Into enforcement: the issue becomes a case clue.
    officer = Staff.objects.select_related("bureau__parent").get(username="hetang_officer1")
    case = C.to_case(first, by=officer, cause="乱倒垃圾", party_kind="citizen", party_name="未知")
    assert case.source == "citydesk" and Issue.objects.get(pk=first.pk).case == case
    assert c.post("/public/report/", {"category": desk["category"].pk, "description": "x", "lng": "112.9",
                                      "lat": "28.2", **answered()}).status_code == 400  # outside the regions


def test_the_loop_through_the_command_centre_board(desk):
    def as_(user):
        c = Client()
        c.force_login(desk[user])
        return c

    op = as_("desk_operator")
    r = op.post("/citydesk/intake/", {"channel": "hotline", "category": desk["category"].pk, "description": "路口垃圾",
                                      "lng": HETANG_WGS84[0], "lat": HETANG_WGS84[1], "reporter_phone": "13907331234"})
    assert r.status_code == 302
    issue = Issue.objects.get()
    assert "路口垃圾" in op.get("/citydesk/").content.decode()
    assert op.post("/citydesk/intake/", {"category": desk["category"].pk, "description": "x"}).status_code == 409
    assert op.post(f"/citydesk/{issue.uuid}/accept/").status_code == 302
    leader = as_("desk_leader")
    r = leader.post(f"/citydesk/{issue.uuid}/register/", {})
    assert r.status_code == 409 and "不符合立案条件" in r.content.decode()
    leader.post(f"/citydesk/{issue.uuid}/register/", {"condition_met": "on"})
    assert as_("desk_operator").post(f"/citydesk/{issue.uuid}/dispatch/").status_code == 403  # not a dispatcher
    as_("desk_dispatcher").post(f"/citydesk/{issue.uuid}/dispatch/")
    as_("sanitation_worker").post(f"/citydesk/{issue.uuid}/handle/", {"feedback": "已清运"})
    as_("desk_patroller").post(f"/citydesk/{issue.uuid}/verify/", {"ok": "1"})
    leader.post(f"/citydesk/{issue.uuid}/close/")
    issue.refresh_from_db()
    assert issue.status == "closed" and issue.unit == desk["unit"]
    one = Client().get(f"/open311/v2/request/{issue.uuid}.json").json()[0]
    assert one["status"] == "closed" and "已结案" in one["status_notes"]


def test_servicerequestupdates_extension_lists_each_change(desk):
    issue = C.report(channel="hotline", category=desk["category"], description="垃圾", lng=HETANG_WGS84[0],
                     lat=HETANG_WGS84[1], by=desk["desk_operator"])
    C.accept(issue, by=desk["desk_operator"])
    C.void(Issue.objects.get(pk=issue.pk), by=desk["desk_operator"], reason="经核实不属于城市管理问题")
    rows = Client().get("/open311/v2/servicerequestupdates.json").json()
    assert [(r["description"], r["status"]) for r in rows] == [("已收到", "open"), ("已受理", "open"), ("已作废", "closed")]
    assert all(r["service_request_id"] == str(issue.uuid) for r in rows)
    xml = ET.fromstring(Client().get("/open311/v2/servicerequestupdates.xml").content)
    assert xml.tag == "service_request_updates" and len(xml) == 3


@pytest.mark.parametrize("end_date", ["1457-07-30T16:10:41-21:45", "0001-01-02T00:00:00+00:00", "9999-12-31T23:59:59-23:59"])
def test_extreme_w3c_dates_are_answered_not_crashed(desk, end_date):
    """Found by schemathesis: W3C allows offsets PostgreSQL refuses, and years at the edge of the calendar."""
    r = Client().get("/open311/v2/requests.json", {"end_date": end_date})
    assert r.status_code in (200, 400)


def test_duplicate_window_is_50_metres_and_24_hours(desk):
    from datetime import timedelta

    from fazhi.law.geo import metres_between

    t0 = datetime(2026, 3, 9, 9, 0, tzinfo=TZ)
    first = C.report(channel="hotline", category=desk["category"], description="a", lng=HETANG_WGS84[0],
                     lat=HETANG_WGS84[1], by=desk["desk_operator"], at=t0)
    step = 0.000001  # ~0.1 m
    for metres, expected in ((49.5, True), (50.5, False)):
        d_lng = 0.0
        while metres_between((first.lng, first.lat), (first.lng + d_lng, first.lat)) < metres:
            d_lng += step
        near = Issue(category=desk["category"], lng=first.lng + d_lng, lat=first.lat, reported_at=t0 + timedelta(hours=1))
        assert (C.find_duplicates(near) == [first]) is expected, metres
    for hours, expected in ((24, True), (24.01, False)):
        later = Issue(category=desk["category"], lng=first.lng, lat=first.lat, reported_at=t0 + timedelta(hours=hours))
        assert (C.find_duplicates(later) == [first]) is expected, hours

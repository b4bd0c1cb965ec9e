"""Need to know (ACC-01), asserted cell by cell: every persona × every endpoint × every kind of record, inside and
across bureaus, from one table of expected HTTP statuses. One fixture set (a closed 荷塘 case with its decision,
evidence and archive, a 芦淞 case, 数字化城管 issues in 荷塘 and 芦淞, an inspection), then every cell is requested
and compared; a mismatch names its cell. Besides the status, no response may carry the planted personal data
(the party's name, ID number and phone; the hotline caller's name and phone) to a persona not entitled to it.
"""
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from fazhi.citydesk import actions as C
from fazhi.citydesk.models import Category, Unit
from fazhi.core import blobs
from fazhi.org.models import Bureau, PersonalDataRead, Role, RoleGrant, Staff
from tests.conftest import Api
from tests.shared import SHARED

# The persona's code, bureau and role (None: a 处置单位's member, who has no role). Usernames follow the demo's.
LOOP_STAFF = [("city_operator1", "430200", Role.OPERATOR), ("city_shift1", "430200", Role.SHIFT_LEADER),
              ("city_dispatcher1", "430200", Role.DISPATCHER), ("city_commander", "430200", Role.COMMANDER),
              ("hetang_operator", "430202", Role.OPERATOR),
              ("hetang_patrol1", "430202", Role.PATROLLER), ("hetang_patrol2", "430202", Role.PATROLLER),
              ("hetang_huanwei", "430202", None), ("lusong_huanwei", "430203", None)]

PARTY = {"party_name": "测试甲某某", "party_id_number": "430202199001011234", "party_phone": "13900001111"}
CALLER = {"reporter_name": "来电人乙某", "reporter_phone": "13700002222"}

# Endpoints (columns). {H}/{L}: the 荷塘 and 芦淞 cases; {E}: the 荷塘 case's evidence; {IH}: a 荷塘 hotline issue
# dispatched to 荷塘's sanitation unit; {IP}: hetang_patrol1's own report; {IL}: a 芦淞 issue; {PH}: {IH}'s photo.
ENDPOINTS = {
    "queue": "/",
    "case": "/cases/{H}/",
    "caseL": "/cases/{L}/",
    "new": "/cases/new/",
    "search": "/cases/?cause=堆放物料",
    "export": "/cases/export.xlsx?cause=堆放物料",
    "a_list": "/api/v1/cases",
    "a_case": "/api/v1/cases/{H}",
    "a_caseL": "/api/v1/cases/{L}",
    "a_doc": "/api/v1/cases/{H}/documents/decision.pdf",
    "a_evid": "/api/v1/cases/{H}/evidence/{E}/file",
    "a_arch": "/api/v1/cases/{H}/archive.zip",
    "board": "/citydesk/",
    "issue": "/citydesk/i/{IH}/",
    "issueP": "/citydesk/i/{IP}/",
    "issueL": "/citydesk/i/{IL}/",
    "photo": "/citydesk/photos/{PH}/",
    "map": "/citydesk/map.json",
    "appr": "/citydesk/appraisal/",
    "insp": "/inspections/",
    "isrch": "/citydesk/search/?q=垃圾",
    "ssrch": "/inspections/search/",
    "cat": "/catalog/",
    "dash": "/reports/dashboard/",
    "annual": "/reports/annual/430202/2026/",
    "log": "/access-log/",
    "manage": "/manage/",
}

# 200 allowed · 403 the role has no access to this kind of record · 404 outside the persona's scope ·
# 302 a redirect (anonymous: to the login page; the issue-loop roles' 工作台 is their board or phone page) ·
# 401 the API without credentials.
MATRIX = """
persona          queue case caseL new search export a_list a_case a_caseL a_doc a_evid a_arch board issue issueP issueL photo map appr insp isrch ssrch cat dash annual log manage
hetang_officer1  200   200  404   200 200    200    200    200    404     200   200    200    403   404   404    404    404   403 403  200  403   200   200 403  403    403 403
hetang_squad1    200   200  404   200 200    200    200    200    404     200   200    200    403   404   404    404    404   403 403  200  403   200   200 200  200    403 403
hetang_reviewer  200   200  404   200 200    200    200    200    404     200   200    200    403   404   404    404    404   403 403  403  403   403   200 200  200    403 403
hetang_deputy    200   200  404   200 200    200    200    200    404     200   200    200    200   200   200    404    200   200 200  200  200   200   200 200  200    200 403
hetang_head      200   200  404   200 200    200    200    200    404     200   200    200    200   200   200    404    200   200 200  200  200   200   200 200  200    200 403
lusong_officer1  200   404  200   200 200    200    200    404    200     404   404    404    403   404   404    404    404   403 403  200  403   200   200 403  403    403 403
lusong_head      200   404  200   200 200    200    200    404    200     404   404    404    200   404   404    200    404   200 200  200  200   200   200 200  404    200 403
city_head        200   200  200   200 200    200    200    200    200     200   200    200    200   200   200    200    200   200 200  200  200   200   200 200  200    200 403
city_supervisor  200   200  200   200 200    200    200    200    200     200   200    200    403   404   404    404    404   403 403  200  403   200   200 200  200    403 403
city_admin       200   403  403   403 403    403    403    403    403     403   403    403    403   403   403    403    403   403 403  403  403   403   200 403  403    403 200
city_security    200   403  403   403 403    403    403    403    403     403   403    403    403   403   403    403    403   403 403  403  403   403   403 403  403    403 200
city_auditor     200   403  403   403 403    403    403    403    403     403   403    403    403   403   403    403    403   403 403  403  403   403   403 403  403    200 403
city_window1     200   403  403   403 403    403    403    403    403     403   403    403    403   403   403    403    403   403 403  403  403   403   403 403  403    403 403
city_permit1     200   403  403   403 403    403    403    403    403     403   403    403    403   403   403    403    403   403 403  403  403   403   403 403  403    403 403
city_adviser     200   403  403   403 403    403    403    403    403     403   403    403    403   403   403    403    403   403 403  403  403   403   403 403  403    403 403
city_operator1   302   403  403   403 403    403    403    403    403     403   403    403    200   200   200    200    200   200 200  403  200   403   403 403  403    403 403
city_shift1      302   403  403   403 403    403    403    403    403     403   403    403    200   200   200    200    200   200 200  403  200   403   403 403  403    403 403
city_dispatcher1 302   403  403   403 403    403    403    403    403     403   403    403    200   200   200    200    200   200 200  403  200   403   403 403  403    403 403
city_commander   302   403  403   403 403    403    403    403    403     403   403    403    200   200   200    200    200   200 200  403  200   403   403 403  403    403 403
hetang_operator  302   403  403   403 403    403    403    403    403     403   403    403    200   200   200    404    200   200 200  403  200   403   403 403  403    403 403
hetang_patrol1   302   403  403   403 403    403    403    403    403     403   403    403    200   404   200    404    404   200 403  403  200   403   403 403  403    403 403
hetang_patrol2   302   403  403   403 403    403    403    403    403     403   403    403    200   404   404    404    404   200 403  403  200   403   403 403  403    403 403
hetang_huanwei   302   403  403   403 403    403    403    403    403     403   403    403    200   200   404    404    200   200 403  403  200   403   403 403  403    403 403
lusong_huanwei   302   403  403   403 403    403    403    403    403     403   403    403    200   404   404    200    404   200 403  403  200   403   403 403  403    403 403
anonymous        302   302  302   302 302    302    401    401    401     401   401    401    302   302   302    302    302   302 302  302  302   302   302 302  302    302 302
"""

# Who may receive the planted 荷塘 personal data in a response body (any endpoint): the case's party data goes to
# those who may open that case; the hotline caller's to the command centre and the leaders over 荷塘 — not to the
# 处置单位 or the 监督员, who see the issue without the caller.
PARTY_READERS = {"hetang_officer1", "hetang_squad1", "hetang_reviewer", "hetang_deputy", "hetang_head", "city_head",
                 "city_supervisor"}
CALLER_READERS = {"hetang_deputy", "hetang_head", "city_head", "city_operator1", "city_shift1", "city_dispatcher1",
                  "city_commander", "hetang_operator"}


def parse(table: str) -> dict[str, dict[str, int]]:
    header, *rows = [line.split() for line in table.strip().splitlines()]
    assert header[1:] == list(ENDPOINTS), "the table's columns are the endpoints"
    out = {}
    for row in rows:
        assert len(row) == len(header), row[0]
        out[row[0]] = dict(zip(header[1:], map(int, row[1:]), strict=True))
    return out


EXPECTED = parse(MATRIX)


@pytest.fixture(autouse=True)
def _blob_dir(settings, tmp_path):
    settings.FAZHI_BLOB_DIR = tmp_path / "blobs"


def _case(api, *, bureau: str, party: dict) -> str:
    """A general-procedure case driven to 结案 through the API: decision, evidence file, archive exportable."""
    officer, head = f"{bureau}_officer1", f"{bureau}_head"
    officers = [f"{bureau}_officer1", f"{bureau}_officer2"]

    def ok(user, path, body):
        status, out = api(user).post(path, body)
        assert status in (200, 201), out
        return out

    c = ok(officer, "/cases", {"on": "2026-03-02", "party_kind": "citizen", **party,
                               "party_address": "株洲市荷塘区建设中路1号", "cause": "擅自在街道两侧堆放物料",
                               "place": "建设中路", "act_on": "2026-03-01", "discovered_on": "2026-03-02",
                               "penalty_provision": "《城市市容和环境卫生管理条例》第三十六条"})["uuid"]

    def act(user, action, **body):
        return ok(user, f"/cases/{c}/actions/{action}", body)

    act(head, "file", on="2026-03-03", officers=officers)
    client = api(officer)
    f = io.BytesIO(b"evidence-bytes-" + bureau.encode())
    f.name = "现场照片.jpg"
    r = client.client.post(f"/api/v1/cases/{c}/evidence", {"file": f, "kind": "audiovisual", "title": "现场照片",
                                                           "on": "2026-03-04"}, **client.headers)
    assert r.status_code == 200, r.content
    act(officer, "conclude_investigation", on="2026-03-10", outcome="penalty", facts="经查属实", kinds=["fine"],
        fine="500", flags={})
    act(officer, "notify", on="2026-03-11")
    act(officer, "waive_rights", on="2026-03-11", statement="放弃")
    act(head, "decide", on="2026-03-12", correction_order="立即清理")
    act(officer, "serve", on="2026-03-16", method="direct", recipient=party["party_name"])
    act(officer, "record_payment", on="2026-03-20", fine_paid="500")
    body = act(f"{bureau}_deputy", "close", on="2026-03-21", close_type="performed")
    return c, body["evidence"][0]["uuid"]


def _cell_point(region):
    cell = region.cells.order_by("row", "col")[len(region.cells.all()) // 2]
    return (region.grid_origin_lng + (cell.col + 0.5) * region.grid_d_lng,
            region.grid_origin_lat + (cell.row + 0.5) * region.grid_d_lat)


@pytest.fixture
def world(org, api):
    staff = {}
    for username, code, role in LOOP_STAFF:
        s = Staff.objects.create(username=username, full_name=username, bureau=Bureau.objects.get(code=code))
        if role:
            RoleGrant.objects.create(staff=s, role=role)
        staff[username] = Staff.objects.get(pk=s.pk)
    regions = {}
    for slug, code, name in (("hetang", "430202", "荷塘区"), ("lusong", "430203", "芦淞区")):
        geometry = json.loads((SHARED / "data" / "hunan-boundaries" / f"{code}.geojson").read_text())
        regions[slug] = C.import_region(bureau=Bureau.objects.get(code=code), code=code, name=name, metres=1000.0,
                                        geometry=geometry)
        unit = Unit.objects.create(name=f"株洲市{name}环境卫生管理所", duty="环境卫生")
        unit.regions.add(regions[slug])
        unit.members.add(staff[f"{slug}_huanwei"])
    cat = Category.objects.create(kind="event", class_code="01", class_name="市容环境", code="02", name="暴露垃圾",
                                  filing_condition="公共区域存在暴露垃圾", limit=2, limit_unit="工作时", urgent_limit=1,
                                  urgent_unit="工作时", closing_condition="清理干净", duty="环境卫生")
    photo = blobs.keep(SimpleUploadedFile("garbage.jpg", b"\xff\xd8photo-of-garbage", content_type="image/jpeg"))

    def hotline(slug, caller, photos=()):
        lng, lat = _cell_point(regions[slug])
        i = C.report(channel="hotline", category=cat, description="路边有一堆生活垃圾", lng=lng, lat=lat, wgs84=False,
                     by=staff["city_operator1"], photos=photos, **caller)
        C.accept(i, by=staff["city_operator1"])
        C.register(i, by=staff["city_shift1"], condition_met=True)
        return C.dispatch(i, by=staff["city_dispatcher1"])

    ih = hotline("hetang", CALLER, photos=[(photo, "garbage.jpg", "image/jpeg")])
    il = hotline("lusong", {"reporter_name": "来电人丁某", "reporter_phone": "13500004444"})
    lng, lat = _cell_point(regions["hetang"])
    ip = C.report(channel="patrol", category=cat, description="暴露垃圾", lng=lng, lat=lat, wgs84=False,
                  by=staff["hetang_patrol1"])
    h, e = _case(api, bureau="hetang", party=PARTY)
    lcase, _ = _case(api, bureau="lusong", party={"party_name": "芦淞丙某", "party_id_number": "430203198502023456",
                                                   "party_phone": "13600003333"})
    return {"H": h, "L": lcase, "E": e, "IH": ih.uuid, "IP": ip.uuid, "IL": il.uuid, "PH": photo.sha256}


def _clients(persona):
    if persona == "anonymous":
        return Client(), {}
    user = Staff.objects.get(username=persona)
    web = Client()
    web.force_login(user)
    return web, Api(user).headers


def test_every_persona_endpoint_and_record_kind(world):
    before = PersonalDataRead.objects.count()
    wrong, leaks, reads = [], [], 0
    for persona, row in EXPECTED.items():
        web, token = _clients(persona)
        for column, template in ENDPOINTS.items():
            path = template.format(**world)
            # The API is asked with the persona's token (as scripts do); the pages with their session.
            r = web.get(path, **token) if path.startswith("/api/") else web.get(path)
            body = b"".join(r.streaming_content) if r.streaming else r.content
            if r.status_code != row[column]:
                wrong.append(f"{persona} {column}: expected {row[column]}, got {r.status_code}")
            text = body.decode("utf-8", "replace")
            if r.get("Content-Type", "").startswith("application/json"):  # Chinese comes \u-escaped in JSON
                text = json.dumps(json.loads(body), ensure_ascii=False)
            if persona not in PARTY_READERS and any(v in text for v in PARTY.values()):
                leaks.append(f"{persona} {column}: the party's personal data")
            if persona not in CALLER_READERS and any(v in text for v in CALLER.values()):
                leaks.append(f"{persona} {column}: the caller's personal data")
            # …and the check can fail: those entitled do get the data where the page shows it.
            if persona in PARTY_READERS and column in ("case", "a_case", "search") and PARTY["party_name"] not in text:
                wrong.append(f"{persona} {column}: the party's name missing")
            if persona in CALLER_READERS and column == "issue" and CALLER["reporter_phone"] not in text:
                wrong.append(f"{persona} {column}: the caller's phone missing")
            if r.status_code == 403:
                assert "ACC-01" in text or "INS-" in text, (persona, column, text[:300])
            if r.status_code == 200 and column in ("case", "a_case", "a_doc", "a_evid", "a_arch"):
                reads += 1
    assert not wrong, "\n".join(wrong)
    assert not leaks, "\n".join(leaks)
    # Every read of the 荷塘 case's personal data is in the log, one row each, and nothing else was logged.
    case_rows = list(PersonalDataRead.objects.filter(record=f"case:{world['H']}").order_by("id")[before:])
    assert len(case_rows) == reads
    assert {r.staff.username for r in case_rows} == PARTY_READERS


def _403_is_in_chinese_with_its_basis(world):
    r = Api(Staff.objects.get(username="city_operator1"))
    resp = r.client.get(f"/api/v1/cases/{world['H']}", **r.headers)
    assert resp.status_code == 403
    out = resp.json()
    assert out["code"] == "ACC-01" and "受理员" in out["message"] and "行政处罚案件" in out["message"]
    assert out["basis"]["law"] == "中华人民共和国个人信息保护法"
    web = Client()
    web.force_login(Staff.objects.get(username="hetang_huanwei"))
    page = web.get(f"/cases/{world['H']}/").content.decode()
    assert "无权查阅行政处罚案件" in page and "个人信息保护法" in page


def _read_log_page_is_scoped_to_the_leaders_subtree(world):
    web = Client()
    web.force_login(Staff.objects.get(username="hetang_officer2"))
    assert web.get(f"/cases/{world['H']}/").status_code == 200
    hetang, lusong = Client(), Client()
    hetang.force_login(Staff.objects.get(username="hetang_head"))
    lusong.force_login(Staff.objects.get(username="lusong_head"))
    page = hetang.get("/access-log/").content.decode()
    assert "hetang_officer2" in page and "案件页面" in page
    assert "hetang_officer2" not in lusong.get("/access-log/").content.decode()
    row = PersonalDataRead.objects.filter(staff__username="hetang_officer2").get()
    with pytest.raises(RuntimeError):
        row.save()
    with pytest.raises(RuntimeError):
        row.delete()


def _officer_pickers_list_certified_officers_only(world):
    web = Client()
    web.force_login(Staff.objects.get(username="hetang_officer1"))
    page = web.get("/field/").content.decode()
    assert 'value="hetang_officer2"' in page
    assert 'value="hetang_officer4"' not in page   # certificate revoked (the demo org)
    assert 'value="hetang_reviewer"' not in page   # not an enforcement officer
    assert 'value="hetang_patrol1"' not in page and 'value="hetang_huanwei"' not in page
    assert 'value="lusong_officer2"' not in page   # another district


def _workbench_has_no_case_queue_without_case_access(world):
    web = Client()
    web.force_login(Staff.objects.get(username="city_admin"))
    page = web.get("/").content.decode()
    assert "辖区在办案件" not in page and "您现在没有需要办理的环节" in page
    for persona, target in (("hetang_huanwei", "/citydesk/"), ("city_operator1", "/citydesk/"),
                            ("hetang_patrol1", "/citydesk/patrol/")):
        web = Client()
        web.force_login(Staff.objects.get(username=persona))
        r = web.get("/")
        assert r.status_code == 302 and r["Location"] == target
        board = web.get(target).content.decode()
        assert "辖区在办案件" not in board and 'href="/catalog/"' not in board and 'href="/reports/' not in board
    web = Client()
    web.force_login(Staff.objects.get(username="hetang_officer1"))
    assert "我承办的案件" in web.get("/").content.decode()


def _the_matrix_covers_every_role(world):
    roles = {r for u in EXPECTED if u != "anonymous" for r in Staff.objects.get(username=u).roles}
    assert roles == set(Role.values)


def test_refusals_read_log_pickers_workbench_and_coverage(world):
    """The details behind the matrix, on the same fixture set (built once)."""
    _403_is_in_chinese_with_its_basis(world)
    _read_log_page_is_scoped_to_the_leaders_subtree(world)
    _officer_pickers_list_certified_officers_only(world)
    _workbench_has_no_case_queue_without_case_access(world)
    _the_matrix_covers_every_role(world)

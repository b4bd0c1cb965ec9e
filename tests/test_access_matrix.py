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


# --- every endpoint, generated from the URL configuration (issue #32 §3) ----------------------------------------
# Each URL pattern (and each API operation of the OpenAPI description) is classified by its route — by prefix, so a
# context's new endpoint is covered the day it is added — as public, for anyone signed in, or for the kinds of record
# of a context (org.access.Kind: any of them); an API operation the OpenAPI description leaves without authentication
# is public. A route no rule matches fails the test. Then every persona requests
# every endpoint: a persona without the kind is refused (403 with ACC-01; anonymous: the login page or 401) and
# writes nothing, whatever the method; a persona with it is never refused for the kind and never gets a 5xx.

from fazhi.org.access import ISSUE_KINDS, Kind, kinds  # noqa: E402

PUBLIC, SIGNED_IN = "public", "signed-in"
ACCESS = [  # (route regex, who) — the first match decides
    (r"^(public|open311|check)/", PUBLIC),
    (r"^draws/<uuid:draw_id>\.json$", PUBLIC),
    (r"^accounts/(login|logout|password_reset|reset)", PUBLIC),
    (r"^api/v1/(openapi\.json|docs|)$", PUBLIC),  # an API operation is public when its description says so
    (r"^(accounts/|calendar/|$)|^api/v1/(me|auth/|workflow$)", SIGNED_IN),  # workflow: the procedure table
    (r"^citydesk/(i|photos)/", (*ISSUE_KINDS, Kind.CASES)),  # a case's staff: the issue handed over to the case
    (r"^(cases|field|publications)/|^api/v1/cases", (Kind.CASES,)),
    (r"^coercion/|^api/v1/coercion", (Kind.CASES,)),  # 查封扣押 and 强制拆除 belong to a case
    (r"^citydesk/(intake|appraisal)/", (Kind.ISSUES,)),  # the command centre's intake and appraisal
    (r"^citydesk/patrol/", (Kind.OWN_ISSUES, Kind.ISSUES)),  # the 监督员's phone page
    (r"^citydesk/|^api/v1/issues", ISSUE_KINDS),
    (r"^(inspections|draws)/|^api/v1/inspections", (Kind.INSPECTIONS,)),
    (r"^disputes/|^api/v1/(disputes|suggestions)", (Kind.DISPUTES,)),
    (r"^decisions/|^api/v1/(decisions|legal-reviews|legal-advisers)", (Kind.DECISIONS,)),
    (r"^supervision/|^api/v1/(review-tasks|review-sheets|rectifications|supervision-|campaigns|campaign-problems)",
     (Kind.SUPERVISION,)),
    (r"^permits/|^api/v1/permits", (Kind.PERMITS,)),
    (r"^registers/|^api/v1/registers", (Kind.REGISTERS,)),
    (r"^reports/", (Kind.REPORTS,)),
    (r"^catalog/", (Kind.CATALOG,)),
    (r"^access-log/", (Kind.READ_LOG,)),
    (r"^audit/", (Kind.AUDIT,)),
    (r"^manage/grants/|^api/v1/role-grants", (Kind.GRANTS,)),
    (r"^staff/|^api/v1/certificate", (Kind.STAFF,)),
    (r"^manage/", (Kind.ADMIN,)),
]


def access_of(route: str):
    import re

    return next((who for pattern, who in ACCESS if re.search(pattern, route)), None)


def url_patterns():
    """Every route of the URL configuration but the developers' admin site: (route, pattern)."""
    from django.urls import URLResolver, get_resolver

    def walk(patterns, prefix=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, prefix + str(p.pattern))
            else:
                yield prefix + str(p.pattern), p

    return [(route, p) for route, p in walk(get_resolver().url_patterns) if not route.startswith("admin/")]


def test_every_url_pattern_is_classified(db):
    routes = url_patterns()
    assert len(routes) > 200
    operations, _ = api_operations(Client().get("/api/v1/openapi.json").json())
    public = {k for k, ms in operations.items() if all((k, m) in PUBLIC_OPERATIONS for m in ms)}
    missing = sorted({route for route, _ in routes if access_of(route) is None and _norm(route) not in public})
    assert missing == [], "routes without an access rule in ACCESS: " + ", ".join(missing)


def _value(name: str, conv: str, route: str, world: dict) -> str:
    """A value for a route parameter: the fixture's record where the route names one, else something that does not
    exist (a stranger must be refused before the lookup; a holder gets 404)."""
    import uuid as _uuid

    if conv in ("uuid", "uuidstr") or name in ("uuid", "record_id"):
        for prefix, key in (("cases", "H"), ("api/v1/cases", "H"), ("citydesk", "IH"), ("api/v1/issues", "IH"),
                            ("disputes", "D"), ("api/v1/disputes", "D"), ("decisions/reviews", "R"),
                            ("api/v1/legal-reviews", "R"), ("decisions", "M"), ("api/v1/decisions", "M")):
            if route.startswith(prefix) and world.get(key) and name in ("case_id", "issue_id", "uuid", "record_id",
                                                                        "dispute_id"):
                return str(world[key])
        if name == "evidence_id":
            return str(world["E"])
        return str(_uuid.UUID(int=7))
    if conv == "int" or name in ("year", "request_id"):
        return "2026"
    return {"fmt": "json" if route.startswith("open311") else "pdf", "kind": "decision", "sha256": "0" * 64,
            "code": "000000", "token_id": "0123456789abcdef", "action": "nonexistent", "step": "nonexistent",
            "uidb64": "MQ", "token": "x"}.get(name, "x")


def concrete(route: str, world: dict) -> str:
    import re

    def fill(m):
        conv, _, name = m.group(1).rpartition(":")
        return _value(name, conv, route, world)

    return "/" + re.sub(r"<([^>]+)>", fill, route)


def _json_body(schema, spec, depth=0):
    """A minimal valid-looking JSON body for an OpenAPI schema: required fields with values of their type."""
    if "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    if "anyOf" in schema:
        schema = next((s for s in schema["anyOf"] if s.get("type") != "null"), schema["anyOf"][0])
    if "enum" in schema:
        return schema["enum"][0]
    kind, fmt = schema.get("type"), schema.get("format", "")
    if kind == "object" or "properties" in schema:
        if depth > 3:
            return {}
        return {k: _json_body(v, spec, depth + 1) for k, v in schema.get("properties", {}).items()
                if k in schema.get("required", [])}
    if kind == "array":
        return [_json_body(schema.get("items", {}), spec, depth + 1)] * max(1, schema.get("minItems", 1))
    if kind == "integer":
        return max(1, schema.get("minimum", 1))
    if kind == "number":
        return "1"
    if kind == "boolean":
        return False
    if fmt == "date":
        return "2026-03-02"
    if fmt == "date-time":
        return "2026-03-02T10:00:00+08:00"
    if fmt == "uuid":
        return "00000000-0000-0000-0000-000000000007"
    return "x" * max(1, schema.get("minLength", 1))


PUBLIC_OPERATIONS: set[tuple[str, str]] = set()  # (route, method) the OpenAPI description leaves unauthenticated


def _norm(route: str) -> str:
    import re

    return re.sub(r"<(?:\w+:)?(\w+)>", r"<\1>", route)


def api_operations(spec) -> tuple[dict[str, set[str]], dict[tuple[str, str], object]]:
    """The API's operations from its OpenAPI description: route (as the URL configuration writes it, without
    converters) → methods, and (route, method) → a JSON body of the operation's schema."""
    import re

    methods: dict[str, set[str]] = {}
    bodies: dict[tuple[str, str], object] = {}
    for path, ops in spec["paths"].items():
        route = re.sub(r"\{([^}]+)\}", r"<\1>", path.lstrip("/"))
        for method, op in ops.items():
            methods.setdefault(route, set()).add(method.upper())
            if not op.get("security"):  # an operation without authentication is public by its own description
                PUBLIC_OPERATIONS.add((route, method.upper()))
            content = (op.get("requestBody") or {}).get("content", {})
            if "application/json" in content:
                bodies[(route, method.upper())] = _json_body(content["application/json"]["schema"], spec)
    return methods, bodies


@pytest.fixture
def every_record(world, api):
    """The matrix's fixture set plus a 荷塘 dispute and a city legal review."""
    from tests.test_workflow_offered import dispute_samples, review_samples

    d = dispute_samples(api)[0]
    r = review_samples(api)[0]
    return {**world, "D": d.uuid, "R": r.uuid}


def test_every_endpoint_every_persona(every_record):
    """100% of the URL patterns, and every method of each API operation, for every persona of the matrix."""
    from fazhi.core.models import Event

    world = every_record
    operations, bodies = api_operations(Client().get("/api/v1/openapi.json").json())
    routes = url_patterns()
    api_routes = {_norm(route) for route, _ in routes if route.startswith("api/v1/")} - {
        "api/v1/", "api/v1/openapi.json", "api/v1/docs"}
    assert api_routes <= set(operations), sorted(api_routes - set(operations))
    wrong, covered, refused, unread = [], set(), 0, 0
    for persona in EXPECTED:
        web, token = _clients(persona)
        user = None if persona == "anonymous" else Staff.objects.get(username=persona)
        held = kinds(user) if user is not None else frozenset()
        for route, _ in routes:
            url, is_api, key = concrete(route, world), route.startswith("api/v1/"), _norm(route)
            for method in sorted(operations.get(key, {"GET"})):
                who = PUBLIC if (key, method) in PUBLIC_OPERATIONS else access_of(route)
                holder = who == PUBLIC or (who == SIGNED_IN and user is not None) or \
                    (isinstance(who, tuple) and bool(held & set(who)))
                if holder and method != "GET" and not (who == PUBLIC and user is None):
                    continue  # a holder's writes are the contexts' own tests; here: who is refused
                events = Event.objects.count()
                extra = token if is_api else {}
                if method == "GET":
                    r = web.get(url, **extra)
                    if r.status_code == 405 and not is_api and not holder:
                        method, r = "POST", web.post(url, {})
                elif who == PUBLIC:  # a public write, asked with nothing in it: refused for its input, no server error
                    r = web.generic(method, url, "{}", content_type="application/json", **extra)
                else:
                    r = web.generic(method, url, json.dumps(bodies.get((key, method), {})),
                                    content_type="application/json", **extra)
                covered.add((key, method))
                text = (b"".join(r.streaming_content) if r.streaming else r.content).decode("utf-8", "replace")
                cell = f"{persona} {method} {url}: {r.status_code}"
                if r.status_code >= 500:
                    wrong.append(cell + " (server error)")
                elif who == PUBLIC:
                    continue
                elif user is None:
                    if r.status_code != (401 if is_api else 302):
                        wrong.append(cell + " (anonymous must sign in)")
                elif holder:
                    if r.status_code == 403 and "ACC-01" in text:
                        wrong.append(cell + " (refused a kind the role holds)")
                elif is_api and method != "GET" and r.status_code == 422 and '"code": "INPUT"' in text:
                    unread += 1  # the generated body did not pass the schema: refused before the role, unread
                elif r.status_code != 403 or not ("ACC-01" in text or "INS-" in text):
                    wrong.append(cell + " (a role without the kind must be refused with ACC-01)")
                else:
                    refused += 1
                if method != "GET" and not holder and Event.objects.count() != events:
                    wrong.append(cell + " (a refused request wrote an event)")
    assert not wrong, "\n".join(wrong[:80]) + f"\n… {len(wrong)} in all"
    assert refused > 10 * unread  # nearly every refusal is the role's, not the generated body's
    # Every pattern was requested, and every method of every API operation by someone.
    assert {_norm(route) for route, _ in routes} <= {k for k, _ in covered}
    assert {(k, m) for k, ms in operations.items() for m in ms} <= covered

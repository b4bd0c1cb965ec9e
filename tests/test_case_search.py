"""案件查询 (issue 15 item 1): find any case one may see by a fragment of the party's name, a 文号, an ID number, a
place, an officer, a status or dates; keyset pages; an XLSX export inside the same scope; bad filters are 400."""
from datetime import date
from io import BytesIO

import pytest
from django.test import Client
from openpyxl import load_workbook

from fazhi.cases import actions as A
from fazhi.cases import search
from fazhi.org.models import PersonalDataRead, Role, RoleGrant, Staff

PARTIES = [
    ("张三丰", "citizen", "43020219800101123x", "荷塘区红旗路12号"),
    ("李四光", "citizen", "430202198202022345", "荷塘区新华路5号"),
    ("株洲市三丰建材有限公司", "org", "91430200MA4L00001X", "荷塘区建设北路88号"),
    ("=HYPERLINK(\"http://x\")", "citizen", "", "荷塘区桂花路1号"),
]


@pytest.fixture
def cases(org):
    h = org["hetang"]
    made = []
    for i, (name, kind, number, place) in enumerate(PARTIES):
        c = A.register(by=h.officers[0], on=date(2026, 3, 2 + i), party_kind=kind, party_name=name,
                       party_id_number=number, place=place, cause="擅自占道堆放物料", act_on=date(2026, 3, 1),
                       discovered_on=date(2026, 3, 2 + i))
        made.append(A.file_case(c, by=h.head, on=date(2026, 3, 6), officers=h.officers[:2]))
    lusong = org["lusong"]
    made.append(A.register(by=lusong.officers[0], on=date(2026, 3, 2), party_kind="citizen", party_name="张三丰",
                           cause="乱贴广告", act_on=date(2026, 3, 1), discovered_on=date(2026, 3, 2)))
    return made


def _names(api_user, **params):
    status, body = api_user.get("/cases", **params)
    assert status == 200, body
    return sorted(r["party_name"] for r in body["results"])


def test_a_two_character_fragment_inside_a_name_finds_it_in_the_subtree_only(api, cases):
    officer = api("hetang_officer1")
    # "三丰" is neither a prefix nor three characters: the doubled-name index answers it on PostgreSQL.
    assert _names(officer, q="三丰") == ["张三丰", "株洲市三丰建材有限公司"]
    assert _names(officer, q="四光") == ["李四光"]
    # The 芦淞 case of the same name is outside 荷塘's subtree, and the other way round.
    assert _names(api("lusong_officer1"), q="三丰") == ["张三丰"]
    assert len(_names(api("city_supervisor"), q="三丰")) == 3


def test_the_doubled_form_matches_exactly_the_substrings():
    assert search.doubled("三丰") in search.doubled("张三丰")
    assert search.doubled("张丰") not in search.doubled("张三丰")
    assert search.doubled("丰丰") not in search.doubled("张三丰")


def test_case_number_fragment_and_full_id_number(api, cases):
    officer = api("hetang_officer1")
    case_no = cases[1].case_no
    assert case_no
    assert "李四光" in _names(officer, q=case_no[-6:])
    assert _names(officer, q=case_no) == ["李四光"]
    # The ID number is matched whole, whatever case the final X was typed in.
    assert _names(officer, id_number="43020219800101123X") == ["张三丰"]
    assert _names(officer, id_number="91430200MA4L00001X") == ["株洲市三丰建材有限公司"]
    assert _names(officer, id_number="430202198001011230") == []


def test_place_officer_dates_and_status(api, cases):
    officer = api("hetang_officer1")
    assert _names(officer, place="新华路") == ["李四光"]
    full_name = Staff.objects.get(username="hetang_officer1").full_name
    assert len(_names(officer, officer=full_name)) == 4
    assert _names(officer, discovered_from="2026-03-03", discovered_to="2026-03-04") == [
        "李四光", "株洲市三丰建材有限公司"]
    assert _names(officer, status="clue") == []
    assert len(_names(officer, status="investigating", procedure="general")) == 4


@pytest.mark.parametrize("sort", list(search.SORTS))
def test_keyset_pages_return_every_case_once_in_order(api, cases, sort):
    officer = api("city_supervisor")
    seen, cursor = [], None
    while True:
        params = {"sort": sort, "limit": 2}
        if cursor:
            params["cursor"] = cursor
        status, body = officer.get("/cases", **params)
        assert status == 200, body
        seen += body["results"]
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert len(seen) == len(cases)
    assert len({r["uuid"] for r in seen}) == len(cases)
    if sort.endswith("discovered_on"):
        days = [r["discovered_on"] for r in seen]
        assert days == sorted(days, reverse=sort.startswith("-"))


@pytest.mark.parametrize("params, message", [
    ({"q": "张"}, "至少输入两个字"),
    ({"id_number": "12345"}, "证件号码"),
    ({"status": "nonsense"}, "状态"),
    ({"discovered_from": "2026-02-30"}, "不是有效日期"),
    ({"discovered_from": "2026-03-05", "discovered_to": "2026-03-01"}, "起始日期晚于截止日期"),
    ({"sort": "party_name"}, "排序"),
    ({"cursor": "not-a-cursor"}, "翻页参数无效"),
    ({"q": "长" * 61}, "过长"),
])
def test_unreadable_filters_are_400_with_the_reason(api, cases, params, message):
    status, body = api("hetang_officer1").get("/cases", **params)
    assert status == 400
    assert message in body["message"]
    page = Client()
    page.force_login(Staff.objects.get(username="hetang_officer1"))
    r = page.get("/cases/", params)
    assert r.status_code == 400
    assert message in r.content.decode()


def _page(username):
    c = Client()
    c.force_login(Staff.objects.get(username=username))
    return c


def test_the_search_page_lists_cases_without_internal_codes(cases):
    r = _page("hetang_head").get("/cases/", {"q": "三丰"})
    assert r.status_code == 200
    html = r.content.decode()
    assert "张三丰" in html and "株洲市三丰建材有限公司" in html
    assert "PEN-" not in html
    assert "作出处罚决定期限" in html  # the nearest deadline by its name, not its rule ID


@pytest.mark.parametrize("role", [Role.PATROLLER, Role.OPERATOR, Role.DISPATCHER, Role.ADMIN])
def test_roles_without_case_access_cannot_search_or_export(org, cases, role):
    s = Staff.objects.create(username=f"no_cases_{role}", full_name="王某", bureau=org["hetang"].bureau)
    RoleGrant.objects.create(staff=s, role=role)
    assert _page(s.username).get("/cases/", {"q": "三丰"}).status_code == 403
    assert _page(s.username).get("/cases/export.xlsx").status_code == 403


def test_the_export_is_the_search_in_the_users_scope_logged_and_formula_safe(cases):
    before = PersonalDataRead.objects.count()
    r = _page("hetang_officer1").get("/cases/export.xlsx", {"place": "荷塘区"})
    assert r.status_code == 200
    sheet = load_workbook(BytesIO(r.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][2] == "当事人"
    parties = sorted(row[2] for row in rows[1:])
    assert len(parties) == 4
    assert "=HYPERLINK(\"http://x\")" in parties  # kept as typed …
    assert all(cell.data_type == "s" for cell in sheet["C"])  # … and stored as text, never as a formula
    assert PersonalDataRead.objects.count() == before + 1


def test_a_long_queue_says_how_many_and_links_to_all_of_them(org, monkeypatch):
    from fazhi.cases import views
    from fazhi.core import workflow

    monkeypatch.setattr(views, "QUEUE_SIZE", 2)
    monkeypatch.setattr(workflow, "DESK_SECTION_SIZE", 2)
    h = org["hetang"]
    for i in range(3):
        A.register(by=h.officers[0], on=date(2026, 3, 2), party_kind="citizen", party_name=f"当事人{i}",
                   cause="乱贴广告", act_on=date(2026, 3, 1), discovered_on=date(2026, 3, 2))
    html = _page("hetang_head").get("/").content.decode()
    # The 工作台's 待立案审批: two rows shown, the count of all three; the 逾期案件 list links to 案件查询.
    assert "待立案审批" in html and "共3项，按期限先后显示前2项" in html and html.count('data-step="file"') == 2
    listed = _page("hetang_head").get("/cases/", {"status": "clue"}).content.decode()
    assert all(f"当事人{i}" in listed for i in range(3))

"""问题查询 (issue 15 item 1): find a 数字化城管 issue one may see by its 查询码, a fragment of the address or the
description, type, area, unit, status, channel, dates or overdue; keyset pages; the XLSX export in the same scope,
logged; bad filters are 400 with the reason. The page, the export and GET /api/v1/issues share one query language."""
from datetime import datetime
from io import BytesIO

import pytest
from django.test import Client
from openpyxl import load_workbook

from fazhi.citydesk import actions as C
from fazhi.citydesk import search
from fazhi.citydesk.models import Category, IssueStatus
from fazhi.org.models import PersonalDataRead
from tests.citydesk.desk import HETANG_WGS84, TZ
from tests.conftest import Api

NOW = datetime(2026, 3, 12, 15, 0, tzinfo=TZ)


def t(day, hour):
    return datetime(2026, 3, day, hour, 0, tzinfo=TZ)


@pytest.fixture
def issues(desk):
    """Four issues: a hotline one dispatched on 3-9 and overdue since (2 工作时), one closed on 3-10, a patrol
    report by the 监督员 on 3-11 not yet accepted, and a 市政 one accepted on 3-11."""
    op, leader, disp = desk["desk_operator"], desk["desk_leader"], desk["desk_dispatcher"]
    lng, lat = HETANG_WGS84
    municipal = Category.objects.create(kind="part", class_code="02", class_name="交通设施", code="05", name="护栏",
                                        filing_condition="护栏损坏", limit=1, limit_unit="工作日", urgent_limit=1,
                                        urgent_unit="工作日", closing_condition="修复", duty="市政设施")

    def dispatched(description, address, at):
        i = C.report(channel="hotline", category=desk["category"], description=description, address=address,
                     lng=lng, lat=lat, by=op, at=at, reporter_name="来电人甲某", reporter_phone="13700001234")
        i = C.register(C.accept(i, by=op, at=at), by=leader, condition_met=True, at=at)
        return C.dispatch(i, by=disp, at=at)

    late = dispatched("人行道上有一堆建筑垃圾", "荷塘区建设北路18号", t(9, 9))
    done = dispatched("小区门口暴露垃圾", "荷塘区新华路3号", t(10, 9))
    done = C.handle(done, by=desk["sanitation_worker"], feedback="已清理", at=t(10, 10))
    done = C.verify(done, by=desk["desk_patroller"], ok=True, at=t(10, 10))
    done = C.close(done, by=leader, at=t(10, 11))
    patrol = C.report(channel="patrol", category=desk["category"], description="绿化带里有塑料袋", lng=lng, lat=lat,
                      by=desk["desk_patroller"], at=t(11, 9), address="荷塘区红旗路2号")
    rail = C.accept(C.report(channel="hotline", category=municipal, description="护栏被撞坏", lng=lng, lat=lat,
                             by=op, at=t(11, 10), address="荷塘区建设北路40号"), by=op, at=t(11, 10))
    return {"late": late, "done": done, "patrol": patrol, "rail": rail}


def _codes(api_user, **params):
    status, body = api_user.get("/issues", **params)
    assert status == 200, body
    return {r["tracking_code"] for r in body["results"]}


def test_tracking_code_address_and_description_fragments(desk, issues):
    op = Api(desk["desk_operator"])
    late, done = issues["late"], issues["done"]
    assert _codes(op, q=late.tracking_code) == {late.tracking_code}
    assert _codes(op, q=late.tracking_code.lower()) == {late.tracking_code}
    # Two-character fragments, of the address and of the description (the doubled index on PostgreSQL).
    assert _codes(op, q="北路") == {late.tracking_code, issues["rail"].tracking_code}
    assert _codes(op, q="暴露") == {done.tracking_code}
    assert _codes(op, q="新华路3号") == {done.tracking_code}
    assert _codes(op, q="不存在的路") == set()


def test_type_region_unit_status_channel_dates_and_overdue(desk, issues, monkeypatch):
    op = Api(desk["desk_operator"])
    late, done, patrol, rail = (issues[k].tracking_code for k in ("late", "done", "patrol", "rail"))
    assert _codes(op, category="E0102") == {late, done, patrol}
    assert _codes(op, category="P02") == {rail}
    assert _codes(op, category="P0205") == {rail}
    assert _codes(op, region="430202") == {late, done, patrol, rail}
    assert _codes(op, region="430203") == set()
    assert _codes(op, unit=str(desk["unit"].pk)) == {late, done}
    assert _codes(op, unit=str(desk["other"].pk)) == set()
    assert _codes(op, status=IssueStatus.CLOSED) == {done}
    assert _codes(op, channel="patrol") == {patrol}
    assert _codes(op, reported_from="2026-03-10", reported_to="2026-03-10") == {done}
    assert _codes(op, reported_from="2026-03-11") == {patrol, rail}
    assert _codes(op, closed_from="2026-03-10", closed_to="2026-03-10") == {done}
    assert _codes(op, closed_to="2026-03-09") == set()
    # Overdue: dispatched, not handled, past the limit (3-9 11:00) — as of the moment asked.
    monkeypatch.setattr("django.utils.timezone.now", lambda: NOW)
    assert _codes(op, overdue="true") == {late}
    monkeypatch.setattr("django.utils.timezone.now", lambda: t(9, 10))
    assert _codes(op, overdue="true") == set()


def test_scoped_to_what_each_role_sees(desk, issues, org):
    # The 监督员 finds their own report and what waits for a 核查, not the hotline issues; the unit what was
    # dispatched to it; an officer without issue access is refused.
    assert _codes(Api(desk["desk_patroller"]), q="荷塘") == {issues["patrol"].tracking_code,
                                                            issues["done"].tracking_code}
    assert _codes(Api(desk["sanitation_worker"]), q="荷塘") == {issues["late"].tracking_code,
                                                               issues["done"].tracking_code}
    from fazhi.org.models import Staff

    status, body = Api(Staff.objects.get(username="hetang_officer1")).get("/issues")
    assert status == 403 and body["code"] == "ACC-01"
    status, body = Api(Staff.objects.get(username="lusong_head")).get("/issues")
    assert status == 200 and body["results"] == []


def test_keyset_pages_follow_each_other_without_gaps(desk, issues):
    op = Api(desk["desk_operator"])
    for sort in search.SORTS:
        seen, cursor = [], None
        while True:
            params = {"sort": sort, "limit": "1", **({"cursor": cursor} if cursor else {})}
            status, body = op.get("/issues", **params)
            assert status == 200, body
            seen += [r["tracking_code"] for r in body["results"]]
            cursor = body["next_cursor"]
            if not cursor:
                break
        assert sorted(seen) == sorted(i.tracking_code for i in issues.values()), sort
        assert len(seen) == 4
    status, body = op.get("/issues", sort="reported_at", limit="10")
    assert [r["tracking_code"] for r in body["results"]][0] == issues["late"].tracking_code


@pytest.mark.parametrize("params, words", [
    ({"q": "垃"}, "至少输入两个字"),
    ({"q": "路" * 61}, "过长"),
    ({"category": "X99"}, "小类代码"),
    ({"region": "荷塘"}, "区划代码"),
    ({"unit": "abc"}, "处置单位"),
    ({"status": "lost"}, "状态"),
    ({"channel": "fax"}, "来源"),
    ({"reported_from": "2026-02-30"}, "有效日期"),
    ({"reported_from": "2026-03-10", "reported_to": "2026-03-01"}, "起始日期晚于截止日期"),
    ({"sort": "due_at"}, "排序"),
    ({"cursor": "not-a-cursor"}, "翻页参数"),
])
def test_bad_filters_are_400_with_the_reason(desk, issues, params, words):
    status, body = Api(desk["desk_operator"]).get("/issues", **params)
    assert status == 400 and words in body["message"], body
    web = Client()
    web.force_login(desk["desk_operator"])
    r = web.get("/citydesk/search/", params)
    assert r.status_code == 400 and words in r.content.decode()
    if "cursor" not in params:
        assert web.get("/citydesk/export.xlsx", params).status_code == 400


def test_page_and_export_share_the_query_and_the_export_is_logged(desk, issues):
    web = Client()
    web.force_login(desk["desk_operator"])
    r = web.get("/citydesk/search/", {"q": "北路"})
    page = r.content.decode()
    assert r.status_code == 200
    assert issues["late"].tracking_code in page and issues["rail"].tracking_code in page
    assert issues["done"].tracking_code not in page
    assert "来电人甲某" not in page and "None" not in page
    assert "/citydesk/export.xlsx?q=" in page
    before = PersonalDataRead.objects.count()
    r = web.get("/citydesk/export.xlsx", {"q": "北路"})
    assert r.status_code == 200
    ws = load_workbook(BytesIO(r.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "查询码" and rows[0][-2:] == ("反映人", "联系电话")
    assert {row[0] for row in rows[1:]} == {issues["late"].tracking_code, issues["rail"].tracking_code}
    assert "13700001234" in {row[-1] for row in rows[1:]}
    log = PersonalDataRead.objects.order_by("id")[before:]
    assert [(x.record, x.staff_id) for x in log] == [("issues:search", desk["desk_operator"].pk)]
    # A 处置单位's export carries no reporter.
    unit = Client()
    unit.force_login(desk["sanitation_worker"])
    rows = list(load_workbook(BytesIO(unit.get("/citydesk/export.xlsx").content)).active.iter_rows(values_only=True))
    assert "反映人" not in rows[0] and len(rows) == 3

"""检查查询 (issue 15 item 1): find an inspection of one's subtree by the subject's name or credit code, the item,
an inspector, status, kind, dates, or where it came from (a 双随机 draw or registered by hand); keyset pages; the
XLSX export in the same scope, logged; bad filters are 400. Page, export and GET /api/v1/inspections share one
query language."""
from datetime import date
from io import BytesIO

import pytest
from django.test import Client
from openpyxl import load_workbook

from fazhi.inspections import actions as I
from fazhi.inspections import search
from fazhi.inspections.models import Draw, InspectionKind, Subject
from fazhi.org.models import PersonalDataRead, Staff
from tests.conftest import Api
from tests.inspections.test_inspections import ON, code, setup  # noqa: F401 (the fixture)


@pytest.fixture
def made(setup):  # noqa: F811
    s1, s2, s3 = Subject.objects.order_by("credit_code")[:3]
    pair = [setup["hetang_officer1"], setup["hetang_officer2"]]
    a = I.plan_inspection(by=setup["hetang_squad1"], on=ON, subject=s1, items=[setup["item"]], officers=pair,
                          planned_on=date(2026, 3, 5))
    a = I.approve(a, by=setup["hetang_head"], on=ON)
    a = I.record(a, by=setup["hetang_officer1"], on=date(2026, 3, 5), findings="设施牢固")
    b = I.plan_inspection(by=setup["hetang_squad1"], on=ON, subject=s2, items=[setup["item"]], officers=pair,
                          kind=InspectionKind.COMPLAINT, planned_on=date(2026, 3, 9))
    d = I.commit_draw(by=setup["hetang_squad1"], on=ON, title="三月双随机", items=[setup["item"]],
                      quotas={"high": 1, "medium": 0, "low": 0}, seed_commitment=_commitment())
    d = I.run_draw(d, by=setup["hetang_squad1"], on=ON, seed=SEED)
    drawn = list(d.inspections.all())
    return {"a": a, "b": b, "draw": d, "drawn": drawn, "s1": s1, "s2": s2, "s3": s3}


SEED = "00" * 32


def _commitment():
    import hashlib

    return hashlib.sha256(SEED.encode()).hexdigest()


def _names(api_user, **params):
    status, body = api_user.get("/inspections", **params)
    assert status == 200, body
    return sorted(r["subject"] for r in body["results"])


def test_subject_name_fragment_and_credit_code(setup, made):  # noqa: F811
    squad = Api(setup["hetang_squad1"])
    s1 = made["s1"]
    assert s1.name in _names(squad, q=s1.name[-6:])
    assert _names(squad, q=s1.credit_code) == [s1.name]
    assert _names(squad, q=s1.credit_code.lower()) == [s1.name]
    assert _names(squad, q="没有这家公司") == []
    # A fragment with a digit also looks in the credit codes: every subject found has it.
    tail = s1.credit_code[-6:]
    status, body = squad.get("/inspections", q=tail)
    assert s1.credit_code in {r["credit_code"] for r in body["results"]}
    assert all(tail in r["credit_code"] for r in body["results"])
    assert len(body["results"]) < 2 + len(made["drawn"])


def test_item_inspector_status_kind_dates_and_origin(setup, made):  # noqa: F811
    squad = Api(setup["hetang_squad1"])
    a, b = made["s1"].name, made["s2"].name
    drawn = sorted(i.subject.name for i in made["drawn"])
    assert drawn
    everything = sorted([a, b, *drawn])
    assert _names(squad, item=str(setup["item"].pk)) == everything
    assert _names(squad, item=str(setup["unlisted"].pk)) == []
    assert _names(squad, inspector=setup["hetang_officer1"].full_name) == sorted([a, b])
    assert _names(squad, status="done") == [a]
    assert _names(squad, kind="complaint") == [b]
    assert _names(squad, planned_from="2026-03-04", planned_to="2026-03-06") == [a]
    assert _names(squad, inspected_from="2026-03-05", inspected_to="2026-03-05") == [a]
    assert _names(squad, inspected_to="2026-03-04") == []
    assert _names(squad, origin="draw") == drawn
    assert _names(squad, origin="manual") == sorted([a, b])
    assert _names(squad, draw=str(made["draw"].uuid)) == drawn
    other = Draw.objects.exclude(pk=made["draw"].pk).first()
    assert other is None  # one draw: the next filter can only find it or nothing
    assert _names(squad, draw="6f1c0c5e-0000-4000-8000-000000000000") == []


def test_scoped_to_the_subtree_and_the_role(setup, made, org):  # noqa: F811
    assert _names(Api(Staff.objects.get(username="lusong_officer1"))) == []
    assert len(_names(Api(Staff.objects.get(username="city_supervisor")))) == 2 + len(made["drawn"])
    status, body = Api(Staff.objects.get(username="hetang_reviewer")).get("/inspections")
    assert status == 403 and body["code"] == "ACC-01"


def test_keyset_pages(setup, made):  # noqa: F811
    squad = Api(setup["hetang_squad1"])
    total = 2 + len(made["drawn"])
    for sort in search.SORTS:
        seen, cursor = [], None
        while True:
            status, body = squad.get("/inspections", sort=sort, limit="1", **({"cursor": cursor} if cursor else {}))
            assert status == 200, body
            seen += [r["uuid"] for r in body["results"]]
            cursor = body["next_cursor"]
            if not cursor:
                break
        assert len(seen) == len(set(seen)) == total, sort


@pytest.mark.parametrize("params, words", [
    ({"q": "株"}, "至少输入两个字"),
    ({"item": "-1"}, "检查事项"),
    ({"status": "lost"}, "状态"),
    ({"kind": "raid"}, "检查类型"),
    ({"origin": "plan"}, "检查来源"),
    ({"draw": "abc"}, "抽取批次"),
    ({"planned_from": "2026-13-01"}, "有效日期"),
    ({"inspected_from": "2026-03-10", "inspected_to": "2026-03-01"}, "起始日期晚于截止日期"),
    ({"sort": "subject"}, "排序"),
    ({"cursor": "eyJ4Ijox"}, "翻页参数"),
])
def test_bad_filters_are_400_with_the_reason(setup, made, params, words):  # noqa: F811
    status, body = Api(setup["hetang_squad1"]).get("/inspections", **params)
    assert status == 400 and words in body["message"], body
    web = Client()
    web.force_login(setup["hetang_squad1"])
    r = web.get("/inspections/search/", params)
    assert r.status_code == 400 and words in r.content.decode()


def test_page_and_export_share_the_query_and_the_export_is_logged(setup, made):  # noqa: F811
    web = Client()
    web.force_login(setup["hetang_squad1"])
    r = web.get("/inspections/search/", {"kind": "complaint"})
    page = r.content.decode()
    assert r.status_code == 200 and made["s2"].name in page and made["s1"].name not in page
    assert "None" not in page
    before = PersonalDataRead.objects.count()
    r = web.get("/inspections/export.xlsx", {"kind": "complaint"})
    rows = list(load_workbook(BytesIO(r.content)).active.iter_rows(values_only=True))
    assert rows[0][:2] == ("检查对象", "统一社会信用代码")
    assert [row[1] for row in rows[1:]] == [made["s2"].credit_code]
    log = PersonalDataRead.objects.order_by("id")[before:]
    assert [(x.record, x.staff_id) for x in log] == [("inspections:search", setup["hetang_squad1"].pk)]

"""Issue 7 §1: the public portal. A decision published on the 8th working day counts late in 公示及时率; a
withdrawn decision leaves the portal and its withdrawal is logged; a crawl of the whole portal over the demo data
finds no unmasked 18-digit ID number or mobile number."""
import random
import re
from datetime import date
from urllib.parse import urljoin

import pytest
from django.test import Client

from fazhi.cases.demo import build_cases
from fazhi.cases.models import PenaltyCase
from fazhi.catalog.demo import build_catalogue
from fazhi.core.models import Event
from fazhi.disclosure import actions as P
from fazhi.disclosure.demo import build_publications
from fazhi.disclosure.models import Publication
from fazhi.inspections.demo import build_inspections
from fazhi.law.basis import RuleViolation
from fazhi.law.disclosure import ID_NUMBER, MOBILE, mask_name, scrub
from fazhi.org.demo import _name, build_org
from fazhi.org.models import Bureau, Staff
from tests.test_api_scenarios import act, ok, reported


def decided(api, party_kind="citizen"):
    c = reported(api, fine="200", party_kind=party_kind)
    ok(act(api, "hetang_officer1", c, "notify", on="2026-03-11"))
    ok(act(api, "hetang_officer1", c, "waive_rights", on="2026-03-11", statement="放弃"))
    ok(act(api, "hetang_head", c, "decide", on="2026-03-12", correction_order="改正"))
    return PenaltyCase.objects.get(uuid=c)


@pytest.mark.parametrize("published_on,on_time", [("2026-03-23", True), ("2026-03-24", False)])
def test_PUB_03_published_on_the_8th_working_day_is_late(api, published_on, on_time):
    case = decided(api)  # decided Thursday 2026-03-12: 7th working day is 03-23
    p = P.publish(case, by=Staff.objects.get(username="hetang_head"), on=date.fromisoformat(published_on))
    assert p.due == date(2026, 3, 23) and p.on_time is on_time
    t = P.timeliness(Bureau.objects.get(code="430200"), 2026)  # the city counts its districts
    assert (t["公开数"], t["按期公开数"]) == (1, 1 if on_time else 0)


def test_PEN_29_withdrawn_decision_leaves_the_portal_and_is_logged(api):
    case = decided(api)
    head = Staff.objects.get(username="hetang_head")
    p = P.publish(case, by=head, on=date(2026, 3, 13))
    public = Client()
    assert case.decision_no in public.get("/public/decisions/").content.decode()
    assert public.get(f"/public/decisions/{p.uuid}/").status_code == 200
    with pytest.raises(RuleViolation):
        P.withdraw(p, by=head, on=date(2026, 4, 2), reason=" ", changed_on=date(2026, 4, 1))
    P.withdraw(p, by=head, on=date(2026, 4, 8), reason="经行政复议撤销", changed_on=date(2026, 4, 1))
    assert case.decision_no not in public.get("/public/decisions/").content.decode()
    assert public.get(f"/public/decisions/{p.uuid}/").status_code == 404
    assert case.decision_no not in public.get("/public/feed/penalties.csv").content.decode()
    ev = Event.objects.get(stream=p.stream, kind="withdraw")
    # 3 WD after Wed 04-01 is Tue 04-07 (清明 04-04..06 in between): withdrawn on 04-08, one day late.
    assert ev.data["reason"] == "经行政复议撤销" and ev.data["due"] == "2026-04-07" and ev.data["late"] is True
    assert Publication.objects.get(pk=p.pk).withdrawn_by == head


def test_masking():
    assert mask_name("王强") == "王*" and mask_name("欧阳明月") == "欧阳**" and mask_name("李") == "李*"
    text = scrub("当事人张三（身份证430202199001011234，电话13907331234、0731-22881234）")
    assert not ID_NUMBER.search(text) and not MOBILE.search(text) and "0731" not in text


def test_portal_crawl_finds_no_unmasked_id_or_mobile(db):
    rng, used = random.Random(20261122), set()
    today = date(2026, 11, 20)
    staff = build_org(rng, today)
    build_catalogue(Bureau.objects.get(parent=None))
    build_cases(staff, rng, today, lambda: _name(rng, used), general_per_bureau=10, simple_per_bureau=3)
    build_inspections(staff, rng, today)
    assert build_publications(staff, rng, today) > 10
    # Plant an ID and a phone number in one case's facts, as an officer might type them.
    case = Publication.objects.filter(natural_person=True).first().case
    PenaltyCase.objects.filter(pk=case.pk).update(facts="当事人（身份证430202199001011234，手机13907331234）在车站路摆卖")
    P.withdraw(case.publications.get(withdrawn_on=None), by=Staff.objects.get(username=f"{_slug(case)}_head"),
               on=today, reason="更正", changed_on=today)
    P.publish(PenaltyCase.objects.get(pk=case.pk), by=Staff.objects.get(username=f"{_slug(case)}_head"), on=today)
    client, seen, queue = Client(), set(), ["/public/"]
    pages = 0
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        r = client.get(url)
        assert r.status_code == 200, url
        body = r.content.decode("utf-8", errors="ignore") if not url.endswith(".xlsx") else ""
        pages += 1
        assert not ID_NUMBER.search(body), url
        assert not MOBILE.search(body), url
        for href in re.findall(r'href="([^"]+)"', body):
            nxt = urljoin(url, href)
            if nxt.startswith("/public/") and nxt not in seen:
                queue.append(nxt)
    assert pages > 20 and "/public/feed/penalties.json" in seen


def _slug(case):
    return {"430202": "hetang", "430203": "lusong", "430204": "shifeng", "430211": "tianyuan", "430212": "lukou",
            "430281": "liling"}[case.bureau.code]


def test_staff_publish_and_withdraw_from_the_case_page(api):
    case = decided(api)
    c = Client()
    c.force_login(Staff.objects.get(username="hetang_head"))
    r = c.post(f"/cases/{case.uuid}/publish/", {"on": "2026-03-13"})
    assert r.status_code == 302
    p = Publication.objects.get(case=case)
    assert "按期" in c.get(f"/cases/{case.uuid}/").content.decode()
    c.post(f"/publications/{p.uuid}/withdraw/", {"on": "2026-04-02", "changed_on": "2026-04-01", "reason": "复议变更"})
    assert Publication.objects.get(pk=p.pk).withdrawn_on == date(2026, 4, 2)
    officer = Client()
    officer.force_login(Staff.objects.get(username="hetang_officer1"))
    officer.post(f"/cases/{case.uuid}/publish/", {"on": "2026-04-03"})
    assert Publication.objects.filter(case=case, withdrawn_on=None).count() == 0  # an officer may not publish


@pytest.mark.parametrize("withdrawn_on,late", [("2026-04-07", False), ("2026-04-08", True)])
def test_PEN_29_withdrawal_on_the_third_working_day_is_in_time(api, withdrawn_on, late):
    case = decided(api)
    head = Staff.objects.get(username="hetang_head")
    p = P.publish(case, by=head, on=date(2026, 3, 13))
    P.withdraw(p, by=head, on=date.fromisoformat(withdrawn_on), reason="复议撤销", changed_on=date(2026, 4, 1))
    assert Event.objects.get(stream=p.stream, kind="withdraw").data["late"] is late


@pytest.mark.parametrize("result,withdrawn", [("撤销", True), ("确认违法", True), ("维持", False), ("驳回", False)])
def test_PEN_29_a_changing_appeal_result_withdraws_the_publication_at_once(api, result, withdrawn):
    case = decided(api)
    p = P.publish(case, by=Staff.objects.get(username="hetang_head"), on=date(2026, 3, 13))
    from tests.disputes.helpers import end_on_case

    ok(end_on_case(api, case.uuid, filed_on="2026-04-01", ended_on="2026-05-06", result=result)[1])
    p.refresh_from_db()
    assert (p.withdrawn_on == date(2026, 5, 6)) is withdrawn
    listed = case.decision_no in Client().get("/public/decisions/").content.decode()
    assert listed is not withdrawn
    if withdrawn:
        ev = Event.objects.get(stream=p.stream, kind="withdraw")
        assert ev.data["automatic"] and result in ev.data["reason"] and ev.actor == "hetang_reviewer"
    from fazhi.reports import figures as F
    scope = F.Scope(Bureau.objects.get(code="430202"), date(2026, 1, 1), date(2026, 12, 31))
    # §C.2: one 复议 decided on the merits; 撤销 and 确认违法 correct the agency, 维持 and 驳回 do not.
    assert F.BY_KEY["reconsideration_corrected"].compute(scope) == F.Rate(1 if withdrawn else 0, 1)
    assert F.BY_KEY["lawsuit_lost"].compute(scope) == F.Rate(0, 0)


def test_REV_07_an_appeal_result_outside_the_enumeration_is_refused(api):

    from fazhi.disputes import actions as D
    from fazhi.disputes.models import Dispute
    from tests.disputes.helpers import answer, open_on_case

    case = decided(api)
    d = open_on_case(api, case.uuid, filed_on="2026-04-01", kind="lawsuit", body="荷塘区人民法院")
    answer(api, d, on="2026-04-01")
    with pytest.raises(RuleViolation) as e:
        D.record_result(Dispute.objects.get(uuid=d), by=Staff.objects.get(username="hetang_reviewer"),
                        on=date(2026, 5, 6), result="部分支持")
    assert e.value.code == "REV-07"

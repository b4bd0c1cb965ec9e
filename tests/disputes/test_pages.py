"""The staff pages of 行政复议和行政应诉 (issue #30 §2, #16): the board with its clocks, registering a 复议 on a
decided case from the page, a dispute's page offering its steps, a refusal shown in place with its basis, the
负责人 picked from the staff register, and the 出庭 documents."""
from django.test import Client

from fazhi.disputes.models import Dispute
from fazhi.org.models import Staff
from tests.disputes.helpers import answer, open_on_case
from tests.test_disclosure import decided


def login(username):
    c = Client()
    c.force_login(Staff.objects.get(username=username))
    return c


def test_board_lists_the_answer_clock_with_its_consequence(api):
    case = decided(api)
    d = open_on_case(api, case.uuid, filed_on="2026-04-01", received_on="2026-04-03")
    page = login("hetang_reviewer").get("/disputes/").content.decode()
    assert "行政复议答复期限" in page and "2026-04-20" in page and f"/disputes/{d}/" in page
    assert "视为该行政行为没有证据、依据" in page
    assert login("lusong_officer1").get(f"/disputes/{d}/").status_code in (403, 404)


def test_register_from_the_page_then_answer_refused_in_place_then_done(api):
    case = decided(api)
    c = login("hetang_reviewer")
    r = c.post("/disputes/new", {"on": "2026-04-03", "kind": "reconsideration", "applicant": "李四",
                                 "applicant_kind": "citizen", "body": "株洲市荷塘区人民政府", "act_kind": "penalty",
                                 "act_description": "行政处罚决定", "case": str(case.uuid), "filed_on": "2026-04-01"})
    assert r.status_code == 302, r.content.decode()[:2000]
    d = Dispute.objects.get(applicant="李四")
    page = c.get(f"/disputes/{d.uuid}/").content.decode()
    assert 'id="do-file_answer"' in page and 'id="do-record_result"' not in page
    # No evidence list yet: the answer package is incomplete (DSP-04), shown in place, typed value kept.
    r = c.post(f"/disputes/{d.uuid}/do/file_answer", {"on": "2026-04-10", "document": "行政复议答复书（荷城管复答〔2026〕1号）"})
    assert r.status_code == 409
    page = r.content.decode()
    assert "DSP-04" in page and "荷城管复答〔2026〕1号" in page
    assert Dispute.objects.get(pk=d.pk).status == "received"
    assert c.post(f"/disputes/{d.uuid}/do/add_evidence", {"on": "2026-04-10", "title": "现场检查笔录",
                                                         "collected_on": "2026-03-04"}).status_code == 302
    r = c.post(f"/disputes/{d.uuid}/do/file_answer", {"on": "2026-04-10", "document": "行政复议答复书",
                                                     "basis_text": "《城市市容和环境卫生管理条例》第三十六条"})
    assert r.status_code == 302 and Dispute.objects.get(pk=d.pk).status == "answered"


def test_officer_sees_no_forms_and_the_case_links_to_its_dispute(api):
    case = decided(api)
    d = open_on_case(api, case.uuid, filed_on="2026-04-01")
    page = login("hetang_officer1").get(f"/cases/{case.uuid}/").content.decode()
    assert f"/disputes/{d}/" in page
    r = login("hetang_officer1").get(f"/disputes/{d}/")
    if r.status_code == 200:
        assert 'id="do-' not in r.content.decode()


def test_the_head_who_appears_is_picked_from_the_register_and_printed(api):
    case = decided(api)
    d = open_on_case(api, case.uuid, filed_on="2026-04-01", kind="lawsuit", body="株洲市荷塘区人民法院")
    c = login("hetang_reviewer")
    page = c.get(f"/disputes/{d}/").content.decode()
    assert 'name="appeared"' in page and "hetang_head" in page
    assert "lusong_head" not in page  # another bureau's head is not offered
    r = c.post(f"/disputes/{d}/do/arrange_appearance", {"on": "2026-04-10", "held_on": "2026-05-08",
                                                      "position": "principal", "appeared": "hetang_head",
                                                      "place": "荷塘区人民法院第三法庭"})
    assert r.status_code == 302, r.content.decode()[:3000]
    pdf = c.get(f"/disputes/{d}/documents/identity.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    # #31 §3: the documents as served — no explanatory statute note, one form of address
    from fazhi.core import doclint
    from fazhi.core.layout import to_pdf
    from fazhi.disputes import documents as DD
    from fazhi.disputes.models import Dispute

    record = Dispute.objects.get(uuid=d)
    for kind in (k for k in DD.KINDS if k.ready(record)):
        doc = kind.build(record)
        printed = to_pdf(doc)
        assert doclint.served_problems(doc, printed) == [], kind.key
        assert "依据：" not in doclint.flat_text(printed), kind.key
    r = c.post(f"/disputes/{d}/do/arrange_appearance", {"on": "2026-04-10", "held_on": "2026-05-08",
                                                      "position": "principal", "appeared": "lusong_head"})
    assert r.status_code == 409 and "DSP-06" in r.content.decode()


def test_answered_dispute_offers_the_result(api):
    case = decided(api)
    d = open_on_case(api, case.uuid, filed_on="2026-04-01")
    answer(api, d, on="2026-04-10")
    page = login("hetang_reviewer").get(f"/disputes/{d}/").content.decode()
    assert 'id="do-record_result"' in page and 'id="do-file_answer"' not in page

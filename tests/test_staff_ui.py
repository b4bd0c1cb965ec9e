"""Staff UI (issue 3 §1) without a browser: queues per role, forms only for steps the user may take, a refusal
shown in place with its basis and the typed values kept, the field page for 当场处罚 with its printable
decision."""
from django.test import Client

from fazhi.cases.models import PenaltyCase
from fazhi.org.models import Staff
from tests.test_api_scenarios import OFFICERS, act, clue, ok, reported


def login(username):
    c = Client()
    c.force_login(Staff.objects.get(username=username))
    return c


def test_queues_per_role(api):
    c = reported(api, flags={"major_public_interest": True})
    waiting = PenaltyCase.objects.get(uuid=c)
    officer = login("hetang_officer1").get("/").content.decode()
    assert "我承办的案件" in officer and waiting.party_name in officer and "案源登记" in officer
    reviewer = login("hetang_reviewer").get("/").content.decode()
    assert "待法制审核" in reviewer and f"/cases/{c}/#do-legal_review" in reviewer
    head = login("hetang_head").get("/").content.decode()
    # The review comes first (PEN-12): the head's decision is their job only after it.
    assert f"/cases/{c}/#do-decide" not in head and f"/cases/{c}/#do-deliberate" not in head
    ok(act(api, "hetang_reviewer", c, "legal_review", on="2026-03-11", passed=True, opinion="事实清楚，证据确凿"))
    head = login("hetang_head").get("/").content.decode()
    assert "待作出决定" in head and f"/cases/{c}/#do-decide" in head  # no deliberation needed for 5,000元 (PEN-13)
    assert f"/cases/{c}/#do-legal_review" not in login("hetang_reviewer").get("/").content.decode()
    city = login("city_supervisor").get("/").content.decode()
    assert "辖区在办案件" in city and f"/cases/{c}/" in city
    other = login("lusong_officer1").get("/").content.decode()
    assert f"/cases/{c}/" not in other  # another district never sees it


def test_only_the_steps_the_user_may_take_are_offered(api):
    c = clue(api)
    officer = login("hetang_officer1").get(f"/cases/{c}/").content.decode()
    assert 'id="do-file"' not in officer  # 立案 is the leader's
    head = login("hetang_head").get(f"/cases/{c}/").content.decode()
    assert 'id="do-file"' in head and 'id="do-reject_clue"' in head
    assert login("lusong_officer1").get(f"/cases/{c}/").status_code == 404


def test_refusal_in_place_with_basis_and_typed_values_kept(api):
    c = reported(api)
    r = login("hetang_head").post(f"/cases/{c}/do/decide/", {"on": "2026-03-12", "correction_order": "立即清理堆料"})
    page = r.content.decode()
    assert r.status_code == 409
    # The rule's code stays behind the 依据 disclosure, beside the law and article.
    assert "不予办理：" in page and "不予办理（" not in page
    assert "《中华人民共和国行政处罚法》第六十二条（规则 PEN-08）" in page
    assert "立即清理堆料" in page and 'value="2026-03-12"' in page
    assert PenaltyCase.objects.get(uuid=c).status == "reported"


def test_action_form_performs_the_step_and_redirects(api):
    c = clue(api)
    r = login("hetang_head").post(f"/cases/{c}/do/file/", {"on": "2026-03-03", "officers": OFFICERS})
    assert r.status_code == 302
    assert PenaltyCase.objects.get(uuid=c).status == "investigating"
    r = login("hetang_officer1").post(f"/cases/{c}/do/add_evidence/", {"on": "2026-03-04"})
    assert r.status_code == 409 and "种类：必填" in r.content.decode()


def test_field_page_decides_on_the_spot_and_offers_the_printed_decision(api):
    form = {"on": "2026-03-02", "party_kind": "citizen", "party_name": "李明", "party_address": "株洲市车站路8号",
            "cause": "乱扔废弃物", "facts": "当事人在车站路乱扔烟头", "act_on": "2026-03-02", "discovered_on": "2026-03-02",
            "penalty_provision": "《城市市容和环境卫生管理条例》第三十四条第（一）项", "officers": ["hetang_officer2"],
            "kinds": ["fine"], "fine": "201", "statement": "无异议", "correction_order": "当场清理",
            "facts_certain": "on",  # sent by the page
            "signature_refused": "on", "witness": "路过群众张某"}
    client = login("hetang_officer1")
    assert "当场处罚" in client.get("/field/").content.decode()
    unsigned = {k: v for k, v in form.items() if k not in ("signature_refused", "witness")}
    r = client.post("/field/", {**unsigned, "fine": "50"})  # neither signed nor the refusal noted (Art 52)
    assert r.status_code == 409 and "拒绝签收" in r.content.decode()
    r = client.post("/field/", {**form, "signature": "data:image/png;base64,bm90IGEgcG5n"})
    assert r.status_code == 409 and "签名图像无效" in r.content.decode()
    r = client.post("/field/", form)
    assert r.status_code == 409 and "PEN-01" in r.content.decode()  # 201 CNY on a citizen: not on the spot
    r = client.post("/field/", {**form, "fine": "50"})
    assert r.status_code == 302
    page = client.get(r["Location"]).content.decode()
    assert "打印当场行政处罚决定书" in page and "documents/on_site.pdf" in page
    pdf = client.get(r["Location"].replace("/cases/", "/api/v1/cases/").rstrip("/") + "/documents/on_site.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_evidence_upload_form(api, settings, tmp_path):
    settings.FAZHI_BLOB_DIR = tmp_path
    c = clue(api)
    ok(act(api, "hetang_head", c, "file", on="2026-03-03", officers=OFFICERS))
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login("hetang_officer1")
    r = client.post(f"/cases/{c}/evidence/", {"file": SimpleUploadedFile("p.jpg", b"jpeg-bytes", "image/jpeg"),
                                              "kind": "audiovisual", "title": "现场照片", "on": "2026-03-04"})
    assert r.status_code == 302
    assert "现场照片" in client.get(f"/cases/{c}/").content.decode()
    r = client.post(f"/cases/{c}/evidence/", {"file": SimpleUploadedFile("p.jpg", b"jpeg-bytes", "image/jpeg"),
                                              "kind": "audiovisual", "title": "同一照片", "on": "2026-03-04"})
    assert r.status_code == 409 and "CASE-DUPLICATE" in r.content.decode()


def test_desk_follows_review_then_deliberation_then_decision_PEN_12_PEN_13(api):
    c = reported(api, fine="100000")  # 重大 for an organisation (LRV-04): review, then deliberation, then decision
    ok(act(api, "hetang_officer1", c, "notify", on="2026-03-11"))
    ok(act(api, "hetang_officer1", c, "waive_rights", on="2026-03-11", statement="放弃"))

    def head_jobs():
        page = login("hetang_head").get("/").content.decode()
        return {a for a in ("legal_review", "deliberate", "decide") if f"/cases/{c}/#do-{a}" in page}

    assert head_jobs() == set()
    assert f"/cases/{c}/#do-legal_review" in login("hetang_reviewer").get("/").content.decode()
    ok(act(api, "hetang_reviewer", c, "legal_review", on="2026-03-12", passed=True, opinion="同意"))
    assert head_jobs() == {"deliberate"}
    attendees = ["hetang_head", "hetang_deputy", "hetang_reviewer"]
    ok(act(api, "hetang_head", c, "deliberate", on="2026-03-13", attendees=attendees, conclusion="同意"))
    assert head_jobs() == {"decide"}
    # The case page offers every step the head may take all along (the desk lists only what is due).
    assert 'id="do-decide"' in login("hetang_head").get(f"/cases/{c}/").content.decode()

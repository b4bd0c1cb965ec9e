"""#31 §4: every 笔录-kind evidence — 询问、勘验、现场、听证笔录 — carries its officers, the person and its times,
checked under PEN-04 (行政处罚法第四十二条、第五十五条). A 现场笔录 posted as plain evidence is refused, whatever its
title; a statement is a 笔录 when it is named one; other evidence needs no record fields."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from fazhi.cases.models import Evidence
from fazhi.law.basis import RuleViolation
from fazhi.law.penalty import EvidenceKind, check_record_made, is_record
from fazhi.org.models import Staff
from tests.test_api_scenarios import OFFICERS, act, clue, ok, refused, site_record


@pytest.fixture
def filed(api):
    c = clue(api)
    ok(act(api, "hetang_head", c, "file", on="2026-03-03", officers=OFFICERS))
    return c


@pytest.mark.parametrize("kind, title, record", [
    (EvidenceKind.INSPECTION, "现场笔录", True), (EvidenceKind.INSPECTION, "现场照片说明", True),
    (EvidenceKind.PARTY_STATEMENT, "询问笔录", True), (EvidenceKind.WITNESS, "证人询问笔录", True),
    (EvidenceKind.PARTY_STATEMENT, "听证笔录", True), (EvidenceKind.PARTY_STATEMENT, "当事人书面陈述", False),
    (EvidenceKind.AUDIOVISUAL, "询问笔录同步录像", False), (EvidenceKind.DOCUMENTARY, "营业执照复印件", False),
])
def test_which_evidence_is_a_record(kind, title, record):
    assert is_record(kind, title) is record
    if record:
        with pytest.raises(RuleViolation) as e:
            check_record_made(kind, title, has_record=False)
        assert e.value.code == "PEN-04" and "执法人员" in e.value.message
    check_record_made(kind, title, has_record=True)


@pytest.mark.parametrize("kind, title", [("inspection", "现场笔录"), ("inspection", "勘验笔录"),
                                         ("party_statement", "询问笔录"), ("witness", "证人询问笔录"),
                                         ("party_statement", "听证笔录")])
def test_a_record_posted_without_its_fields_is_refused_and_nothing_is_saved(api, filed, kind, title):
    body = refused(act(api, "hetang_officer1", filed, "add_evidence", on="2026-03-04", kind=kind, title=title),
                   "PEN-04")
    assert body["basis"]["article"] == 42
    assert not Evidence.objects.filter(case__uuid=filed).exists()


def test_a_site_record_with_its_fields_is_accepted_naming_its_officers(api, filed):
    body = ok(act(api, "hetang_officer1", filed, "add_evidence", on="2026-03-04", kind="inspection", title="现场笔录",
                  **site_record("2026-03-04")))
    rec = body["evidence"][-1]["record"]
    assert rec["type_label"] == "现场检查笔录" and len(rec["officers"]) == 2 and rec["person"] == "王强"


def test_a_hearing_record_is_a_record_type_of_its_own(api, filed):
    body = ok(act(api, "hetang_officer1", filed, "add_evidence", on="2026-03-04", kind="party_statement",
                  title="听证笔录", record_type="hearing", record_officers=OFFICERS, record_person="王强",
                  record_person_role="当事人", started_at="2026-03-04T14:00", ended_at="2026-03-04T15:10"))
    assert body["evidence"][-1]["record"]["type_label"] == "听证笔录"
    refused(act(api, "hetang_officer1", filed, "add_evidence", on="2026-03-04", kind="inspection", title="听证笔录",
                record_type="hearing", record_officers=OFFICERS, record_person="王强",
                started_at="2026-03-04T14:00", ended_at="2026-03-04T15:10"), "PEN-26")


def test_a_written_statement_and_other_evidence_need_no_record_fields(api, filed):
    ok(act(api, "hetang_officer1", filed, "add_evidence", on="2026-03-04", kind="party_statement", title="当事人书面陈述"))
    ok(act(api, "hetang_officer1", filed, "add_evidence", on="2026-03-04", kind="documentary", title="营业执照复印件"))


def test_a_scanned_site_record_uploads_through_the_api_with_its_fields(api, filed, settings, tmp_path):
    settings.FAZHI_BLOB_DIR = tmp_path
    client = Client()
    client.force_login(Staff.objects.get(username="hetang_officer1"))
    url = f"/api/v1/cases/{filed}/evidence"
    form = {"kind": "inspection", "title": "现场检查笔录（扫描件）", "on": "2026-03-04"}
    r = client.post(url, {**form, "file": SimpleUploadedFile("s.pdf", b"%PDF-1.4 scan", "application/pdf")})
    assert r.status_code == 409 and r.json()["code"] == "PEN-04"
    r = client.post(url, {**form, "file": SimpleUploadedFile("s.pdf", b"%PDF-1.4 scan", "application/pdf"),
                          "record_type": "site", "record_officers": "hetang_officer1,hetang_officer2",
                          "record_person": "王强", "started_at": "2026-03-04T09:00", "ended_at": "2026-03-04T09:30"})
    assert r.status_code == 200, r.content
    ev = Evidence.objects.get(case__uuid=filed)
    assert ev.record_type == "site" and ev.record_officers.count() == 2 and ev.size > 0
    r = client.post(url, {**form, "file": SimpleUploadedFile("t.pdf", b"%PDF-1.4 other", "application/pdf"),
                          "record_type": "site", "record_officers": "nobody", "record_person": "王强",
                          "started_at": "2026-03-04T09:00", "ended_at": "2026-03-04T09:30"})
    assert r.status_code == 422


def test_the_case_page_upload_form_carries_the_record_fields(api, filed):
    client = Client()
    client.force_login(Staff.objects.get(username="hetang_officer1"))
    page = client.get(f"/cases/{filed}/").content.decode()
    upload = page[page.index("上传证据文件"):]
    assert 'name="record_type"' in upload and 'name="record_officers"' in upload and 'name="started_at"' in upload

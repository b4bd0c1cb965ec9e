"""Issue 12 §5: upload size limits hold before the bytes reach disk. Staff evidence up to
FAZHI_EVIDENCE_MAX_BYTES, anonymous and public-channel uploads (public report photos, Open311 media) up to
FAZHI_PUBLIC_UPLOAD_MAX_BYTES: at the limit accepted, one byte over refused with 413 and a Chinese message; a
Content-Length over the limit is refused unread; a refused upload — over the limit or refused by the action —
leaves no temporary file and no stored blob."""
import hashlib
import io
import json

import pytest
from django.test import Client

from fazhi.citydesk.models import Issue, IssuePhoto
from fazhi.core import blobs
from fazhi.core.uploads import FORM_ALLOWANCE
from fazhi.org.models import ApiToken, Staff
from tests.citydesk.desk import HETANG_WGS84
from tests.shared import answered
from tests.test_api_scenarios import OFFICERS, act, clue, ok

STAFF_LIMIT, PUBLIC_LIMIT = 40_000, 10_000


@pytest.fixture(autouse=True)
def _limits(settings, tmp_path):
    settings.FAZHI_BLOB_DIR = tmp_path / "blobs"
    settings.FAZHI_EVIDENCE_MAX_BYTES = STAFF_LIMIT
    settings.FAZHI_PUBLIC_UPLOAD_MAX_BYTES = PUBLIC_LIMIT


def _file(size: int, name="photo.jpg", seed=b"x"):
    f = io.BytesIO((hashlib.sha256(seed).digest() * (size // 32 + 1))[:size])
    f.name = name
    return f


def _left_on_disk() -> list:
    root = blobs.root()
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _filed(api):
    c = clue(api)
    ok(act(api, "hetang_head", c, "file", on="2026-03-03", officers=OFFICERS))
    return c


def _evidence_form(size, on="2026-03-04", seed=b"x"):
    return {"file": _file(size, seed=seed), "kind": "audiovisual", "title": "执法记录仪视频", "on": on}


@pytest.mark.parametrize("size,status", [(STAFF_LIMIT, 302), (STAFF_LIMIT + 1, 413)])
def test_staff_evidence_form_at_and_over_the_limit(api, size, status):
    c = _filed(api)
    staff = Client()
    staff.force_login(Staff.objects.get(username="hetang_officer1"))
    r = staff.post(f"/cases/{c}/evidence/", _evidence_form(size))
    assert r.status_code == status
    stored = _left_on_disk()
    if status == 413:
        assert "上传的文件过大" in r.content.decode() and stored == []
    else:
        assert len(stored) == 1 and stored[0].stat().st_size == size and "incoming" not in stored[0].parts


@pytest.mark.parametrize("size,status", [(STAFF_LIMIT, 200), (STAFF_LIMIT + 1, 413)])
def test_api_evidence_at_and_over_the_limit(api, size, status):
    c = _filed(api)
    client = api("hetang_officer1")
    r = client.client.post(f"/api/v1/cases/{c}/evidence", _evidence_form(size), **client.headers)
    assert r.status_code == status, r.content
    if status == 413:
        assert r.json()["code"] == "UPLOAD-SIZE" and "过大" in r.json()["message"] and _left_on_disk() == []


def test_a_length_over_the_limit_is_refused_unread(api):
    c = _filed(api)
    client = api("hetang_officer1")
    r = client.client.post(f"/api/v1/cases/{c}/evidence", _evidence_form(100), **client.headers,
                           CONTENT_LENGTH=str(1024 ** 3))
    assert r.status_code == 413 and _left_on_disk() == []  # the body was never read: no temporary file was made


def test_anonymous_post_to_a_staff_page_gets_the_public_limit(api):
    c = _filed(api)
    r = Client().post(f"/cases/{c}/evidence/", _evidence_form(PUBLIC_LIMIT + 1))
    assert r.status_code == 413 and _left_on_disk() == []
    r = Client().post(f"/cases/{c}/evidence/", _evidence_form(100),
                      CONTENT_LENGTH=str(PUBLIC_LIMIT + FORM_ALLOWANCE + 1))
    assert r.status_code == 413


def test_a_refused_evidence_step_leaves_no_file(api):
    c = _filed(api)
    client = api("hetang_officer1")
    r = client.client.post(f"/api/v1/cases/{c}/evidence", _evidence_form(500, on="2099-01-01"), **client.headers)
    assert r.status_code == 409, r.content  # a future date is refused by the action
    assert _left_on_disk() == []
    staff = Client()
    staff.force_login(Staff.objects.get(username="hetang_officer1"))
    assert staff.post(f"/cases/{c}/evidence/", _evidence_form(500, on="2099-01-01")).status_code == 409
    assert _left_on_disk() == []


def _report(photos):
    return {"category": "", "description": "路边暴露垃圾", "lng": str(HETANG_WGS84[0]), "lat": str(HETANG_WGS84[1]),
            "photos": photos, **answered()}


@pytest.mark.parametrize("sizes,status", [([PUBLIC_LIMIT], 302), ([PUBLIC_LIMIT // 2, PUBLIC_LIMIT // 2], 302),
                                          ([PUBLIC_LIMIT + 1], 413), ([PUBLIC_LIMIT // 2, PUBLIC_LIMIT // 2 + 1], 413)])
def test_public_report_photos_at_and_over_the_limit(desk, sizes, status):
    body = _report([_file(n, name=f"{i}.jpg", seed=bytes([i])) for i, n in enumerate(sizes)])
    body["category"] = str(desk["category"].pk)
    r = Client().post("/public/report/", body)
    assert r.status_code == status, r.content.decode()[:500]
    if status == 413:
        assert "上传的文件过大" in r.content.decode() and _left_on_disk() == [] and not Issue.objects.exists()
    else:
        assert IssuePhoto.objects.count() == len(sizes) and len(_left_on_disk()) == len(sizes)


def test_a_refused_public_report_keeps_no_photo(desk):
    body = _report([_file(100)])
    body.update(category=str(desk["category"].pk), lng="0", lat="0")  # outside every district: refused
    assert Client().post("/public/report/", body).status_code == 400
    assert _left_on_disk() == []


@pytest.mark.parametrize("size,status", [(PUBLIC_LIMIT, 201), (PUBLIC_LIMIT + 1, 413)])
def test_open311_media_at_and_over_the_limit(desk, size, status):
    _, key = ApiToken.issue(desk["desk_operator"])
    r = Client().post("/open311/v2/requests.json", {
        "api_key": key, "service_code": desk["category"].service_code, "lat": str(HETANG_WGS84[1]),
        "long": str(HETANG_WGS84[0]), "description": "暴露垃圾", "media": _file(size)})
    assert r.status_code == status, r.content
    if status == 413:
        assert json.loads(r.content)[0]["code"] == 413 and _left_on_disk() == []
    else:
        assert IssuePhoto.objects.count() == 1

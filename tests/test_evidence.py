"""Evidence files (issue 3 §3, PEN-26): streamed upload, content-addressed by SHA-256, duplicates detected,
downloads scoped like the case."""
import hashlib
import io
import os

import pytest

from fazhi.cases.models import Evidence
from fazhi.core import blobs
from tests.test_api_scenarios import OFFICERS, act, clue, ok


@pytest.fixture(autouse=True)
def _blob_dir(settings, tmp_path):
    settings.FAZHI_BLOB_DIR = tmp_path / "blobs"


def filed(api):
    c = clue(api)
    ok(act(api, "hetang_head", c, "file", on="2026-03-03", officers=OFFICERS))
    return c


def upload(api, user, case, data: bytes, name="现场照片.jpg", **fields):
    client = api(user)
    f = io.BytesIO(data)
    f.name = name
    body = {"file": f, "kind": "audiovisual", "title": "执法记录仪视频", "on": "2026-03-04", "place": "建设中路",
            **fields}
    r = client.client.post(f"/api/v1/cases/{case}/evidence", body, **client.headers)
    return r.status_code, r.json() if r.content else None


def test_PEN_26_upload_is_stored_under_its_sha256_and_recorded(api):
    c = filed(api)
    data = os.urandom(700_000)  # more than one upload chunk
    status, body = upload(api, "hetang_officer1", c, data, name="video.mp4")
    assert status == 200, body
    sha = hashlib.sha256(data).hexdigest()
    ev = Evidence.objects.get(case__uuid=c, sha256=sha)
    assert (ev.size, ev.filename, ev.kind, ev.place) == (len(data), "video.mp4", "audiovisual", "建设中路")
    assert blobs.path_of(sha).read_bytes() == data and blobs.verify(sha)
    event = body["timeline"][-1]
    assert event["kind"] == "add_evidence" and event["data"]["sha256"] == sha  # the chain records the hash
    assert not list((blobs.root() / "incoming").iterdir())  # no temporary file left behind


def test_CASE_DUPLICATE_same_file_twice_in_one_case_refused_other_case_detected(api):
    c1, c2 = filed(api), filed(api)
    data = b"photo-bytes" * 1000
    assert upload(api, "hetang_officer1", c1, data)[0] == 200
    status, body = upload(api, "hetang_officer1", c1, data, title="又一张")
    assert status == 409 and body["code"] == "CASE-DUPLICATE" and "执法记录仪视频" in body["message"]
    status, body = upload(api, "hetang_officer1", c2, data)
    assert status == 200
    first = str(Evidence.objects.get(case__uuid=c1).uuid)
    assert body["timeline"][-1]["data"]["also_in_other_cases"] == [first]
    stored = [p for p in blobs.root().rglob("*") if p.is_file() and "incoming" not in p.parts]
    assert len(stored) == 1  # one copy of the bytes


def test_PEN_26_unknown_evidence_kind_refused(api):
    c = filed(api)
    status, body = upload(api, "hetang_officer1", c, b"x", kind="rumour")
    assert status == 409 and body["code"] == "PEN-26"
    assert not Evidence.objects.filter(case__uuid=c).exists()


@pytest.mark.parametrize("persona,expect", [("hetang_officer1", 200), ("lusong_officer1", 404),
                                            ("city_supervisor", 403), ("hetang_reviewer", 403), (None, 401)])
def test_upload_and_download_permissions(api, persona, expect):
    c = filed(api)
    status, _ = upload(api, persona, c, b"evidence-" + (persona or "anon").encode())
    assert status == expect
    upload(api, "hetang_officer1", c, b"the-file")
    ev = Evidence.objects.filter(case__uuid=c, sha256=hashlib.sha256(b"the-file").hexdigest()).get()
    client = api(persona)
    r = client.client.get(f"/api/v1/cases/{c}/evidence/{ev.uuid}/file", **client.headers)
    read = {"hetang_officer1": 200, "lusong_officer1": 404, "city_supervisor": 200, "hetang_reviewer": 200,
            None: 401}[persona]
    assert r.status_code == read
    if read == 200:
        assert b"".join(r.streaming_content) == b"the-file"


def test_verify_detects_a_changed_stored_file(api):
    c = filed(api)
    upload(api, "hetang_officer1", c, b"original")
    sha = hashlib.sha256(b"original").hexdigest()
    p = blobs.path_of(sha)
    os.chmod(p, 0o644)
    p.write_bytes(b"originaL")
    assert blobs.verify(sha) is False

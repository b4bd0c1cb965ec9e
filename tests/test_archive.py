"""一案一卷 (issue 3 §4): a closed case exports as one ZIP in legal order; `fazhi verify-archive` checks it
offline and names any altered evidence file, document or event (each kind of tampering injected here)."""
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from fazhi.cases import archive
from fazhi.cases.models import PenaltyCase
from tests.test_api_scenarios import act, ok, reported
from tests.test_evidence import upload

VIDEO = os.urandom(300_000)


@pytest.fixture(autouse=True)
def _blob_dir(settings, tmp_path):
    settings.FAZHI_BLOB_DIR = tmp_path / "blobs"


@pytest.fixture
def exported(api, tmp_path):
    c = reported(api)
    assert upload(api, "hetang_officer1", c, VIDEO, name="执法记录仪.mp4", on="2026-03-10")[0] == 200
    ok(act(api, "hetang_officer1", c, "notify", on="2026-03-11"))
    ok(act(api, "hetang_officer1", c, "waive_rights", on="2026-03-11", statement="放弃"))
    ok(act(api, "hetang_head", c, "decide", on="2026-03-12", correction_order="立即清理"))
    ok(act(api, "hetang_officer1", c, "serve", on="2026-03-16", method="direct", recipient="张三"))
    ok(act(api, "hetang_officer1", c, "record_payment", on="2026-03-20", fine_paid="5000"))
    ok(act(api, "hetang_deputy", c, "close", on="2026-03-21", close_type="performed"))
    path, seal = archive.export(PenaltyCase.objects.get(uuid=c), tmp_path / "case.zip")
    return path, seal


def rewrite(src: Path, dst: Path, change):
    """Copy the ZIP, passing each member's bytes through change(name, data)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, change(info.filename, zin.read(info.filename)))
    return dst


def flip(data: bytes, at: int | None = None) -> bytes:
    i = len(data) // 2 if at is None else at
    return data[:i] + bytes([data[i] ^ 0x01]) + data[i + 1:]


def test_archive_in_legal_order_verifies(exported):
    path, seal = exported
    names = zipfile.ZipFile(path).namelist()
    docs = [n for n in names if n.startswith("documents/")]
    stages = [n.split("-")[1] for n in docs]
    assert stages == ["立案", "调查", "审查", "决定", "决定", "送达", "执行"]
    assert any(n.startswith("evidence/") and n.endswith(".mp4") for n in names)
    assert zipfile.ZipFile(path).read([n for n in names if n.endswith(".mp4")][0]) == VIDEO
    r = archive.verify(path, seal)
    assert r.ok, r.problems
    assert r.seal == seal and r.checked_events == 12 and r.checked_files == len(docs) + 2


@pytest.mark.parametrize("target,expect", [
    ("evidence/", "文件被修改：evidence/"),
    ("documents/", "文件被修改：documents/"),
])
def test_one_changed_byte_in_a_file_is_named(exported, tmp_path, target, expect):
    path, _ = exported
    victim = next(n for n in zipfile.ZipFile(path).namelist() if n.startswith(target))
    bad = rewrite(path, tmp_path / "bad.zip", lambda n, d: flip(d) if n == victim else d)
    r = archive.verify(bad)
    assert not r.ok and f"文件被修改：{victim}" in r.problems and expect in r.problems[0]


def test_one_changed_byte_in_an_event_breaks_the_chain_at_that_event(exported, tmp_path):
    path, _ = exported

    def change(name, data):
        if name != "events.jsonl":
            return data
        lines = data.decode().splitlines()
        ev = json.loads(lines[4])  # the 5th event: one character of who did it
        ev["actor"] = ev["actor"][:-1] + "9"
        lines[4] = json.dumps(ev, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return ("\n".join(lines) + "\n").encode()

    r = archive.verify(rewrite(path, tmp_path / "bad.zip", change))
    assert any("全过程记录第5条" in p for p in r.problems), r.problems


def test_changed_manifest_breaks_the_seal(exported, tmp_path):
    path, seal = exported
    bad = rewrite(path, tmp_path / "bad.zip",
                  lambda n, d: d.replace("株洲市恒达".encode(), "株洲市恒大".encode()) if n == "manifest.json" else d)
    r = archive.verify(bad)
    assert any("seal.txt" in p for p in r.problems)
    assert any("登记" in p for p in archive.verify(bad, seal).problems)


def test_evidence_swapped_with_manifest_and_seal_redone_is_caught_by_the_chain(exported, tmp_path):
    """Even someone who rewrites the manifest and the seal cannot swap an evidence file: the chain recorded
    the file's hash when it was added."""
    import hashlib

    path, _ = exported
    victim = next(n for n in zipfile.ZipFile(path).namelist() if n.startswith("evidence/"))
    new = flip(VIDEO)
    manifest = json.loads(zipfile.ZipFile(path).read("manifest.json"))
    for f in manifest["files"]:
        if f["path"] == victim:
            f["sha256"] = hashlib.sha256(new).hexdigest()
    raw = json.dumps(manifest, ensure_ascii=False).encode()

    def change(name, data):
        return {victim: new, "manifest.json": raw, "seal.txt": hashlib.sha256(raw).hexdigest().encode()}.get(name, data)

    r = archive.verify(rewrite(path, tmp_path / "bad.zip", change))
    assert r.problems[0] == f"证据文件与全过程记录不符：{victim}（全过程记录未登记此文件的哈希）"
    assert r.problems[1].startswith("缺少全过程记录登记的证据文件：")


def redone(src: Path, dst: Path, changes: dict) -> Path:
    """What a forger does: change or remove members (None removes), then rewrite the manifest and the seal to
    match, so that only the chain can tell."""
    import hashlib

    with zipfile.ZipFile(src) as zin:
        members = {n: zin.read(n) for n in zin.namelist()}
    for name, data in changes.items():
        if data is None:
            members.pop(name)
        else:
            members[name] = data
    manifest = json.loads(members["manifest.json"])
    manifest["files"] = [{**f, "sha256": hashlib.sha256(members[f["path"]]).hexdigest(),
                          "size": len(members[f["path"]])} for f in manifest["files"] if f["path"] in members]
    raw = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
    members["manifest.json"], members["seal.txt"] = raw, hashlib.sha256(raw).hexdigest().encode() + b"\n"
    with zipfile.ZipFile(dst, "w") as zout:
        for name, data in members.items():
            zout.writestr(name, data)
    return dst


def test_evidence_file_removed_with_manifest_and_seal_redone_is_named(exported, tmp_path):
    path, _ = exported
    victim = next(n for n in zipfile.ZipFile(path).namelist() if n.startswith("evidence/"))
    r = archive.verify(redone(path, tmp_path / "bad.zip", {victim: None}))
    assert len(r.problems) == 1 and r.problems[0].startswith("缺少全过程记录登记的证据文件："), r.problems
    assert "执法记录仪.mp4" in r.problems[0]


def test_document_byte_flipped_with_manifest_and_seal_redone_is_named(exported, tmp_path):
    path, _ = exported
    names = zipfile.ZipFile(path).namelist()
    victim = next(n for n in names if n.startswith("documents/") and "行政处罚决定书" in n)
    data = zipfile.ZipFile(path).read(victim)
    r = archive.verify(redone(path, tmp_path / "bad.zip", {victim: flip(data)}))
    assert f"文书与全过程记录不符：{victim}（全过程记录未登记此文书的哈希）" in r.problems, r.problems
    assert any(p.startswith("缺少全过程记录登记的文书：行政处罚决定书") for p in r.problems), r.problems


def test_document_removed_with_manifest_and_seal_redone_is_named(exported, tmp_path):
    path, _ = exported
    victim = next(n for n in zipfile.ZipFile(path).namelist() if "送达回证" in n)
    r = archive.verify(redone(path, tmp_path / "bad.zip", {victim: None}))
    assert len(r.problems) == 1 and r.problems[0].startswith("缺少全过程记录登记的文书：送达回证"), r.problems


def test_documents_are_issued_once_and_exported_as_issued(exported, tmp_path):
    """A second export issues nothing new (same content) and carries the same bytes."""
    from fazhi.core.models import Event

    path, _ = exported
    case = PenaltyCase.objects.get(status="closed")
    assert Event.objects.filter(stream=case.stream, kind="issue_documents").count() == 1
    again, _ = archive.export(case, tmp_path / "again.zip")
    assert Event.objects.filter(stream=case.stream, kind="issue_documents").count() == 1
    docs = lambda p: {n: zipfile.ZipFile(p).read(n) for n in zipfile.ZipFile(p).namelist()  # noqa: E731
                      if n.startswith("documents/")}
    assert docs(path) == docs(again)


def test_a_document_downloaded_after_issue_is_the_issued_one(api, exported, monkeypatch):
    from fazhi.cases import documents

    path, _ = exported
    monkeypatch.setattr(documents, "to_pdf", lambda doc: pytest.fail("an issued document is not rendered again"))
    case = PenaltyCase.objects.get(status="closed")
    member = next(n for n in zipfile.ZipFile(path).namelist() if "行政处罚决定书" in n)
    client = api("hetang_officer1")
    r = client.client.get(f"/api/v1/cases/{case.uuid}/documents/decision.pdf", **client.headers)
    assert r.status_code == 200 and r.content == zipfile.ZipFile(path).read(member)


def test_added_or_removed_file_is_named(exported, tmp_path):
    path, _ = exported
    bad = tmp_path / "extra.zip"
    bad.write_bytes(Path(path).read_bytes())
    with zipfile.ZipFile(bad, "a") as z:
        z.writestr("evidence/99-补充.jpg", b"x")
    assert "清单之外的文件：evidence/99-补充.jpg" in archive.verify(bad).problems


def test_verify_archive_command_runs_without_django_or_database(exported, tmp_path):
    path, seal = exported
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")}
    code = ("import sys, builtins\n"
            "real = builtins.__import__\n"
            "def guard(name, *a, **k):\n"
            "    if name == 'django' or name.startswith('django.'): raise ImportError('django is not needed')\n"
            "    return real(name, *a, **k)\n"
            "builtins.__import__ = guard\n"
            "from fazhi.cli import main\n"
            "sys.exit(main(sys.argv[1:]))\n")
    good = subprocess.run([sys.executable, "-c", code, "verify-archive", str(path), "--seal", seal],
                          capture_output=True, text=True, env=env)
    assert good.returncode == 0, good.stderr
    assert "校验通过" in good.stdout
    bad = rewrite(path, tmp_path / "bad.zip", lambda n, d: flip(d, 100) if n.startswith("documents/01") else d)
    out = subprocess.run([sys.executable, "-c", code, "verify-archive", str(bad)], capture_output=True, text=True,
                         env=env)
    assert out.returncode == 1 and "文件被修改：documents/01-立案" in out.stdout


def test_only_closed_cases_export_and_the_api_serves_the_zip(api, exported):
    c = reported(api)
    with pytest.raises(ValueError):
        archive.export(PenaltyCase.objects.get(uuid=c))
    client = api("hetang_officer1")
    closed = PenaltyCase.objects.get(status="closed")
    r = client.client.get(f"/api/v1/cases/{closed.uuid}/archive.zip", **client.headers)
    assert r.status_code == 200
    data = b"".join(r.streaming_content)
    assert zipfile.ZipFile(io.BytesIO(data)).read("seal.txt").decode().strip() == r["X-Archive-Seal"]
    r = client.client.get(f"/api/v1/cases/{c}/archive.zip", **client.headers)
    assert r.status_code == 409

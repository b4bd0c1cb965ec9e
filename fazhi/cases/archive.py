"""一案一卷: a closed case exported as one ZIP, and its offline verification.

Layout of the archive (format fazhi-archive/1):

    manifest.json       the case summary, every file with its SHA-256 and size, the chain head
    seal.txt            SHA-256 of manifest.json: the number a bureau records (register, cover sheet)
    events.jsonl        the case's whole event chain, one event body (with its hash) per line
    documents/NN-阶段-文书名称-文号.pdf   in legal order: 立案 → 调查 → 审查 → 决定 → 送达 → 执行, the bytes
                                          as issued (their hashes are in the chain: `issue_documents`)
    evidence/NN-名称.ext                  the evidence files, byte for byte as uploaded

`verify(path)` needs neither Django nor the database: it rechecks each file against the manifest, the
manifest against the seal (and against an expected seal, when given), the event chain link by link, and each
file against the chain itself: every evidence file and document in the archive must be one whose hash the
chain recorded, and every uploaded evidence file and issued document the chain recorded must be in the archive.
The chain check holds even when someone rewrites the manifest and the seal. It names what differs.
Export (which needs the database) is below, with imports inside the function so verification stays plain.
"""
from __future__ import annotations

import hashlib
import json
import re
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from fazhi.core.chain import canonical_json, verify_bodies

FORMAT = "fazhi-archive/2"  # 2: documents as issued, their hashes in the chain
CHUNK = 1024 * 1024


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    checked_files: int = 0
    checked_events: int = 0
    seal: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems


def _sha_member(zf: zipfile.ZipFile, name: str) -> tuple[str, int]:
    h, size = hashlib.sha256(), 0
    with zf.open(name) as f:
        while chunk := f.read(CHUNK):
            h.update(chunk)
            size += len(chunk)
    return h.hexdigest(), size


def verify(path: str | Path, expected_seal: str | None = None) -> Report:
    r = Report()
    try:
        zf = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as e:
        r.problems.append(f"不是有效的案卷压缩包：{e}")
        return r
    with zf:
        names = set(zf.namelist())
        if "manifest.json" not in names:
            r.problems.append("缺少 manifest.json")
            return r
        raw = zf.read("manifest.json")
        r.seal = hashlib.sha256(raw).hexdigest()
        seal_file = zf.read("seal.txt").decode().strip() if "seal.txt" in names else ""
        if seal_file != r.seal:
            r.problems.append("manifest.json 与 seal.txt 记载的封存值不一致：清单被修改")
        if expected_seal and expected_seal != r.seal:
            r.problems.append(f"封存值与登记的不一致（登记 {expected_seal}，实际 {r.seal}）")
        try:
            manifest = json.loads(raw)
        except ValueError:
            r.problems.append("manifest.json 无法解析")
            return r
        if manifest.get("format") != FORMAT:
            r.problems.append(f"未知的案卷格式：{manifest.get('format')}")
            return r
        listed = {f["path"]: f for f in manifest["files"]}
        actual: dict[str, str] = {}  # path → the hash of the bytes actually there
        for p, entry in listed.items():
            if p not in names:
                r.problems.append(f"缺少文件：{p}")
                continue
            sha, size = _sha_member(zf, p)
            actual[p] = sha
            r.checked_files += 1
            if sha != entry["sha256"] or size != entry["size"]:
                r.problems.append(f"文件被修改：{p}")
        for extra in sorted(names - set(listed) - {"manifest.json", "seal.txt"}):
            r.problems.append(f"清单之外的文件：{extra}")
        # The chain: every link, and its head as the manifest recorded it.
        events = []
        for n, line in enumerate(zf.read("events.jsonl").decode("utf-8").splitlines(), 1) if "events.jsonl" in names else []:
            try:
                events.append(json.loads(line))
            except ValueError:
                r.problems.append(f"全过程记录第{n}行无法解析：该记录被修改")
        r.checked_events = len(events)
        brk = verify_bodies(manifest["case"]["stream"], events)
        if brk:
            r.problems.append(f"全过程记录第{brk.seq}条：{brk.problem}")
        elif (events[-1]["hash"] if events else "") != manifest.get("chain_head"):
            r.problems.append("全过程记录不完整：末条记录与清单记载的链头不一致")
        _against_chain(r, events, actual)
    return r


def _against_chain(r: Report, events: list[dict], actual: dict[str, str]) -> None:
    """Files against the chain, in both directions: what is here must be recorded, what is recorded must be here
    (an evidence item registered by hash only, without an uploaded file, is not expected)."""
    added = [e.get("data") or {} for e in events if e.get("kind") == "add_evidence"]
    uploaded = {d["sha256"]: d for d in added if d.get("sha256") and d.get("size")}
    recorded_evidence = {d.get("sha256") for d in added}
    docs_recorded: dict[str, dict] = {}
    latest: dict[str, dict] = {}
    for e in events:
        if e.get("kind") == "issue_documents":
            for d in (e.get("data") or {}).get("documents", []):
                docs_recorded[d.get("sha256")] = d
                latest[d.get("document")] = d
    here_evidence = {sha for p, sha in actual.items() if p.startswith("evidence/")}
    here_docs = {sha for p, sha in actual.items() if p.startswith("documents/")}
    for p, sha in sorted(actual.items()):
        if p.startswith("evidence/") and sha not in recorded_evidence:
            r.problems.append(f"证据文件与全过程记录不符：{p}（全过程记录未登记此文件的哈希）")
        if p.startswith("documents/") and sha not in docs_recorded:
            r.problems.append(f"文书与全过程记录不符：{p}（全过程记录未登记此文书的哈希）")
    for sha, d in uploaded.items():
        if sha not in here_evidence:
            r.problems.append(f"缺少全过程记录登记的证据文件：{d.get('title', '')}"
                              f"（{d.get('filename') or '无文件名'}，SHA-256 {sha[:12]}…）")
    for d in latest.values():
        if d.get("sha256") not in here_docs:
            r.problems.append(f"缺少全过程记录登记的文书：{d.get('title', '')}{d.get('number') or ''}"
                              f"（SHA-256 {str(d.get('sha256'))[:12]}…）")


# --- export (needs the database) ------------------------------------------------------------------------

EXPORTABLE = ("closed", "archived")


def _safe(name: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "_", name).strip("_")[:80] or "file"


def export(case, out_path: str | Path | None = None, *, by=None) -> tuple[Path, str]:
    """Write the case's archive to `out_path` (a temporary file if None). Returns (path, seal). The documents
    are issued first (cases/actions/issuing.py issue_documents: the bytes stored, their hashes in the chain; `by` is
    who asked), then copied as issued. Evidence files are copied from the store in chunks, so a large video
    never sits in memory."""
    from fazhi.cases import documents
    from fazhi.cases.actions import issue_documents
    from fazhi.core import blobs
    from fazhi.core.models import Event

    if case.status not in EXPORTABLE:
        raise ValueError("只有已结案或已归档的案件可以导出案卷")
    if out_path is None:
        fd, name = tempfile.mkstemp(suffix=".zip")
        Path(name).unlink()
        out_path = name
    out_path = Path(out_path)
    files = []
    with zipfile.ZipFile(out_path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        def add_bytes(arc: str, data: bytes):
            zf.writestr(arc, data)
            files.append({"path": arc, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)})

        for i, d in enumerate(issue_documents(case, by=by), 1):
            zf.write(blobs.path_of(d["sha256"]), f"documents/{i:02d}-{d['stage']}-{_safe(d['filename'])}.pdf")
            files.append({"path": f"documents/{i:02d}-{d['stage']}-{_safe(d['filename'])}.pdf",
                          "sha256": d["sha256"], "size": d["size"]})
        case.refresh_from_db()
        facts = documents.Facts(case)
        external = []
        for i, ev in enumerate(facts.evidence, 1):
            if not ev.sha256:
                continue
            src = blobs.path_of(ev.sha256)
            if not src.exists():
                external.append({"title": ev.title, "sha256": ev.sha256, "note": "文件未上传至系统（仅登记哈希）"})
                continue
            ext = Path(ev.filename).suffix if ev.filename else ""
            arc = f"evidence/{i:02d}-{_safe(ev.title)}{ext}"
            zf.write(src, arc)
            files.append({"path": arc, "sha256": ev.sha256, "size": ev.size or src.stat().st_size,
                          "kind": ev.get_kind_display(), "collected_on": ev.collected_on.isoformat()})
        events = [{**e.body(), "hash": e.hash} for e in Event.objects.filter(stream=case.stream).order_by("seq")]
        add_bytes("events.jsonl", "\n".join(canonical_json(e) for e in events).encode("utf-8") + b"\n")
        manifest = {
            "format": FORMAT,
            "case": {"stream": case.stream, "uuid": str(case.uuid), "case_no": case.case_no,
                     "decision_no": case.decision_no, "bureau": case.bureau.name, "party": case.party_name,
                     "cause": case.cause, "status": case.status, "closed_on": str(case.closed_on or "")},
            "chain_head": events[-1]["hash"] if events else "",
            "files": files,
            "external_evidence": external,
        }
        raw = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
        seal = hashlib.sha256(raw).hexdigest()
        zf.writestr("manifest.json", raw)
        zf.writestr("seal.txt", seal + "\n")
    return out_path, seal

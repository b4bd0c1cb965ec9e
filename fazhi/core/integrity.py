"""Tamper-evidence beyond the links of each chain (docs/integrity.md).

A hash chain shows that no event inside a stream was edited, inserted or removed, but not that its tail or the
whole stream is still there, nor that the record's own row still says what its log says. `audit()` therefore
checks three more things, each finding naming the record and what differs:

1. every stream against its head as the record keeps it: a penalty case on its own row (version, chain_head),
   every other stream in core_streamhead, written in the same statement batch as the event;
2. every record's own state against its log: status, version and the key fields the log recorded;
3. every stream against the latest signed checkpoint (or a checkpoint file a third party held): a stream the
   checkpoint lists must still contain the event it lists, with the same hash.

A checkpoint is a JSON document of every stream's (seq, hash), signed with HMAC-SHA256 under a key from the
settings (FAZHI_CHECKPOINT_KEY; derived from SECRET_KEY when unset). It is stored append-only and exported as a
file: whoever holds that file can later show that the database lost or rewrote what it then contained.
"""
from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from fazhi.core.chain import canonical_json, verify_bodies
from fazhi.core.models import Checkpoint, Event, StreamHead

FORMAT = "fazhi-checkpoint/1"


@dataclass
class Finding:
    record: str   # who: "案件 荷城管立字〔2026〕第0001号（case:…）" or a bare stream
    problem: str  # what differs, in the operator's words

    def __str__(self):
        return f"{self.record}：{self.problem}"


@dataclass
class Audit:
    findings: list[Finding] = field(default_factory=list)
    streams: int = 0
    events: int = 0
    records: int = 0
    checkpoint: str = ""  # which checkpoint the log was compared with

    @property
    def ok(self) -> bool:
        return not self.findings

    def add(self, record: str, problem: str) -> None:
        self.findings.append(Finding(record, problem))


@dataclass(slots=True)  # one per stream is held for the whole audit
class _Last:
    """What the audit keeps of each stream: its last event, and the last value of each key field it logged."""

    seq: int
    hash: str
    status: str | None
    fields: dict


# Key fields of a penalty case and the event data that last set them (cases/actions.py).
_CASE_FIELDS = {"case_no": ("case_no",), "decision_no": ("decision_no",)}


def _summarise(stream: str, bodies: list[dict]) -> _Last:
    last = bodies[-1]
    fields: dict = {}
    if stream.startswith("case:"):
        for b in bodies:
            d = b.get("data") or {}
            for name, keys in _CASE_FIELDS.items():
                for k in keys:
                    if k in d:
                        fields[name] = d[k]
            if b.get("kind") in ("decide", "decide_on_site"):
                fields["fine"] = (d.get("penalty") or {}).get("fine", "0")
    elif stream.startswith("publication:"):
        fields["withdrawn"] = any(b.get("kind") == "withdraw" for b in bodies)
    return _Last(last["seq"], last["hash"], (last.get("data") or {}).get("status"), fields)


def _label(model, value) -> str:
    return str(dict(model._meta.get_field("status").choices or []).get(value, value))


def _money(v) -> Decimal | None:
    try:
        return Decimal(str(v))
    except (InvalidOperation, TypeError):
        return None


# --- the records that own streams ------------------------------------------------------------------------------

# (app.Model, stream prefix, how the record is named, whether the row carries a version)
OWNERS = [
    ("cases.PenaltyCase", "case:", "案件", True),
    ("citydesk.Issue", "issue:", "城市管理问题", True),
    ("inspections.Inspection", "inspection:", "行政检查", True),
    ("inspections.Draw", "draw:", "双随机抽取", False),
    ("disclosure.Publication", "publication:", "公开信息", False),
]


def _check_case(a: Audit, name: str, row: dict, last: _Last) -> None:
    from fazhi.cases.models import PenaltyCase

    if row["version"] != last.seq:
        a.add(name, f"案件记载第{row['version']}条记录，全过程记录末条为第{last.seq}条"
                    + ("：末尾记录被删除" if row["version"] > last.seq else ""))
    elif row["chain_head"] and row["chain_head"] != last.hash:
        a.add(name, "案件记载的链头与全过程记录末条的哈希不一致：末条记录被替换")
    if last.status is not None and row["status"] != last.status:
        a.add(name, f"案件状态为“{_label(PenaltyCase, row['status'])}”，全过程记录为“{_label(PenaltyCase, last.status)}”："
                    "案件被绕过全过程记录修改")
    for f, label in (("case_no", "立案编号"), ("decision_no", "决定书文号")):
        if f in last.fields and (row[f] or "") != (last.fields[f] or ""):
            a.add(name, f"{label}为“{row[f]}”，全过程记录为“{last.fields[f]}”：案件被绕过全过程记录修改")
    if "fine" in last.fields and _money(row["fine"]) != _money(last.fields["fine"]):
        a.add(name, f"罚款金额为{row['fine']}元，全过程记录为{last.fields['fine']}元：案件被绕过全过程记录修改")


def _check_versioned(a: Audit, model, name: str, row: dict, last: _Last) -> None:
    if row["version"] != last.seq:
        a.add(name, f"记载第{row['version']}条记录，全过程记录末条为第{last.seq}条")
    if last.status is not None and row["status"] != last.status:
        a.add(name, f"状态为“{_label(model, row['status'])}”，全过程记录为“{_label(model, last.status)}”："
                    "记录被绕过全过程记录修改")


def _records(a: Audit, lasts: dict[str, _Last], batch: int) -> dict[str, str]:
    """Compare each owning record with its stream's summary; returns each stream's record name."""
    names: dict[str, str] = {}
    for label, prefix, noun, versioned in OWNERS:
        model = apps.get_model(label)
        cols = ["uuid", "status"] if "status" in {f.name for f in model._meta.fields} else ["uuid"]
        if versioned:
            cols.append("version")
        if label == "cases.PenaltyCase":
            cols += ["chain_head", "case_no", "decision_no", "fine", "party_name", "cause"]
        if label == "disclosure.Publication":
            cols.append("withdrawn_on")
        for row in model.objects.order_by().values(*cols).iterator(chunk_size=batch):
            a.records += 1
            stream = f"{prefix}{row['uuid']}"
            if label == "cases.PenaltyCase":
                ident = row["decision_no"] or row["case_no"] or f"{row['party_name']} {row['cause']}"
                name = f"{noun} {ident}（{stream}）"
            else:
                name = f"{noun}（{stream}）"
            names[stream] = name
            last = lasts.pop(stream, None)
            if last is None:
                if not versioned or row["version"]:
                    a.add(name, "全过程记录整条被删除（记录仍在，记录流不存在）")
                continue
            if label == "cases.PenaltyCase":
                _check_case(a, name, row, last)
            elif versioned:
                _check_versioned(a, model, name, row, last)
            elif label == "disclosure.Publication" and bool(row["withdrawn_on"]) != last.fields.get("withdrawn"):
                a.add(name, "撤回状态与全过程记录不一致：记录被绕过全过程记录修改")
    prefixes = tuple(p for _, p, _, _ in OWNERS)
    for stream in sorted(s for s in lasts if s.startswith(prefixes)):
        a.add(stream, "记录已被删除，但其全过程记录仍在")
    return names


def snapshot_isolation(read_only: bool = True) -> None:
    """Call first inside transaction.atomic(): every later read sees one snapshot. PostgreSQL: REPEATABLE READ,
    which must be the transaction's first statement (inside an outer transaction, e.g. a test, that one's
    snapshot is used). SQLite: the transaction holds the database's write lock (transaction_mode IMMEDIATE in
    settings), so no writer interleaves."""
    if connection.vendor == "postgresql" and not connection.savepoint_ids:
        with connection.cursor() as c:
            c.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ" + (" READ ONLY" if read_only else ""))


# --- the audit --------------------------------------------------------------------------------------------------


def audit(checkpoint: dict | None = None, *, batch: int = 5000) -> Audit:
    """Check every chain, every head, every record against its log, and the log against `checkpoint` (by
    default the latest stored one). Reads in one transaction, so a concurrent action is seen whole or not."""
    a = Audit()
    with transaction.atomic():
        snapshot_isolation()
        if checkpoint is None:
            stored = Checkpoint.objects.order_by("-taken_at", "-id").first()
            checkpoint = stored.document if stored else None
        cp_heads: dict = {}
        if checkpoint is not None:
            problem = check_signature(checkpoint)
            a.checkpoint = f"{checkpoint.get('taken_at', '')}（{checkpoint.get('digest', '')[:12]}）"
            if problem:
                a.add("检查点", problem)
            else:
                cp_heads = checkpoint["heads"]
        heads = {s: (q, h) for s, q, h in StreamHead.objects.values_list("stream", "seq", "hash").iterator()}
        lasts: dict[str, _Last] = {}

        def done(stream: str, bodies: list[dict]) -> None:
            a.streams += 1
            brk = verify_bodies(stream, bodies)
            if brk:
                a.add(stream, f"第{brk.seq}条：{brk.problem}")
            lasts[stream] = _summarise(stream, bodies)
            cp = cp_heads.get(stream)
            if cp:
                seq, h = cp
                if len(bodies) < seq:
                    a.add(stream, f"检查点记载{seq}条记录，现仅存{len(bodies)}条：末尾记录被删除")
                elif bodies[seq - 1]["hash"] != h:
                    a.add(stream, f"第{seq}条与检查点记载的哈希不一致：记录被改写")

        current, bodies = None, []
        for ev in Event.objects.order_by("stream", "seq").iterator(chunk_size=batch):
            a.events += 1
            if ev.stream != current:
                if current is not None:
                    done(current, bodies)
                current, bodies = ev.stream, []
            bodies.append({**ev.body(), "hash": ev.hash})
        if current is not None:
            done(current, bodies)

        for stream in sorted(set(cp_heads) - set(lasts)):
            a.add(stream, f"检查点记载{cp_heads[stream][0]}条记录，现整条记录流不存在：记录流被删除")
        for stream, (seq, h) in sorted(heads.items()):
            last = lasts.get(stream)
            if last is None:
                a.add(stream, f"链头记载{seq}条记录，现整条记录流不存在：记录流被删除")
            elif last.seq < seq:
                a.add(stream, f"链头记载{seq}条记录，现仅存{last.seq}条：末尾记录被删除")
            elif last.seq != seq or last.hash != h:
                a.add(stream, f"链头记载第{seq}条，与末条记录（第{last.seq}条）不一致")
        for stream in sorted(s for s in lasts if not s.startswith("case:") and s not in heads):
            a.add(stream, "缺少链头：记录流未经应用写入，或链头被删除")
        names = _records(a, lasts, batch)
    for f in a.findings:  # a stream's findings name its record where one owns it
        f.record = names.get(f.record, f.record)
    return a


# --- checkpoints ------------------------------------------------------------------------------------------------


def _key() -> bytes:
    key = getattr(settings, "FAZHI_CHECKPOINT_KEY", "") or ""
    if key:
        return key.encode()
    return hmac.new(settings.SECRET_KEY.encode(), b"fazhi-checkpoint", hashlib.sha256).digest()


def key_id() -> str:
    """Names the key without revealing it: a checkpoint signed under another key says so."""
    return hashlib.sha256(b"fazhi-checkpoint-key:" + _key()).hexdigest()[:12]


def _digest(doc: dict) -> str:
    body = {k: v for k, v in doc.items() if k not in ("digest", "mac")}
    return hashlib.sha256(canonical_json(body).encode("utf-8")).hexdigest()


def check_signature(doc: dict) -> str:
    """'' when the checkpoint is intact and signed under this installation's key; else what is wrong."""
    if not isinstance(doc, dict) or doc.get("format") != FORMAT or not isinstance(doc.get("heads"), dict):
        return "不是有效的检查点文件"
    if _digest(doc) != doc.get("digest"):
        return "检查点内容与其摘要不一致：检查点被修改"
    if doc.get("key_id") != key_id():
        return f"检查点由另一密钥签署（{doc.get('key_id')}），本系统无法核验其签名"
    mac = hmac.new(_key(), doc["digest"].encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(mac, str(doc.get("mac", ""))):
        return "检查点签名无效：检查点被伪造或修改"
    return ""


def heads_now() -> dict[str, list]:
    """Every stream's last (seq, hash), read from the log itself."""
    heads: dict[str, list] = {}
    for stream, seq, h in Event.objects.order_by("stream", "seq").values_list("stream", "seq", "hash").iterator(
            chunk_size=20000):
        heads[stream] = [seq, h]
    return heads


def take_checkpoint() -> tuple[Checkpoint, Audit]:
    """Audit, then sign the heads. Refused (ValueError) while the audit finds anything: a checkpoint must not
    bless a log that is already broken."""
    with transaction.atomic():
        snapshot_isolation(read_only=False)
        a = audit()
        if not a.ok:
            raise ValueError(f"校验发现 {len(a.findings)} 处不一致，未签署检查点")
        previous = Checkpoint.objects.order_by("-taken_at", "-id").first()
        heads = heads_now()
        now = timezone.now()
        doc = {"format": FORMAT, "taken_at": now.isoformat(), "key_id": key_id(),
               "previous": previous.digest if previous else "", "streams": len(heads),
               "events": sum(seq for seq, _ in heads.values()), "heads": heads}
        doc["digest"] = _digest(doc)
        doc["mac"] = hmac.new(_key(), doc["digest"].encode(), hashlib.sha256).hexdigest()
        cp = Checkpoint.objects.create(taken_at=now, streams=doc["streams"], events=doc["events"],
                                       document=doc, digest=doc["digest"], mac=doc["mac"])
    return cp, a


def dump(doc: dict) -> bytes:
    return json.dumps(doc, ensure_ascii=False, indent=0, sort_keys=True).encode("utf-8")

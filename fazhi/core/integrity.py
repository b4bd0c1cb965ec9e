"""Tamper-evidence beyond the links of each chain (docs/integrity.md).

A hash chain shows that no event inside a stream was edited, inserted or removed, but not that its tail or the
whole stream is still there, nor that the record's own row still says what its log says. `audit()` therefore
checks three more things, each finding naming the record and what differs:

1. every stream against its head as the record keeps it: a record that keeps its head on its own row (a penalty
   case: version, chain_head) there, every other stream in core_streamhead, written in the same statement batch
   as the event;
2. every record's own state against its log: status, version and the key fields the log recorded;
3. every stream against the latest signed checkpoint (or a checkpoint file a third party held): a stream the
   checkpoint lists must still contain the event it lists, with the same hash.

A checkpoint is a JSON document of every stream's (seq, hash), signed with HMAC-SHA256 under a key from the
settings (FAZHI_CHECKPOINT_KEY; derived from SECRET_KEY when unset). It is stored append-only and exported as a
file: whoever holds that file can later show that the database lost or rewrote what it then contained.

Which records own streams, and what of each is compared, the contexts register (core/registry.py
`stream_owner`, e.g. cases/integrity.py for the penalty case).
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

from fazhi.core import registry
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


def _summarise(stream: str, bodies: list[dict], owners: dict) -> _Last:
    last = bodies[-1]
    fields: dict = {}
    for owner in owners.get(stream.partition(":")[0] + ":", ()):  # the owners of this prefix (usually one)
        if owner.summarise:
            fields.update(owner.summarise(bodies))
    return _Last(last["seq"], last["hash"], (last.get("data") or {}).get("status"), fields)


def label(model, value) -> str:
    """A status value as its model names it."""
    return str(dict(model._meta.get_field("status").choices or []).get(value, value))


def money(v) -> Decimal | None:
    """A logged amount as a Decimal, None when it is not one."""
    try:
        return Decimal(str(v))
    except (InvalidOperation, TypeError):
        return None


# --- the records that own streams ------------------------------------------------------------------------------
# Registered by their contexts (core/registry.py `stream_owner`): a penalty case, an issue, an inspection, a draw,
# a publication …


def _check_versioned(a: Audit, model, name: str, row: dict, last: _Last) -> None:
    if row["version"] != last.seq:
        a.add(name, f"记载第{row['version']}条记录，全过程记录末条为第{last.seq}条")
    if last.status is not None and row["status"] != last.status:
        a.add(name, f"状态为“{label(model, row['status'])}”，全过程记录为“{label(model, last.status)}”："
                    "记录被绕过全过程记录修改")


def _records(a: Audit, lasts: dict[str, _Last], batch: int) -> dict[str, str]:
    """Compare each owning record with its stream's summary; returns each stream's record name."""
    names: dict[str, str] = {}
    owners = registry.stream_owners()
    for owner in owners:
        model = apps.get_model(owner.model)
        cols = ["uuid", "status"] if "status" in {f.name for f in model._meta.fields} else ["uuid"]
        if owner.versioned:
            cols.append("version")
        cols += [c for c in owner.columns if c not in cols]
        for row in model.objects.order_by().values(*cols).iterator(chunk_size=batch):
            a.records += 1
            stream = f"{owner.prefix}{row['uuid']}"
            name = owner.name(row, stream) if owner.name else f"{owner.noun}（{stream}）"
            names[stream] = name
            last = lasts.pop(stream, None)
            if last is None:
                if not owner.versioned or row["version"]:
                    a.add(name, "全过程记录整条被删除（记录仍在，记录流不存在）")
                continue
            if owner.check:
                owner.check(a, name, row, last)
            elif owner.versioned:
                _check_versioned(a, model, name, row, last)
    prefixes = tuple(o.prefix for o in owners)
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
        owners: dict[str, list] = {}
        for o in registry.stream_owners():
            owners.setdefault(o.prefix, []).append(o)
        on_row = tuple(o.prefix for o in registry.stream_owners() if o.head_on_row)

        def done(stream: str, bodies: list[dict]) -> None:
            a.streams += 1
            brk = verify_bodies(stream, bodies)
            if brk:
                a.add(stream, f"第{brk.seq}条：{brk.problem}")
            lasts[stream] = _summarise(stream, bodies, owners)
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
        for stream in sorted(s for s in lasts if not s.startswith(on_row) and s not in heads):
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

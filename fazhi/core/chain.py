"""The hash chain itself, in plain Python (no Django): used by the event log and by the offline check of an
exported case archive (`fazhi verify-archive`), which must work without the database."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

GENESIS = "0" * 64
BODY_KEYS = ("stream", "seq", "kind", "data", "actor", "on", "entered_at", "prev")


def canonical_json(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def event_hash(body: dict) -> str:
    """SHA-256 over the canonical JSON of an event body (which includes the previous hash)."""
    return hashlib.sha256(canonical_json(body).encode("utf-8")).hexdigest()


@dataclass
class ChainBreak:
    stream: str
    seq: int
    problem: str


def verify_bodies(stream: str, bodies: list[dict]) -> ChainBreak | None:
    """Check one stream's events (as exported dicts with their 'hash'); return the first broken link."""
    prev = GENESIS
    for i, b in enumerate(bodies, start=1):
        body = {k: b.get(k) for k in BODY_KEYS}
        if b.get("seq") != i:
            return ChainBreak(stream, i, f"缺少第{i}条记录（实际为第{b.get('seq')}条）")
        if b.get("prev") != prev:
            return ChainBreak(stream, i, "前序哈希不一致：之前的记录被修改、插入或删除")
        if event_hash(body) != b.get("hash"):
            return ChainBreak(stream, i, "记录内容与哈希不一致：该记录被修改")
        prev = b["hash"]
    return None

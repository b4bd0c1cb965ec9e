"""Backup and restore of the database and the evidence store together (docs/integrity.md).

Layout of a backup (format fazhi-backup/1), one ZIP:

    manifest.json            vendor, time, applied migrations, each table's row count and file hash, each blob
    db/<app>.<model>.jsonl   every row of every table, one JSON object per line, values exact
    blobs/ab/cd/<sha256>     every stored file a row refers to (a field named `sha256`, or an event of a kind a
                             context registered as naming files, e.g. an issued document), byte for byte

Why not dumpdata or pg_dump: dumpdata's encoder cuts datetimes to milliseconds, which changes the hashed body
of nearly every event (the chains no longer verify after loaddata), and it cannot take the files; pg_dump
exists on PostgreSQL only and cannot take the files either. This format writes each value as the field's own
exact text (ISO datetimes with microseconds, decimals as strings, JSON as JSON), reads every table inside one
transaction (REPEATABLE READ on PostgreSQL, SQLite's single writer lock), and restores by INSERT through the
fields' own conversions, so the same file restores into SQLite or PostgreSQL.

The evidence store is content-addressed and never rewrites a file (core/blobs.py): a blob is in place before
the row that names it commits. So the files a database snapshot refers to are all there when the snapshot is
read, and copying them after the rows keeps the backup consistent without stopping uploads.
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from uuid import UUID

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from fazhi.core import blobs, registry
from fazhi.core.integrity import snapshot_isolation as _snapshot_isolation

FORMAT = "fazhi-backup/1"
BATCH = 2000
# Filled by `migrate` itself (post_migrate), not by anyone's work: replaced by the backup's rows on restore.
MIGRATE_FILLS = ("contenttypes.contenttype", "auth.permission")


class BackupError(Exception):
    """A refusal with the operator's message (Chinese)."""


def _models() -> list[type[models.Model]]:
    out = [m for m in apps.get_models(include_auto_created=True)
           if m._meta.managed and not m._meta.proxy and not m._meta.swapped]
    return sorted(out, key=lambda m: m._meta.label_lower)


def _fields(model) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields]


def _blob_fields(model) -> list[str]:
    return [f.attname for f in _fields(model) if f.name == "sha256"]


def _encode(v):
    """A value as exact JSON: nothing is rounded (datetime keeps its microseconds, Decimal its digits)."""
    if isinstance(v, datetime | date | time):
        return v.isoformat()
    if isinstance(v, Decimal | UUID):
        return str(v)
    if isinstance(v, bytes | memoryview):
        return base64.b64encode(bytes(v)).decode()
    return v


def _line(values: list) -> bytes:
    return json.dumps([_encode(v) for v in values], ensure_ascii=False, separators=(",", ":"),
                      default=str).encode("utf-8") + b"\n"


def applied_migrations() -> list[str]:
    return sorted(f"{a}.{n}" for a, n in MigrationRecorder(connection).applied_migrations())


@dataclass
class Summary:
    tables: dict[str, int] = field(default_factory=dict)
    blobs: int = 0
    blob_bytes: int = 0
    missing_blobs: list[str] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(self.tables.values())


def backup(out_path: str | Path) -> Summary:
    out_path = Path(out_path)
    s = Summary()
    manifest: dict = {"format": FORMAT, "vendor": connection.vendor, "tables": {}, "blobs": []}
    wanted: set[str] = set()
    tmp = out_path.with_name(out_path.name + ".partial")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as zf:
        with transaction.atomic():
            _snapshot_isolation()
            manifest["taken_at"] = timezone.now().isoformat()
            manifest["migrations"] = applied_migrations()
            for model in _models():
                label = model._meta.label_lower
                names = [f.attname for f in _fields(model)]
                blob_cols = [names.index(a) for a in _blob_fields(model)]
                # Some files are named by the chain alone (an issued document: cases' issue_documents event);
                # the contexts register which events name files (core/registry.py blobs_in_events).
                in_events = registry.event_blobs() if label == "core.event" else {}
                kind_at, data_at = (names.index("kind"), names.index("data")) if in_events else (0, 0)
                h, n = hashlib.sha256(), 0
                arc = f"db/{label}.jsonl"
                with zf.open(arc, "w", force_zip64=True) as out:
                    header = _line(names)
                    out.write(header)
                    h.update(header)
                    qs = model._base_manager.order_by("pk").values_list(*names)
                    for row in qs.iterator(chunk_size=BATCH):
                        line = _line(list(row))
                        out.write(line)
                        h.update(line)
                        n += 1
                        for i in blob_cols:
                            if row[i]:
                                wanted.add(row[i])
                        if in_events and row[kind_at] in in_events:
                            wanted.update(in_events[row[kind_at]](row[data_at]))
                manifest["tables"][label] = {"file": arc, "rows": n, "sha256": h.hexdigest()}
                s.tables[label] = n
        for sha in sorted(wanted):
            try:
                src = blobs.path_of(sha)
            except ValueError:
                continue
            if not src.exists():
                s.missing_blobs.append(sha)  # a hash registered without its file (external evidence)
                continue
            size = src.stat().st_size
            zf.write(src, f"blobs/{sha[:2]}/{sha[2:4]}/{sha}", compress_type=zipfile.ZIP_STORED)
            manifest["blobs"].append({"sha256": sha, "size": size})
            s.blobs += 1
            s.blob_bytes += size
        manifest["missing_blobs"] = s.missing_blobs
        zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
    os.replace(tmp, out_path)
    return s





# --- restore ----------------------------------------------------------------------------------------------------


def _non_empty() -> list[str]:
    out = []
    for model in _models():
        if model._meta.label_lower in MIGRATE_FILLS:
            continue
        if model._base_manager.exists():
            out.append(f"{model._meta.verbose_name}（{model._meta.db_table}）")
    return out


def _store_non_empty() -> bool:
    root = blobs.root()
    if not root.exists():
        return False
    return any(p.is_file() for d in root.iterdir() if d.name != "incoming" and d.is_dir() for p in d.rglob("*"))


def read_manifest(zf: zipfile.ZipFile) -> dict:
    try:
        manifest = json.loads(zf.read("manifest.json"))
    except (KeyError, ValueError):
        raise BackupError("不是有效的备份文件：缺少或无法解析 manifest.json")
    if manifest.get("format") != FORMAT:
        raise BackupError(f"未知的备份格式：{manifest.get('format')}")
    return manifest


def check_file(zf: zipfile.ZipFile, manifest: dict) -> list[str]:
    """Every table file and blob against the manifest, before anything is written."""
    problems = []
    names = set(zf.namelist())
    for t in manifest["tables"].values():
        if t["file"] not in names:
            problems.append(f"缺少数据表文件：{t['file']}")
            continue
        h = hashlib.sha256()
        with zf.open(t["file"]) as f:
            while chunk := f.read(blobs.CHUNK):
                h.update(chunk)
        if h.hexdigest() != t["sha256"]:
            problems.append(f"数据表文件被修改：{t['file']}")
    for b in manifest["blobs"]:
        arc = f"blobs/{b['sha256'][:2]}/{b['sha256'][2:4]}/{b['sha256']}"
        if arc not in names:
            problems.append(f"缺少证据文件：{arc}")
            continue
        h = hashlib.sha256()
        with zf.open(arc) as f:
            while chunk := f.read(blobs.CHUNK):
                h.update(chunk)
        if h.hexdigest() != b["sha256"]:
            problems.append(f"证据文件被修改：{arc}")
    return problems


def _insert_sql(model, names: list[str]) -> str:
    q = connection.ops.quote_name
    cols = ", ".join(q(_column(model, n)) for n in names)
    return f"INSERT INTO {q(model._meta.db_table)} ({cols}) VALUES ({', '.join(['%s'] * len(names))})"


def _column(model, attname: str) -> str:
    for f in _fields(model):
        if f.attname == attname:
            return f.column
    raise BackupError(f"备份中的字段在本系统中不存在：{model._meta.label}.{attname}")


def restore(path: str | Path, *, force: bool = False) -> Summary:
    """Restore a backup into this database and evidence store. Both must be empty (as after `migrate`) unless
    `force`, which first empties the database (flush) and adds to the store. All rows go in in one transaction;
    the store receives every blob, each checked against its hash, before that transaction commits."""
    from django.core.management import call_command

    s = Summary()
    try:
        zf = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as e:
        raise BackupError(f"不是有效的备份文件：{e}")
    with zf:
        manifest = read_manifest(zf)
        mine = applied_migrations()
        if manifest["migrations"] != mine:
            missing = sorted(set(manifest["migrations"]) - set(mine))
            extra = sorted(set(mine) - set(manifest["migrations"]))
            raise BackupError("备份与本系统的数据库结构版本不同，请使用相同版本的 fazhi 恢复"
                              f"（备份有而本库没有：{missing[:5]}；本库有而备份没有：{extra[:5]}）")
        known = {m._meta.label_lower: m for m in _models()}
        unknown = sorted(set(manifest["tables"]) - set(known))
        if unknown:
            raise BackupError(f"备份中的数据表在本系统中不存在：{unknown}")
        problems = check_file(zf, manifest)
        if problems:
            raise BackupError("备份文件校验失败：" + "；".join(problems[:20]))
        busy = _non_empty()
        if (busy or _store_non_empty()) and not force:
            what = "、".join(busy[:5]) + ("等" if len(busy) > 5 else "") if busy else "证据文件目录"
            raise BackupError(f"目标不是空库：{what}已有数据。恢复只写入空的数据库和证据目录；"
                              "确需覆盖，请加 --force（将先清空数据库）")
        if busy and force:
            call_command("flush", interactive=False, verbosity=0)
        # The blobs first: content-addressed, so a file already there is the same file.
        for b in manifest["blobs"]:
            sha = b["sha256"]
            target = blobs.path_of(sha)
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(dir=target.parent)
                with os.fdopen(fd, "wb") as out, zf.open(f"blobs/{sha[:2]}/{sha[2:4]}/{sha}") as src:
                    while chunk := src.read(blobs.CHUNK):
                        out.write(chunk)
                os.chmod(tmp, 0o444)
                os.replace(tmp, target)
            s.blobs += 1
            s.blob_bytes += b["size"]
        with transaction.atomic():
            with connection.cursor() as cur:
                for label in MIGRATE_FILLS:  # migrate's own rows give way to the backup's (same ids)
                    if label in manifest["tables"]:
                        model = known[label]
                        cur.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")
                for label, t in manifest["tables"].items():
                    s.tables[label] = _load_table(cur, zf, known[label], t)
                    if s.tables[label] != t["rows"]:
                        raise BackupError(f"{label} 恢复 {s.tables[label]} 行，备份记载 {t['rows']} 行")
                for sql in connection.ops.sequence_reset_sql(no_style(), list(known.values())):
                    cur.execute(sql)
    return s


def _load_table(cur, zf: zipfile.ZipFile, model, t: dict) -> int:
    n = 0
    with zf.open(t["file"]) as f:
        lines = iter(f)
        names = json.loads(next(lines))
        by_att = {fl.attname: fl for fl in _fields(model)}
        missing = [a for a in names if a not in by_att]
        if missing:
            raise BackupError(f"备份中的字段在本系统中不存在：{model._meta.label}.{missing}")
        fields = [by_att[a] for a in names]
        sql = _insert_sql(model, names)
        batch = []
        for raw in lines:
            values = json.loads(raw)
            batch.append([_prep(fl, v) for fl, v in zip(fields, values, strict=True)])
            if len(batch) >= BATCH:
                cur.executemany(sql, batch)
                n += len(batch)
                batch = []
        if batch:
            cur.executemany(sql, batch)
            n += len(batch)
    return n


def _prep(f: models.Field, v):
    if v is None:
        return None
    if isinstance(f, models.JSONField):
        return f.get_db_prep_save(v, connection)
    return f.get_db_prep_save(f.to_python(v), connection)

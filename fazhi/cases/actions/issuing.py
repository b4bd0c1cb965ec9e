"""文书制发: the documents as issued, stored in the blob store with their hashes in the case chain, so the archive
carries the issued bytes and its check can tell a swapped document (docs/integrity.md)."""
from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from fazhi.cases.actions.machinery import CASE_ROWS
from fazhi.cases.models import PenaltyCase
from fazhi.core import rows
from fazhi.core.errors import Conflict
from fazhi.core.events import EVENT_ROWS, next_event

# --- 文书制发: the documents as issued, their hashes in the chain ------------------------------------------------

ISSUE_DOCUMENTS = "issue_documents"


def _doc_content(doc) -> str:
    """What a document says (its blocks), not how it is laid out: a new layout does not re-issue a document,
    a changed fact or text does."""
    import dataclasses
    import hashlib

    from fazhi.core.chain import canonical_json

    body = dataclasses.asdict(doc) if dataclasses.is_dataclass(doc) else repr(doc)
    if isinstance(body, dict):
        for how in ("size", "page_sign"):  # the page, not the content
            body.pop(how, None)
    return hashlib.sha256(canonical_json(body).encode("utf-8")).hexdigest()


def issued_documents(events) -> dict[str, dict]:
    """The latest issued version of each document, from a case's events (Event rows or exported bodies)."""
    out: dict[str, dict] = {}
    for e in events:
        kind, data = (e.kind, e.data) if hasattr(e, "kind") else (e.get("kind"), e.get("data") or {})
        if kind == ISSUE_DOCUMENTS:
            for d in data.get("documents", []):
                out[d["document"]] = d
    return out


def issue_documents(case: PenaltyCase, *, by=None, on: date | None = None) -> list[dict]:
    """Fix every document the case has reached as PDF bytes in the store and record each one's SHA-256 in the
    case's chain (PEN-28), so an archive missing a document, or holding one changed by a single byte, is caught
    offline even when its manifest and seal are redone. A document already issued with the same content is not
    issued again. Rendering happens before the row lock; if the case moved meanwhile, it is read again.
    Returns the issued entries in the legal order of the file."""
    import io

    from fazhi.cases import documents
    from fazhi.core import blobs

    on = on or timezone.localdate()
    for _ in range(3):
        case = PenaltyCase.objects.select_related("bureau").get(pk=case.pk)
        facts = documents.Facts(case)
        issued = issued_documents(facts.all)
        current, new = [], []
        for kind in documents.available(case, facts):
            doc = documents.build(case, kind.key, facts)
            content = _doc_content(doc)
            prev = issued.get(kind.key)
            if prev and prev.get("content") == content and blobs.path_of(prev["sha256"]).exists():
                current.append(prev)
                continue
            blob = blobs.keep(io.BytesIO(documents.to_pdf(doc)))
            entry = {"document": kind.key, "title": doc.title, "number": doc.number, "stage": kind.stage,
                     "filename": doc.filename, "sha256": blob.sha256, "size": blob.size, "content": content}
            current.append(entry)
            new.append(entry)
        if not new:
            return current
        with transaction.atomic():
            locked = CASE_ROWS.lock(case.pk)
            if locked.version != (facts.all[-1].seq if facts.all else 0):
                continue  # an action landed while we rendered: read the case again
            head = (locked.version, locked.chain_head) if locked.chain_head or not locked.version else None
            locked.version += 1
            ev = next_event(locked.stream, ISSUE_DOCUMENTS, actor=by, on=on, head=head,
                            data={"status": locked.status, "version": locked.version, "documents": new})
            locked.chain_head = ev.hash
            rows.execute(EVENT_ROWS.insert_statement(ev),
                         CASE_ROWS.update_statement(locked, ["version", "chain_head"]))
        return current
    raise Conflict()


def issued_pdf(case: PenaltyCase, key: str, doc) -> bytes | None:
    """The issued bytes of a document whose content has not changed since it was issued, else None (the
    caller renders it afresh): a document printed after issue is the one in the archive."""
    from fazhi.core import blobs
    from fazhi.core.models import Event

    prev = issued_documents(Event.objects.filter(stream=case.stream, kind=ISSUE_DOCUMENTS).order_by("seq")).get(key)
    if not prev or prev.get("content") != _doc_content(doc):
        return None
    try:
        return blobs.path_of(prev["sha256"]).read_bytes()
    except (OSError, ValueError):
        return None

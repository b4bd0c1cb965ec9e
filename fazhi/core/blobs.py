"""Evidence files, stored content-addressed: a file's name is the SHA-256 of its bytes (blobs/ab/cd/<hash>).

Uploads never sit whole in memory: HashingUploadHandler receives the request body in chunks, hashes each
chunk as it writes it to a temporary file beside the store, and `keep()` moves that file into place with a
rename (atomic on one filesystem). The same bytes uploaded twice are stored once.

A core service: cases (evidence, issued documents), citydesk and open311 (issue photos) and disclosure (public
reports) keep their files here; a backup carries them (core/backup.py)."""
from __future__ import annotations

import hashlib
import os
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler

CHUNK = 1024 * 1024


def root() -> Path:
    return Path(settings.FAZHI_BLOB_DIR)


def path_of(sha256: str) -> Path:
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise ValueError("not a SHA-256 hex digest")
    return root() / sha256[:2] / sha256[2:4] / sha256


@dataclass(frozen=True)
class Blob:
    sha256: str
    size: int


class HashedUpload(UploadedFile):
    """An uploaded file already on disk beside the store, with its hash computed while it arrived."""

    def __init__(self, temp_path: str, name, content_type, size, charset, sha256: str):
        super().__init__(open(temp_path, "rb"), name, content_type, size, charset)
        self.temp_path, self.sha256 = temp_path, sha256

    def temporary_file_path(self):
        return self.temp_path

    def close(self):
        try:
            return self.file.close()
        finally:
            # Not kept (the action was refused, or the request failed): remove the temporary file.
            if os.path.exists(self.temp_path) and not getattr(self, "kept", False):
                os.unlink(self.temp_path)


class HashingUploadHandler(FileUploadHandler):
    """Settings.FILE_UPLOAD_HANDLERS: every uploaded file streams to disk, hashed chunk by chunk. The bytes of all
    files of one request are counted against the request's limit (core/uploads.py); past it the upload stops
    and every temporary file of the request is removed."""

    chunk_size = 256 * 1024

    def __init__(self, request=None):
        super().__init__(request)
        self._received, self._paths = 0, []

    def _limit(self) -> int:
        return getattr(self.request, "upload_limit", None) or settings.FAZHI_PUBLIC_UPLOAD_MAX_BYTES

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        tmp_dir = root() / "incoming"
        tmp_dir.mkdir(parents=True, exist_ok=True)
        fd, self._path = tempfile.mkstemp(dir=tmp_dir)
        self._paths.append(self._path)
        self._out = os.fdopen(fd, "wb")
        self._hash = hashlib.sha256()

    def receive_data_chunk(self, raw_data, start):
        from fazhi.core.uploads import UploadTooLarge

        self._received += len(raw_data)
        if self._received > self._limit():
            self._out.close()
            self.upload_interrupted()
            raise UploadTooLarge(self._limit(), self._received)
        self._hash.update(raw_data)
        self._out.write(raw_data)
        return None  # consumed: no later handler sees it

    def upload_interrupted(self):
        for path in self._paths:
            if os.path.exists(path):
                os.unlink(path)

    def file_complete(self, file_size):
        self._out.close()
        return HashedUpload(self._path, self.file_name, self.content_type, file_size, self.charset,
                            self._hash.hexdigest())


def hash_file(f) -> Blob:
    h, size = hashlib.sha256(), 0
    f.seek(0)
    while chunk := f.read(CHUNK):
        h.update(chunk)
        size += len(chunk)
    f.seek(0)
    return Blob(h.hexdigest(), size)


def keep(upload) -> Blob:
    """Put an uploaded file into the store under its hash; an identical stored file is kept as it is."""
    if isinstance(upload, HashedUpload):
        blob = Blob(upload.sha256, upload.size)
        source = upload.temp_path
    else:  # e.g. a file passed in by a management command: copy it in, hashing as we go
        blob = hash_file(upload)
        tmp_dir = root() / "incoming"
        tmp_dir.mkdir(parents=True, exist_ok=True)
        fd, source = tempfile.mkstemp(dir=tmp_dir)
        with os.fdopen(fd, "wb") as out:
            while chunk := upload.read(CHUNK):
                out.write(chunk)
    target = path_of(blob.sha256)
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        os.unlink(source)
    else:
        os.chmod(source, 0o444)
        os.replace(source, target)
    if isinstance(upload, HashedUpload):
        upload.kept = True
    return blob


@contextmanager
def kept(uploads):
    """Store uploads for one action and yield their blobs. If the action is refused (any exception), the files
    this call added and no record refers to are removed again: a refused upload leaves nothing behind."""
    uploads = list(uploads)
    new = [not path_of(u.sha256).exists() if isinstance(u, HashedUpload) else True for u in uploads]
    stored = [keep(u) for u in uploads]
    try:
        yield stored
    except BaseException:
        for blob, added in zip(stored, new, strict=True):
            if added and not _referred(blob.sha256):
                path_of(blob.sha256).unlink(missing_ok=True)
        raise


def holders() -> list:
    """The models whose rows name a stored file: those with a field named `sha256` (cases' Evidence, citydesk's
    IssuePhoto …), the same convention a backup follows (core/backup.py)."""
    from django.apps import apps

    return [m for m in apps.get_models() if any(f.name == "sha256" for f in m._meta.concrete_fields)]


def _referred(sha256: str) -> bool:
    return any(model.objects.filter(sha256=sha256).exists() for model in holders())


def verify(sha256: str) -> bool:
    """Whether the stored file still has the bytes its name promises."""
    p = path_of(sha256)
    if not p.exists():
        return False
    with open(p, "rb") as f:
        return hash_file(f).sha256 == sha256


def download(sha256: str, filename: str, content_type: str = "", missing: str = "文件不在存储中"):
    """A stored file as an attachment named `filename`; a 404 saying so when the store has lost it. The caller
    has already decided that the person may see the record that names the file."""
    from django.http import FileResponse, Http404

    path = path_of(sha256)
    if not path.exists():
        raise Http404(missing)
    # Without a recorded type the response takes it from the file name (a PDF is served as a PDF).
    return FileResponse(open(path, "rb"), as_attachment=True, filename=filename or sha256,
                        content_type=content_type or None)

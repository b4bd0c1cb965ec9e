"""Upload size limits, enforced before the bytes reach disk.

Staff uploads (evidence, patrol photos) may be as large as FAZHI_EVIDENCE_MAX_BYTES; anonymous uploads and
anything sent to the public channels (/public/, /open311/) as large as FAZHI_PUBLIC_UPLOAD_MAX_BYTES. The
middleware refuses a request whose Content-Length is over the limit without reading its body; the upload
handler (core/blobs.py) counts the bytes as they arrive and stops at the limit (a body without a length, or a
length that lies), removing every temporary file of the request. Either way the answer is 413 with a Chinese
message, and nothing is left behind."""
from __future__ import annotations

import json

from django.conf import settings
from django.http import HttpResponse
from django.http.multipartparser import MultiPartParserError

from fazhi.core import registry

# Multipart headers and ordinary form fields beside the files (Django caps the fields themselves at
# DATA_UPLOAD_MAX_MEMORY_SIZE); a Content-Length above the file limit plus this is refused unread.
FORM_ALLOWANCE = 1024 * 1024
PUBLIC_PATHS = ("/public/", "/open311/")


class UploadTooLarge(Exception):
    def __init__(self, limit: int, size: int | None = None):
        super().__init__(f"upload over {limit} bytes")
        self.limit, self.size = limit, size


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f}".rstrip("0").rstrip(".") + " MB" if n >= 1024 * 1024 else f"{n} 字节"


def message(limit: int) -> str:
    return f"上传的文件过大：单次上传不得超过{_mb(limit)}，请压缩或分次上传"


def _is_staff(request) -> bool:
    from django.contrib.auth import get_user

    if get_user(request).is_authenticated:
        return True
    scheme, _, key = request.META.get("HTTP_AUTHORIZATION", "").strip().partition(" ")
    if scheme.lower() in ("bearer", "token") and key.strip() and request.path.startswith("/api/"):
        authenticate = registry.provided("api_token_user")  # the org kernel's tokens (org/apps.py)
        return authenticate is not None and authenticate(key.strip()) is not None
    return False


def limit_for(request) -> int:
    if request.path.startswith(PUBLIC_PATHS) or not _is_staff(request):
        return settings.FAZHI_PUBLIC_UPLOAD_MAX_BYTES
    return settings.FAZHI_EVIDENCE_MAX_BYTES


def too_large(request, limit: int) -> HttpResponse:
    text = message(limit)
    if request.path.startswith("/api/"):
        return HttpResponse(json.dumps({"code": "UPLOAD-SIZE", "message": text}, ensure_ascii=False), status=413,
                            content_type="application/json; charset=utf-8")
    if request.path.startswith("/open311/"):
        if request.path.endswith(".xml"):
            return HttpResponse(f'<?xml version="1.0" encoding="utf-8"?><errors><error><code>413</code>'
                                f"<description>{text}</description></error></errors>", status=413,
                                content_type="text/xml; charset=utf-8")
        return HttpResponse(json.dumps([{"code": 413, "description": text}], ensure_ascii=False), status=413,
                            content_type="application/json; charset=utf-8")
    return HttpResponse(f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>文件过大</title></head>'
                        f"<body><h1>文件过大</h1><p>{text}</p><p>请返回上一页重新选择文件。</p>"
                        f"</body></html>", status=413, content_type="text/html; charset=utf-8")


class UploadLimitMiddleware:
    """Placed before CsrfViewMiddleware, which is the first to read a form body."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("POST", "PUT", "PATCH"):
            limit = limit_for(request)
            request.upload_limit = limit
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > limit + FORM_ALLOWANCE:
                return too_large(request, limit)
            if request.content_type == "multipart/form-data":
                try:
                    _ = request.POST  # parse now, inside the limit, so a refusal is a 413 and not a 500
                except UploadTooLarge:
                    return too_large(request, limit)
                except MultiPartParserError:
                    return HttpResponse("上传内容格式不正确，请重新选择文件提交", status=400,
                                        content_type="text/plain; charset=utf-8")
        return self.get_response(request)

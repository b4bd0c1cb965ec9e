"""Reading values typed into forms and query strings. Bad input is the user's, so it is a 4xx with a Chinese
message, never a server error: each helper raises BadInput, which a view may show in place (it is a
ValueError, as `core.errors.refused` expects) and which otherwise becomes a 400 page (handler400 below)."""
from __future__ import annotations

import math
from datetime import date

from django.core.exceptions import BadRequest
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone

from fazhi.law.basis import RuleViolation
from fazhi.law.rules import violation

# Years the product reports on: from its earliest plausible records to next year.
FIRST_YEAR = 2000


class BadInput(BadRequest, ValueError):
    """A value a person typed that cannot be read; the message says what was expected."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def date_param(value: str | None, label: str = "日期", default: date | None = None) -> date:
    if not (value or "").strip():
        if default is None:
            raise BadInput(f"请填写{label}")
        return default
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise BadInput(f"{label}“{value.strip()[:20]}”不是有效的日期（格式为 年-月-日，如 2026-02-28）") from None


def int_param(value: str | None, label: str, *, lo: int = 0, hi: int = 2 ** 31 - 1, default: int | None = None) -> int:
    if not (value or "").strip():
        if default is None:
            raise BadInput(f"请填写{label}")
        return default
    try:
        n = int(value.strip())
    except ValueError:
        raise BadInput(f"{label}应为整数") from None
    if not lo <= n <= hi:
        raise BadInput(f"{label}应在{lo}至{hi}之间")
    return n


def float_param(value: str | None, label: str, *, lo: float, hi: float) -> float:
    try:
        x = float((value or "").strip())
    except ValueError:
        raise BadInput(f"{label}应为数字") from None
    if not math.isfinite(x) or not lo <= x <= hi:
        raise BadInput(f"{label}应为{lo:g}至{hi:g}之间的数字")
    return x


def year_param(value: str | int | None) -> int:
    """A report year: from FIRST_YEAR to next year; none given means this year."""
    this = timezone.localdate().year
    if value in (None, ""):
        return this
    return int_param(str(value), "年份", lo=FIRST_YEAR, hi=this + 1)


def bad_request(request, exception=None):
    """handler400: the reason in Chinese (BadInput's own message, or a general one for a malformed request)."""
    message = exception.message if isinstance(exception, BadInput) else "请求无法处理：提交的内容格式不正确或过多"
    return render(request, "400.html", {"message": message}, status=400)


CSRF_MESSAGE = "页面已过期或表单来源无法验证，未予办理：请刷新页面后重新提交"


def csrf_refusal() -> RuleViolation:
    """A form or request whose origin cannot be verified (CSRF): its own code, AUTH-CSRF, not a role refusal."""
    return violation("AUTH-CSRF", CSRF_MESSAGE)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a form sent without (or with a stale) token, said in Chinese with its code and basis
    (JSON on the API and Open311)."""
    e = csrf_refusal()
    if request.path.startswith(("/api/", "/open311/")):
        return JsonResponse(e.as_dict(), status=403, json_dumps_params={"ensure_ascii": False})
    return render(request, "403.html", {"refusal": e.shown(), "title": "表单未能提交"}, status=403)


def forbidden(request, exception=None):
    """handler403: a PermissionDenied raised by a view, with its own Chinese reason when it gives one (and the
    rule's code and basis when it is a refusal), never Django's English page."""
    if isinstance(exception, RuleViolation):
        shown = exception.shown()
    else:
        text = str(exception or "")
        chinese = any("\u4e00" <= ch <= "\u9fff" for ch in text)
        shown = {"code": "", "message": text if chinese else "您没有办理或查阅该事项的权限", "basis": ""}
    return render(request, "403.html", {"refusal": shown, "title": "无权办理"}, status=403)

"""Deployment safety: the secret key a production server may start on, idle session timeout, the
Content-Security-Policy, keys kept out of URLs and logs, and the client's address."""
from __future__ import annotations

import logging
import re
import secrets
import time
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect

# ---------------------------------------------------------------------------------------------- secret key


def secret_key_problem() -> str | None:
    """Why this production configuration may not start on its SECRET_KEY, or None. DEBUG (development) may run
    on the built-in key; anything else needs a key of its own that nobody else has."""
    if settings.DEBUG:
        return None
    key = settings.SECRET_KEY
    if key == settings.BUILTIN_SECRET_KEY:
        return ("生产模式（FAZHI_DEBUG=0）不能使用内置的 SECRET_KEY：请设置环境变量 FAZHI_SECRET_KEY，"
                f"或运行 `fazhi secret-key` 生成本机密钥文件（{settings.SECRET_KEY_FILE}）。")
    if len(key) < 50 or len(set(key)) < 5:
        return "SECRET_KEY 过短或过于简单（至少 50 个字符、5 种以上字符）：请运行 `fazhi secret-key` 生成随机密钥。"
    return None


def refuse_insecure_start() -> None:
    """Called by the WSGI entry point and `fazhi serve`: a production server does not start on a known key."""
    problem = secret_key_problem()
    if problem:
        raise ImproperlyConfigured(problem)


@checks.register(checks.Tags.security, deploy=True)
def check_secret_key(app_configs=None, **kwargs):
    problem = secret_key_problem()
    return [checks.Error(problem, id="fazhi.E001")] if problem else []


def write_secret_key(path: Path | None = None) -> tuple[Path, bool]:
    """Create the installation's key file if it does not exist (readable by its owner only). Returns the path
    and whether it was created; an existing key is never replaced (sessions and signed links depend on it)."""
    path = Path(path or settings.SECRET_KEY_FILE)
    if path.exists():
        return path, False
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="ascii") as f:
        path.chmod(0o600)
        f.write(secrets.token_urlsafe(64) + "\n")
    return path, True


# ---------------------------------------------------------------------------------------- idle timeout

_SEEN = "_fazhi_seen"
_RENEW_AFTER_S = 60  # write the session at most once a minute, not on every request


class IdleTimeoutMiddleware:
    """Ends a signed-in session after FAZHI_SESSION_IDLE_MINUTES without a request. Activity renews it (the
    session and its cookie are saved again at most once a minute, so a busy page costs no extra writes)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            now = int(time.time())
            seen = request.session.get(_SEEN)
            idle = settings.FAZHI_SESSION_IDLE_MINUTES * 60
            if seen is not None and now - seen > idle:
                logout(request)
                messages.info(request, f"已超过 {settings.FAZHI_SESSION_IDLE_MINUTES} 分钟未操作，已自动退出，请重新登录。")
                if request.path.startswith("/api/"):
                    return JsonResponse({"code": "AUTH-IDLE", "message": "登录已因长时间未操作而失效，请重新登录"},
                                        status=401, json_dumps_params={"ensure_ascii": False})
                return redirect(f"{settings.LOGIN_URL}?next={request.path}")
            if seen is None or now - seen >= _RENEW_AFTER_S:
                request.session[_SEEN] = now
        return self.get_response(request)


# ------------------------------------------------------------------------------ Content-Security-Policy


def _tile_origin(url: str) -> str:
    """The map tiles' origin for img-src: "https://{s}.tile.example.org/{z}/..." → "https://*.tile.example.org"."""
    if not url:
        return ""
    parts = urlsplit(url)
    host = re.sub(r"^\{[a-z]\}\.", "*.", parts.netloc)
    return f"{parts.scheme}://{host}" if parts.scheme and host else ""


def default_policy(nonce: str) -> str:
    img = " ".join(x for x in ("'self'", "data:", "blob:", _tile_origin(settings.FAZHI_MAP_TILES)) if x)
    return "; ".join([
        "default-src 'self'",
        f"script-src 'self' 'nonce-{nonce}'",
        # <style> elements and stylesheets from our origin only; style="" attributes are allowed (layout
        # values such as a bar's width; they cannot run code).
        "style-src 'self'",
        "style-src-attr 'unsafe-inline'",
        f"img-src {img}",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


class ContentSecurityPolicyMiddleware:
    """Sends the policy with every response. Templates that need an inline script give it
    nonce="{{ request.csp_nonce }}"; everything else is a static file."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.csp_nonce = nonce = secrets.token_urlsafe(16)
        response = self.get_response(request)
        header = "Content-Security-Policy-Report-Only" if settings.FAZHI_CSP_REPORT_ONLY else \
            "Content-Security-Policy"
        if header not in response:
            response[header] = settings.FAZHI_CSP.replace("{nonce}", nonce) if settings.FAZHI_CSP else \
                default_policy(nonce)
        return response


# ------------------------------------------------------------------------------------- keys not in URLs

# Query parameters that would carry a credential. Open311 (GeoReport v2) defines api_key as a request parameter,
# so /open311/ keeps it; everywhere else a key in the URL (which proxies, browsers and servers log) is refused.
KEY_PARAMS = frozenset({"token", "access_token", "auth_token", "api_key", "apikey", "bearer", "key"})
TOKEN_IN_URL = "接口令牌不得放在网址中（会被代理和服务器日志记录）：请放在请求头 Authorization: Bearer <令牌> 中"


class NoTokenInUrlMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.GET and not request.path.startswith("/open311/") \
                and any(k.lower() in KEY_PARAMS for k in request.GET):
            if request.path.startswith("/api/"):
                return JsonResponse({"code": "AUTH-URL", "message": TOKEN_IN_URL}, status=400,
                                    json_dumps_params={"ensure_ascii": False})
            return HttpResponse(TOKEN_IN_URL, status=400, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


_KEY_IN_TEXT = re.compile(r"(?i)\b(" + "|".join(sorted(KEY_PARAMS)) + r")=[^&\s\"']+")


def redact(text: str) -> str:
    return _KEY_IN_TEXT.sub(r"\1=[已隐去]", text)


class RedactKeysFilter(logging.Filter):
    """Removes key values from logged request lines (the development server logs every URL)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken record is the logging module's concern, not ours
            return True
        clean = redact(message)
        if clean != message:
            record.msg, record.args = clean, ()
        return True


class NoTracebackFor4xx(logging.Filter):
    """A refused request (4xx: bad input, a refusal, a lock, a CSRF failure) is the client's doing: it is logged as
    one line with its status, never with a traceback. Only a server error (5xx) keeps its traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and 400 <= status < 500 and record.exc_info:
            record.exc_info, record.exc_text = None, None
        return True


# ------------------------------------------------------------------------------------ client's address


def client_address(request) -> str:
    """The client's address: REMOTE_ADDR, or the header a trusted proxy sets (FAZHI_CLIENT_ADDRESS_HEADER)."""
    header = settings.FAZHI_CLIENT_ADDRESS_HEADER
    if header:
        value = request.META.get(header, "")
        if value:
            return value.split(",")[0].strip()[:64]
    return (request.META.get("REMOTE_ADDR") or "unknown")[:64]

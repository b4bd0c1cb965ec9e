"""Refusals say what they are (issue #32 §4): a form whose origin cannot be verified is AUTH-CSRF, a lock is
AUTH-LOCKED (429), lifting a lock or revoking a token outside one's scope is SEC-04 — never CASE-ROLE (行政处罚法),
which is about penalty cases — each with a Chinese message and its basis, on the pages and in JSON. A 4xx is one
line in the server log, never a traceback."""
import io
import logging
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from fazhi.org.models import Lockout, Staff
from tests.conftest import Api


def _as(username, **kw):
    c = Client(**kw)
    c.force_login(Staff.objects.get(username=username))
    return c


def test_a_page_form_without_its_token_is_auth_csrf_in_chinese_with_its_basis(org):
    r = _as("hetang_officer1", enforce_csrf_checks=True).post("/accounts/tokens/new/", {"name": "x"})
    page = r.content.decode()
    assert r.status_code == 403
    assert "表单未能提交" in page and "请刷新页面后重新提交" in page and "网络安全法" in page and "AUTH-CSRF" in page
    assert "CASE-ROLE" not in page and "无权查阅" not in page and "行政处罚法" not in page


def test_a_session_api_call_without_its_token_is_auth_csrf_json(org):
    c = _as("hetang_officer1", enforce_csrf_checks=True)
    r = c.post("/api/v1/auth/tokens/0123456789abcdef/revoke", "{}", content_type="application/json")
    assert r.status_code == 403
    body = r.json()
    assert body["code"] == "AUTH-CSRF" and "刷新页面" in body["message"]
    assert body["basis"]["law"] == "中华人民共和国网络安全法"


def _locked(username):
    return Lockout.objects.create(kind="account", key=username, failures=0,
                                  locked_until=timezone.now() + timedelta(minutes=30))


def test_lifting_a_lock_outside_ones_scope_is_sec_04_not_case_role(org):
    lock = _locked("lusong_officer1")
    r = _as("hetang_head").post(f"/accounts/lockouts/{lock.uuid}/unlock/")
    page = r.content.decode()
    assert r.status_code == 403 and "SEC-04" in page and "GB/T 22239" in page and "CASE-ROLE" not in page
    status, body = Api(Staff.objects.get(username="hetang_head")).post(f"/auth/lockouts/{lock.uuid}/unlock", {})
    assert status == 403 and body["code"] == "SEC-04" and "GB/T 22239" in body["basis"]["law"]
    assert Lockout.objects.get(pk=lock.pk).is_locked(timezone.now())


def test_revoking_another_persons_token_is_sec_04(org):
    from fazhi.org.models import ApiToken

    token, _ = ApiToken.issue(Staff.objects.get(username="hetang_officer2"))
    r = _as("hetang_officer1").post(f"/accounts/tokens/{token.public_id}/revoke/")
    assert r.status_code == 403 and "SEC-04" in r.content.decode()


def test_a_locked_login_is_429_with_the_reason_and_a_locked_token_call_is_auth_locked(org):
    _locked("hetang_officer1")
    r = Client().post("/accounts/login/", {"username": "hetang_officer1", "password": "fazhi2026"})
    assert r.status_code == 429 and "已锁定至" in r.content.decode()
    Lockout.objects.create(kind="address", key="192.0.2.7", locked_until=timezone.now() + timedelta(minutes=30))
    r = Client().get("/api/v1/me", HTTP_AUTHORIZATION="Bearer fz_nonsense", REMOTE_ADDR="192.0.2.7")
    body = r.json()
    assert r.status_code == 429 and body["code"] == "AUTH-LOCKED" and "暂停登录" in body["message"]
    assert "8.1.4.1" in body["basis"]["law"] + body["basis"]["text"]


def test_a_permission_denied_page_says_why_in_chinese(org):
    r = _as("hetang_officer1").get("/calendar/holidays/")
    assert r.status_code == 403 and "节假日安排须由机关负责人或系统管理员录入" in r.content.decode()


@pytest.fixture
def server_log():
    """What the root logger's console handler (settings.LOGGING) writes, captured."""
    handler = next(h for h in logging.getLogger().handlers
                   if any(type(f).__name__ == "NoTracebackFor4xx" for f in h.filters))
    out = io.StringIO()
    old = handler.setStream(out)
    try:
        yield out
    finally:
        handler.setStream(old)


def test_a_4xx_logs_one_line_and_no_traceback(org, server_log):
    head = _as("hetang_head")
    assert head.get("/reports/dashboard/?year=abc").status_code == 400            # BadInput → handler400
    assert _as("hetang_officer1").get("/calendar/holidays/").status_code == 403   # PermissionDenied
    assert _as("hetang_officer1", enforce_csrf_checks=True).post("/accounts/tokens/new/").status_code == 403
    text = server_log.getvalue()
    assert "Traceback" not in text
    assert "/reports/dashboard/" in text and "/calendar/holidays/" in text  # still logged, as one line each


def test_the_filter_keeps_a_server_errors_traceback():
    from fazhi.core.security import NoTracebackFor4xx

    try:
        raise RuntimeError("boom")
    except RuntimeError:
        import sys

        info = sys.exc_info()
    for status, kept in ((400, False), (403, False), (499, False), (500, True)):
        record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "x", (), info)
        record.status_code = status
        NoTracebackFor4xx().filter(record)
        assert (record.exc_info is not None) == kept, status

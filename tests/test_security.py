"""Issue 12 item 4 (deployment): production refuses the built-in SECRET_KEY, `check --deploy` is clean with the
production environment, the HTTPS settings come from the environment, the Content-Security-Policy, idle
sessions end, password validators, and keys never in URLs or logs."""
import logging
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client

from fazhi.core.security import RedactKeysFilter, secret_key_problem

ROOT = Path(__file__).resolve().parents[1]
STRONG_KEY = "k" * 20 + "0123456789abcdefghijklmnopqrstuvwxyz-_ABCDEF"


def run(args, tmp_path, **env):
    """A fresh process with only the given fazhi settings (nothing inherited but the basics)."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("FAZHI_", "DJANGO_"))}
    base.update({"FAZHI_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "fazhi.settings", **env})
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=base, capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_in_production(tmp_path):
    r = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], tmp_path, FAZHI_DEBUG="0",
            FAZHI_SECRET_KEY=STRONG_KEY, FAZHI_HTTPS="1", FAZHI_ALLOWED_HOSTS="zfj.zhuzhou.gov.cn")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "System check identified no issues" in r.stdout
    assert "WARNING" not in r.stdout + r.stderr


def test_production_refuses_the_builtin_key_and_the_key_file_fixes_it(tmp_path):
    # check --deploy names it …
    r = run(["manage.py", "check", "--deploy"], tmp_path, FAZHI_DEBUG="0", FAZHI_HTTPS="1")
    assert r.returncode != 0 and "fazhi.E001" in r.stderr and "不能使用内置的 SECRET_KEY" in r.stderr
    # … the WSGI entry point (gunicorn) does not start …
    r = run(["-c", "import fazhi.wsgi"], tmp_path, FAZHI_DEBUG="0")
    assert r.returncode != 0 and "ImproperlyConfigured" in r.stderr and "fazhi secret-key" in r.stderr
    # … nor does `fazhi serve`, with a clear message.
    r = run(["-m", "fazhi.cli", "serve", "127.0.0.1:0"], tmp_path, FAZHI_DEBUG="0")
    assert r.returncode == 1 and "无法启动" in r.stderr and "SECRET_KEY" in r.stderr
    # `fazhi secret-key` makes the installation's own key (owner-only), once; then production starts.
    r = run(["-m", "fazhi.cli", "secret-key"], tmp_path)
    assert r.returncode == 0 and "新生成" in r.stdout
    key_file = tmp_path / "secret_key"
    first = key_file.read_text()
    assert len(first.strip()) >= 64 and key_file.stat().st_mode & 0o777 == 0o600
    assert "已存在" in run(["-m", "fazhi.cli", "secret-key"], tmp_path).stdout and key_file.read_text() == first
    r = run(["-c", "import fazhi.wsgi; from django.conf import settings; print(settings.SECRET_KEY)"], tmp_path,
            FAZHI_DEBUG="0")
    assert r.returncode == 0 and r.stdout.strip() == first.strip()


def test_weak_environment_key_is_refused_and_debug_may_use_the_builtin(settings):
    settings.DEBUG, settings.SECRET_KEY = False, "short"
    assert "过短" in secret_key_problem()
    settings.SECRET_KEY = settings.BUILTIN_SECRET_KEY
    assert "内置" in secret_key_problem()
    settings.DEBUG = True
    assert secret_key_problem() is None


def test_https_settings_come_from_the_environment(tmp_path):
    code = ("from django.conf import settings as s; print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
            "s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_PROXY_SSL_HEADER)")
    prefix = "import django; django.setup(); "
    r = run(["-c", prefix + code], tmp_path, FAZHI_HTTPS="1", FAZHI_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO=https",
            FAZHI_HSTS_SECONDS="600")
    assert r.stdout.split() == ["True", "True", "True", "600", "('HTTP_X_FORWARDED_PROTO',", "'https')"], r.stderr
    # The demo (plain HTTP on 127.0.0.1) keeps them off, or its cookies would never come back.
    r = run(["-c", prefix + code.replace(", s.SECURE_PROXY_SSL_HEADER", "")], tmp_path)
    assert r.stdout.split() == ["False", "False", "False", "0"], r.stderr


def test_password_validators():
    for weak in ("12345678", "password", "fz1"):
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password("执法-Hetang-2026!")


# --------------------------------------------------------------------------------------------------- CSP


def test_every_response_carries_the_policy_with_a_fresh_nonce(db):
    c = Client()
    a, b = c.get("/public/"), c.get("/accounts/login/")
    policy = a["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in policy and "object-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy and "http" not in policy  # no outside origin by default
    nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
    assert nonce not in b["Content-Security-Policy"]


def test_map_tiles_origin_is_allowed_for_images(db, settings):
    settings.FAZHI_MAP_TILES = "https://{s}.tiles.example.cn/{z}/{x}/{y}.png"
    policy = Client().get("/public/")["Content-Security-Policy"]
    assert "img-src 'self' data: blob: https://*.tiles.example.cn" in policy


TEMPLATES = sorted((ROOT / "fazhi").rglob("templates/**/*.html"))


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT / "fazhi")))
def test_templates_have_no_script_the_policy_would_block(path):
    """Inline scripts need the nonce, and inline event handlers (onclick=…) cannot have one: static files."""
    text = path.read_text(encoding="utf-8")
    for tag in re.findall(r"<script\b[^>]*>", text):
        assert "src=" in tag or "nonce=" in tag or 'type="application/json"' in tag, (path, tag)
    assert not re.search(r"\son[a-z]+\s*=", text), path
    assert "javascript:" not in text


# ------------------------------------------------------------------------------------------ idle timeout


def test_idle_session_ends_and_activity_renews_it(db, org, settings):
    settings.FAZHI_SESSION_IDLE_MINUTES = 30
    c = Client()
    c.force_login(org["hetang"].officers[0])
    assert c.get("/").status_code == 200
    s = c.session
    s["_fazhi_seen"] = int(time.time()) - 29 * 60  # 29 idle minutes: still signed in, and renewed
    s.save()
    assert c.get("/").status_code == 200
    assert int(time.time()) - c.session["_fazhi_seen"] < 5
    s = c.session
    s["_fazhi_seen"] = int(time.time()) - 31 * 60  # 31: signed out, told why
    s.save()
    r = c.get("/", follow=True)
    assert r.redirect_chain[0][0].startswith("/accounts/login/")
    assert "已超过 30 分钟未操作" in r.content.decode()
    assert "_auth_user_id" not in c.session
    assert settings.SESSION_COOKIE_AGE == 30 * 60


# ------------------------------------------------------------------------------------ keys not in URLs


def test_a_token_in_the_query_string_is_refused(db, org):
    from fazhi.org.models import ApiToken

    _, key = ApiToken.issue(org["hetang"].officers[0])
    r = Client().get(f"/api/v1/me?token={key}")
    assert r.status_code == 400 and "Authorization" in r.json()["message"] and r.json()["code"] == "AUTH-URL"
    assert Client().get(f"/?access_token={key}").status_code == 400
    # In the header it works; Open311 keeps its api_key request parameter (GeoReport v2).
    assert Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200
    assert Client().get(f"/open311/v2/services.json?api_key={key}").status_code == 200


def test_keys_are_removed_from_logged_request_lines():
    record = logging.LogRecord("django.server", logging.INFO, __file__, 1, '"%s" %s %s',
                               ("POST /open311/v2/requests.json?api_key=fz_SECRET&lat=1 HTTP/1.1", "201", "99"), None)
    RedactKeysFilter().filter(record)
    assert "fz_SECRET" not in record.getMessage() and "api_key=[已隐去]&lat=1" in record.getMessage()

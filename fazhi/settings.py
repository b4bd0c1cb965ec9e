"""Settings come from the environment; the defaults give a working embedded (SQLite) installation."""
import json
import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("FAZHI_VAR_DIR", BASE_DIR / "var"))

DEBUG = os.environ.get("FAZHI_DEBUG", "0") == "1"


def _flag(name: str, default: bool) -> bool:
    return os.environ.get(name, "1" if default else "0").strip().lower() in ("1", "true", "yes", "on")


# The key signs sessions, CSRF tokens and challenges. From FAZHI_SECRET_KEY, else from the installation's key file
# (`fazhi secret-key` writes one; `fazhi demo` does it for the demo). The built-in key is for development only:
# a production server (not DEBUG) refuses to start on it (fazhi/core/security.py, checked by wsgi.py and
# `fazhi serve`, and by `check --deploy`).
BUILTIN_SECRET_KEY = "insecure-dev-key-change-me-in-production"
SECRET_KEY_FILE = Path(os.environ.get("FAZHI_SECRET_KEY_FILE", VAR_DIR / "secret_key"))
SECRET_KEY = os.environ.get("FAZHI_SECRET_KEY", "").strip() or (
    SECRET_KEY_FILE.read_text().strip() if SECRET_KEY_FILE.is_file() else BUILTIN_SECRET_KEY)
ALLOWED_HOSTS = [h for h in os.environ.get("FAZHI_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("FAZHI_CSRF_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "fazhi.core",
    "fazhi.org",
    "fazhi.catalog",
    "fazhi.cases",
    "fazhi.inspections",
    "fazhi.citydesk",
    "fazhi.open311",
    "fazhi.disclosure",
    "fazhi.reports",
    "fazhi.permits",
    "fazhi.disputes",
    "fazhi.decisions",
    "fazhi.supervision",
    "fazhi.registers",
    "fazhi.coercion",
    "fazhi.personnel",
    "fazhi.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "fazhi.core.uploads.UploadLimitMiddleware",  # before CSRF, the first to read a form body
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "fazhi.core.security.IdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "fazhi.core.security.ContentSecurityPolicyMiddleware",
    "fazhi.core.security.NoTokenInUrlMiddleware",
]

ROOT_URLCONF = "fazhi.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "fazhi" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "fazhi.org.access.context",
            ]
        },
    }
]
WSGI_APPLICATION = "fazhi.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'fazhi.sqlite3'}"),
        conn_max_age=int(os.environ.get("FAZHI_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Writers queue for the lock instead of failing at once; WAL lets readers proceed during a write.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}

AUTH_USER_MODEL = "org.Staff"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
     "OPTIONS": {"user_attributes": ("username", "full_name", "phone", "email")}},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": int(os.environ.get("FAZHI_PASSWORD_MIN_LENGTH", 8))}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Every login (web form, admin, token API) passes the lockout check first (fazhi/org/throttle.py).
AUTHENTICATION_BACKENDS = ["fazhi.org.throttle.ThrottledModelBackend"]
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/accounts/login/"

# Login throttling (GB/T 22239-2019 8.1.4.1: 登录失败处理——限制非法登录次数、自动退出). N failed logins for one
# account, or M from one address, within the window lock that account/address for the lock period; a leader or
# administrator can unlock (/accounts/lockouts/).
FAZHI_LOGIN_MAX_FAILURES = int(os.environ.get("FAZHI_LOGIN_MAX_FAILURES", 5))
FAZHI_LOGIN_ADDRESS_MAX_FAILURES = int(os.environ.get("FAZHI_LOGIN_ADDRESS_MAX_FAILURES", 20))
FAZHI_LOGIN_WINDOW_MINUTES = int(os.environ.get("FAZHI_LOGIN_WINDOW_MINUTES", 15))
FAZHI_LOGIN_LOCK_MINUTES = int(os.environ.get("FAZHI_LOGIN_LOCK_MINUTES", 30))
# The request header carrying the client's address when behind a proxy that sets it (e.g. HTTP_X_REAL_IP);
# empty = REMOTE_ADDR. Only set it when the proxy overwrites the header, or clients could choose their address.
FAZHI_CLIENT_ADDRESS_HEADER = os.environ.get("FAZHI_CLIENT_ADDRESS_HEADER", "")
# API tokens expire after this many days (1 to 3650; a token that never expires is not offered).
FAZHI_TOKEN_DAYS = max(1, min(3650, int(os.environ.get("FAZHI_TOKEN_DAYS", 90))))
# Anonymous reports (public form, Open311 POST without api_key): a challenge per report and a rate limit per
# address and overall, "count/seconds". api_key clients are exempt from both.
FAZHI_ANON_REPORT_RATE = os.environ.get("FAZHI_ANON_REPORT_RATE", "5/600")
FAZHI_ANON_REPORT_GLOBAL_RATE = os.environ.get("FAZHI_ANON_REPORT_GLOBAL_RATE", "60/60")

# Sessions end after this many idle minutes (renewed on activity; fazhi/core/security.py).
FAZHI_SESSION_IDLE_MINUTES = max(1, int(os.environ.get("FAZHI_SESSION_IDLE_MINUTES", 30)))
SESSION_COOKIE_AGE = FAZHI_SESSION_IDLE_MINUTES * 60
SESSION_COOKIE_HTTPONLY = True

# HTTPS deployment: FAZHI_HTTPS=1 turns on Secure cookies, HSTS and the redirect to HTTPS; each can be set apart.
# Behind a TLS-terminating proxy set FAZHI_PROXY_SSL_HEADER (e.g. "HTTP_X_FORWARDED_PROTO=https"), and only
# when the proxy overwrites that header.
_HTTPS = _flag("FAZHI_HTTPS", False)
SESSION_COOKIE_SECURE = _flag("FAZHI_SECURE_COOKIES", _HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = _flag("FAZHI_SSL_REDIRECT", _HTTPS)
SECURE_HSTS_SECONDS = int(os.environ.get("FAZHI_HSTS_SECONDS", 31536000 if _HTTPS else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("FAZHI_HSTS_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = _flag("FAZHI_HSTS_PRELOAD", True)
if os.environ.get("FAZHI_PROXY_SSL_HEADER"):
    _header, _, _value = os.environ["FAZHI_PROXY_SSL_HEADER"].partition("=")
    SECURE_PROXY_SSL_HEADER = (_header.strip(), (_value or "https").strip())
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (fazhi/core/security.py builds the default: own origin only, plus the map tiles'
# origin; scripts from our static files or with the per-response nonce). FAZHI_CSP replaces it whole;
# FAZHI_CSP_REPORT_ONLY=1 sends it as Content-Security-Policy-Report-Only.
FAZHI_CSP = os.environ.get("FAZHI_CSP", "")
FAZHI_CSP_REPORT_ONLY = _flag("FAZHI_CSP_REPORT_ONLY", False)

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "fazhi" / "static"]
MEDIA_ROOT = VAR_DIR / "media"
# Evidence files, content-addressed (core/blobs.py). Uploads stream to disk, hashed as they arrive.
FAZHI_BLOB_DIR = Path(os.environ.get("FAZHI_BLOB_DIR", VAR_DIR / "blobs"))
FILE_UPLOAD_HANDLERS = ["fazhi.core.blobs.HashingUploadHandler"]
# The HMAC key that signs checkpoints of the chain heads (core/integrity.py); derived from SECRET_KEY when unset.
# Keep it out of the database and the backups: whoever holds it can sign a checkpoint.
FAZHI_CHECKPOINT_KEY = os.environ.get("FAZHI_CHECKPOINT_KEY", "")
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024   # form fields only; files are not counted
# PUB-04: how long a published decision stays online (local rule; the default follows the 裕华区 example).
FAZHI_RETENTION_YEARS = {"org": int(os.environ.get("FAZHI_RETENTION_ORG_YEARS", 5)),
                         "citizen": int(os.environ.get("FAZHI_RETENTION_PERSON_YEARS", 2))}
FAZHI_EVIDENCE_MAX_BYTES = int(os.environ.get("FAZHI_EVIDENCE_MAX_BYTES", 4 * 1024 ** 3))
# Anonymous uploads and the public channels (/public/, /open311/): a few phone photos (core/uploads.py).
FAZHI_PUBLIC_UPLOAD_MAX_BYTES = int(os.environ.get("FAZHI_PUBLIC_UPLOAD_MAX_BYTES", 8 * 1024 ** 2))
CSRF_FAILURE_VIEW = "fazhi.core.params.csrf_failure"  # the refusal in Chinese, not Django's English page
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Keys in a URL (Open311's api_key may come in the query string, as GeoReport v2 allows) never reach a log.
    # A 4xx is the client's: one line, never a traceback (only a 5xx keeps its traceback).
    "filters": {"no_keys": {"()": "fazhi.core.security.RedactKeysFilter"},
                "no_4xx_traceback": {"()": "fazhi.core.security.NoTracebackFor4xx"}},
    "formatters": {"server": {"()": "django.utils.log.ServerFormatter", "format": "[{server_time}] {message}",
                              "style": "{"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["no_keys", "no_4xx_traceback"]},
                 "server": {"class": "logging.StreamHandler", "filters": ["no_keys"], "formatter": "server"}},
    "root": {"handlers": ["console"], "level": os.environ.get("FAZHI_LOG_LEVEL", "WARNING")},
    "loggers": {"django.server": {"handlers": ["server"], "level": "INFO", "propagate": False},
                "django.request": {"filters": ["no_4xx_traceback"]}},
}

VAR_DIR.mkdir(parents=True, exist_ok=True)

# 数字化城管 map: the tile URL is configuration ("" = no tiles; the boundaries and issues still draw). fazhi stores
# GCJ-02; set the datum of the tiles ("gcj02" for AMap/Tencent-style tiles, "wgs84" for OpenStreetMap-style ones).
FAZHI_MAP_TILES = os.environ.get("FAZHI_MAP_TILES", "")
FAZHI_MAP_ATTRIBUTION = os.environ.get("FAZHI_MAP_ATTRIBUTION", "")
FAZHI_MAP_TILES_DATUM = os.environ.get("FAZHI_MAP_TILES_DATUM", "gcj02")

# §C.1 appraisal weights per role, in percent; each role's weights must sum to 100 (checked at start-up).
# Unset = law.appraisal.DEFAULT_WEIGHTS. JSON in FAZHI_APPRAISAL_WEIGHTS overrides whole roles.
FAZHI_APPRAISAL_WEIGHTS = json.loads(os.environ.get("FAZHI_APPRAISAL_WEIGHTS", "{}")) or None

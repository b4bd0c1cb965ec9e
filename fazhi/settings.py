"""Settings come from the environment; the defaults give a working embedded (SQLite) installation."""
import json
import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("FAZHI_VAR_DIR", BASE_DIR / "var"))

DEBUG = os.environ.get("FAZHI_DEBUG", "0") == "1"
SECRET_KEY = os.environ.get("FAZHI_SECRET_KEY", "insecure-dev-key-change-me-in-production")
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
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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
AUTH_PASSWORD_VALIDATORS = [{"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"}]
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/accounts/login/"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "fazhi" / "static"]
MEDIA_ROOT = VAR_DIR / "media"
# Evidence files, content-addressed (cases/blobs.py). Uploads stream to disk, hashed as they arrive.
FAZHI_BLOB_DIR = Path(os.environ.get("FAZHI_BLOB_DIR", VAR_DIR / "blobs"))
FILE_UPLOAD_HANDLERS = ["fazhi.cases.blobs.HashingUploadHandler"]
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
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("FAZHI_LOG_LEVEL", "WARNING")},
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

"""Settings shared by every environment.

Every value an operator may change is read from the environment (``DJANGO_*`` for Django
itself, ``FAZHI_*`` for the platform's own rules). ``docs/deploy/settings-template.env``
explains each one.
"""
import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


# GENERAL ------------------------------------------------------------------------------
DEFAULT_SECRET_KEY = "fazhi-development-only-secret-key-do-not-use-in-production"
SECRET_KEY = env("DJANGO_SECRET_KEY", DEFAULT_SECRET_KEY)
DEBUG = env_bool("DJANGO_DEBUG", True)
ALLOWED_HOSTS = [h for h in env("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]
# Simplified Chinese for everyone: no language is negotiated from the browser (an English browser still gets
# Chinese messages, Django's own included).
LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# DATABASES ----------------------------------------------------------------------------
VAR_DIR = Path(env("FAZHI_VAR_DIR", str(BASE_DIR / "var")))
# A database connection is closed after each request unless FAZHI_CONN_MAX_AGE (seconds) says to keep it:
# config/gunicorn.conf.py keeps them (each worker thread reuses its own; opening one costs more than a small
# request), the development server does not (it starts a thread per request, which would leave one behind each).
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'fazhi.sqlite3'}"),
        conn_max_age=env_int("FAZHI_CONN_MAX_AGE", 0), conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite as a real embedded database for a county's few dozen simultaneous users:
    # - WAL: readers never block the writer nor the writer the readers (persistent in the file);
    # - every transaction.atomic() begins IMMEDIATE, taking the write lock up front, so a transaction
    #   that reads and then writes waits its turn (busy timeout) instead of failing at its first write
    #   with "database is locked" (a DEFERRED reader cannot be upgraded while another has written);
    # - writes outside atomic() (session saves, last_login) are single statements that wait too;
    # - synchronous=NORMAL is durable across application crashes in WAL mode, and fast.
    _busy_seconds = env_int("FAZHI_SQLITE_BUSY_SECONDS", 20)
    DATABASES["default"].setdefault("OPTIONS", {}).update({
        "timeout": _busy_seconds,
        "transaction_mode": "IMMEDIATE",
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            f"PRAGMA busy_timeout={_busy_seconds * 1000}; PRAGMA foreign_keys=ON"
        ),
    })

# APPS ---------------------------------------------------------------------------------
DJANGO_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]
LOCAL_APPS = [
    "fazhi.core",
    "fazhi.orgs",
    "fazhi.console",
    "fazhi.portal",
    "fazhi.powers",
    "fazhi.decisions",
    "fazhi.normative_docs",
    "fazhi.enforcement",
    "fazhi.oversight",
    "fazhi.legal_services",
    "fazhi.disputes",
    "fazhi.legal_education",
    "fazhi.assessment",
    "fazhi.reporting",
    "fazhi.api",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
]
INSTALLED_APPS = DJANGO_APPS + LOCAL_APPS

MIDDLEWARE = [
    "fazhi.core.requestlog.RequestIdMiddleware",  # first: every later log line carries the request id
    "django.middleware.security.SecurityMiddleware",
    "fazhi.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "fazhi.core.middleware.SessionIdleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "fazhi.core.context_processors.layout",
            ],
        },
    }
]

# AUTHENTICATION -----------------------------------------------------------------------
AUTH_USER_MODEL = "orgs.User"
AUTHENTICATION_BACKENDS = ["fazhi.orgs.backends.RoleBackend"]
LOGIN_URL = "orgs:login"
LOGIN_REDIRECT_URL = "console:workbench"
LOGOUT_REDIRECT_URL = "orgs:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "fazhi.orgs.validators.ComplexityValidator"},
]

# SESSIONS: end after 30 minutes without a request (等保: 登录超时) ------------------------------
# The session's expiry is pushed forward by fazhi.core.middleware.SessionIdleMiddleware at most once a minute
# (not on every request: an exam's autosaves would each write the session row too), so a session lives 30 to 31
# minutes after its last request.
FAZHI_SESSION_IDLE_SECONDS = env_int("FAZHI_SESSION_IDLE_SECONDS", 30 * 60)
FAZHI_SESSION_REFRESH_SECONDS = 60
SESSION_COOKIE_AGE = FAZHI_SESSION_IDLE_SECONDS + FAZHI_SESSION_REFRESH_SECONDS
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# SECURITY HEADERS ---------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Only this host: no CDN, no web fonts, no inline script.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)

# STATIC FILES: our own and the npm packages installed by bin/setup ----------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "fazhi" / "static",
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
    ("vendor/echarts", BASE_DIR / "node_modules" / "echarts" / "dist"),
]
WHITENOISE_USE_FINDERS = DEBUG  # development serves from node_modules/ and fazhi/static/ directly
# With DEBUG off (bin/serve) WhiteNoise serves the collected files (collectstatic), content-hashed and compressed.
# Source maps (half the collected bytes, fetched only by a developer's tools) are served uncompressed: compressing
# them was most of collectstatic's time.
from whitenoise.compress import Compressor  # noqa: E402

WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage" if DEBUG
                    else "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"

# LOGGING ------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # FAZHI_LOG_FORMAT=json: one JSON object per line for a log collector; every line carries the request id
    "filters": {"request_id": {"()": "fazhi.core.requestlog.RequestIdFilter"}},
    "formatters": {"text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
                   "json": {"()": "fazhi.core.requestlog.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["request_id"],
                             "formatter": "json" if env("FAZHI_LOG_FORMAT", "text") == "json" else "text"}},
    "loggers": {"fazhi": {"handlers": ["console"], "level": env("FAZHI_LOG_LEVEL", "INFO")},
                # with DEBUG off, a server error's traceback goes to the server's log (gunicorn's stderr)
                "django.request": {"handlers": ["console"], "level": "ERROR"}},
}

# FAZHI: the platform's own rules (every one may be changed by the operator) ------------
FAZHI_COUNTY_NAME = env("FAZHI_COUNTY_NAME", "郧西县")
FAZHI_LOGIN_MAX_FAILURES = env_int("FAZHI_LOGIN_MAX_FAILURES", 5)
FAZHI_LOGIN_LOCK_MINUTES = env_int("FAZHI_LOGIN_LOCK_MINUTES", 15)
FAZHI_IMPORT_MAX_BYTES = env_int("FAZHI_IMPORT_MAX_BYTES", 10 * 1024 * 1024)
FAZHI_IMPORT_MAX_ROWS = env_int("FAZHI_IMPORT_MAX_ROWS", 20000)
# What an uploaded .xlsx (a zip) may unpack to, all its parts together; checked before it is parsed
# (an "xlsx bomb" of 1 MB can unpack to 1 GB). Real workbooks unpack to 5–25 times their size.
FAZHI_IMPORT_MAX_UNPACKED_BYTES = env_int("FAZHI_IMPORT_MAX_UNPACKED_BYTES", 100 * 1024 * 1024)
# Full-text search: a longer query is cut to this many characters / index terms (bigrams) and the page
# says so, so that a pasted paragraph is never slow.
FAZHI_SEARCH_MAX_QUERY_CHARS = env_int("FAZHI_SEARCH_MAX_QUERY_CHARS", 50)
FAZHI_SEARCH_MAX_TERMS = env_int("FAZHI_SEARCH_MAX_TERMS", 49)
# Uploaded attachments (fazhi.core.uploads): largest file in bytes per kind; spreadsheets use FAZHI_IMPORT_MAX_BYTES.
FAZHI_UPLOAD_MAX_BYTES = {
    "document": env_int("FAZHI_UPLOAD_DOCUMENT_MAX_BYTES", 50 * 1024 * 1024),
    "image": env_int("FAZHI_UPLOAD_IMAGE_MAX_BYTES", 20 * 1024 * 1024),
    "audio_video": env_int("FAZHI_UPLOAD_AUDIO_VIDEO_MAX_BYTES", 2 * 1024 * 1024 * 1024),
}
FAZHI_PAGE_SIZE = env_int("FAZHI_PAGE_SIZE", 20)
# How many reverse proxies in front of the app add X-Forwarded-For (0: use the socket address).
FAZHI_TRUSTED_PROXIES = env_int("FAZHI_TRUSTED_PROXIES", 0)

# Operations (fazhi.core.jobs, fazhi.core.notify, fazhi.core.errorhook; docs/deploy/README.md) -----------------
# /healthz fails "jobs" when the job runner's last heartbeat is older than this (it beats every FAZHI_JOBS_TICK_SECONDS).
FAZHI_JOBS_HEARTBEAT_SECONDS = env_int("FAZHI_JOBS_HEARTBEAT_SECONDS", 300)
FAZHI_JOBS_TICK_SECONDS = env_int("FAZHI_JOBS_TICK_SECONDS", 60)
# The daily backup job: where archives go and how many days of them are kept.
FAZHI_BACKUP_DIR = Path(env("FAZHI_BACKUP_DIR", str(VAR_DIR / "backups")))
FAZHI_BACKUP_KEEP_DAYS = env_int("FAZHI_BACKUP_KEEP_DAYS", 14)
# Copies of platform messages: by e-mail through Django's SMTP backend (EMAIL_HOST = the intranet's relay), and by
# SMS through a sender class (a dotted path: a class with send(phone, text)). Both off by default.
FAZHI_NOTIFY_EMAIL = env_bool("FAZHI_NOTIFY_EMAIL", False)
FAZHI_SMS_SENDER = env("FAZHI_SMS_SENDER", "")
EMAIL_HOST = env("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25)
EMAIL_HOST_USER = env("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", "fazhi@localhost")
# A callable ("package.module.function") given every unhandled exception of a page or a job; unset: none.
FAZHI_ERROR_HOOK = env("FAZHI_ERROR_HOOK", "")

# OPEN API (fazhi.api) ----------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["fazhi.api.auth.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["fazhi.api.auth.HasScope"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "fazhi.api.errors.handle",
    # calls per token, counted in the database: one count across every worker and instance (fazhi.api.auth)
    "DEFAULT_THROTTLE_RATES": {"token": os.environ.get("FAZHI_API_RATE", "600/min")},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "法治政府建设平台开放接口",
    "DESCRIPTION": "供省、市业务系统读取公开数据、报送执法案件和转交信访事项。认证、权限、幂等和分页见 docs/api.md。",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "fazhi.api.errors.add_error_responses"],
    "ENUM_NAME_OVERRIDES": {"CaseKindEnum": "fazhi.enforcement.choices.CaseKind",
                            "PartyKindEnum": "fazhi.enforcement.choices.PartyKind"},
}
# the compact call log is written every N calls or S seconds (fazhi.api.calllog)
FAZHI_API_LOG_BATCH = int(os.environ.get("FAZHI_API_LOG_BATCH", "50"))
FAZHI_API_LOG_SECONDS = int(os.environ.get("FAZHI_API_LOG_SECONDS", "10"))

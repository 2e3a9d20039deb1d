"""Django settings for gongkai.

Everything comes from environment variables; with none set gongkai runs embedded on SQLite with
its files under ``GONGKAI_DATA_DIR`` (default: ``./gongkai-data`` in the current directory).

Variables (documented in README.md):
    GONGKAI_DATA_DIR      where the SQLite database, uploads and search index live
    DATABASE_URL          e.g. postgresql://user:pass@host:5432/gongkai (default: SQLite in the data dir)
    GONGKAI_PG_OPTIONS    PostgreSQL startup options (default "-c random_page_cost=1.1"; "" for none)
    GONGKAI_SECRET_KEY    secret key (a per-data-dir key is generated and kept when unset)
    GONGKAI_DEBUG         1 to turn on Django debug pages
    GONGKAI_ALLOWED_HOSTS comma-separated host names (default: localhost names; "*" is refused
                          in production)
    GONGKAI_PRODUCTION    1 for a production deployment: HTTPS only (HSTS, secure cookies,
                          SSL redirect behind the proxy's X-Forwarded-Proto), no debug, explicit
                          GONGKAI_ALLOWED_HOSTS; `gongkai serve` sets it unless --insecure
    GONGKAI_SEARCH_BACKEND  search backend name (see docs/search.md)
    GONGKAI_API_CORS_ORIGINS  origins allowed to call /api/v1/ from browsers (default: none)
    GONGKAI_SEARCH_DIR    where the embedded search index lives (default: DATA_DIR/search)
    GONGKAI_PLAN_DUE_SOON_DAYS  days before a due date an obligation counts as due soon (7)
    GONGKAI_APPLICATION_FEE_PAUSES_CLOCK  0 to keep the application clock running while a fee is unpaid
    REDIS_URL             optional: cache in Redis instead of local memory
"""

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("GONGKAI_DATA_DIR", Path.cwd() / "gongkai-data")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)
if DATA_DIR.stat().st_uid == os.getuid():
    DATA_DIR.chmod(0o750)  # the database, uploads and keys are not for every local user


def _secret_key() -> str:
    key = os.environ.get("GONGKAI_SECRET_KEY")
    if key:
        return key
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
    path.chmod(0o600)  # readable by the service user only
    return path.read_text().strip()


SECRET_KEY = _secret_key()
PRODUCTION = os.environ.get("GONGKAI_PRODUCTION", "") == "1"
DEBUG = os.environ.get("GONGKAI_DEBUG", "") == "1" and not PRODUCTION
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("GONGKAI_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver").split(
        ","
    )
    if h.strip()
]
if PRODUCTION:
    from django.core.exceptions import ImproperlyConfigured

    if not os.environ.get("GONGKAI_ALLOWED_HOSTS") or "*" in ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "GONGKAI_PRODUCTION=1 needs GONGKAI_ALLOWED_HOSTS set to the site's host names"
            " (never '*': the Host header would be reflected into links and the API)."
        )
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = os.environ.get("GONGKAI_SSL_REDIRECT", "1") == "1"
    SECURE_HSTS_SECONDS = int(os.environ.get("GONGKAI_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "csp",
    # gongkai apps, in dependency order (the demo loaders run in this order too)
    "gongkai.core",
    "gongkai.serving",
    "gongkai.audit",
    "gongkai.orgs",
    "gongkai.accounts",
    "gongkai.workcal",
    "gongkai.catalog",
    "gongkai.applications",
    "gongkai.plans",
    # second wave: each area talks to the ones above through their actions, signals, registries
    "gongkai.consultations",
    "gongkai.proposals",
    "gongkai.interaction",
    "gongkai.responses",
    "gongkai.remedies",
    "gongkai.gazette",
    "gongkai.opendata",
    "gongkai.health",
    "gongkai.annualreport",
    "gongkai.search",
    "gongkai.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "gongkai.core.middleware.RejectNulMiddleware",  # %00 in the address: 400, never a 500
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "gongkai.serving.middleware.CacheMiddleware",  # public page cache, replica pin
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "gongkai.accounts.middleware.ForcePasswordChangeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "gongkai.core.middleware.ActionErrorMiddleware",
    "axes.middleware.AxesMiddleware",
    "csp.middleware.CSPMiddleware",
]

# A strict Content-Security-Policy that every page satisfies: no inline script, no inline
# style, nothing from another origin (django-csp).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

ROOT_URLCONF = "gongkai.urls"
WSGI_APPLICATION = "gongkai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongkai.core.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'gongkai.sqlite3'}",
        conn_max_age=int(os.environ.get("GONGKAI_DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    _db_file = Path(DATABASES["default"]["NAME"])
    if _db_file.exists() and _db_file.stat().st_uid == os.getuid():
        _db_file.chmod(0o600)
    # WAL lets the portal read while an editor writes; wait instead of failing on a busy lock.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }

elif DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # Planner costs for a database that sits in memory or on SSD (PostgreSQL's default 4 is for
    # spinning disks). With 4, a column list at 1,000,000 items walked the newest-first index
    # probing ~27,000 items for its 20 instead of reading its 1,233 and sorting: 150-190 ms
    # against ~40 ms (docs/deployment.md). GONGKAI_PG_OPTIONS="" leaves the server's settings
    # (e.g. behind a pooler that refuses startup options); an ``options`` in DATABASE_URL wins.
    _pg_options = os.environ.get("GONGKAI_PG_OPTIONS", "-c random_page_cost=1.1")
    if _pg_options:
        DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", _pg_options)

DATABASE_ROUTERS = __import__("gongkai.serving.replicas").serving.replicas.setup(DATABASES)

if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "gongkai.accounts.backends.LoginThrottle",  # django-axes: refuses locked-out (user, address)
    "gongkai.accounts.backends.StaffModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:workbench"
LOGOUT_REDIRECT_URL = "/"

# Lock-out after repeated failures (accounts app).
GONGKAI_LOGIN_MAX_FAILURES = int(os.environ.get("GONGKAI_LOGIN_MAX_FAILURES", "5"))
GONGKAI_LOGIN_LOCK_MINUTES = int(os.environ.get("GONGKAI_LOGIN_LOCK_MINUTES", "15"))
# django-axes counts failures per (user name, address), atomically in the database.
AXES_FAILURE_LIMIT = GONGKAI_LOGIN_MAX_FAILURES
AXES_COOLOFF_TIME = __import__("datetime").timedelta(minutes=GONGKAI_LOGIN_LOCK_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "gongkai.accounts.lockout.lockout_response"
AXES_VERBOSE = False

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Long work started from a page and hashed static names (issue #16.6, docs/deployment.md).
# The queue is django-tasks with the django-tasks-db backend: "immediate" runs a job inside the
# request (tests, the embedded demo), "database" queues it for `gongkai longwork worker`.
INSTALLED_APPS += ["django_tasks", "django_tasks_db", "gongkai.longwork"]
GONGKAI_TASKS_BACKEND = os.environ.get(
    "GONGKAI_TASKS_BACKEND", "database" if PRODUCTION else "immediate"
)
_TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
if GONGKAI_TASKS_BACKEND not in _TASK_BACKENDS:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("GONGKAI_TASKS_BACKEND must be 'immediate' or 'database'")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[GONGKAI_TASKS_BACKEND]}}
# Production names static files by content (nginx caches those a year); collectstatic writes
# the manifest (`gongkai serve` runs it). The embedded demo keeps plain names.
if PRODUCTION or os.environ.get("GONGKAI_STATIC_MANIFEST", "") == "1":
    STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
GONGKAI_MAX_UPLOAD_MB = int(os.environ.get("GONGKAI_MAX_UPLOAD_MB", "20"))
GONGKAI_MAX_UPLOAD_FILES = int(os.environ.get("GONGKAI_MAX_UPLOAD_FILES", "10"))
GONGKAI_MAX_UPLOAD_TOTAL_MB = int(os.environ.get("GONGKAI_MAX_UPLOAD_TOTAL_MB", "50"))

GONGKAI_SEARCH_BACKEND = os.environ.get("GONGKAI_SEARCH_BACKEND", "")
GONGKAI_SEARCH_DIR = os.environ.get("GONGKAI_SEARCH_DIR") or None  # default: DATA_DIR/search
# Days before a plan obligation's due date when it counts as due soon (plans app).
GONGKAI_PLAN_DUE_SOON_DAYS = int(os.environ.get("GONGKAI_PLAN_DUE_SOON_DAYS", "7"))
# Whether an unpaid fee window stops the application clock (domain.md marks it unverified).
GONGKAI_APPLICATION_FEE_PAUSES_CLOCK = (
    os.environ.get("GONGKAI_APPLICATION_FEE_PAUSES_CLOCK", "1") != "0"
)
# Origins allowed to call the read API from a browser: "" (off), "*" or a comma-separated list.
GONGKAI_API_CORS_ORIGINS = os.environ.get("GONGKAI_API_CORS_ORIGINS", "")
GONGKAI_SITE_NAME = os.environ.get("GONGKAI_SITE_NAME", "政务公开平台")
# The footer every Chinese government site carries (主办单位, 联系方式, 网站标识码, 备案号).
GONGKAI_SITE_HOST_ORG = os.environ.get(
    "GONGKAI_SITE_HOST_ORG", "政务公开平台演示（聊城市、东营市）"
)
GONGKAI_SITE_CONTACT = os.environ.get("GONGKAI_SITE_CONTACT", "0635-0000000（演示）")
GONGKAI_SITE_CODE = os.environ.get("GONGKAI_SITE_CODE", "0000000000（演示）")
GONGKAI_SITE_ICP = os.environ.get("GONGKAI_SITE_ICP", "鲁ICP备00000000号（演示）")
GONGKAI_SITE_PSB = os.environ.get("GONGKAI_SITE_PSB", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("GONGKAI_LOG_LEVEL", "WARNING")},
}

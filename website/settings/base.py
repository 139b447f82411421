"""Base settings: safe for production on their own.

Every value that differs between machines comes from an environment variable
(listed in the README's configuration table). `dev.py` and `test.py` relax these
settings; `production.py` adds the checks that refuse an unsafe start.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
import django.conf.locale
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    normalised = value.strip().lower()
    if normalised in {"1", "true", "yes", "on"}:
        return True
    if normalised in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from error


def env_float(name: str, default: float) -> float:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return float(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a number, not {value!r}.") from error


# --- Core -------------------------------------------------------------------

# No default here: production refuses to start without it (production.py),
# dev.py and test.py supply a throwaway one.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Ours, by domain (see ../shared/ARCHITECTURE.md).
    "website",
    "core",
    "languages",
    "home",
    "places",
    "campaigns",
    "tracking",
    "media_kit",
    "insights",
    "search",
    # Wagtail.
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtailmedia",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Security: Content-Security-Policy, login throttling, two-factor login.
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Background work.
    "django_tasks",
    "django_tasks_db",
    # Django.
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # First, so that every answer (a kept page too) gets the HTTPS redirect and HSTS per request.
    "django.middleware.security.SecurityMiddleware",
    # Public pages for anonymous readers, from the cache, before the session, auth and Wagtail's routing,
    # and before the CSP middleware: a kept page carries the policy it was rendered with (no nonce; the
    # same for every public page), so a hit does not build it again (tests/bench/page_hit_bench.py).
    "campaigns.page_cache.PublicPageCacheMiddleware",
    # A citizen's repeated search, likewise before the session and the CSP (it still counts in the search log).
    "search.kept_results.KeptSearchMiddleware",
    "website.csp.AdminAwareCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "website.two_factor.middleware.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it answers a locked-out login with the lockout page.
    "axes.middleware.AxesMiddleware",
]

# django-axes first: it refuses a locked-out username + address before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "website.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "website" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "website.wsgi.application"

# --- Database ---------------------------------------------------------------

SQLITE_PATH = BASE_DIR / "db.sqlite3"


def database_from_env() -> dict:
    """DATABASE_URL, or a SQLite file in the project.

    SQLite runs in WAL mode with IMMEDIATE transactions so that concurrent
    writers queue for the lock instead of failing with "database is locked".
    """
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        url = f"sqlite:///{SQLITE_PATH}"
    config = dj_database_url.parse(url, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;",
            "transaction_mode": "IMMEDIATE",
        }
    return config


DATABASES = {"default": database_from_env()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ------------------------------------------------------------------

REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    # django-redis behind a circuit breaker (core/resilient_cache.py): after a connection error
    # Redis is skipped for a few seconds and each process uses its own memory, so an outage
    # costs neither a timeout per request nor a log line per request; /readyz reports it.
    CACHES = {
        "default": {
            "BACKEND": "core.resilient_cache.CircuitBreakerRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "loa",
            "TIMEOUT": 600,
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": env_float("REDIS_TIMEOUT_SECONDS", 0.25),
                "SOCKET_TIMEOUT": env_float("REDIS_TIMEOUT_SECONDS", 0.25),
                "BREAKER_SECONDS": env_float("LOA_REDIS_BREAKER_SECONDS", 5),
                "LOG_INTERVAL_SECONDS": env_float("LOA_REDIS_LOG_INTERVAL_SECONDS", 10),
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "loa",
        }
    }

# --- Background tasks -------------------------------------------------------

# The database queue in production (run `manage.py db_worker`); dev and tests
# run tasks immediately. TASK_BACKEND=immediate forces the immediate backend.
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASK_BACKEND = os.environ.get("TASK_BACKEND", "database").strip() or "database"
if TASK_BACKEND not in TASK_BACKENDS:
    raise ImproperlyConfigured(f"TASK_BACKEND must be one of {sorted(TASK_BACKENDS)}, not {TASK_BACKEND!r}.")
TASKS = {"default": {"BACKEND": TASK_BACKENDS[TASK_BACKEND]}}

# Where `manage.py run_scheduler` keeps nothing: jobs are declared in each
# app's `periodic_jobs.py` (see core/periodic.py). The scheduler only
# enqueues them; the worker runs them.
SCHEDULER_TIMEZONE = "Asia/Ho_Chi_Minh"

# --- Passwords and sessions -------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
# Staff on shared office computers: the session also ends with the browser.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# --- Language and time ------------------------------------------------------

LANGUAGE_CODE = "vi"
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

# Vietnamese is the source language; the others are translations (wagtail-localize).
# Names are each language's own name, as the language switcher shows them.
LANGUAGES = [
    ("vi", "Tiếng Việt"),
    ("en", "English"),
    ("km", "ភាសាខ្មែរ"),
    ("rad", "Ê Đê"),
    ("hnj", "Hmoob Ntsuab"),
]
# Django knows vi, en and km but not Ê Đê (ISO 639-3 rad) nor H'Mông Njua (hnj): without these
# entries get_language_info() raises KeyError for them (Wagtail's locale admin calls it). Settings
# run before anything reads LANG_INFO, so extending Django's dict here is enough.
django.conf.locale.LANG_INFO.update(
    {
        "rad": {"bidi": False, "code": "rad", "name": "Rade", "name_local": "Ê Đê"},
        "hnj": {"bidi": False, "code": "hnj", "name": "Hmong Njua", "name_local": "Hmoob Ntsuab"},
    }
)
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# The admin itself only in the languages Django and Wagtail ship translations for.
WAGTAILADMIN_PERMITTED_LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
# Wagtail's sign-in form leaves the password field without a label (Django would show "Password").
WAGTAILADMIN_USER_LOGIN_FORM = "core.admin.LoginForm"
# Starting a translation ("Dịch" on a page) makes a draft: nothing untranslated is published in another
# language; the translator publishes the page when it is translated (wagtail-localize would otherwise
# publish a copy of the Vietnamese text at once, under the other language's address).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Ours first; then the Vietnamese overrides of the packages' catalogues (Wagtail ships about 135 admin strings
# in Vietnamese), written only by scripts/package_messages.py from locale_packages/source/.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_packages"]

# --- Static files and media -------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "website" / "static"]
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "").strip()


def s3_storage_from_env() -> dict:
    """Media on S3-compatible object storage, private by default: every URL is signed (SigV4)
    and expires within five minutes; files are never overwritten."""
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("AWS_STORAGE_BUCKET_NAME", "").strip(),
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "access_key": os.environ.get("AWS_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("AWS_SECRET_ACCESS_KEY") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "default_acl": None,
            "file_overwrite": False,
            "querystring_auth": True,
            "querystring_expire": env_int("AWS_QUERYSTRING_EXPIRE", 300),
            "signature_version": "s3v4",
        },
    }


if AWS_STORAGE_BUCKET_NAME:
    default_storage = s3_storage_from_env()
else:
    default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}

STORAGES = {
    "default": default_storage,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Email ------------------------------------------------------------------

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Loa <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Wagtail ----------------------------------------------------------------

WAGTAIL_SITE_NAME = "Loa"
# Staff forms outside the admin (assisted registrations) sign in through the admin login.
LOGIN_URL = "wagtailadmin_login"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
# The address printed under every QR code and encoded in it (empty: the admin's address). Production
# refuses to render a pack when it is a loopback or private address (media_kit.public_address).
LOA_PUBLIC_BASE_URL = os.environ.get("LOA_PUBLIC_BASE_URL", "").strip().rstrip("/")
LOA_REFUSE_PRIVATE_PUBLIC_URL = False
# Days the print shop's signed link to an approved print order (pack and order sheet) stays valid.
LOA_PRINT_ORDER_LINK_DAYS = env_int("LOA_PRINT_ORDER_LINK_DAYS", 14)
# Accent-insensitive Vietnamese search on SQLite and PostgreSQL (search/backend.py); the PostgreSQL text-search
# configuration is created by the search app's migration.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backend", "SEARCH_CONFIG": "loa_vietnamese"}}
# Documents: office formats and captions only (no HTML, SVG, archives or programs).
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "csv", "txt", "vtt"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# A file that starts like an image and is not one is a form error, not a 500 (core/images.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "core.images.ImageForm"
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILMEDIA = {
    "MEDIA_MODEL": "wagtailmedia.Media",
    "MEDIA_FORM_BASE": "campaigns.media_forms.LimitedMediaForm",
    "AUDIO_EXTENSIONS": ["mp3", "m4a", "ogg"],
    "VIDEO_EXTENSIONS": ["mp4", "webm"],
}
# Videos are watched on slow mobile data: keep uploads small (bytes).
LOA_VIDEO_MAX_UPLOAD_SIZE = env_int("LOA_VIDEO_MAX_UPLOAD_SIZE", 200 * 1024 * 1024)

# Approval: editors submit, approvers approve; an edit after approval goes back to review.
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
# Workflow emails carry an HTML part beside the plain text (Loa's header: templates/wagtailadmin/notifications/).
WAGTAILADMIN_NOTIFICATION_USE_HTML = True

# Government hosts that content and codes may link to.
LOA_GOVERNMENT_HOSTS = env_list(
    "LOA_GOVERNMENT_HOSTS", "dichvucong.gov.vn,dichvucong.bocongan.gov.vn,vneid.gov.vn,chinhphu.vn"
)

# Scans: "spool" appends each event to a local file drained into the database in batches
# (fast, survives a killed worker and a database outage); "database" inserts each event
# (survives a lost node, costs throughput). See the README.
LOA_SCAN_WRITE_MODE = os.environ.get("LOA_SCAN_WRITE_MODE", "spool").strip() or "spool"
if LOA_SCAN_WRITE_MODE not in {"spool", "database"}:
    raise ImproperlyConfigured(f"LOA_SCAN_WRITE_MODE must be spool or database, not {LOA_SCAN_WRITE_MODE!r}.")
LOA_SCAN_SPOOL_DIR = Path(os.environ.get("LOA_SCAN_SPOOL_DIR", BASE_DIR / "var" / "scan-spool"))
# /readyz fails when the oldest spooled scan waits longer than this: the drain is stuck.
LOA_SPOOL_MAX_AGE_SECONDS = env_int("LOA_SPOOL_MAX_AGE_SECONDS", 300)
# /readyz reads the storage's probe object at most once per this many seconds per worker (website/health.py).
LOA_READYZ_STORAGE_SECONDS = env_int("LOA_READYZ_STORAGE_SECONDS", 30)

# Public pages: how long a browser (max-age) and a shared cache or CDN (s-maxage) may keep them.
LOA_BROWSER_CACHE_SECONDS = env_int("LOA_BROWSER_CACHE_SECONDS", 60)
LOA_CDN_CACHE_SECONDS = env_int("LOA_CDN_CACHE_SECONDS", 300)
# How long the site keeps a rendered public page for anonymous readers (0: render every time),
# in the full-page cache ahead of Wagtail's routing (campaigns/page_cache.py).
# Any publication or help-desk change makes every kept page stale at once.
LOA_PAGE_CACHE_SECONDS = env_int("LOA_PAGE_CACHE_SECONDS", 300)
# How long a search's results page (per normalised query and page) and its suggestions are kept;
# any publication bumps the version they are kept under.
LOA_SEARCH_CACHE_SECONDS = env_int("LOA_SEARCH_CACHE_SECONDS", 60)
# The editors' search log: "spool" appends each citizen search (week, folded query, found) to a local file that
# the periodic job search.drain_search_log adds to the weekly counts (no database work on the request);
# "database" counts each search at once (one UPDATE per request).
LOA_SEARCH_LOG_WRITE_MODE = os.environ.get("LOA_SEARCH_LOG_WRITE_MODE", "spool").strip() or "spool"
if LOA_SEARCH_LOG_WRITE_MODE not in {"spool", "database"}:
    raise ImproperlyConfigured(
        f"LOA_SEARCH_LOG_WRITE_MODE must be spool or database, not {LOA_SEARCH_LOG_WRITE_MODE!r}."
    )
LOA_SEARCH_SPOOL_DIR = Path(os.environ.get("LOA_SEARCH_SPOOL_DIR", BASE_DIR / "var" / "search-spool"))

# A CDN or caching proxy in front of the site: Wagtail purges a page's URLs when it is
# published, unpublished or moved. FRONTEND_CACHE_PURGE_URL is any proxy that accepts
# HTTP PURGE (Varnish, nginx cache purge, Fastly-style); Cloudflare needs a zone and a token.
WAGTAILFRONTENDCACHE = {}
# Each translation is its own page with its own URL, purged when it is published; no rewriting.
WAGTAILFRONTENDCACHE_LANGUAGES = []
if os.environ.get("FRONTEND_CACHE_PURGE_URL", "").strip():
    WAGTAILFRONTENDCACHE["proxy"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"].strip(),
    }
if os.environ.get("CLOUDFLARE_ZONE_ID", "").strip():
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"].strip(),
        "BEARER_TOKEN": os.environ.get("CLOUDFLARE_BEARER_TOKEN", "").strip(),
    }

WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 50
REST_FRAMEWORK = {"DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]}
# The admin keeps Vietnamese letters while typing; pages fold their slug to ASCII (campaigns/slugs.py).
WAGTAIL_ALLOW_UNICODE_SLUGS = True
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Form bodies without files stay small; uploaded files above 2.5 MB go to a temporary file, not memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# --- Security ---------------------------------------------------------------

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# DENY everywhere; Wagtail's own preview views answer SAMEORIGIN so the editor's preview panel works.
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Avatars from the site itself, never from gravatar.com.
WAGTAIL_GRAVATAR_PROVIDER_URL = None


def media_origins_from_env() -> list[str]:
    """Where images, videos and captions are fetched from when media live on object storage."""
    if not AWS_STORAGE_BUCKET_NAME:
        return []
    if os.environ.get("AWS_S3_CUSTOM_DOMAIN"):
        return [f"https://{os.environ['AWS_S3_CUSTOM_DOMAIN'].strip()}"]
    endpoint = (os.environ.get("AWS_S3_ENDPOINT_URL") or "").strip().rstrip("/")
    if endpoint:
        return [endpoint]
    return [f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com", "https://*.s3.amazonaws.com"]


# Content-Security-Policy (django-csp) of the public site: scripts and styles from the site only,
# no inline script, no eval. The only inline style is the self-contained 500 page's, allowed by its
# hash (tests/security/test_csp.py recomputes it). Frames only for the click-to-load video embeds.
MEDIA_ORIGINS = media_origins_from_env()
ERROR_PAGE_STYLE_HASH = "'sha256-zSBBuCJzmb2jqgOA+JlC/WdxRaFH8tyAbxxsJIfEJmM='"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", ERROR_PAGE_STYLE_HASH],
        "img-src": ["'self'", "data:", *MEDIA_ORIGINS],
        "media-src": ["'self'", *MEDIA_ORIGINS],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["https://www.youtube-nocookie.com", "https://www.facebook.com"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}
# The Wagtail admin (website.csp.AdminAwareCSPMiddleware, under /admin/): its scripts and styles
# are inline in places, and its preview panel frames our own pages.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *MEDIA_ORIGINS],
        "media-src": ["'self'", "blob:", *MEDIA_ORIGINS],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Login throttling (django-axes) on the admin login: LOA_LOGIN_FAILURE_LIMIT failures for one
# username from one address lock that pair for LOA_LOGIN_COOLOFF_MINUTES. Axes stores the
# address of each failed staff login (see README); citizens never log in.
AXES_FAILURE_LIMIT = env_int("LOA_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOA_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "website.login_throttle.lockout_response"
AXES_CLIENT_IP_CALLABLE = "core.http.client_ip"
AXES_VERBOSE = False
# Number of reverse proxies in front of Django that append to X-Forwarded-For (0: use REMOTE_ADDR).
LOA_TRUSTED_PROXY_COUNT = env_int("LOA_TRUSTED_PROXY_COUNT", 0)

# Two-factor login (django-otp TOTP) for superusers and culture-office members: required
# when true (production), offered to everyone. dev.py turns it off for `make run`.
LOA_REQUIRE_2FA = env_bool("LOA_REQUIRE_2FA", True)
OTP_TOTP_ISSUER = "Loa"

# --- Logging ----------------------------------------------------------------

# Access logs are the reverse proxy's business and must not record citizens'
# IP addresses (see README); Django logs only warnings and errors here.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "django.server": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}

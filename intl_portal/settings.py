"""Settings for Internationellt samarbete, read from the environment (see .env.example)."""

import datetime
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    value = os.environ.get(name, default).strip().lower()
    if value not in {"true", "false", "1", "0", "yes", "no"}:
        raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")
    return value in {"true", "1", "yes"}


def envint(name: str, default: str) -> int:
    value = os.environ.get(name, default)
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def envchoice(name: str, default: str, choices: dict[str, str]) -> str:
    value = os.environ.get(name, default)
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}, not {value!r}")
    return choices[value]


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", "false")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY in the environment (or DEBUG=true for development).")
    SECRET_KEY = "insecure-development-key-never-use-in-production"  # noqa: S105  # nosec B105  # DEBUG only

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "django_countries",
    "django_filters",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    # the project's apps, top layer first; an app imports only from the apps below it (ARCHITECTURE.md)
    "cooperation.portal",
    "cooperation.opendata",
    "cooperation.core",
    "cooperation.organisation",
    "cooperation.cities",
    "cooperation.networks",
    "cooperation.projects",
    "cooperation.visits",
    "cooperation.consultations",
    "cooperation.steering",
    "cooperation.notices",
    "cooperation.reports",
    "cooperation.importing",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",  # the Content-Security-Policy (CONTENT_SECURITY_POLICY below)
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "cooperation.core.middleware.LanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # once the user and the messages are known: the session's limits, and signed-in pages kept out of caches
    "cooperation.core.middleware.SessionLimitsMiddleware",
    "cooperation.core.middleware.PrivateCacheMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "cooperation.core.audit.RefusalMiddleware",
    "axes.middleware.AxesMiddleware",  # last: it turns a refused sign-in into the lockout page
]

ROOT_URLCONF = "intl_portal.urls"
WSGI_APPLICATION = "intl_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "cooperation.portal.context_processors.municipality",
            ],
        },
    },
]

# SQLite under var/ unless DATABASE_URL names another database (postgres://user@host:5432/name).
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", "0"),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers queue for the lock when their transaction begins (and wait up to the timeout), instead of failing
    # with "database is locked" when a read turns into a write; WAL lets readers go on while one writes.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,  # seconds
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
FORMS_URLFIELD_ASSUME_HTTPS = True  # Django 6 behaviour for URL fields, now

AUTH_USER_MODEL = "organisation.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sign-in: Argon2id for new and changed passwords, at OWASP's parameters (cooperation/organisation/hashers.py);
# PBKDF2 still reads the older hashes (upgraded at the next sign-in).
PASSWORD_HASHERS = [
    "cooperation.organisation.hashers.OwaspArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
# django-axes counts failed sign-ins per account and per address; past the limit both are refused for the cool-off
# time, or until an administrator lifts the block (the admin's "Access attempts", or `manage.py axes_reset`).
AXES_FAILURE_LIMIT = envint("SIGNIN_FAILURE_LIMIT", "5")
AXES_COOLOFF_TIME = datetime.timedelta(minutes=envint("SIGNIN_COOLOFF_MINUTES", "15"))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_LOCKOUT_CALLABLE = "cooperation.portal.views.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # the audit log records sign-ins and lockouts
AXES_DISABLE_ACCESS_LOG = True  # and successful sign-ins: no second record of addresses and browsers

# Single sign-on through the municipality's OpenID Connect provider (Entra ID, ADFS, Keycloak …), off by default
# (SECURITY.md). The provider is found from its issuer (/.well-known/openid-configuration) unless the endpoints are
# given; its groups give roles through the administrators' table of provider groups (organisation.ProviderGroupRole).
OIDC_ENABLED = envbool("OIDC_ENABLED", "false")
OIDC_PROVIDER_NAME = os.environ.get("OIDC_PROVIDER_NAME", "kommunens konto")  # "Logga in med kommunens konto"
OIDC_OP_ISSUER = os.environ.get("OIDC_ISSUER", "").rstrip("/")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_USERINFO_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_JWKS_ENDPOINT", "")
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_CLIENT_SECRET", "")
OIDC_RP_SCOPES = " ".join(os.environ.get("OIDC_SCOPES", "openid profile email").replace(",", " ").split())
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_SIGN_ALGORITHM", "RS256")
OIDC_USERNAME_CLAIM = os.environ.get("OIDC_USERNAME_CLAIM", "sub")  # stable: never a name or an address
OIDC_GROUPS_CLAIM = os.environ.get("OIDC_GROUPS_CLAIM", "groups")
OIDC_USE_PKCE = True
OIDC_TIMEOUT = envint("OIDC_TIMEOUT_SECONDS", "10")
# Passwords of local accounts (and the admin's own sign-in form): off once everyone signs in through the provider.
LOCAL_LOGIN_ENABLED = envbool("LOCAL_LOGIN_ENABLED", "true")
if OIDC_ENABLED:
    _endpoints = [OIDC_OP_AUTHORIZATION_ENDPOINT, OIDC_OP_TOKEN_ENDPOINT, OIDC_OP_USER_ENDPOINT, OIDC_OP_JWKS_ENDPOINT]
    if not (OIDC_RP_CLIENT_ID and OIDC_RP_CLIENT_SECRET and (OIDC_OP_ISSUER or all(_endpoints))):
        raise ImproperlyConfigured(
            "OIDC_ENABLED needs OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and OIDC_ISSUER (or the four OIDC_*_ENDPOINT)."
        )
elif not LOCAL_LOGIN_ENABLED:
    raise ImproperlyConfigured("LOCAL_LOGIN_ENABLED=false needs OIDC_ENABLED=true, or nobody could sign in.")
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    *(["django.contrib.auth.backends.ModelBackend"] if LOCAL_LOGIN_ENABLED else []),
    *(["cooperation.organisation.oidc.ProviderBackend"] if OIDC_ENABLED else []),
]

# The client's address is REMOTE_ADDR, unless TRUSTED_PROXIES says how many reverse proxies in front of the app add
# to X-Forwarded-For; only then is that header read, and only the entries those proxies wrote.
TRUSTED_PROXIES = envint("TRUSTED_PROXIES", "0")
AXES_CLIENT_IP_CALLABLE = "cooperation.core.audit.client_ip"
# The anonymous accessibility form: at most this many reports per address and hour.
ACCESSIBILITY_REPORTS_PER_HOUR = envint("ACCESSIBILITY_REPORTS_PER_HOUR", "5")

FORM_RENDERER = "cooperation.core.forms.FkuiRenderer"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
COUNTRIES_FIRST = ["SE", "NO", "DK", "FI", "IS", "EE"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if envbool("STATIC_MANIFEST", "false" if DEBUG else "true")
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
MEDIA_URL = "media/"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", "25")
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "false")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "internationellt@kommun.example")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Administrators who receive reports of accessibility shortcomings and errors: "Name <address>, …"
ADMINS = [
    (address.split("<")[0].strip(), address.split("<")[-1].rstrip(">").strip()) for address in envlist("ADMINS", "")
]

# --- Production security: HTTPS, cookies, Content-Security-Policy, sessions (SECURITY.md, .env.example). ---
# The defaults suit development and the tests (plain HTTP on 127.0.0.1); production sets the HTTPS variables.
if not DEBUG and SECRET_KEY.startswith("change-me"):
    raise ImproperlyConfigured("SECRET_KEY is still the placeholder from .env.example: set a long random one.")
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "false")
# Behind a reverse proxy that ends TLS: the header it sets to "https", e.g. X-Forwarded-Proto. Only name a
# header the proxy always overwrites, or a client could claim HTTPS.
_proxy_header = os.environ.get("SECURE_PROXY_SSL_HEADER", "").strip().upper().replace("-", "_")
SECURE_PROXY_SSL_HEADER = (f"HTTP_{_proxy_header}", "https") if _proxy_header else None
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "0")
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", "true")
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "false")
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", "false" if DEBUG else "true")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# A session ends after this long without a request (renewed by SessionLimitsMiddleware), and at the latest this
# long after signing in.
SESSION_COOKIE_AGE = envint("SESSION_IDLE_MINUTES", "480") * 60
SESSION_MAX_AGE = envint("SESSION_MAX_MINUTES", "720") * 60
if SESSION_COOKIE_AGE <= 0 or SESSION_MAX_AGE <= 0:
    raise ImproperlyConfigured("SESSION_IDLE_MINUTES and SESSION_MAX_MINUTES must be more than 0.")

# Pages load scripts, styles, fonts and images only from this site: nothing inline, nothing from elsewhere.
# Browsers report what the policy blocks to a view that logs it (logger "intl_portal.csp").
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # One style attribute, by its hash: "border-top: 0" in django-simple-history's admin history list
        "style-src-attr": ["'unsafe-hashes'", "'sha256-XMXSevYjgSjXgRafBFDvtjwX+yyWLrxfso9DcNZ9UXM='"],
        "img-src": [SELF, "data:"],  # FKUI's CSS draws two icons from data: URIs
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "report-uri": "/csp-rapport/",
    }
}
# --- End of production security. ---

# A coordination notice not answered in this many working days is overdue and reminded about.
NOTICE_ANSWER_WORKING_DAYS = envint("NOTICE_ANSWER_WORKING_DAYS", "5")
# Reminders go out this many days before an evaluation, review or agreement end date.
REMINDER_DAYS_AHEAD = envint("REMINDER_DAYS_AHEAD", "30")

# Units are reminded of their account for the annual follow-up this many working days before its deadline.
FOLLOW_UP_REMINDER_WORKING_DAYS = envint("FOLLOW_UP_REMINDER_WORKING_DAYS", "5")

# Reports are built in the background: queued in the database, run by `manage.py db_worker` (`make run` starts it).
TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}
# The largest file an import accepts, in bytes (a spreadsheet of a few thousand rows is well below it).
IMPORT_MAX_BYTES = envint("IMPORT_MAX_BYTES", str(5 * 1024 * 1024))
# The most rows one import reads (below its header row); a larger file is imported in parts.
IMPORT_MAX_ROWS = envint("IMPORT_MAX_ROWS", "5000")
# An import still being checked or imported this many minutes after it was queued is given up (the worker died).
IMPORT_TIMEOUT_MINUTES = envint("IMPORT_TIMEOUT_MINUTES", "60")
# A build still queued or running this many minutes after it was requested is given up as failed (the worker died).
REPORT_BUILD_TIMEOUT_MINUTES = envint("REPORT_BUILD_TIMEOUT_MINUTES", "30")

# How many rows of a list of items (the appendix's, the goals' items) the PDF and Word show; the workbook has all.
REPORT_LISTED_ROWS = envint("REPORT_LISTED_ROWS", "25")

# The public pages and open data under /oppna-data/ (Göteborg §4, CPR art. 49): off unless switched on (a 404).
PUBLIC_PAGES = envbool("PUBLIC_PAGES", "false")
# How long servers, proxies and browsers may keep a public page or file, in seconds.
PUBLIC_PAGES_CACHE_SECONDS = envint("PUBLIC_PAGES_CACHE_SECONDS", "900")
# The open data's licence, named in the catalogue: CC0 (public domain) or CC BY 4.0.
OPEN_DATA_LICENCE = envchoice(
    "OPEN_DATA_LICENCE",
    "CC0-1.0",
    {
        "CC0-1.0": "http://creativecommons.org/publicdomain/zero/1.0/",
        "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
    },
)
# The catalogue's contact point: a function's mailbox, never a person's (empty: the municipality's website).
OPEN_DATA_CONTACT_EMAIL = os.environ.get("OPEN_DATA_CONTACT_EMAIL", "")

# How long delegation members' personal data is kept after a visit ends (gallring), in days.
DELEGATE_RETENTION_DAYS = envint("DELEGATE_RETENTION_DAYS", "730")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # One JSON object per line: sign-ins, refusals, exports, deletions, erasures (cooperation.core.audit).
    "loggers": {"intl_portal.audit": {"level": os.environ.get("AUDIT_LOG_LEVEL", "INFO")}},
}

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

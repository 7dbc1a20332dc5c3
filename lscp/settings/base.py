"""Settings shared by every environment.

Everything that differs between a laptop demo and production comes from environment
variables, with safe demo defaults here; `production.py` refuses to start without them.
"""

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

PACKAGE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = PACKAGE_DIR.parent
VAR_DIR = Path(os.environ.get("LSCP_VAR_DIR", PROJECT_DIR / "var"))

SECRET_KEY = os.environ.get("LSCP_SECRET_KEY", "demo-only-not-secret-change-me")
DEBUG = os.environ.get("LSCP_DEBUG", "0") == "1"
ALLOWED_HOSTS = [h for h in os.environ.get("LSCP_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "simple_history",
    "lscp.partnership",
    "lscp.assurance",
    "lscp.dataset",
    "lscp.reports",
    "lscp.audit",
    "lscp.notices",
    "lscp.search",
    "lscp.attachments",
    "lscp.meetings",
    "lscp.contributions",
    "lscp.intelligence",
    "lscp.workforce",
    "lscp.selfassessment",
    "lscp.web",
    "lscp.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",  # who changed a record: the audit trail
    "django_otp.middleware.OTPMiddleware",
    "lscp.web.two_step.two_step_required",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "lscp.web.middleware.session_limits",
    "lscp.web.middleware.no_store",
    "axes.middleware.AxesMiddleware",  # last: it turns a lockout into the locked-out page
]

ROOT_URLCONF = "lscp.urls"
WSGI_APPLICATION = "lscp.wsgi.application"

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
                "lscp.web.context.navigation",
            ],
        },
    },
]


def _sqlite_url() -> str:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{VAR_DIR / 'lscp.sqlite3'}"


# Connections: the production server (`lscp serve`) runs single-threaded worker processes,
# each keeping one connection for CONN_MAX_AGE seconds and checking it before reuse, so the
# database sees at most one per worker. The development server starts a thread per request:
# there a kept connection would outlive its thread, so the default is to close it after
# each request (LSCP_DB_CONN_MAX_AGE=0).
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or _sqlite_url(),
        conn_max_age=int(os.environ.get("LSCP_DB_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers carry on while one writer commits: the demo is multi-user too.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Content built from the records (the yearly report, dashboards), keyed by their data version
# (lscp/partnership/versioning.py, decision 0010), in a table of the database: every worker
# and every server shares it, it is as fresh as the database it sits in (tests get one per test
# database), and `migrate` makes it. An entry is dropped after an hour whatever happens.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "lscp_cache",
        "TIMEOUT": 3600,
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out account or address first
    "lscp.web.backends.MemberBackend",  # Django's ModelBackend, loading the membership too
]

# Sign-in defences (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one account,
# or from one address, sign-in is refused for AXES_COOLOFF_TIME, even with the right
# password; the business unit can lift a lock sooner (Sign-in locks page).
AXES_FAILURE_LIMIT = int(os.environ.get("LSCP_SIGNIN_FAILURES", "10"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("LSCP_SIGNIN_LOCK_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_LOCKOUT_CALLABLE = "lscp.web.views.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Two-step sign-in (an authenticator app's code after the password) is offered to the
# business unit and the chair; LSCP_TWO_STEP_REQUIRED=1 makes them set it up.
LSCP_TWO_STEP_REQUIRED = os.environ.get("LSCP_TWO_STEP_REQUIRED", "0") == "1"
OTP_TOTP_ISSUER = "LSCP Insight"

# Sessions end after LSCP_IDLE_MINUTES without a request and, whatever happens,
# LSCP_SESSION_HOURS after signing in.
# The idle limit is kept in the session and renewed at most once a minute (lscp.web.middleware),
# so a page view does not write the session every time.
SESSION_IDLE = dt.timedelta(minutes=int(os.environ.get("LSCP_IDLE_MINUTES", "30")))
SESSION_MAX_AGE = dt.timedelta(hours=int(os.environ.get("LSCP_SESSION_HOURS", "10")))
SESSION_COOKIE_AGE = int(SESSION_MAX_AGE.total_seconds())
SESSION_SAVE_EVERY_REQUEST = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns about a missing one
STATICFILES_DIRS = [
    # GOV.UK Frontend's fonts-free assets (images, JS), installed by npm, never copied by hand.
    ("govuk", PROJECT_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"),
]
WHITENOISE_USE_FINDERS = True

# Pin "today" (YYYY-MM-DD) to look at a past year's statutory clocks as they stood then.
LSCP_TODAY = os.environ.get("LSCP_TODAY", "")

REPORT_OUTPUT_DIR = Path(os.environ.get("LSCP_REPORT_DIR", VAR_DIR / "reports"))

# Statutory returns hold children's UPNs and birth dates: an upload waits to be read only here
# (mode 0700), Django's temporary upload files included, never in the shared /tmp; each load's
# folder is removed when it ends and what a killed process left is swept at start-up.
PRIVATE_DIR = VAR_DIR / "private"
FILE_UPLOAD_TEMP_DIR = str(PRIVATE_DIR / "uploads")

# Attachments (evidence, meeting papers) are kept here, under random names, never under
# static files: only lscp/attachments' view serves them, after the same checks as their record.
# `lscp backup` carries this folder with the database.
LSCP_ATTACHMENT_DIR = Path(os.environ.get("LSCP_ATTACHMENT_DIR", PRIVATE_DIR / "attachments"))
LSCP_ATTACHMENT_MAX_MB = int(os.environ.get("LSCP_ATTACHMENT_MAX_MB", "10"))

# Only the app's own scripts, styles and images (charts are embedded as data: PNGs); no
# framing, no plugins. The standalone report download relaxes style-src for its own
# stylesheet (lscp/reports/views.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Server errors are written with their traceback to stderr, where the service manager or
# container keeps them; nothing about a request is lost silently.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stderr"], "level": "WARNING"},
    "loggers": {
        "django.request": {"handlers": ["stderr"], "level": "ERROR", "propagate": False},
        "lscp": {"handlers": ["stderr"], "level": os.environ.get("LSCP_LOG_LEVEL", "INFO"),
                 "propagate": False},
    },
}

EMAIL_BACKEND = os.environ.get(
    "LSCP_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
# The mail server, for Django's SMTP backend (production uses it unless told otherwise).
EMAIL_HOST = os.environ.get("LSCP_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("LSCP_EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("LSCP_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("LSCP_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("LSCP_EMAIL_TLS", "1") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("LSCP_EMAIL_FROM", "lscp-insight@localhost")
# The address people open the app at: the links in notification emails start with it.
LSCP_SITE_URL = os.environ.get("LSCP_SITE_URL", "http://127.0.0.1:8000")

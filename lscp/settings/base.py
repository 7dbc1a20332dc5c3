"""Settings shared by every environment.

Everything that differs between a laptop demo and production comes from environment
variables, with safe demo defaults here; `production.py` refuses to start without them.
"""

import os
from pathlib import Path

import dj_database_url

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
    "lscp.partnership",
    "lscp.assurance",
    "lscp.dataset",
    "lscp.reports",
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
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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


DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or _sqlite_url(), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers carry on while one writer commits: the demo is multi-user too.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
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

EMAIL_BACKEND = os.environ.get(
    "LSCP_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)

"""Production: PostgreSQL, a real secret and the hosts are required; a missing or demo value
stops the start rather than running unsafely.

Run behind a TLS-terminating proxy that sets X-Forwarded-Proto (and strips any the client
sent); list the public origin(s) in LSCP_TRUSTED_ORIGINS, e.g. "https://lscp.example.org".
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES, SECRET_KEY

DEMO_SECRET_KEY = "demo-only-not-secret-change-me"
LSCP_PRODUCTION = True

for _name in ("LSCP_SECRET_KEY", "DATABASE_URL", "LSCP_ALLOWED_HOSTS", "LSCP_SITE_URL"):
    if not os.environ.get(_name):
        raise ImproperlyConfigured(f"{_name} must be set in production")
if SECRET_KEY == DEMO_SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("LSCP_SECRET_KEY must be a long random value (50 characters or "
                               "more), not the demo key")
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("DATABASE_URL must name a PostgreSQL database in production")

# Invitations and notifications go by email: by the mail server (LSCP_EMAIL_HOST and the
# rest, README) unless a backend is named; never printed to the console.
EMAIL_BACKEND = os.environ.get("LSCP_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")

# One connection per single-threaded worker, kept for a minute and checked before reuse.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("LSCP_DB_CONN_MAX_AGE", "60"))

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("LSCP_TRUSTED_ORIGINS", "").split(",") if o]
SECURE_SSL_REDIRECT = os.environ.get("LSCP_SSL_REDIRECT", "1") == "1"
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
WHITENOISE_USE_FINDERS = False  # `lscp serve` collects static files once at start

"""Tests: same as local, with fast password hashing and an in-memory email outbox."""

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# Sign-in throttling needs a request with an address; Django's test client signs in without
# one. Tests that check the lockout switch it on (tests/test_production.py).
AXES_ENABLED = False

# The browser tests' live server serves the stylesheet as built (lscp/web/static/build), never
# the copy `lscp serve` collects into var/static, which WhiteNoise would prefer and which goes
# stale after a change to lscp.scss. Nothing collects into this folder.
STATIC_ROOT = VAR_DIR / "static-for-tests"  # noqa: F405
STATIC_ROOT.mkdir(parents=True, exist_ok=True)

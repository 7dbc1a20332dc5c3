"""Ready for a real partnership (issue 8): production settings, the production server and its
database connections, sign-in defences, sessions and headers."""

from __future__ import annotations

import concurrent.futures
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client, override_settings

from lscp.partnership.models import Role
from lscp.web.middleware import LAST_SEEN, SIGNED_IN_AT
from tests import factories as f

ROOT = Path(__file__).resolve().parent.parent
LSCP = str(ROOT / ".venv" / "bin" / "lscp")
GOOD_KEY = "k" * 64
ON_POSTGRES = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


def _production(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """Run `lscp ...` under production settings with exactly `env` on top of a clean one."""
    base = {k: v for k, v in os.environ.items()
            if not k.startswith(("LSCP_", "DATABASE_URL", "DJANGO_SETTINGS_MODULE"))}
    return subprocess.run([LSCP, *args], env={**base, "DJANGO_SETTINGS_MODULE":
                          "lscp.settings.production", **env}, capture_output=True, text=True,
                          timeout=120, check=False)


PG_URL = "postgres://nobody:nothing@127.0.0.1:1/none"  # never connected to: refused first
SITE = "https://lscp.example.org"


@pytest.mark.parametrize(("env", "message"), [
    ({"DATABASE_URL": PG_URL, "LSCP_ALLOWED_HOSTS": "lscp.example.org"},
     "LSCP_SECRET_KEY must be set"),
    ({"LSCP_SECRET_KEY": "demo-only-not-secret-change-me", "DATABASE_URL": PG_URL,
      "LSCP_ALLOWED_HOSTS": "lscp.example.org", "LSCP_SITE_URL": SITE}, "not the demo key"),
    ({"LSCP_SECRET_KEY": GOOD_KEY, "DATABASE_URL": "sqlite:////tmp/lscp-prod.sqlite3",
      "LSCP_ALLOWED_HOSTS": "lscp.example.org", "LSCP_SITE_URL": SITE},
     "must name a PostgreSQL database"),
    ({"LSCP_SECRET_KEY": GOOD_KEY, "DATABASE_URL": PG_URL}, "LSCP_ALLOWED_HOSTS must be set"),
    ({"LSCP_SECRET_KEY": GOOD_KEY, "DATABASE_URL": PG_URL, "LSCP_ALLOWED_HOSTS": "lscp.example.org"},
     "LSCP_SITE_URL must be set"),  # the links in invitations and notifications
])
def test_production_refuses_to_start_unsafely(env: dict[str, str], message: str) -> None:
    result = _production(env, "check")
    assert result.returncode != 0
    assert message in result.stderr


def test_production_never_loads_the_demo() -> None:
    result = _production({"LSCP_SECRET_KEY": GOOD_KEY, "DATABASE_URL": PG_URL,
                          "LSCP_ALLOWED_HOSTS": "lscp.example.org",
                          "LSCP_SITE_URL": SITE}, "demo", "load")
    assert result.returncode != 0
    assert "never loaded under production settings" in result.stderr


# Behind a TLS proxy ------------------------------------------------------------------------

PROXY = {"SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
         "CSRF_TRUSTED_ORIGINS": ["https://lscp.example.org"], "SECURE_HSTS_SECONDS": 31536000,
         "ALLOWED_HOSTS": ["lscp.example.org"], "SESSION_COOKIE_SECURE": True,
         "CSRF_COOKIE_SECURE": True}


@pytest.mark.django_db
@override_settings(**PROXY)
def test_behind_a_tls_proxy_forms_post_and_hsts_is_sent() -> None:
    client = Client(enforce_csrf_checks=True, HTTP_HOST="lscp.example.org",
                    HTTP_X_FORWARDED_PROTO="https")
    page = client.get("/sign-in/", secure=False)
    assert page["Strict-Transport-Security"].startswith("max-age=31536000")
    token = page.cookies["csrftoken"].value
    f.UserFactory(username="officer")
    response = client.post("/sign-in/", {"username": "officer", "password": f.PASSWORD,
                                         "csrfmiddlewaretoken": token},
                           HTTP_ORIGIN="https://lscp.example.org",
                           HTTP_REFERER="https://lscp.example.org/sign-in/")
    assert response.status_code == 302  # signed in: the CSRF check passed


# Errors leave a trace ----------------------------------------------------------------------


def test_server_errors_are_logged_with_their_traceback(caplog, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A 500 leaves its traceback on stderr, where the service manager keeps it."""
    import logging

    from lscp.web import views

    def broken(request):  # type: ignore[no-untyped-def]
        raise RuntimeError("the records could not be read")

    monkeypatch.setattr(views, "health", broken)
    with override_settings(ROOT_URLCONF="tests.broken_urls"), caplog.at_level(logging.ERROR):
        response = Client(raise_request_exception=False).get("/broken/")
    assert response.status_code == 500
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.exc_info and "could not be read" in str(record.exc_info[1])
    # A StreamHandler given no stream writes to stderr.
    assert settings.LOGGING["loggers"]["django.request"]["handlers"] == ["stderr"]
    assert settings.LOGGING["handlers"]["stderr"] == {"class": "logging.StreamHandler",
                                                      "formatter": "plain"}
    assert any(isinstance(h, logging.StreamHandler)
               for h in logging.getLogger("django.request").handlers)


# Sign-in -----------------------------------------------------------------------------------


@pytest.mark.django_db
@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=10)
def test_ten_wrong_passwords_pause_the_account_until_the_business_unit_resumes_it() -> None:
    p = f.PartnershipFactory()
    f.member(p, Role.AGENCY_CONTRIBUTOR, f.AgencyFactory(partnership=p), username="officer")
    manager = Client()
    manager.force_login(f.member(p))
    guesser = Client()
    for _ in range(10):
        guesser.post("/sign-in/", {"username": "officer", "password": "wrong-guess"})
    refused = guesser.post("/sign-in/", {"username": "officer", "password": f.PASSWORD})
    assert refused.status_code == 429
    assert "Sign-in is paused for this account" in refused.content.decode()
    assert "_auth_user_id" not in guesser.session
    page = manager.get("/sign-in-pauses/").content.decode()
    assert "officer" in page and "Paused" in page
    manager.post("/sign-in-pauses/", {"username": "officer"})
    welcome = Client().post("/sign-in/", {"username": "officer", "password": f.PASSWORD})
    assert welcome.status_code == 302


@pytest.mark.django_db
def test_only_the_business_unit_sees_and_resumes_sign_in_pauses() -> None:
    p = f.PartnershipFactory()
    chair = Client()
    chair.force_login(f.member(p, Role.CHAIR))
    assert chair.get("/sign-in-pauses/").status_code == 403
    assert chair.post("/sign-in-pauses/", {"username": "x"}).status_code == 403


@pytest.mark.parametrize("password", ["short-pw", "12345678901234", "password12345"])
def test_weak_passwords_are_refused(password: str) -> None:
    with pytest.raises(ValidationError):
        validate_password(password)


@pytest.mark.django_db
def test_a_session_ends_when_idle_and_at_its_maximum_age() -> None:
    assert settings.SESSION_IDLE.total_seconds() == 30 * 60
    client = Client()
    client.force_login(f.member(f.PartnershipFactory()))
    assert client.get("/sign-in-pauses/").status_code == 200
    session = client.session
    assert session[SIGNED_IN_AT] > time.time() - 60
    session[SIGNED_IN_AT] = time.time() - settings.SESSION_MAX_AGE.total_seconds() - 1
    session.save()
    response = client.get("/sign-in-pauses/")
    assert response.status_code == 302 and "/sign-in/" in response["Location"]

    idle = Client()
    idle.force_login(f.member(f.PartnershipFactory()))
    assert idle.get("/sign-in-pauses/").status_code == 200
    session = idle.session
    session[LAST_SEEN] = time.time() - settings.SESSION_IDLE.total_seconds() - 1
    session.save()
    response = idle.get("/sign-in-pauses/")
    assert response.status_code == 302 and "/sign-in/" in response["Location"]


# Headers -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_pages_allow_only_the_apps_own_scripts_and_are_never_stored() -> None:
    client = Client()
    client.force_login(f.member(f.PartnershipFactory()))
    response = client.get("/sign-in-pauses/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "no-store" in response["Cache-Control"]
    assert "<script>" not in response.content.decode()  # no inline script for CSP to refuse


@pytest.mark.django_db
def test_the_published_report_may_be_cached_and_nothing_internal_may() -> None:
    public = Client().get("/public/nowhere/yearly/2020-21/")
    assert "no-store" not in public.get("Cache-Control", "")
    assert "no-store" in Client().get("/").get("Cache-Control", "")


# The production server's database connections ----------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _client_connections() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                       "AND pid <> pg_backend_pid()")
        return int(cursor.fetchone()[0])


def _burst(url: str, requests: int = 60, users: int = 30) -> list[int]:
    def fetch(_: int) -> int:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (loopback only)
            return int(response.status)

    with concurrent.futures.ThreadPoolExecutor(users) as pool:
        return list(pool.map(fetch, range(requests)))


def _serve(args: list[str], env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_SETTINGS_MODULE")}
    server = subprocess.Popen([LSCP, *args], env={**base, **env}, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/health/", timeout=2)  # noqa: S310
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise AssertionError(f"{args[0]} did not start")


def _database_url() -> str:
    db = settings.DATABASES["default"]
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.mark.skipif(not ON_POSTGRES, reason="connection limits matter on PostgreSQL; "
                                            "SQLite has no server connections")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("server", ["serve", "runserver"])
def test_no_connection_is_left_behind_after_a_burst(server: str) -> None:
    """60 requests from 30 users at once: the production server keeps one connection per
    worker; the development server (a thread per request) keeps none."""
    port = _free_port()
    env = {"DATABASE_URL": _database_url(), "LSCP_ALLOWED_HOSTS": "127.0.0.1",
           "LSCP_SITE_URL": "http://127.0.0.1"}
    if server == "serve":
        args = ["serve", "--bind", f"127.0.0.1:{port}", "--workers", "2"]
        env |= {"LSCP_SECRET_KEY": GOOD_KEY, "LSCP_SSL_REDIRECT": "0",
                "DJANGO_SETTINGS_MODULE": "lscp.settings.production"}
        allowed = 2
    else:
        args = ["runserver", f"127.0.0.1:{port}", "--noreload"]
        env |= {"DJANGO_SETTINGS_MODULE": "lscp.settings.local"}
        allowed = 0
    before = _client_connections()
    process = _serve(args, env, port)
    try:
        assert set(_burst(f"http://127.0.0.1:{port}/health/")) == {200}
        time.sleep(1)
        assert _client_connections() - before <= allowed
    finally:
        process.terminate()
        process.wait(timeout=30)
    sys.stdout.flush()

"""Middleware of our own: how long a sign-in lasts, and what a browser may keep."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

Handler = Callable[[HttpRequest], HttpResponse]
SIGNED_IN_AT = "lscp_signed_in_at"
LAST_SEEN = "lscp_last_seen"
RENEW_SECONDS = 60  # how stale "last seen" may get before it is written again
PUBLIC_PREFIXES = ("/public/", "/static/")


def session_limits(get_response: Handler) -> Handler:
    """End a session after SESSION_IDLE without a request, and SESSION_MAX_AGE after sign-in
    however busy it has been. "Last seen" is written at most once a minute: writing the
    session on every page view would cost a database write each time."""

    def middleware(request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now, session = time.time(), request.session
            started = float(session.setdefault(SIGNED_IN_AT, now))
            seen = float(session.setdefault(LAST_SEEN, now))
            if (now - started > settings.SESSION_MAX_AGE.total_seconds()
                    or now - seen > settings.SESSION_IDLE.total_seconds()):
                logout(request)
            elif now - seen > RENEW_SECONDS:
                session[LAST_SEEN] = now
        return get_response(request)

    return middleware


def no_store(get_response: Handler) -> Handler:
    """Nothing but the published report and static files is kept by a browser or a proxy:
    internal pages, the internal report and exports hold figures about children."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if not request.path.startswith(PUBLIC_PREFIXES):
            patch_cache_control(response, no_store=True, private=True)
        return response

    return middleware

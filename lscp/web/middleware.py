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
PUBLIC_PREFIXES = ("/public/", "/static/")


def session_limits(get_response: Handler) -> Handler:
    """End a session SESSION_MAX_AGE after sign-in, however busy it has been: the idle limit
    alone (SESSION_COOKIE_AGE, renewed on each request) would let a session live for ever."""

    def middleware(request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            started = request.session.setdefault(SIGNED_IN_AT, time.time())
            if time.time() - float(started) > settings.SESSION_MAX_AGE.total_seconds():
                logout(request)
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

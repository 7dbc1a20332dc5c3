"""A limit on how often anyone may do something that anyone may do: post feedback on a
published report. Counts are kept in the shared cache (the database's, decision 0010), by a
keyed hash of the client's address, so no address is stored.

Each window is its own key (the window's number is part of it), so a count never outlives
its window whatever the cache backend does with timeouts on update. Two posts at the same
instant may both be counted as one: this keeps spam down, it is not a quota."""

from __future__ import annotations

import hashlib
import hmac
import time

from django.conf import settings
from django.core.cache import cache


def _key(scope: str, who: str, window: int) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), f"{scope}\0{who}".encode(),
                      hashlib.sha256).hexdigest()[:32]
    return f"lscp:throttle:{scope}:{window}:{digest}"


def allow(scope: str, who: str, *, limit: int, seconds: int, now: float | None = None) -> bool:
    """Count one more attempt by `who` in `scope`; False once `limit` attempts were made in
    the current window of `seconds`."""
    window = int((time.time() if now is None else now) // seconds)
    key = _key(scope, who, window)
    count = int(cache.get(key, 0)) + 1
    cache.set(key, count, timeout=seconds)
    return count <= limit

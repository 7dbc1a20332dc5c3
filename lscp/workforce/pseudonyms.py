"""Telling people apart without keeping who they are.

A learning-management system exports an id for each delegate. It is replaced, as it is read,
by a keyed hash under the partnership's own secret key (the one that replaces child ids from
statutory returns, which never leaves the database): the same person gets the same value in
every export, so bookings and evaluations can be counted per person, and the value cannot be
turned back into the id without the key. The raw id is never stored.
"""

from __future__ import annotations

import hashlib
import hmac

KEY_LENGTH = 32  # hex characters: 128 bits, far beyond any partnership's workforce


def attendee_key(secret: str, raw_id: str) -> str:
    """The stored stand-in for an LMS id: an HMAC-SHA256 under the partnership's key."""
    digest = hmac.new(secret.encode(), b"training\0" + raw_id.strip().encode(), hashlib.sha256)
    return digest.hexdigest()[:KEY_LENGTH]

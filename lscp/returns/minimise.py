"""Data minimisation on the way in: the declared stage every record passes through.

- Child IDs become keyed hashes (HMAC-SHA256 with the partnership's secret): stable within a
  partnership, so a child can be followed across returns and years, but not reversible, and
  not matchable across partnerships.
- Dates of birth are kept to the month.
- UPNs, former UPNs, names and full postcodes are never kept; a postcode is cut to its
  outward code ("BR1 3UH" -> "BR1").
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac


class Minimiser:
    def __init__(self, secret: bytes) -> None:
        if len(secret) < 16:
            raise ValueError("the partnership's secret must be at least 16 bytes")
        self._secret = secret

    def child(self, raw_id: str) -> str:
        digest = hmac.new(self._secret, raw_id.strip().encode("utf-8"), hashlib.sha256)
        return digest.hexdigest()[:20]

    @staticmethod
    def birth_month(day: dt.date | None) -> dt.date | None:
        return None if day is None else day.replace(day=1)

    @staticmethod
    def outward(postcode: str | None) -> str | None:
        if not postcode or not postcode.strip():
            return None
        text = postcode.strip().upper()
        return text.split()[0] if " " in text else text[:-3] or None

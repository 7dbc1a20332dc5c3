"""Data minimisation on the way in: the declared stage every record passes through.

- Child IDs become keyed hashes (HMAC-SHA256 with the partnership's secret): stable within a
  partnership, so a child can be followed across returns and years, but not reversible, and
  not matchable across partnerships.
- Dates of birth are kept to the month.
- UPNs, former UPNs, names and full postcodes are never kept; a postcode is cut to its
  outward code ("BR1 3UH" -> "BR1"), and anything that is not a UK postcode or district
  (address text, a name typed in the postcode column) is not kept at all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re

# A UK postcode district (outward code): A9, A9A, A99, AA9, AA9A, AA99; and a whole postcode,
# its inward code being a digit and two letters. Spaces are taken out before matching.
_DISTRICT = re.compile(r"[A-Z]{1,2}[0-9][A-Z0-9]?", re.ASCII)
_POSTCODE = re.compile(rf"({_DISTRICT.pattern})[0-9][A-Z]{{2}}", re.ASCII)


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
        """The district of a postcode ("BR1 3UH", "br13uh" or "BR1" -> "BR1"), else None: the
        first word of "FLAT 3 ROSE COURT" or "JANE SMITH" is address text or a name, not a
        district, and must not be kept."""
        text = "".join((postcode or "").split()).upper()
        whole = _POSTCODE.fullmatch(text)
        if whole:
            return whole[1]
        return text if _DISTRICT.fullmatch(text) else None

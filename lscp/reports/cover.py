"""A built document's cover: whose it is, which period and edition, when it was built, from
which content (its version), whom to contact, and the partnership's logo.

The registry gives every document one when it builds it (lscp/reports/registry.py). The
version is a digest of the sections: two copies with the same version say the same thing,
whenever and wherever they were built, and any change to a figure or a sentence changes it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json

from lscp.partnership.models import Logo as LogoRecord
from lscp.partnership.models import Partnership
from lscp.reports.content import Cover, Document, Logo, Section
from lscp.reports.wording import long_date

CONTENTS_FROM = 5  # a document of fewer top-level sections needs no contents page


def version_of(sections: list[Section]) -> str:
    """Eight hex digits of the sections' digest, shown in two groups of four."""
    tree = json.dumps([dataclasses.asdict(s) for s in sections], sort_keys=True, default=str)
    digest = hashlib.sha256(tree.encode("utf-8")).hexdigest()
    return f"{digest[:4]}-{digest[4:8]}"


def logo_of(partnership: Partnership) -> Logo | None:
    record = LogoRecord.objects.filter(partnership=partnership).first()
    if record is None:
        return None
    return Logo(bytes(record.image), "image/png", f"Logo of the {partnership.name}")


def build_cover(document: Document, partnership: Partnership, *, public: bool, period: str,
                built_on: dt.date, full: bool = True) -> Cover:
    """`full` is false for a shortened edition (an executive summary), which has no
    contents page; nor has a short document."""
    return Cover(
        partnership=partnership.name, period=period,
        edition="public" if public else "internal",
        built=long_date(built_on), built_on=built_on.isoformat(),
        version=version_of(document.sections), contact=partnership.contact_lines(),
        logo=logo_of(partnership),
        contents=full and len(document.sections) >= CONTENTS_FROM,
    )

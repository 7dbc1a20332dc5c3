"""What every register edited in the app does alike, written once: a new record's code and
position, and its soft withdrawal (never a delete; the row and its history stay)."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from django.db import models
from django.db.models import Max
from django.utils.text import slugify

from lscp.partnership.locking import claim_and_save

CODE_LENGTH = 50
Record = TypeVar("Record", bound=models.Model)


def unique_code(taken: models.QuerySet[Any], words: str, *, wanted: str = "",
                fallback: str = "record", length: int = CODE_LENGTH) -> str:
    """`wanted` if given, else a slug of `words` (or `fallback`), made unique among `taken`'s
    codes (withdrawn records included: they keep theirs) by a number: child-r, child-r-2."""
    base = wanted or slugify(words)[:length].strip("-") or fallback
    codes = set(taken.filter(code__startswith=base[:length - 4]).values_list("code", flat=True))
    code, number = base, 2
    while code in codes:
        code = f"{base[:length - 4]}-{number}"
        number += 1
    return code


def next_position(records: models.QuerySet[Any]) -> int:
    """After every position in use, withdrawn ones included (they keep theirs)."""
    return int(records.aggregate(top=Max("position"))["top"] or 0) + 1


def mark_withdrawn(record: Record, *, seen_version: int | None, reason: str, by: Any,
             today: dt.date) -> Record:
    """Record when, why and by whom `record` was withdrawn. With the version its form was
    opened at, that version is claimed first, so an edit made meanwhile is not lost.
    Call it inside the transaction (and `acts_as`) of the service that withdraws."""
    fields = {"withdrawn_on": today, "withdrawn_reason": reason, "withdrawn_by": by}
    if seen_version is not None:
        return claim_and_save(record, seen_version, **fields)
    for name, value in fields.items():
        setattr(record, name, value)
    record.save(update_fields=list(fields))
    return record

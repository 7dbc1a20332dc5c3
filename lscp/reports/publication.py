"""Whether a year's report is ready to publish: the readiness checklist, as pure rules.

Publishing is a decision the partnership takes, not a switch. The report is ready when
- every statutory content item is covered (lscp/reports/statutory.py, on the public edition,
  since that is what is published);
- the public edition shows no illustrative value: a figure made up for a demonstration is
  refused there as [x] (lscp/reports/sections/_figures.py), and a report with gaps of that
  kind is not the partnership's account of its year;
- the three lead safeguarding partners (local authority, police, the integrated care board)
  and the independent scrutineer have signed it off.

The chair may let one missing item through, with a written reason that the report's About
section then states. This module only decides; the records come from
lscp/reports/publication_selectors.py, so the rules are tested without a database.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from lscp.reports.content import Document, Section, Table
from lscp.reports.sections._figures import NOT_AVAILABLE
from lscp.reports.statutory import Requirement
from lscp.reports.wording import long_date

STATUTORY = "Statutory content"
PUBLIC_EDITION = "Public edition"
SIGN_OFF = "Sign-off"
ILLUSTRATIVE_KEY = "illustrative"
SHOWN_AT_MOST = 8  # illustrative figures named one by one; the rest are counted


@dataclass(frozen=True)
class Override:
    """The chair's written reason for publishing without one item."""

    reason: str
    made_on: dt.date


@dataclass(frozen=True)
class Signed:
    """One sign-off as the checklist shows it."""

    signed_by: str  # a role title
    agency: str  # the agency signed for; may be empty for the scrutineer
    signed_on: dt.date

    def __str__(self) -> str:
        where = f", {self.agency}" if self.agency else ""
        return f"{self.signed_by}{where}, {long_date(self.signed_on)}"


@dataclass(frozen=True)
class Check:
    key: str  # stable: overrides are recorded against it
    group: str  # STATUTORY, PUBLIC_EDITION or SIGN_OFF
    text: str  # what is needed, in words
    met: bool
    detail: str  # where it is covered, who signed, which figures are missing
    override: Override | None = None

    @property
    def passes(self) -> bool:
        return self.met or self.override is not None

    @property
    def overridden(self) -> bool:
        return not self.met and self.override is not None


@dataclass(frozen=True)
class Readiness:
    checks: tuple[Check, ...]

    @property
    def ready(self) -> bool:
        return all(c.passes for c in self.checks)

    @property
    def missing(self) -> tuple[Check, ...]:
        """What stops publishing: neither met nor let through by the chair."""
        return tuple(c for c in self.checks if not c.passes)

    @property
    def overridden(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if c.overridden)

    def groups(self) -> list[tuple[str, list[Check]]]:
        names = list(dict.fromkeys(c.group for c in self.checks))
        return [(name, [c for c in self.checks if c.group == name]) for name in names]

    def check(self, key: str) -> Check | None:
        return next((c for c in self.checks if c.key == key), None)


def statutory_key(requirement: str) -> str:
    """A requirement's key, from its words: "statutory:plans-for-the-year-ahead"."""
    return "statutory:" + re.sub(r"[^a-z0-9]+", "-", requirement.lower()).strip("-")[:100]


def sign_off_key(signatory: str) -> str:
    return f"sign-off:{signatory}"


def statutory_checks(requirements: Sequence[Requirement]) -> list[Check]:
    return [Check(statutory_key(r.text), STATUTORY, r.text, r.met,
                  ("Covered in: " + "; ".join(r.covered_by)) if r.met
                  else "Not covered by any section of the report")
            for r in requirements]


def illustrative_check(found: Sequence[str]) -> Check:
    if not found:
        detail = "Every figure in the public edition is a real one"
    else:
        named = "; ".join(found[:SHOWN_AT_MOST])
        rest = len(found) - SHOWN_AT_MOST
        more = f"; and {rest} more" if rest > 0 else ""
        detail = (f"{len(found)} illustrative {'figure shows' if len(found) == 1 else 'figures show'}"
                  f" as {NOT_AVAILABLE}: {named}{more}")
    return Check(ILLUSTRATIVE_KEY, PUBLIC_EDITION,
                 "No illustrative (made-up) figure in the public edition", not found, detail)


def sign_off_checks(signatories: Sequence[tuple[str, str]],
                    signed: Mapping[str, Signed]) -> list[Check]:
    """`signatories`: (value, label) pairs, in the order the checklist lists them."""
    return [Check(sign_off_key(value), SIGN_OFF, f"Signed off by the {_lower_first(label)}",
                  value in signed, str(signed[value]) if value in signed else "Not recorded")
            for value, label in signatories]


def readiness(*, requirements: Sequence[Requirement], illustrative: Sequence[str],
              signatories: Sequence[tuple[str, str]], signed: Mapping[str, Signed],
              overrides: Mapping[str, Override]) -> Readiness:
    """Every check, each with the chair's override if one was recorded for it. An override
    of an item that is now met is kept but no longer needed (`Check.overridden` is False)."""
    checks = [*statutory_checks(requirements), illustrative_check(illustrative),
              *sign_off_checks(signatories, signed)]
    return Readiness(tuple(Check(c.key, c.group, c.text, c.met, c.detail, overrides.get(c.key))
                           for c in checks))


def illustrative_in(document: Document) -> list[str]:
    """Each figure the public edition refuses as illustrative ([x]), named by its table row
    and column: "Re-referrals within 12 months (2019-20)"."""
    found: dict[str, None] = {}
    for table in _tables(document.sections):
        for row in table.rows:
            for index, cell in enumerate(row):
                if cell.strip() == NOT_AVAILABLE and index < len(table.head):
                    found[f"{row[0]} ({table.head[index]})"] = None
    return list(found)


def _tables(sections: Sequence[Section]) -> Iterator[Table]:
    for s in sections:
        for block in s.blocks:
            if isinstance(block, Table):
                yield block
            elif isinstance(getattr(block, "table", None), Table):  # a chart's data table
                yield block.table
        yield from _tables(s.subsections)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]

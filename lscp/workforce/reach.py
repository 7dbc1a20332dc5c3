"""Who the training reached in a year: plain Python over plain facts, no Django.

The selectors read bookings, e-learning completions and single-agency returns into the facts
below; these functions count them, so every figure the pages and the report show is worked
out here once, and can be tested from a handful of facts written by hand.

Definitions (docs/workforce.md):
- a *session held* is a live session (classroom, webinar, briefing) in the year that at least
  one person attended;
- *attendees* are places attended: a person at two sessions counts twice, as the partnership
  reports it ("604 people attended");
- *e-learning courses* are the courses with at least one completion in the year;
- an agency is *not reached* when it declared a workforce for the year and nobody from it
  attended a session or completed an e-learning course.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

ATTENDED = "attended"
DID_NOT_ATTEND = "did_not_attend"
LATE_CANCELLATION = "late_cancellation"


@dataclass(frozen=True)
class BookingFact:
    session: int
    delivery: str
    agency: str | None  # an agency code; None for someone counted by sector only
    sector: str
    status: str
    charge_pence: int = 0
    illustrative: bool = False


@dataclass(frozen=True)
class CompletionFact:
    course: int
    agency: str | None
    sector: str
    completions: int
    illustrative: bool = False


@dataclass(frozen=True)
class ReturnFact:
    """An agency's single-agency return: its declared workforce and people it trained."""

    agency: str
    sector: str
    workforce: int | None
    trained: int
    illustrative: bool = False


@dataclass
class Reach:
    """One group's figures: a sector, an agency, or everyone."""

    attendees: int = 0
    completions: int = 0
    trained: int = 0  # by the agency's own single-agency training
    workforce: int | None = None
    illustrative: bool = False

    @property
    def reached(self) -> bool:
        return self.attendees > 0 or self.completions > 0


@dataclass
class YearReach:
    year: str
    sessions: int = 0
    sessions_by_delivery: Counter[str] = field(default_factory=Counter)
    attendees: int = 0
    did_not_attend: int = 0
    late_cancellations: int = 0
    charges_pence: int = 0
    elearning_courses: int = 0
    completions: int = 0
    trained: int = 0
    workforce: int = 0  # declared, across the agencies that declared one
    by_sector: dict[str, Reach] = field(default_factory=dict)
    by_agency: dict[str, Reach] = field(default_factory=dict)
    illustrative_detail: bool = False  # some rows behind the breakdowns were made up

    @property
    def not_reached(self) -> list[str]:
        """Agencies that declared a workforce and sent nobody: sorted codes."""
        return sorted(code for code, r in self.by_agency.items()
                      if r.workforce and not r.reached)

    def sector_share(self, sector: str) -> Decimal | None:
        found = self.by_sector.get(sector)
        return percent(found.attendees if found else 0, self.attendees)

    def workforce_share(self, sector: str) -> Decimal | None:
        found = self.by_sector.get(sector)
        return percent((found.workforce or 0) if found else 0, self.workforce)


def percent(part: int, whole: int | None) -> Decimal | None:
    """part of whole as a percentage to one decimal place; None when there is no whole."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def per_hundred(part: int, whole: int | None) -> Decimal | None:
    """Training places per 100 of a declared workforce, to one decimal place."""
    return percent(part, whole)


def year_reach(year: str, bookings: Iterable[BookingFact], completions: Iterable[CompletionFact],
               returns: Iterable[ReturnFact]) -> YearReach:
    found = YearReach(year)
    sectors: dict[str, Reach] = defaultdict(Reach)
    agencies: dict[str, Reach] = defaultdict(Reach)
    held: dict[int, str] = {}
    for b in bookings:
        found.charges_pence += b.charge_pence
        if b.status == DID_NOT_ATTEND:
            found.did_not_attend += 1
        elif b.status == LATE_CANCELLATION:
            found.late_cancellations += 1
        if b.status != ATTENDED:
            continue
        held[b.session] = b.delivery
        found.attendees += 1
        _add(sectors[b.sector], agencies, b.agency, attendees=1, illustrative=b.illustrative)
        found.illustrative_detail |= b.illustrative
    found.sessions = len(held)
    found.sessions_by_delivery = Counter(held.values())
    courses = set()
    for c in completions:
        if c.completions:
            courses.add(c.course)
        found.completions += c.completions
        _add(sectors[c.sector], agencies, c.agency, completions=c.completions,
             illustrative=c.illustrative)
        found.illustrative_detail |= c.illustrative
    found.elearning_courses = len(courses)
    for r in returns:
        found.trained += r.trained
        agency = agencies[r.agency]
        agency.trained += r.trained
        agency.illustrative |= r.illustrative
        sectors[r.sector].trained += r.trained
        if r.workforce is not None:
            agency.workforce = r.workforce
            sector = sectors[r.sector]
            sector.workforce = (sector.workforce or 0) + r.workforce
            found.workforce += r.workforce
        found.illustrative_detail |= r.illustrative
    found.by_sector, found.by_agency = dict(sectors), dict(agencies)
    return found


def _add(sector: Reach, agencies: dict[str, Reach], agency: str | None, *, attendees: int = 0,
         completions: int = 0, illustrative: bool = False) -> None:
    sector.attendees += attendees
    sector.completions += completions
    if agency is not None:
        mine = agencies[agency]
        mine.attendees += attendees
        mine.completions += completions
        mine.illustrative |= illustrative


def change(now: int, before: int) -> str:
    """ "up 12%", "down 38%", "the same", or "" when there is nothing to compare with."""
    if not before:
        return ""
    if now == before:
        return "the same"
    moved = percent(abs(now - before), before)
    assert moved is not None
    whole = moved.quantize(Decimal("1"), ROUND_HALF_UP)
    return f"{'up' if now > before else 'down'} {whole}%"

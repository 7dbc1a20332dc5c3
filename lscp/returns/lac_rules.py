"""DfE SSDA903 rules across rows: the ones that decide whether an episode counts.

The reader checks each row on its own (codes, dates, DEC before DECOM); these rules need a
child's rows together, sometimes from two tables: the order of the episodes of a period of
care (which decides starts, ceases, placements and who is looked after on 31 March), the age
at the start of care, and whether a missing period lies within care. The reader collects a few
facts per row as it goes (`Facts`) and runs `check` once every file is read.

Rule codes and wording are the DfE's, as the open validator csc-validator-be-903 carries them
(rule sets 2022-23 to 2025-26). A problem names file, row, child and field, never a value.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from lscp.returns.problems import ReturnProblem

RULES = {
    "142": "A new episode has started, but the previous episode has not ended.",
    "352": "Child who started to be looked after was aged 18 or over.",
    "388": "Reason episode ceased is coded new episode begins, but there is no continuation "
           "episode.",
    "431": "The reason for new episode is started to be looked after, but the previous episode "
           "ended on the same day.",
    "432": "The child ceased to be looked after at the end of the previous episode but the reason "
           "for the new episode is not started to be looked after.",
    "433": "The reason for new episode suggests that this is a continuation episode, but the "
           "episode does not start on the same day as the last episode finished.",
    "501": "A new episode has started before the end date of the previous episode.",
    "574": "A new missing/away from placement without authorisation period cannot start when the "
           "previous missing/away from placement without authorisation period is still open. "
           "Missing/away from placement without authorisation periods should also not overlap.",
    "581": "Child is missing but has not yet started to be looked after.",
}
CONTINUATION = frozenset({"P", "L", "T", "U", "B"})


def cite(code: str, text: str | None = None) -> str:
    """A rule's wording with its code, e.g. "... episode. (DfE rule 388)"."""
    return f"{text or RULES[code]} (DfE rule {code})"


class Episode(NamedTuple):
    file: str
    row: int
    start: dt.date | None
    end: dt.date | None
    rne: str | None
    rec: str | None


class Missing(NamedTuple):
    file: str
    row: int
    start: dt.date | None
    end: dt.date | None


@dataclass
class Facts:
    """What the rules need of the rows read: nothing is stored from here."""

    births: dict[str, dt.date] = field(default_factory=dict)  # child -> DOB, from Header
    episodes: dict[str, list[Episode]] = field(default_factory=lambda: defaultdict(list))
    missing: dict[str, list[Missing]] = field(default_factory=lambda: defaultdict(list))
    episodes_read: bool = False  # an Episodes table was in the return


def check(facts: Facts) -> list[ReturnProblem]:
    """Every cross-row rule over every child."""
    problems: list[ReturnProblem] = []
    for child, rows in facts.episodes.items():
        rows.sort(key=lambda e: (e.start or dt.date.min, e.row))
        problems += _sequence(child, rows)
        problems += _age_at_start(child, rows, facts.births.get(child))
    for child, periods in facts.missing.items():
        periods.sort(key=lambda m: (m.start or dt.date.min, m.row))
        problems += _overlapping(child, periods)
        if facts.episodes_read:
            problems += _outside_care(child, periods, facts.episodes.get(child, []))
    return problems


def _problem(where: Episode | Missing, child: str, column: str, code: str) -> ReturnProblem:
    return ReturnProblem(where.file, where.row, child, column, cite(code))


def _sequence(child: str, rows: list[Episode]) -> Iterator[ReturnProblem]:
    """Episodes in date order: one ends where the next begins (X1), or care ends and the next
    begins a new period (S). Anything else double counts or loses a start, cease or placement."""
    for before, after in zip(rows, rows[1:], strict=False):
        if before.end is None:
            yield _problem(before, child, "DEC", "142")
        elif after.start is not None and after.start < before.end:
            yield _problem(after, child, "DECOM", "501")
        yield from _continuation(child, before, after)
    last = rows[-1]
    if last.rec == "X1" and last.end is not None:
        yield _problem(last, child, "REC", "388")


def _continuation(child: str, before: Episode, after: Episode) -> Iterator[ReturnProblem]:
    joined = before.end is not None and before.end == after.start
    if after.rne in CONTINUATION and not joined:
        yield _problem(after, child, "RNE", "433")
    if before.rec not in (None, "X1") and after.rne not in (None, "S"):
        yield _problem(after, child, "RNE", "432")
    if after.rne == "S" and before.end is not None and after.start is not None \
            and after.start <= before.end:
        yield _problem(after, child, "RNE", "431")
    if before.end is not None and (before.rec == "X1") != joined and before.rec is not None:
        yield _problem(before, child, "REC", "388")


def _age_at_start(child: str, rows: list[Episode], born: dt.date | None) -> Iterator[ReturnProblem]:
    """Nobody starts to be looked after at 18 or over: such a start would be counted."""
    if born is None:
        return
    adult = _birthday(born, 18)
    for episode in rows:
        if episode.rne == "S" and episode.start is not None and episode.start >= adult:
            yield _problem(episode, child, "DECOM", "352")


def _birthday(born: dt.date, years: int) -> dt.date:
    try:
        return born.replace(year=born.year + years)
    except ValueError:  # 29 February
        return dt.date(born.year + years, 3, 1)


def _overlapping(child: str, periods: list[Missing]) -> Iterator[ReturnProblem]:
    """Overlapping missing periods would count one absence twice."""
    open_until: dt.date | None = dt.date.min
    for period in periods:
        if period.start is not None and (open_until is None or period.start < open_until):
            yield _problem(period, child, "MIS_START", "574")
        if open_until is not None:
            open_until = None if period.end is None else max(open_until, period.end)


def _outside_care(child: str, periods: list[Missing], rows: list[Episode]) -> Iterator[ReturnProblem]:
    """A missing period must start while the child is looked after to count as one."""
    for period in periods:
        day = period.start
        if day is not None and not any(
                e.start is not None and e.start <= day and (e.end is None or day <= e.end)
                for e in rows):
            yield _problem(period, child, "MIS_START", "581")

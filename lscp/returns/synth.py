"""Synthetic statutory returns: a CIN census (XML) and an SSDA903 return (CSVs) for one year.

`generate(children, seed, year, out)` writes `cin_census_{year}.xml` and the ten SSDA903 CSVs
into `out` for a made-up local authority (LEA 305). Nothing in them is about a real child:
IDs are "SYN" numbers, UPNs use the unused LA number 999, postcodes use the non-existent
areas ZZ and XX and URNs the made-up range SC99xxxx.

The children follow an event chain (referral, assessment, section 47, initial conference,
child protection plan, reviews, closure; for looked-after children entry to care, legal and
placement changes, missing episodes, leaving care, adoption) with rates set against the
published national figures for England. docs/returns-synthetic.md gives the model and the
figures it targets.

Deterministic: the same arguments give byte-identical files. Randomness comes only from
`random.Random(seed)` (and generators seeded from it, one per chunk of children, so the
output does not depend on how many processes wrote it); the XML header's DateTime is fixed
by the year. Files are written as the children are made, never held whole in memory.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import multiprocessing
import os
import random
import re
import shutil
from bisect import bisect_right
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import Any, TextIO

import holidays

LEA = "305"
SOFTWARE_CODE = "LSCP Insight synthetic"
CHUNK = 10_000  # children per chunk; each chunk has its own generator seeded from the seed

# The SSDA903 CSVs, file name -> exact DfE header row.
CSV_FILES: dict[str, tuple[str, ...]] = {
    "header": ("CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"),
    "episodes": ("CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
                 "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"),
    "reviews": ("CHILD", "DOB", "REVIEW", "REVIEW_CODE"),
    "uasc": ("CHILD", "SEX", "DOB", "DUC"),
    "oc2": ("CHILD", "DOB", "SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS",
            "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED",
            "INTERVENTION_OFFERED"),
    "oc3": ("CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"),
    "ad1": ("CHILD", "DOB", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR",
            "LS_ADOPTR"),
    "placed_for_adoption": ("CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"),
    "previous_permanence": ("CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"),
    "missing": ("CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"),
}

# --- Rates (see docs/returns-synthetic.md for the national figures behind them) ---------------

LAC_SHARE = 0.13  # children in the CIN file who are also looked after during the year
CARE_LEAVERS_PER_LAC = 0.5  # care leavers (OC3 only, not looked after in the year) per LAC child
CARRIED_IN = 0.38  # CIN children whose episode was already open on 1 April
RE_REFERRAL = 0.29  # in-year referrals that follow an earlier referral within 12 months
NFA_AT_REFERRAL = 0.071
ASSESSED_IN_45 = 0.84  # assessments authorised within 45 working days of the referral
SECTION_47 = 0.38  # assessments with a section 47 enquiry
ICPC_AFTER_S47 = 0.32
CPP_AFTER_ICPC = 0.86
NOT_IN_NEED = 0.36  # assessments without a section 47 that find the child not in need
NOT_IN_NEED_AFTER_S47 = 0.25
SECOND_CPP = 0.23
LAC_ENTRANT = 0.28  # looked-after children whose period of care starts in the year
UASC = 0.085

Table = tuple[tuple[Any, ...], tuple[float, ...]]


def _table(pairs: Sequence[tuple[Any, float]]) -> Table:
    total = sum(weight for _, weight in pairs)
    cumulative, running = [], 0.0
    for _, weight in pairs:
        running += weight / total
        cumulative.append(running)
    cumulative[-1] = 1.0
    return tuple(code for code, _ in pairs), tuple(cumulative)


ETHNICITY = _table([
    ("WBRI", 64.0), ("WIRI", 0.3), ("WIRT", 0.3), ("WOTH", 6.0), ("WROM", 0.7), ("MWBC", 2.7),
    ("MWBA", 1.0), ("MWAS", 1.2), ("MOTH", 3.0), ("AIND", 1.2), ("APKN", 2.2), ("ABAN", 1.1),
    ("AOTH", 2.0), ("BCRB", 1.2), ("BAFR", 4.0), ("BOTH", 2.0), ("CHNE", 0.2), ("OOTH", 3.5),
    ("REFU", 0.6), ("NOBT", 1.8),
])
ETHNICITY_UASC = _table([("BAFR", 35), ("AOTH", 20), ("OOTH", 35), ("MOTH", 4), ("WOTH", 6)])
DISABILITY = _table([
    ("AUT", 30), ("LD", 20), ("BEH", 15), ("COMM", 12), ("DDA", 8), ("MOB", 5), ("PC", 3),
    ("HAND", 2), ("HEAR", 2), ("VIS", 2), ("INC", 1), ("CON", 1),
])
REFERRAL_SOURCE = _table([
    ("6", 29), ("2A", 19), ("2B", 2), ("3A", 2), ("3B", 2), ("3C", 0.5), ("3D", 3), ("3E", 4),
    ("3F", 6), ("4", 2), ("5A", 6), ("5B", 4), ("5C", 5), ("1A", 4), ("1B", 0.5), ("1C", 2),
    ("1D", 1), ("7", 2), ("8", 5), ("9", 1), ("10", 0.5),
])
PRIMARY_NEED = _table([
    ("N1", 56), ("N2", 10), ("N3", 3), ("N4", 5), ("N5", 16), ("N6", 2), ("N7", 0.5), ("N8", 4.5),
    ("N9", 1), ("N0", 2),
])
LAC_NEED = _table([
    ("N1", 64), ("N2", 3), ("N3", 3), ("N4", 4), ("N5", 14), ("N6", 3), ("N7", 0.2), ("N8", 6),
])
# Factors identified at assessment: (code, share of assessments that record it).
FACTORS: tuple[tuple[str, float], ...] = (
    ("4B", 0.31), ("3B", 0.30), ("17A", 0.21), ("4A", 0.17), ("16A", 0.17), ("2B", 0.15),
    ("1B", 0.12), ("18B", 0.11), ("3A", 0.11), ("3C", 0.08), ("14A", 0.06), ("6B", 0.05),
    ("6A", 0.04), ("5B", 0.04), ("19B", 0.04), ("15A", 0.04), ("22A", 0.03), ("11A", 0.03),
    ("10A", 0.03), ("5A", 0.03), ("2A", 0.03), ("1A", 0.02), ("7A", 0.02), ("13A", 0.02),
    ("2C", 0.02), ("1C", 0.02), ("4C", 0.02), ("9A", 0.01), ("12A", 0.005),
)
FACTOR_COUNT = _table([(1, 25), (2, 33), (3, 25), (4, 12), (5, 5)])
FACTOR_PICK = _table(FACTORS)
CATEGORY = _table([("NEG", 48), ("EMO", 38), ("PHY", 7), ("SAB", 3.5), ("MUL", 3.5)])
PREVIOUS_CPP = _table([(1, 74), (2, 19), (3, 7)])  # for second or subsequent plans
# Working days from the start of a section 47 enquiry to the initial conference (lo, hi).
ICPC_DAYS = _table([((3, 10), 8.7), ((11, 15), 72.7), ((16, 20), 8.9), ((21, 45), 9.7)])
# Length of a child protection plan in days (lo, hi). The national split of plans ending in
# 2024-25 is 15.9 / 11.0 / 43.5 / 25.2 / 4.4%; the lengths drawn lean longer because a year's
# window catches short plans more often than long ones.
CPP_DAYS = _table([((14, 91), 10.5), ((92, 182), 10.0), ((183, 365), 42.0), ((366, 730), 31.0),
                   ((731, 1100), 6.5)])
CLOSURE = _table([("RC7", 86), ("RC5", 7), ("RC3", 3), ("RC4", 2), ("RC6", 2)])
NOT_IN_NEED_CLOSURE = _table([("RC8", 55), ("RC9", 45)])
START_DELAY = _table([(0, 55), (1, 20), (2, 10), (3, 6), (5, 5), (7, 4)])
# Age at 31 March in years (lo, hi); (18, 19) are those who turn 18 during the year.
_CIN_SEX = _table([("M", 51.5), ("F", 48.2), ("U", 0.3)])
CIN_AGE = _table([((0, 1), 5), ((1, 5), 15), ((5, 10), 23), ((10, 16), 38), ((16, 18), 17),
                  ((18, 19), 2)])
LAC_AGE = _table([((0, 1), 4.5), ((1, 5), 12), ((5, 10), 15), ((10, 16), 35), ((16, 18), 23),
                  ((18, 19), 10.5)])

# --- SSDA903 code tables --------------------------------------------------------------------------

ENTRY_LS = _table([("V2", 31), ("C1", 43), ("L1", 6), ("L2", 4), ("C2", 4), ("J1", 1), ("J2", 2),
                   ("J3", 1)])
ENTRY_LS_YOUNG = _table([("V2", 30), ("C1", 52), ("L1", 6), ("L2", 7), ("C2", 5)])
CURRENT_LS_YOUNG = _table([("C2", 44), ("C1", 20), ("E1", 30), ("V2", 6)])
CURRENT_LS = _table([("C2", 80), ("C1", 10), ("V2", 7), ("E1", 3)])
CURRENT_LS_OLDER = _table([("C2", 80), ("C1", 6), ("V2", 14)])
LATER_RNE = _table([("P", 70), ("L", 20), ("T", 10)])
PLACE_UNDER_5 = _table([("U6", 58), ("U3", 14), ("U4", 9), ("U1", 6), ("U5", 4), ("U2", 2), ("R3", 3),
                        ("P1", 4)])
PLACE_5_15 = _table([("U6", 34), ("U4", 24), ("U3", 8), ("U1", 9), ("K2", 14), ("P1", 6), ("S1", 1.5),
                     ("K1", 0.3), ("R1", 0.5), ("R2", 0.2), ("Z1", 0.5), ("R5", 0.1)])
PLACE_16_PLUS = _table([("U6", 22), ("U4", 16), ("U3", 5), ("U1", 6), ("H5", 24), ("K2", 16),
                        ("P1", 4), ("P2", 3), ("S1", 1), ("K1", 0.5), ("R5", 0.5), ("Z1", 1),
                        ("R2", 0.3), ("P3", 0.2)])
PLACE_UASC = _table([("H5", 45), ("U6", 33), ("K2", 10), ("P2", 8), ("U4", 4)])
PROVIDER_FOSTER = _table([("PR1", 55), ("PR4", 40), ("PR2", 5)])
PROVIDER_HOME = _table([("PR4", 80), ("PR1", 14), ("PR5", 6)])
PROVIDER_ADOPTION = _table([("PR1", 55), ("PR2", 25), ("PR5", 20)])
PROVIDER_OTHER = _table([("PR3", 40), ("PR4", 35), ("PR5", 15), ("PR1", 10)])
URN_PLACES = frozenset({"K1", "K2", "R3", "S1"})
PLACE_CHANGE = _table([
    ("CARPL", 35), ("CREQB", 15), ("CHILD", 8), ("CREQO", 8), ("LAREQ", 8), ("OTHER", 9),
    ("PLACE", 5), ("CLOSE", 4), ("ALLEG", 3), ("STAND", 3), ("APPRR", 1), ("CUSTOD", 1),
])
EXTRA_PLACEMENTS = _table([(0, 68), (1, 22), (2, 6.5), (3, 2.5), (4, 1)])
LEAVE = _table([("E4A", 38), ("E4B", 6), ("E45", 9), ("E46", 7), ("E47", 2), ("E48", 4), ("E41", 1),
                ("E3", 6), ("E8", 14), ("E13", 2), ("E9", 1), ("E16", 0.5)])
LEAVE_16_PLUS = _table([("E4A", 25), ("E4B", 6), ("E3", 5), ("E8", 18), ("E5", 20), ("E6", 6),
                        ("E13", 3), ("E9", 3), ("E7", 1), ("E16", 1), ("E45", 3), ("E46", 2)])
LEAVE_UASC = _table([("E3", 40), ("E8", 30), ("E15", 12), ("E5", 12), ("E16", 6)])
AGED_OUT = _table([("E17", 30), ("E5", 27), ("E6", 7), ("E13", 5), ("E8", 20), ("E4A", 7), ("E7", 2),
                   ("E9", 2)])
CIN_CLOSURE_FOR_REC = {"E11": "RC1", "E12": "RC1", "E45": "RC4", "E46": "RC4", "E41": "RC3",
                       "E47": "RC3", "E48": "RC3", "E3": "RC5", "E7": "RC6"}
REVIEW_CODE = _table([("PN1", 40), ("PN2", 10), ("PN3", 10), ("PN4", 15), ("PN5", 10), ("PN6", 10),
                      ("PN7", 5)])
PREV_PERM = _table([("Z1", 93), ("P2", 3.5), ("P3", 2), ("P1", 1.5)])
REASON_REVERSED = _table([("RD1", 35), ("RD3", 40), ("RD4", 25)])  # RD2 (no placement order) cannot follow E1
ADOPTERS = _table([
    (("1", "F1", "L0"), 11), (("1", "M1", "L0"), 2), (("2", "MF", "L11"), 55), (("2", "MM", "L12"), 4),
    (("2", "FF", "L12"), 3), (("2", "MM", "L2"), 3), (("2", "FF", "L2"), 3), (("2", "MF", "L3"), 15),
    (("2", "MM", "L4"), 2), (("2", "FF", "L4"), 2),
])
SDQ_REASON = _table([("SDQ2", 20), ("SDQ3", 20), ("SDQ4", 45), ("SDQ5", 15)])
IN_TOUCH_YOUNG = _table([("YES", 93), ("NO", 2), ("REFU", 2), ("NREQ", 1), ("RHOM", 2)])
IN_TOUCH_OLDER = _table([("YES", 90), ("NO", 4), ("REFU", 3), ("NREQ", 2.5), ("RHOM", 0.3),
                         ("DIED", 0.2)])
ACTIVITY_YOUNG = _table([("F2", 45), ("P2", 5), ("F4", 8), ("P4", 3), ("F5", 6), ("P5", 4), ("F1", 1),
                         ("G4", 7), ("G5", 18), ("G6", 3)])
ACTIVITY_OLDER = _table([("F1", 6), ("P1", 1), ("F2", 14), ("P2", 3), ("F4", 6), ("P4", 3), ("F5", 17),
                         ("P5", 9), ("G4", 12), ("G5", 21), ("G6", 8)])
ACCOMMODATION = _table([("U", 33), ("B", 12), ("Z", 10), ("D", 12), ("E", 5), ("K", 3), ("T", 3),
                        ("C", 2), ("X", 2), ("S", 1.5), ("V", 1), ("W", 1), ("Y", 5), ("G", 1),
                        ("H", 0.2), ("R", 2)])
CARE_LEAVER_AGE = _table([(17, 8), (18, 12), (19, 27), (20, 27), (21, 26)])

UPN_CHECK = "ABCDEFGHJKLMNPQRTUVWXYZ"
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
HOME_AREAS = tuple(f"ZZ{n}" for n in range(1, 9))
AWAY_AREAS = tuple(f"XX{n}" for n in range(1, 10))
NEVER = 10**9  # an ordinal later than any date used


def _collection_year(year: str) -> tuple[dt.date, dt.date]:
    match = re.fullmatch(r"(\d{4})-(\d{2})", year)
    if not match or (int(match.group(1)) + 1) % 100 != int(match.group(2)):
        raise ValueError(f"year must look like '2024-25', not {year!r}")
    first = int(match.group(1))
    return dt.date(first, 4, 1), dt.date(first + 1, 3, 31)


def _birthday(dob: int, years: int) -> int:
    day = dt.date.fromordinal(dob)
    try:
        return day.replace(year=day.year + years).toordinal()
    except ValueError:  # 29 February
        return dt.date(day.year + years, 3, 1).toordinal()


class _Calendar:
    """Date strings and England working days, precomputed over every date the files can hold."""

    def __init__(self, end: int) -> None:
        self.lo = lo = end - 24 * 366
        hi = end + 5 * 366  # a UASC child's 18th birthday can be up to four years ahead
        first, last = dt.date.fromordinal(lo), dt.date.fromordinal(hi)
        bank = {d.toordinal() for d in holidays.country_holidays(
            "GB", subdiv="ENG", years=range(first.year, last.year + 1))}
        self.iso: list[str] = []
        self.uk: list[str] = []
        self.cum: list[int] = []  # working days on or before each date (from lo)
        self.working: list[int] = []  # ordinals of the working days, in order
        for ordinal in range(lo, hi + 1):
            day = dt.date.fromordinal(ordinal)
            self.iso.append(day.isoformat())
            self.uk.append(f"{day.day:02d}/{day.month:02d}/{day.year:04d}")
            if day.weekday() < 5 and ordinal not in bank:
                self.working.append(ordinal)
            self.cum.append(len(self.working))

    def add(self, start: int, days: int) -> int:
        """The date `days` working days after `start` (`start` itself is day 0)."""
        return start if days <= 0 else self.working[self.cum[start - self.lo] + days - 1]

    def between(self, start: int, end: int) -> int:
        """Working days after `start` up to and including `end`."""
        return self.cum[end - self.lo] - self.cum[start - self.lo]


@lru_cache(maxsize=4)
def _calendar(end: int) -> _Calendar:
    return _Calendar(end)


class _Episode:
    """One CIN episode (a <CINdetails> module), dates as ordinals; None where absent."""

    __slots__ = ("assessment", "authorised", "close", "cpp", "factors", "need", "nfa", "plans", "reason",
                 "referral", "s47", "source")

    def __init__(self, referral: int, source: str, need: str) -> None:
        self.referral = referral
        self.source = source
        self.need = need
        self.nfa = False
        self.close: int | None = None
        self.reason: str | None = None
        self.assessment: int | None = None
        self.authorised: int | None = None
        self.factors: list[str] | None = None
        self.plans: list[list[int | None]] = []  # [start, end]
        self.s47: list[Any] | None = None  # [start, target, icpc, not_required]
        self.cpp: list[Any] | None = None  # [start, end, initial, latest, previous, reviews]

    def latest(self) -> int:
        """The last date recorded in the episode (its closure aside)."""
        dates = [self.referral]
        if self.authorised is not None:
            dates.append(self.authorised)
        for start, end in self.plans:
            dates.append(end if end is not None else start)  # type: ignore[arg-type]
        if self.s47 is not None and self.s47[2] is not None:
            dates.append(self.s47[2])
        if self.cpp is not None:
            dates.append(self.cpp[1] if self.cpp[1] is not None else self.cpp[0])
            dates.extend(self.cpp[5])
        return max(dates)

    def close_on(self, day: int, reason: str) -> None:
        """Close on `day`, cutting short anything recorded after it."""
        self.close, self.reason = day, reason
        if self.assessment is not None and self.assessment > day:
            self.assessment = self.authorised = None
            self.factors = None
        elif self.authorised is not None and self.authorised > day:
            self.authorised = day
        self.plans = [[start, day if end is None or end > day else end]
                      for start, end in self.plans if start <= day]  # type: ignore[operator]
        if self.s47 is not None:
            if self.s47[0] > day:
                self.s47 = None
            elif self.s47[2] is not None and self.s47[2] > day:
                self.s47[2], self.s47[3] = None, True
        if self.cpp is not None:
            if self.cpp[0] >= day:
                self.cpp = None
            else:
                if self.cpp[1] is None or self.cpp[1] > day:
                    self.cpp[1] = day
                self.cpp[5] = [review for review in self.cpp[5] if review <= self.cpp[1]]


class _Job:
    """Makes one chunk of children and writes them to the chunk's part files."""

    def __init__(self, start: dt.date, end: dt.date, seed: int, folder: Path, tag: str) -> None:
        self.S, self.E = start.toordinal(), end.toordinal()
        self.cal = _calendar(self.E)
        self.rng = random.Random(seed)
        self.rnd = self.rng.random
        self.xml: TextIO = open(folder / f"{tag}.xml", "w", encoding="utf-8", newline="\n")  # noqa: SIM115
        self.handles: dict[str, TextIO] = {}
        self.rows: dict[str, Callable[[Sequence[str]], Any]] = {}
        for name in CSV_FILES:
            handle = open(folder / f"{tag}.{name}.csv", "w", encoding="utf-8", newline="")  # noqa: SIM115
            self.handles[name] = handle
            self.rows[name] = csv.writer(handle, lineterminator="\n").writerow
        self.counts: dict[str, int] = {"cin_children": 0, **dict.fromkeys(CSV_FILES, 0)}

    def close(self) -> None:
        self.xml.close()
        for handle in self.handles.values():
            handle.close()

    def row(self, name: str, values: Sequence[str]) -> None:
        self.rows[name](values)
        self.counts[name] += 1

    # --- small helpers -------------------------------------------------------------------------

    def pick(self, table: Table) -> Any:
        return table[0][bisect_right(table[1], self.rnd())]

    def between(self, lo: int, hi: int) -> int:
        """A whole number from lo to hi inclusive."""
        return lo + int(self.rnd() * (hi - lo + 1))

    def dob_for(self, band: tuple[float, float]) -> int:
        lo, hi = band
        age_days = int((lo + self.rnd() * (hi - lo)) * 365.25)
        dob = self.E - max(age_days, 1)
        adult = _birthday(dob, 18)
        if adult <= self.S + 1:  # must still be a child for part of the year
            dob += self.S + 2 - adult
        return dob

    def upn(self) -> str:
        digits = f"999{self.between(1000, 9999)}{self.between(0, 99):02d}{self.between(0, 999):03d}"
        total = sum(int(digit) * weight for digit, weight in zip(digits, range(2, 14), strict=True))
        return UPN_CHECK[total % 23] + digits

    def postcode(self, areas: tuple[str, ...]) -> str:
        letters = INWARD_LETTERS
        return (f"{areas[int(self.rnd() * len(areas))]} {int(self.rnd() * 10)}"
                f"{letters[int(self.rnd() * 20)]}{letters[int(self.rnd() * 20)]}")

    # --- CIN episodes ------------------------------------------------------------------------

    def assess(self, ep: _Episode, days_cap: int | None = None) -> None:
        """Assessment started within days of the referral, authorised in working days."""
        r, cal = self.rnd, self.cal
        if r() < ASSESSED_IN_45:
            days = int(self.rng.triangular(1, 45.999, 32))
        else:
            days = 46 + min(int(self.rng.expovariate(1 / 18)), 150)
        if days_cap is not None:
            days = min(days, days_cap)
        ep.authorised = cal.add(ep.referral, days)
        ep.assessment = min(ep.referral + self.pick(START_DELAY), ep.authorised)
        factors: list[str] = []
        for _ in range(self.pick(FACTOR_COUNT)):
            code = self.pick(FACTOR_PICK)
            if code not in factors:
                factors.append(code)
        ep.factors = factors

    def protection_plan(self, ep: _Episode, start: int) -> int:
        """A child protection plan from `start`; returns its end date."""
        r = self.rnd
        lo, hi = self.pick(CPP_DAYS)
        end = start + self.between(lo, hi)
        reviews, review = [], start + 91 - int(r() * 14)
        while review < end:
            reviews.append(review + (self.between(1, 30) if r() < 0.06 else 0))
            review += 182 - int(r() * 20)
        if reviews and end - reviews[-1] <= 30 and r() < 0.7:  # plans often end at a review conference
            end = reviews[-1]
        reviews = sorted(day for day in reviews if start < day <= end)
        initial = self.pick(CATEGORY)
        latest = initial if r() < 0.9 else self.pick(CATEGORY)
        ep.cpp = [start, end, initial, latest, self.pick(PREVIOUS_CPP) if r() < SECOND_CPP else 0, reviews]
        return end

    def cin_plan(self, ep: _Episode, start: int, median: float) -> int:
        end = start + max(14, int(self.rng.lognormvariate(math.log(median), 0.6)))
        ep.plans.append([start, end])
        return end

    def episode(self, referral: int, long_only: bool) -> _Episode:
        """The chain that follows one referral (not yet cut at the year's end)."""
        ep = _Episode(referral, self.pick(REFERRAL_SOURCE), self.pick(PRIMARY_NEED))
        if not long_only and self.rnd() < NFA_AT_REFERRAL:
            ep.need, ep.nfa = "N0", True
            ep.close, ep.reason = referral, "RC8"
            return ep
        if ep.need == "N0":
            ep.need = "N1"
        self.assess(ep)
        self.follow_up(ep, long_only)
        assert ep.close is not None
        latest = ep.latest()
        if ep.close < latest:  # the assessment outlasted a short plan
            ep.close = latest + int(self.rnd() * 10)
        return ep

    def follow_up(self, ep: _Episode, long_only: bool) -> None:
        """What follows the assessment: enquiry, conference, plans, and the closure."""
        r, cal = self.rnd, self.cal
        referral, auth = ep.referral, ep.authorised
        assert auth is not None
        if r() < SECTION_47:
            s47 = referral + int(r() * min(10, auth - referral + 1))
            ep.s47 = [s47, cal.add(s47, 15), None, False]
            if r() < ICPC_AFTER_S47:
                lo, hi = self.pick(ICPC_DAYS)
                icpc = cal.add(s47, self.between(lo, hi))
                ep.s47[2] = icpc
                if r() < CPP_AFTER_ICPC:
                    end = self.protection_plan(ep, icpc)
                    if r() < 0.65:
                        end = self.cin_plan(ep, end + 1, 150)
                else:
                    end = self.cin_plan(ep, max(icpc + int(r() * 7), auth), 200)
                ep.close, ep.reason = end + int(r() * 20), self.pick(CLOSURE)
                return
            ep.s47[3] = True
            if not long_only and r() < NOT_IN_NEED_AFTER_S47:
                ep.close, ep.reason = auth + int(r() * 10), self.pick(NOT_IN_NEED_CLOSURE)
                return
        elif not long_only and r() < NOT_IN_NEED:
            ep.close, ep.reason = auth + int(r() * 10), self.pick(NOT_IN_NEED_CLOSURE)
            return
        if r() < 0.8:
            end = self.cin_plan(ep, auth + int(r() * 10), 200)
        else:  # services without a plan (for example a disabled child's short breaks)
            end = auth + max(14, int(self.rng.lognormvariate(math.log(150), 0.7)))
        ep.close, ep.reason = end + int(r() * 20), self.pick(CLOSURE)

    def earlier_episode(self, referral: int, closed: int) -> _Episode:
        """A short episode closed before the child's re-referral."""
        r = self.rnd
        ep = _Episode(referral, self.pick(REFERRAL_SOURCE), self.pick(PRIMARY_NEED))
        if ep.need == "N0":
            ep.need = "N5"
        if closed - referral <= 3 and referral >= self.S:
            ep.need, ep.nfa = "N0", True
            ep.close, ep.reason = referral, "RC8"
            return ep
        self.assess(ep, days_cap=max(1, self.cal.between(referral, closed)))
        auth = min(ep.authorised or closed, closed)
        ep.authorised = auth
        ep.assessment = min(ep.assessment or auth, auth)
        if closed - auth > 30 and r() < 0.5:
            ep.plans.append([auth + 1, closed])
            ep.close, ep.reason = closed, self.pick(CLOSURE)
        else:
            ep.close, ep.reason = closed, self.pick(NOT_IN_NEED_CLOSURE)
        return ep

    def cut(self, ep: _Episode) -> None:
        """Keep what was open during the year; blank anything after 31 March."""
        S, E = self.S, self.E
        if ep.close is not None and ep.close > E:
            ep.close = ep.reason = None
        if ep.s47 is not None:
            start, _, icpc, not_required = ep.s47
            concluded = icpc if icpc is not None else (ep.authorised or start) if not_required else None
            if start > E or (concluded is not None and concluded < S):
                ep.s47 = None
            elif icpc is not None and icpc > E:
                ep.s47[2], ep.s47[3] = None, False
        ended_before = ep.authorised is not None and ep.authorised < S
        if ended_before or (ep.assessment is not None and ep.assessment > E):
            ep.assessment = ep.authorised = None
            ep.factors = None
        elif ep.authorised is not None and ep.authorised > E:
            ep.authorised = None
            ep.factors = None
        ep.plans = [[start, None if end is None or end > E else end] for start, end in ep.plans
                    if start <= E and (end is None or end >= S)]  # type: ignore[operator]
        if ep.cpp is not None:
            start, end = ep.cpp[0], ep.cpp[1]
            if start > E or (end is not None and end < S):
                ep.cpp = None
            else:
                if end is not None and end > E:
                    ep.cpp[1] = None
                ep.cpp[5] = [review for review in ep.cpp[5] if review <= E]

    # --- writing -------------------------------------------------------------------------------

    def write_child(self, cid: str, upn: str | None, dob: int, sex: str, ethnicity: str,
                    episodes: list[_Episode]) -> None:
        r, iso = self.rnd, self.cal.iso
        lo = self.cal.lo
        out = ["    <Child>\n      <ChildIdentifiers>\n        <LAchildID>", cid, "</LAchildID>\n"]
        if upn is not None:
            out += ["        <UPN>", upn, "</UPN>\n"]
        else:
            age = (self.E - dob) / 365.25
            out.append("        <UPNunknown>UN1</UPNunknown>\n" if age < 5 else
                       "        <UPNunknown>UN2</UPNunknown>\n")
        out += ["        <PersonBirthDate>", iso[dob - lo], "</PersonBirthDate>\n        <Sex>", sex,
                "</Sex>\n      </ChildIdentifiers>\n      <ChildCharacteristics>\n        <Ethnicity>",
                ethnicity, "</Ethnicity>\n        <Disabilities>\n"]
        if r() < 0.13:
            codes = {self.pick(DISABILITY) for _ in range(1 + (r() < 0.35) + (r() < 0.1))}
            for code in sorted(codes):
                out += ["          <Disability>", code, "</Disability>\n"]
        else:
            out.append("          <Disability>NONE</Disability>\n")
        out.append("        </Disabilities>\n      </ChildCharacteristics>\n")
        for ep in episodes:
            out += ["      <CINdetails>\n        <CINreferralDate>", iso[ep.referral - lo],
                    "</CINreferralDate>\n        <ReferralSource>", ep.source,
                    "</ReferralSource>\n        <PrimaryNeedCode>", ep.need, "</PrimaryNeedCode>\n"]
            if ep.close is not None:
                out += ["        <CINclosureDate>", iso[ep.close - lo], "</CINclosureDate>\n",
                        "        <ReasonForClosure>", ep.reason or "RC7", "</ReasonForClosure>\n"]
            icpc = ep.s47[2] if ep.s47 is not None else None
            if icpc is not None:
                out += ["        <DateOfInitialCPC>", iso[icpc - lo], "</DateOfInitialCPC>\n"]
            out.append("        <ReferralNFA>true</ReferralNFA>\n" if ep.nfa else
                       "        <ReferralNFA>false</ReferralNFA>\n")
            if ep.assessment is not None:
                out += ["        <Assessments>\n          <AssessmentActualStartDate>",
                        iso[ep.assessment - lo], "</AssessmentActualStartDate>\n"]
                if ep.authorised is not None:
                    out += ["          <AssessmentAuthorisationDate>", iso[ep.authorised - lo],
                            "</AssessmentAuthorisationDate>\n          <FactorsIdentifiedAtAssessment>\n"]
                    for factor in ep.factors or ():
                        out += ["            <AssessmentFactors>", factor, "</AssessmentFactors>\n"]
                    out.append("          </FactorsIdentifiedAtAssessment>\n")
                out.append("        </Assessments>\n")
            for start, end in ep.plans:
                out += ["        <CINPlanDates>\n          <CINPlanStartDate>", iso[start - lo],  # type: ignore[operator]
                        "</CINPlanStartDate>\n"]
                if end is not None:
                    out += ["          <CINPlanEndDate>", iso[end - lo], "</CINPlanEndDate>\n"]
                out.append("        </CINPlanDates>\n")
            if ep.s47 is not None:
                start, target, icpc, not_required = ep.s47
                out += ["        <Section47>\n          <S47ActualStartDate>", iso[start - lo],
                        "</S47ActualStartDate>\n          <InitialCPCtarget>", iso[target - lo],
                        "</InitialCPCtarget>\n"]
                if icpc is not None:
                    out += ["          <DateOfInitialCPC>", iso[icpc - lo], "</DateOfInitialCPC>\n"]
                out += ["          <ICPCnotRequired>", "true" if not_required else "false",
                        "</ICPCnotRequired>\n        </Section47>\n"]
            if ep.cpp is not None:
                start, end, initial, latest, previous, reviews = ep.cpp
                out += ["        <ChildProtectionPlans>\n          <CPPstartDate>", iso[start - lo],
                        "</CPPstartDate>\n"]
                if end is not None:
                    out += ["          <CPPendDate>", iso[end - lo], "</CPPendDate>\n"]
                out += ["          <InitialCategoryOfAbuse>", initial, "</InitialCategoryOfAbuse>\n",
                        "          <LatestCategoryOfAbuse>", latest, "</LatestCategoryOfAbuse>\n",
                        "          <NumberOfPreviousCPP>", str(previous), "</NumberOfPreviousCPP>\n"]
                if reviews:
                    out.append("          <Reviews>\n")
                    for review in reviews:
                        out += ["            <CPPreviewDate>", iso[review - lo], "</CPPreviewDate>\n"]
                    out.append("          </Reviews>\n")
                out.append("        </ChildProtectionPlans>\n")
            out.append("      </CINdetails>\n")
        out.append("    </Child>\n")
        self.xml.write("".join(out))
        self.counts["cin_children"] += 1

    # --- children in need (not looked after) -------------------------------------------------

    def cin_child(self, number: int) -> None:
        r, S, E = self.rnd, self.S, self.E
        dob = self.dob_for(self.pick(CIN_AGE))
        adult = _birthday(dob, 18)
        last_referral = min(E, adult - 1)
        carried = r() < CARRIED_IN and dob < S - 60
        episodes: list[_Episode] = []
        if carried:
            ep = None
            # Rejection sampling: a referral date before 1 April, kept only if the case it starts
            # is still open on 1 April, so long cases are as common as they are in a real caseload.
            for _ in range(16):
                gap = self.between(1, 1460)
                referral = max(S - gap, dob + 1)
                ep = self.episode(referral, long_only=True)
                if adult <= E and (ep.close is None or ep.close > adult):
                    ep.close_on(adult, "RC6" if r() < 0.3 else "RC7")
                if ep.close is None or ep.close >= S:
                    break
            assert ep is not None
            if ep.close is not None and ep.close < S:
                ep.close_on(min(max(S + int(r() * 90), ep.latest()), adult), "RC7")
            episodes.append(ep)
        else:
            first = max(S, dob + 1)
            referral = self.between(first, max(first, last_referral))
            if referral > S + 30 and r() < RE_REFERRAL:
                earlier = max(referral - self.between(14, 365), dob + 1)
                if earlier < referral - 1:
                    closed = self.between(max(S, earlier), referral - 1)
                    episodes.append(self.earlier_episode(earlier, closed))
            ep = self.episode(referral, long_only=False)
            if adult <= E and (ep.close is None or ep.close > adult):
                ep.close_on(adult, "RC6" if r() < 0.3 else "RC7")
            episodes.append(ep)
        for ep in episodes:
            self.cut(ep)
        sex = self.pick(_CIN_SEX)
        upn = self.upn() if r() < (0.96 if E - dob >= 5 * 365 else 0.25) else None
        self.write_child(f"SYN{number:07d}", upn, dob, sex, self.pick(ETHNICITY), episodes)

    # --- looked-after children --------------------------------------------------------------

    def placement(self, place: str, home: str) -> tuple[str, str, str]:
        """(PLACE_PROVIDER, PL_POST, URN) for a new placement."""
        r = self.rnd
        if place == "P1":
            return "PR0", home, "XXXXXXX"
        if place[0] == "U":
            provider = self.pick(PROVIDER_FOSTER)
        elif place[0] == "A":
            provider = self.pick(PROVIDER_ADOPTION)
        elif place in ("K2", "H5"):
            provider = self.pick(PROVIDER_HOME)
        elif place in ("P2", "P3", "Z1"):
            provider = "PR1"
        else:
            provider = self.pick(PROVIDER_OTHER)
        post = self.postcode(HOME_AREAS if r() < 0.58 else AWAY_AREAS)
        urn = f"SC99{self.between(0, 9999):04d}" if place in URN_PLACES else "XXXXXXX"
        return provider, post, urn

    def place_for(self, age_years: float, uasc: bool) -> str:
        if uasc:
            return self.pick(PLACE_UASC)
        if age_years < 5:
            return self.pick(PLACE_UNDER_5)
        return self.pick(PLACE_16_PLUS if age_years >= 16 else PLACE_5_15)

    def lac_child(self, number: int) -> None:
        r, S, E, cal = self.rnd, self.S, self.E, self.cal
        uk, lo = cal.uk, cal.lo
        cid = f"SYN{number:07d}"
        uasc = r() < UASC
        if uasc:
            sex = "1" if r() < 0.93 else "2"
            dob = self.dob_for((15.0, 18.9))
        else:
            sex = "1" if r() < 0.53 else "2"
            dob = self.dob_for(self.pick(LAC_AGE))
        adult = _birthday(dob, 18)
        floor = max(dob + 1, _birthday(dob, 14)) if uasc else dob + 1
        entrant = floor >= S or r() < (0.45 if uasc else LAC_ENTRANT)
        if entrant:
            first = max(S, floor)
            start = self.between(first, max(first, min(E, adult - 1)))
        else:
            span = S - floor
            start = S - 1 - int((span - 1) * r() ** 1.4)

        def age_at(day: int) -> float:
            return (day - dob) / 365.25

        home = self.postcode(HOME_AREAS)
        # The state at the start of the first episode that is open during the year.
        if entrant:
            d1, rne = start, "S"
            young = age_at(start) < 5
            ls = "V2" if uasc else self.pick(ENTRY_LS_YOUNG if young else ENTRY_LS)
            if ls.startswith("J") and age_at(start) < 10:
                ls = "V2"
        else:
            d1 = start if r() < 0.3 else max(start, S - 1 - int(r() * 700))
            rne = "S" if d1 == start else self.pick(LATER_RNE)
            age = age_at(d1)
            ls = "V2" if uasc else self.pick(
                CURRENT_LS_YOUNG if age < 5 else CURRENT_LS_OLDER if age >= 16 else CURRENT_LS)
            if ls == "E1" and age >= 9:
                ls = "C2"
            if ls == "E1" and d1 == start:
                # Nobody enters care on a placement order: it follows a care order, months in.
                if S - start > 200:
                    d1 = max(start + self.between(150, min(450, S - start - 1)), S - self.between(30, 700))
                    rne = "L"
                    if age_at(d1) >= 9:
                        ls = "C2"
                else:
                    ls = "C1"
        place = self.place_for(age_at(d1), uasc)
        adopt_track = not uasc and (ls == "E1" or (ls in ("C1", "L1", "L2") and age_at(d1) < 4 and r() < 0.3))
        ls_start = d1 if rne in ("S", "L", "T") else max(start, d1 - int(r() * 300))
        first_ls = ls
        adoption_placed = NEVER

        end, rec = NEVER, ""
        if adult <= E:
            end, rec = adult, self.pick(AGED_OUT)
        legal: list[tuple[int, str]] = []
        moves: list[tuple[int, str, str]] = []  # (day, place, rne for a move alone)
        decision = matched = adopted = reversed_on = None
        reversed_reason = ""
        if ls in ("L1", "L2"):
            t1 = ls_start + self.between(1, 8)
            if r() < 0.45:
                if t1 < end:
                    end, rec = t1, "E4A" if r() < 0.8 else "E8"
            else:
                ls_new = "C1" if r() < 0.7 else "V2"
                legal.append((t1, ls_new))
                ls_start = t1
                ls = ls_new
        elif ls.startswith("J"):
            t1 = ls_start + self.between(5, 90)
            if r() < 0.6:
                if t1 < end:
                    end, rec = t1, "E14" if ls != "J3" else "E8"
            else:
                legal.append((t1, "V2"))
        if ls == "C1":
            t1 = max(ls_start + self.between(150, 450), d1 + 1)
            # A placement order made more than two years before 1 April and still unplaced is
            # not followed by an adoption now: such a child stays on a care order instead.
            adopt_track = adopt_track and t1 >= S - 730
            ls = "E1" if adopt_track else "C2"
            legal.append((t1, ls))
            ls_start = t1
        if ls == "E1" and end == NEVER:
            decision = max(start, ls_start - int(r() * 90))
            if r() < 0.08:
                reversed_on = max(ls_start + self.between(60, 360), S + int(r() * 30))
                reversed_reason = self.pick(REASON_REVERSED)
                legal.append((reversed_on, "C2"))
            else:
                if not entrant and d1 > start and S - d1 <= 400 and r() < 0.4:  # already placed
                    placed, same_carer = d1, r() < 0.25
                    place = "A5" if same_carer else "A6"
                    rne = "U" if same_carer else "P"
                    ls_start = min(ls_start, max(start, d1 - self.between(60, 300)))
                    decision = max(start, ls_start - int(r() * 90))
                else:
                    # An order made years ago is not followed by a placement years ago and
                    # an adoption only now: the placement comes at most eight months before 1 April.
                    placed = max(ls_start + self.between(60, 330), d1 + 1, S - self.between(0, 240))
                    same_carer = r() < 0.25
                    moves.append((placed, "A5" if same_carer else "A6", "U" if same_carer else "P"))
                adoption_placed = placed
                matched = max(decision, placed - self.between(7, 60))
                adopted = placed + self.between(70, 420)
                if adopted <= S:  # still looked after on 1 April, so adopted later than planned
                    adopted = S + self.between(1, 540)
                if adopted < end:
                    end, rec = adopted, "E11" if r() < 0.55 else "E12"
        if end == NEVER or end > E:
            leave = (0.4 if first_ls == "V2" else 0.2) if entrant else 0.08
            if uasc:
                leave = 0.3
            if not adopt_track and r() < leave:
                day = self.between(max(d1 + 1, S), E)
                if day < end:
                    end = day
                    rec = self.pick(LEAVE_UASC if uasc else LEAVE_16_PLUS if age_at(day) >= 16 else LEAVE)
                    if rec == "E9" and age_at(day) < 10:
                        rec = "E8"
        # Placement moves during the year.
        window_lo, window_hi = max(d1, S), min(end, E + 1)
        for _ in range(self.pick(EXTRA_PLACEMENTS)):
            if window_hi - window_lo > 2:
                day = self.between(window_lo + 1, window_hi - 1)
                if day < adoption_placed:
                    moves.append((day, self.place_for(age_at(day), uasc), "P"))

        # Merge the changes into episodes.
        changes: dict[int, list[Any]] = {}
        for day, new_ls in legal:
            if d1 < day < end and day <= E:
                changes.setdefault(day, [None, None, None])[0] = new_ls
        for day, new_place, move_rne in moves:
            if d1 < day < end and day <= E:
                entry = changes.setdefault(day, [None, None, None])
                entry[1], entry[2] = new_place, move_rne
        need = "N4" if uasc else self.pick(LAC_NEED)
        provider, pl_post, urn = self.placement(place, home)
        current: list[Any] = [d1, rne, first_ls, place, provider, pl_post, urn]
        episodes: list[list[str]] = []
        for day in sorted(changes):
            new_ls, new_place, move_rne = changes[day]
            if new_place is not None:
                next_rne = ("B" if move_rne == "U" else "T") if new_ls is not None else move_rne
                reason = "PLACE" if move_rne == "U" else "CARPL" if new_place[0] == "A" else self.pick(
                    PLACE_CHANGE)
            else:
                next_rne, reason = "L", ""
            if day >= S:
                episodes.append([cid, uk[current[0] - lo], current[1], current[2], need, current[3],
                                 current[4], uk[day - lo], "X1", reason, home, current[5], current[6]])
            if new_place is not None:
                provider, pl_post, urn = self.placement(new_place, home)
                current = [day, next_rne, new_ls or current[2], new_place, provider, pl_post, urn]
            else:
                current = [day, next_rne, new_ls, current[3], current[4], current[5], current[6]]
        last_end = end if end <= E else None
        episodes.append([cid, uk[current[0] - lo], current[1], current[2], need, current[3], current[4],
                         uk[last_end - lo] if last_end is not None else "",
                         rec if last_end is not None else "", "", home, current[5], current[6]])
        for values in episodes:
            self.row("episodes", values)

        # Header, UASC, reviews, missing, outcomes, adoption and previous permanence.
        dob_uk = uk[dob - lo]
        age_now = (E - dob) / 365.25
        upn = self.upn() if r() < (0.95 if age_now >= 5 else 0.3) else None
        mother, mother_dob = "", ""
        if sex == "2" and age_now >= 14:
            if r() < 0.02:
                mother = "1"
                mother_dob = uk[self.between(max(_birthday(dob, 13), S - 700), E) - lo]
            else:
                mother = "0"
        ethnicity = self.pick(ETHNICITY_UASC if uasc else ETHNICITY)
        self.row("header", (cid, sex, dob_uk, ethnicity, upn or ("UN1" if age_now < 5 else "UN2"), mother,
                            mother_dob))
        if uasc:
            self.row("uasc", (cid, sex, dob_uk, uk[adult - lo]))
        stay_end = min(end, E + 1)
        review = start + self.between(10, 27)
        step = 0
        while review < stay_end:
            late = self.between(1, 40) if r() < 0.07 else 0
            day = review + late
            if S <= day < stay_end:
                code = "PN0" if day - dob < 4 * 365.25 else self.pick(REVIEW_CODE)
                self.row("reviews", (cid, dob_uk, uk[day - lo], code))
            review = day + (self.between(75, 91) if step == 0 else self.between(160, 182))
            step += 1
        missing_chance = 0.0 if age_now < 11 else 0.07 if age_now < 14 else 0.2
        if r() < missing_chance and stay_end - max(start, S) > 3:
            day = max(start, S)
            for _ in range(1 + min(int(self.rng.expovariate(1 / 3.5)), 29)):
                day += 1 + int(self.rng.expovariate(1 / 30))
                if day >= stay_end:
                    break
                back = day + (int(r() * 3) if r() < 0.8 else self.between(3, 20))
                back = min(back, stay_end - 1)
                self.row("missing", (cid, dob_uk, "M" if r() < 0.8 else "A", uk[day - lo],
                                     uk[back - lo] if back <= E else ""))
                day = back
        if start <= S and end > E:  # looked after for the whole year: outcomes (OC2)
            self.outcomes(cid, dob_uk, age_now)
        if end <= E and (end - dob) / 365.25 >= 16 and rec not in ("E11", "E12", "E2"):
            turns = int(age_now)
            if _birthday(dob, turns + 1) <= E:
                turns += 1
            elif _birthday(dob, turns) > E:
                turns -= 1
            birthday = _birthday(dob, turns)
            if turns in (17, 18) and end <= birthday <= E and end - max(start, _birthday(dob, 14)) >= 91:
                self.care_leaver_row(cid, dob_uk, turns)
        if decision is not None and ls_start < end and ls_start <= E:  # the placement order was in force
            self.row("placed_for_adoption", (
                cid, dob_uk, uk[decision - lo],
                uk[reversed_on - lo] if reversed_on is not None and reversed_on <= min(end, E) else "",
                reversed_reason if reversed_on is not None and reversed_on <= min(end, E) else ""))
        if adopted is not None and adopted == end and end <= E:
            assert matched is not None and decision is not None
            count, sexes, status = self.pick(ADOPTERS)
            self.row("ad1", (cid, dob_uk, uk[decision - lo], uk[matched - lo],
                             "1" if place == "A5" or any(p == "A5" for _, p, _ in moves) else "0",
                             count, sexes, status))
        if entrant:
            kind = self.pick(PREV_PERM) if start - dob > 90 else "Z1"
            if kind == "Z1":
                self.row("previous_permanence", (cid, dob_uk, "Z1", "", ""))
            else:
                when = self.between(dob + 30, start - 30)
                self.row("previous_permanence", (cid, dob_uk, kind, LEA if r() < 0.7 else "999",
                                                 uk[when - lo]))

        # The same child in the CIN census: an episode open while looked after.
        self.lac_cin(cid, upn, dob, "M" if sex == "1" else "F", ethnicity, need, start, entrant, end, rec,
                     adult)

    def lac_cin(self, cid: str, upn: str | None, dob: int, sex: str, ethnicity: str, need: str,
                start: int, entrant: bool, end: int, rec: str, adult: int) -> None:
        r, cal = self.rnd, self.cal
        gap = 0 if r() < 0.2 else self.between(1, 400)
        referral = max(dob + 1, start - gap)
        ep = _Episode(referral, self.pick(REFERRAL_SOURCE), need)
        self.assess(ep)
        auth = ep.authorised
        assert auth is not None
        if entrant and start - referral >= 20 and r() < 0.5:
            s47 = referral + int(r() * min(10, auth - referral + 1))
            lo, hi = self.pick(ICPC_DAYS)
            icpc = cal.add(s47, self.between(lo, hi))
            if icpc < start - 1:
                ep.s47 = [s47, cal.add(s47, 15), icpc, False]
                self.protection_plan(ep, icpc)
                assert ep.cpp is not None
                ep.cpp[1] = start  # a plan ends when the child becomes looked after
                ep.cpp[5] = [review for review in ep.cpp[5] if review <= start]
            else:
                ep.s47 = [s47, cal.add(s47, 15), None, True]
        if end <= self.E:
            if end == adult:
                ep.close_on(end, "RC6" if rec == "E7" or r() < 0.3 else "RC7")
            elif rec in CIN_CLOSURE_FOR_REC:
                ep.close_on(end, CIN_CLOSURE_FOR_REC[rec])
            else:
                ep.close_on(min(end + int(r() * 120), adult), "RC7")
        self.cut(ep)
        self.write_child(cid, upn, dob, sex, ethnicity, [ep])

    def outcomes(self, cid: str, dob_uk: str, age: float) -> None:
        r = self.rnd
        score = reason = ""
        if 4 <= age < 17:
            if r() < 0.78:
                score = str(max(0, min(40, int(self.rng.gauss(14, 7)))))
            else:
                reason = self.pick(SDQ_REASON)
        misuse = r() < 0.03
        self.row("oc2", (
            cid, dob_uk, score, reason,
            ("1" if r() < 0.02 else "0") if age >= 10 else "",
            ("1" if r() < 0.87 else "0") if age < 5 else "",
            "1" if r() < 0.8 else "0",
            "1" if r() < 0.76 else "0",
            "1" if r() < 0.89 else "0",
            "1" if misuse else "0",
            ("1" if r() < 0.6 else "0") if misuse else "",
            ("1" if r() < 0.8 else "0") if misuse else "",
        ))

    def care_leaver_row(self, cid: str, dob_uk: str, age: int) -> None:
        r = self.rnd
        in_touch = self.pick(IN_TOUCH_YOUNG if age <= 18 else IN_TOUCH_OLDER)
        activity = accommodation = ""
        if in_touch == "YES":
            activity = self.pick(ACTIVITY_YOUNG if age <= 18 else ACTIVITY_OLDER)
            kind = self.pick(ACCOMMODATION)
            suitable = kind not in ("S", "X") and (r() < 0.9 if kind not in ("V", "W") else r() < 0.3)
            accommodation = kind + ("1" if suitable else "2")
        self.row("oc3", (cid, dob_uk, in_touch, activity, accommodation))

    # --- care leavers who were not looked after during the year -----------------------------

    def care_leaver(self, number: int) -> None:
        r, cal = self.rnd, self.cal
        cid = f"SYN{number:07d}"
        age = self.pick(CARE_LEAVER_AGE)
        birthday = self.between(self.S, self.E)
        dob = _birthday(birthday, -age)
        sex = "1" if r() < 0.55 else "2"
        dob_uk = cal.uk[dob - cal.lo]
        mother, mother_dob = "", ""
        if sex == "2":
            if r() < (0.04 if age <= 18 else 0.1):
                mother = "1"
                mother_dob = cal.uk[self.between(max(_birthday(dob, 14), self.S - 900), self.E) - cal.lo]
            else:
                mother = "0"
        upn = self.upn() if r() < 0.9 else "UN2"
        self.row("header", (cid, sex, dob_uk, self.pick(ETHNICITY), upn, mother, mother_dob))
        self.care_leaver_row(cid, dob_uk, age)



def _run(job: tuple[str, int, int, int, str, dt.date, dt.date, str]) -> dict[str, int]:
    kind, first, count, seed, folder, start, end, tag = job
    maker = _Job(start, end, seed, Path(folder), tag)
    try:
        if kind == "cin":
            for number in range(first, first + count):
                if maker.rnd() < LAC_SHARE:
                    maker.lac_child(number)
                else:
                    maker.cin_child(number)
        else:
            for number in range(first, first + count):
                maker.care_leaver(number)
    finally:
        maker.close()
    return maker.counts


def _xml_head(start: dt.date, end: dt.date) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<Message>\n  <Header>\n    <CollectionDetails>\n'
        f"      <Collection>CIN</Collection>\n      <Year>{end.year}</Year>\n"
        f"      <ReferenceDate>{end.isoformat()}</ReferenceDate>\n    </CollectionDetails>\n"
        f"    <Source>\n      <SourceLevel>L</SourceLevel>\n      <LEA>{LEA}</LEA>\n"
        f"      <SoftwareCode>{SOFTWARE_CODE}</SoftwareCode>\n      <Release>1</Release>\n"
        f"      <SerialNo>1</SerialNo>\n      <DateTime>{end.isoformat()}T18:00:00</DateTime>\n"
        "    </Source>\n  </Header>\n  <Children>\n"
    )


def generate(children: int, seed: int, year: str, out: Path, *, workers: int | None = None) -> dict[str, int]:
    """Write a synthetic CIN census and SSDA903 return for `year` ("2024-25") into `out`.

    `children` is the number of children in the CIN census; about 13% of them are also looked
    after (same IDs in both returns), and care leavers not looked after during the year are
    added to the SSDA903 return only. Returns the number of children in the CIN file
    ("cin_children") and the number of data rows in each CSV (keyed by file stem).
    `workers` caps the processes used (default: one per CPU); it never changes the output.
    """
    if children < 0:
        raise ValueError("children must not be negative")
    start, end = _collection_year(year)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    master = random.Random(seed)
    parts = out / ".synth-parts"
    if parts.exists():
        shutil.rmtree(parts)
    parts.mkdir()
    jobs: list[tuple[str, int, int, int, str, dt.date, dt.date, str]] = []
    for first in range(0, children, CHUNK):
        jobs.append(("cin", first + 1, min(CHUNK, children - first), master.getrandbits(64), str(parts),
                     start, end, f"{len(jobs):05d}"))
    leavers = round(children * LAC_SHARE * CARE_LEAVERS_PER_LAC)
    for first in range(0, leavers, CHUNK):
        jobs.append(("leavers", children + first + 1, min(CHUNK, leavers - first), master.getrandbits(64),
                     str(parts), start, end, f"{len(jobs):05d}"))
    try:
        processes = min(workers or os.cpu_count() or 1, len(jobs))
        if processes > 1:
            context = multiprocessing.get_context("fork") if os.name == "posix" else None
            with ProcessPoolExecutor(max_workers=processes, mp_context=context) as pool:
                results = list(pool.map(_run, jobs))
        else:
            results = [_run(job) for job in jobs]
        counts: dict[str, int] = {"cin_children": 0, **dict.fromkeys(CSV_FILES, 0)}
        for result in results:
            for key, value in result.items():
                counts[key] += value
        with open(out / f"cin_census_{year}.xml", "w", encoding="utf-8", newline="\n") as xml:
            xml.write(_xml_head(start, end))
            for job in jobs:
                with open(parts / f"{job[7]}.xml", encoding="utf-8", newline="\n") as part:
                    shutil.copyfileobj(part, xml, 1 << 20)
            xml.write("  </Children>\n</Message>\n")
        for name, header in CSV_FILES.items():
            with open(out / f"{name}.csv", "w", encoding="utf-8", newline="") as target:
                target.write(",".join(header) + "\n")
                for job in jobs:
                    with open(parts / f"{job[7]}.{name}.csv", encoding="utf-8", newline="") as part:
                        shutil.copyfileobj(part, target, 1 << 20)
    finally:
        shutil.rmtree(parts, ignore_errors=True)
    return counts

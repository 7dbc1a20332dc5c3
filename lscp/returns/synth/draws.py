"""Draws: one chunk's random generator, its collection year and calendar, and the basic draws.

Every random number of a chunk comes from `Draws.rng`, in the order the children are made,
so the functions that take a `Draws` must keep the order of their draws to keep the output.
"""

from __future__ import annotations

import datetime as dt
import random
from bisect import bisect_right
from typing import Any

from lscp.returns.synth.dates import birthday, calendar_for
from lscp.returns.synth.formats import lac_sex_codes, placement_codes
from lscp.returns.synth.tables import Table


class Draws:
    """The random draws for one chunk of children in one collection year (dates as ordinals)."""

    def __init__(self, start: dt.date, end: dt.date, seed: int) -> None:
        self.S, self.E = start.toordinal(), end.toordinal()
        self.cal = calendar_for(self.E)
        self.rng = random.Random(seed)
        self.rnd = self.rng.random
        # How the year's SSDA903 writes sex ("1"/"2" inside the generator) and placement types.
        self.lac_sex = lac_sex_codes(end)
        self.place_code = placement_codes(end)

    def pick(self, table: Table) -> Any:
        return table[0][bisect_right(table[1], self.rnd())]

    def between(self, lo: int, hi: int) -> int:
        """A whole number from lo to hi inclusive."""
        return lo + int(self.rnd() * (hi - lo + 1))

    def dob_for(self, band: tuple[float, float]) -> int:
        """A date of birth for an age band at 31 March, still a child for part of the year."""
        lo, hi = band
        age_days = int((lo + self.rnd() * (hi - lo)) * 365.25)
        dob = self.E - max(age_days, 1)
        adult = birthday(dob, 18)
        if adult <= self.S + 1:  # must still be a child for part of the year
            dob += self.S + 2 - adult
        return dob

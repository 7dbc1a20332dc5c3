"""CareStay: what is known about one looked-after child's period of care as it is drawn.

Dates are ordinals. The fields are filled in by the event chain in order (entry, legal
changes, adoption, leaving, placement moves), then read by the writers of each table.
"""

from __future__ import annotations

from lscp.returns.synth.dates import NEVER


class CareStay:
    """One looked-after child and their period of care."""

    __slots__ = ("adopt_track", "adopted", "adoption_placed", "adult", "cid", "decision", "decom",
                 "dob", "end", "entrant", "ethnicity", "first_ls", "home", "legal", "ls", "ls_start",
                 "matched", "moves", "need", "place", "rec", "reversed_on", "reversed_reason", "rne",
                 "sex", "start", "uasc", "upn")

    def __init__(self, cid: str, uasc: bool, sex: str, dob: int, adult: int, entrant: bool, start: int,
                 home: str) -> None:
        # Who (`adult` is the 18th birthday), and when the period of care started (before the
        # year unless `entrant`).
        self.cid, self.uasc, self.sex, self.dob, self.adult = cid, uasc, sex, dob, adult
        self.entrant, self.start, self.home = entrant, start, home
        # The first episode open during the year: its DECOM, RNE, legal status and placement.
        self.decom, self.rne, self.ls, self.first_ls, self.place = start, "S", "", "", ""
        self.ls_start = start  # when the current legal status started
        self.adopt_track = False
        # Changes in the year: (day, legal status) and (day, placement, RNE for a move alone).
        self.legal: list[tuple[int, str]] = []
        self.moves: list[tuple[int, str, str]] = []
        self.end, self.rec = NEVER, ""  # when care ends and why (REC)
        # Adoption: the decision to place, a reversal, the placement, the match, the order.
        self.decision: int | None = None
        self.reversed_on: int | None = None
        self.reversed_reason = ""
        self.adoption_placed = NEVER
        self.matched: int | None = None
        self.adopted: int | None = None
        # Written with the first rows and reused for the child's CIN census record.
        self.need = ""
        self.upn: str | None = None
        self.ethnicity = ""

    def age_at(self, day: int) -> float:
        """Age in years on `day`."""
        return (day - self.dob) / 365.25

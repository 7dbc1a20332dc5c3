"""Episode: one CIN episode (a `<CINdetails>` module), and how it is closed or cut to the year."""

from __future__ import annotations

from typing import Any


class Episode:
    """One CIN episode, dates as ordinals; None where absent."""

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
            # Closed before the assessment would have started: it is done that day, as a
            # referral that went further has an assessment (DfE rule 8825Q).
            self.assessment = self.authorised = max(day, self.referral)
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


def cut_to_year(ep: Episode, S: int, E: int) -> None:
    """Keep what was open during the year from `S` to `E`; blank anything after 31 March."""
    if ep.close is not None and ep.close > E:
        ep.close = ep.reason = None
    if ep.s47 is not None:
        _cut_section_47(ep, S, E)
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


def _cut_section_47(ep: Episode, S: int, E: int) -> None:
    """Drop an enquiry that concluded before the year; forget a conference after it."""
    assert ep.s47 is not None
    start, _, icpc, not_required = ep.s47
    concluded = icpc if icpc is not None else (ep.authorised or start) if not_required else None
    if start > E or (concluded is not None and concluded < S):
        ep.s47 = None
    elif icpc is not None and icpc > E:
        ep.s47[2], ep.s47[3] = None, False

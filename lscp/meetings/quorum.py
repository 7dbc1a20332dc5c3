"""Whether a meeting was quorate: counts in, a sentence out. No database here."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Quorum:
    seats: int  # seats held on the day
    present: int  # of those, present or represented by a deputy
    agencies_present: int
    min_seats: int | None = None
    min_agencies: int | None = None
    recorded: bool = True  # whether the register has been taken

    @property
    def has_rule(self) -> bool:
        return self.min_seats is not None or self.min_agencies is not None

    @property
    def quorate(self) -> bool | None:
        """None when it cannot be told: no rule, or no register yet."""
        if not self.has_rule or not self.recorded:
            return None
        return ((self.min_seats is None or self.present >= self.min_seats)
                and (self.min_agencies is None or self.agencies_present >= self.min_agencies))

    def rule(self) -> str:
        parts = []
        if self.min_seats is not None:
            parts.append(f"{self.min_seats:,}")
        if self.min_agencies is not None:
            agencies = f"{self.min_agencies:,} agenc{'y' if self.min_agencies == 1 else 'ies'}"
            parts.append(f"seats from {agencies}" if parts else agencies)
        return "quorum " + " ".join(parts)

    def sentence(self) -> str:
        """"Quorate: 9 of 12 seats present (quorum 6)", or why it cannot be said."""
        if not self.recorded:
            return "Attendance not recorded yet"
        counts = f"{self.present:,} of {self.seats:,} seats present"
        if not self.has_rule:
            return f"{counts} (no quorum set for this group)"
        return f"{'Quorate' if self.quorate else 'Not quorate'}: {counts} ({self.rule()})"

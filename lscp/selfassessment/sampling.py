"""The moderation sample: which returns are re-reviewed, chosen so that anyone can draw it
again and get the same answer. Plain Python.

The returns are put in order by their respondent's code, and a generator seeded by words
anyone can read (the partnership, the cycle and how many were drawn before) shuffles them.
No clock and no database id is involved, so the same returns give the same sample on any
machine, and a second draw for the same cycle adds different returns to the first.
"""

from __future__ import annotations

import random
from collections.abc import Sequence


def seed_for(partnership: str, cycle: str, drawn_before: int) -> str:
    return f"{partnership}/{cycle}/{drawn_before}"


def draw(codes: Sequence[str], size: int, seed: str) -> list[str]:
    """`size` of `codes` (all of them if there are fewer), in the order drawn."""
    pool = sorted(set(codes))
    if size <= 0 or not pool:
        return []
    return random.Random(seed).sample(pool, min(size, len(pool)))

"""Small-number suppression for public outputs, after DfE practice.

Counts of 1 to the threshold (5 by default) about children are shown as [c]; true zeros stay
0. Secondary suppression: in a group of cells that add up to a total, a single hidden cell
could be worked out from the total and the others, so the next smallest cell is hidden too
(or the total, when only one other cell is left).
"""

from __future__ import annotations

from collections.abc import Sequence

SUPPRESSED = "[c]"


def is_disclosive(count: int | None, threshold: int) -> bool:
    return count is not None and 0 < count <= threshold



def suppress_group(total: int | None, parts: Sequence[int | None],
                   threshold: int) -> tuple[bool, list[bool]]:
    """(total hidden, each part hidden) such that nothing hidden can be worked out."""
    hidden = [is_disclosive(p, threshold) for p in parts]
    total_hidden = is_disclosive(total, threshold)
    if total_hidden:
        # With the total hidden, any single hidden part is safe; parts on show remain true.
        return True, hidden
    while sum(hidden) == 1:
        candidates = [(p, i) for i, p in enumerate(parts)
                      if not hidden[i] and p is not None and p > 0]
        if not candidates:
            return True, hidden  # only zeros and unknowns left: hide the total instead
        _, index = min(candidates)
        hidden[index] = True
    return False, hidden

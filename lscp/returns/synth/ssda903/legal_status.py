"""Legal status changes: emergency orders and remands end, interim care orders become full ones.

An interim care order (C1) becomes a full care order (C2) or, for a child on the adoption
track, a placement order (E1).
"""

from __future__ import annotations

from lscp.returns.synth.draws import Draws
from lscp.returns.synth.ssda903.stay import CareStay


def legal_changes(draws: Draws, stay: CareStay) -> None:
    """Change of legal status after the first episode; some short orders end care instead."""
    r = draws.rnd
    ls = stay.ls
    if ls in ("L1", "L2"):  # police protection or an emergency protection order: 1-8 days
        t1 = stay.ls_start + draws.between(1, 8)
        if r() < 0.45:
            if t1 < stay.end:
                stay.end, stay.rec = t1, "E4A" if r() < 0.8 else "E8"
        else:
            ls_new = "C1" if r() < 0.7 else "V2"
            stay.legal.append((t1, ls_new))
            stay.ls_start = t1
            ls = ls_new
    elif ls.startswith("J"):  # remand: 5-90 days
        t1 = stay.ls_start + draws.between(5, 90)
        if r() < 0.6:
            if t1 < stay.end:
                stay.end, stay.rec = t1, "E14" if ls != "J3" else "E8"
        else:
            stay.legal.append((t1, "V2"))
    if ls == "C1":
        t1 = max(stay.ls_start + draws.between(150, 450), stay.decom + 1)
        # A placement order made more than two years before 1 April and still unplaced is
        # not followed by an adoption now: such a child stays on a care order instead.
        stay.adopt_track = stay.adopt_track and t1 >= draws.S - 730
        ls = "E1" if stay.adopt_track else "C2"
        stay.legal.append((t1, ls))
        stay.ls_start = t1
    stay.ls = ls

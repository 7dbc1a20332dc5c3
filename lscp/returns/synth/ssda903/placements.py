"""Placements: the type for a child's age, its provider, postcode and URN, and moves in the year."""

from __future__ import annotations

from lscp.returns.synth.draws import Draws
from lscp.returns.synth.identity import AWAY_AREAS, HOME_AREAS, postcode
from lscp.returns.synth.ssda903.codes import (
    EXTRA_PLACEMENTS,
    PLACE_5_15,
    PLACE_16_PLUS,
    PLACE_UASC,
    PLACE_UNDER_5,
    PROVIDER_ADOPTION,
    PROVIDER_FOSTER,
    PROVIDER_HOME,
    PROVIDER_OTHER,
    URN_PLACES,
)
from lscp.returns.synth.ssda903.stay import CareStay


def place_for(draws: Draws, age_years: float, uasc: bool) -> str:
    """A placement type (PLACE) for a child of this age."""
    if uasc:
        return draws.pick(PLACE_UASC)
    if age_years < 5:
        return draws.pick(PLACE_UNDER_5)
    return draws.pick(PLACE_16_PLUS if age_years >= 16 else PLACE_5_15)


def placement(draws: Draws, place: str, home: str) -> tuple[str, str, str]:
    """(PLACE_PROVIDER, PL_POST, URN) for a new placement."""
    if place == "P1":
        return "PR0", home, "XXXXXXX"
    if place[0] == "U":
        provider = draws.pick(PROVIDER_FOSTER)
    elif place[0] == "A":
        provider = draws.pick(PROVIDER_ADOPTION)
    elif place in ("K2", "H5"):
        provider = draws.pick(PROVIDER_HOME)
    elif place in ("P2", "P3", "Z1"):
        provider = "PR1"
    else:
        provider = draws.pick(PROVIDER_OTHER)
    post = postcode(draws, HOME_AREAS if draws.rnd() < 0.58 else AWAY_AREAS)
    urn = f"SC99{draws.between(0, 9999):04d}" if place in URN_PLACES else "XXXXXXX"
    return provider, post, urn


def placement_moves(draws: Draws, stay: CareStay) -> None:
    """Placement moves during the year, none after a placement for adoption."""
    window_lo, window_hi = max(stay.decom, draws.S), min(stay.end, draws.E + 1)
    for _ in range(draws.pick(EXTRA_PLACEMENTS)):
        if window_hi - window_lo > 2:
            day = draws.between(window_lo + 1, window_hi - 1)
            if day < stay.adoption_placed:
                stay.moves.append((day, place_for(draws, stay.age_at(day), stay.uasc), "P"))

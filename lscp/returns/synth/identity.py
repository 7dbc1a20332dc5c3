"""Made-up identity details: UPNs (LA number 999), postcodes (areas ZZ and XX), ethnicity."""

from __future__ import annotations

from lscp.returns.synth.draws import Draws
from lscp.returns.synth.tables import weighted

UPN_CHECK = "ABCDEFGHJKLMNPQRTUVWXYZ"
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
HOME_AREAS = tuple(f"ZZ{n}" for n in range(1, 9))
AWAY_AREAS = tuple(f"XX{n}" for n in range(1, 10))

ETHNICITY = weighted([
    ("WBRI", 64.0), ("WIRI", 0.3), ("WIRT", 0.3), ("WOTH", 6.0), ("WROM", 0.7), ("MWBC", 2.7),
    ("MWBA", 1.0), ("MWAS", 1.2), ("MOTH", 3.0), ("AIND", 1.2), ("APKN", 2.2), ("ABAN", 1.1),
    ("AOTH", 2.0), ("BCRB", 1.2), ("BAFR", 4.0), ("BOTH", 2.0), ("CHNE", 0.2), ("OOTH", 3.5),
    ("REFU", 0.6), ("NOBT", 1.8),
])
ETHNICITY_UASC = weighted([("BAFR", 35), ("AOTH", 20), ("OOTH", 35), ("MOTH", 4), ("WOTH", 6)])


def upn(draws: Draws) -> str:
    """A UPN with a valid check letter on the unused LA number 999."""
    digits = f"999{draws.between(1000, 9999)}{draws.between(0, 99):02d}{draws.between(0, 999):03d}"
    total = sum(int(digit) * weight for digit, weight in zip(digits, range(2, 14), strict=True))
    return UPN_CHECK[total % 23] + digits


def postcode(draws: Draws, areas: tuple[str, ...]) -> str:
    """A postcode in one of the non-existent `areas`."""
    rnd, letters = draws.rnd, INWARD_LETTERS
    return (f"{areas[int(rnd() * len(areas))]} {int(rnd() * 10)}"
            f"{letters[int(rnd() * 20)]}{letters[int(rnd() * 20)]}")

"""The files' fixed parts: the local authority, the SSDA903 header rows and the CIN XML header."""

from __future__ import annotations

import datetime as dt

from lscp.returns import codes

LEA = "305"
SOFTWARE_CODE = "LSCP Insight synthetic"

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

# Placement types the DfE retired in 2025-26 (rule 146), and what the generator writes instead:
# supported accommodation (K3) for semi-independent and independent living, and the first of
# the codes that split "other placements" (their meanings are not modelled).
RETIRED_PLACEMENTS = {"H5": "K3", "P2": "K3", "Z1": "Z11"}


def lac_sex_codes(end: dt.date) -> dict[str, str]:
    """The SSDA903 SEX code for male ("1") and female ("2") in the year ending `end`: 1/2 up
    to 2023-24, M/F from 2024-25 (DfE rule 101)."""
    return {"1": "1", "2": "2"} if "1" in codes.lac_sex(end) else {"1": "M", "2": "F"}


def placement_codes(end: dt.date) -> dict[str, str]:
    """Placement type -> the code written in the year ending `end` (DfE rule 146)."""
    valid = codes.placements(end)
    return {old: new for old, new in RETIRED_PLACEMENTS.items() if old not in valid}


XML_TAIL = "  </Children>\n</Message>\n"


def xml_head(start: dt.date, end: dt.date) -> str:
    """The CIN census XML up to `<Children>`; its DateTime is fixed by the year."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<Message>\n  <Header>\n    <CollectionDetails>\n'
        f"      <Collection>CIN</Collection>\n      <Year>{end.year}</Year>\n"
        f"      <ReferenceDate>{end.isoformat()}</ReferenceDate>\n    </CollectionDetails>\n"
        f"    <Source>\n      <SourceLevel>L</SourceLevel>\n      <LEA>{LEA}</LEA>\n"
        f"      <SoftwareCode>{SOFTWARE_CODE}</SoftwareCode>\n      <Release>1</Release>\n"
        f"      <SerialNo>1</SerialNo>\n      <DateTime>{end.isoformat()}T18:00:00</DateTime>\n"
        "    </Source>\n  </Header>\n  <Children>\n"
    )

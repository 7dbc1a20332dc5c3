"""DfE code lists the readers validate against.

Sources: the DfE "Children in need census: guide" and its technical specification (CIN, 2022-23
to 2025-26), and the DfE "Children looked after return (SSDA903): guide" (2023-24 onwards).
The lists were cross-checked with the code sets of the open-source validators of the same
returns (data-to-insight's csc-validator-be-cin and csc-validator-be-903). Where a list below
may be incomplete this is said beside it; an unknown value in such a list is reported as a
warning rather than an error.
"""

from __future__ import annotations

import datetime as dt

from lscp.insight.periods import year_label_for

# --- Shared by both returns ------------------------------------------------------------------

# Ethnicity (CIN <Ethnicity>, SSDA903 ETHNIC): DfE ethnicity main codes, both guides.
ETHNICITY = frozenset({
    "WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND", "APKN",
    "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT",
})

# --- CIN census --------------------------------------------------------------------------------

# <Sex> from 2025-26 (CIN guide 2025-26): M male, F female, U unknown or indeterminate.
CIN_SEX = frozenset({"M", "F", "U"})
# <GenderCurrent> up to 2023-24, and <Sex> with numeric codes in 2024-25 (CIN guide):
# 1 male, 2 female, 0 not known, 9 not specified.
CIN_GENDER = frozenset({"1", "2", "0", "9"})
# Both eras are stored as M / F / U so that years can be compared.
SEX_STORED = {"M": "M", "F": "F", "U": "U", "1": "M", "2": "F", "0": "U", "9": "U"}

# <Disability> (CIN guide, disability codes). NONE means no disability and stands alone.
DISABILITY = frozenset({
    "NONE", "MOB", "HAND", "PC", "INC", "COMM", "LD", "HEAR", "VIS", "BEH", "CON", "AUT", "DDA",
})

# <ReferralSource> (CIN guide, source of referral): 1A-1D individual, 2A-2B schools/education,
# 3A-3F health, 4 housing, 5A-5D LA services, 6 police, 7 other legal agency, 8 other,
# 9 anonymous, 10 unknown.
REFERRAL_SOURCE = frozenset({
    "1A", "1B", "1C", "1D", "2A", "2B", "3A", "3B", "3C", "3D", "3E", "3F", "4",
    "5A", "5B", "5C", "5D", "6", "7", "8", "9", "10",
})

# <PrimaryNeedCode> (CIN guide, primary need at assessment): N1 abuse or neglect ... N9 cases
# other than children in need; N0 not stated (referrals with no further action).
PRIMARY_NEED = frozenset({"N0", "N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8", "N9"})

# <ReasonForClosure> (CIN guide, reason for closure): RC1 adopted ... RC9 case closed after
# assessment, no further action.
REASON_FOR_CLOSURE = frozenset({"RC1", "RC2", "RC3", "RC4", "RC5", "RC6", "RC7", "RC8", "RC9"})

# <InitialCategoryOfAbuse>, <LatestCategoryOfAbuse> (CIN guide, category of abuse).
CATEGORY_OF_ABUSE = frozenset({"NEG", "PHY", "SAB", "EMO", "MUL"})

# <AssessmentFactors> (CIN guide, factors identified at the end of assessment, 2022-23).
# May be incomplete for later years: an unknown factor is a warning, not an error.
ASSESSMENT_FACTORS = frozenset({
    "1A", "1B", "1C", "2A", "2B", "2C", "3A", "3B", "3C", "4A", "4B", "4C", "5A", "5B", "5C",
    "6A", "6B", "6C", "7A", "8B", "8C", "8D", "8E", "8F", "9A", "10A", "11A", "12A", "13A",
    "14A", "15A", "16A", "17A", "18B", "18C", "19B", "19C", "20", "21", "22A", "23A", "24A",
})

# Boolean elements (<ReferralNFA>, <ICPCnotRequired>): xs:boolean.
XML_TRUE = frozenset({"true", "1"})
XML_FALSE = frozenset({"false", "0"})

# --- SSDA903 -----------------------------------------------------------------------------------

# SEX (903 guide), by collection year (DfE rule 101): 1 male, 2 female up to 2023-24; from
# 2024-25 M male, F female, U unknown. Stored as M / F / U like the CIN census. Source: DfE
# rule 101 in the 2022-23 and 2024-25 rule sets of csc-validator-be-903 (lac_validator).
LAC_SEX = frozenset({"1", "2"})
LAC_SEX_FROM_2024_25 = frozenset({"M", "F", "U"})

# RNE, reason for new episode (903 guide): S started to be looked after, L change of legal
# status only, P change of placement and carer(s) only, T change of legal status and
# placement and carer(s) at the same time, U change of placement but the carer(s) stayed the
# same, B change of legal status and placement but the carer(s) stayed the same.
REASON_NEW_EPISODE = frozenset({"S", "L", "P", "T", "U", "B"})

# LS, legal status (903 guide; DfE rule 144, the same list in every year since 2022-23).
LEGAL_STATUS = frozenset({
    "C1", "C2", "D1", "E1", "J1", "J2", "J3", "L1", "L2", "L3", "V2", "V3", "V4",
})
# V3 single short break, V4 an agreed series of short-term breaks: the DfE leaves these
# children out of its looked-after figures (at 31 March, started, ceased, placements, missing).
SHORT_BREAKS = frozenset({"V3", "V4"})

# CIN, category of need (903 guide): N1-N8.
LAC_NEED = frozenset({"N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8"})

# PLACE, placement type (903 guide; DfE rule 146), by collection year. Up to 2022-23 the list
# below; K3 (supported accommodation, regulated from October 2023) is accepted from 2023-24, as
# the validators allow an H5 -> K3 change at the turn of 2023-24 and 2024-25; from 2025-26 H5
# and P2 go and Z1 (other placements) is split into Z11-Z14. Source: rule 146 in the 2022-23,
# 2024-25 and 2025-26 rule sets of csc-validator-be-903, and its rule 503D exceptions.
PLACEMENT = frozenset({
    "A3", "A4", "A5", "A6", "H5", "K1", "K2", "P1", "P2", "P3", "R1", "R2", "R3", "R5", "S1",
    "T0", "T1", "T2", "T3", "T4", "U1", "U2", "U3", "U4", "U5", "U6", "Z1",
})
PLACEMENT_FROM_2023_24 = PLACEMENT | {"K3"}
PLACEMENT_FROM_2025_26 = (PLACEMENT_FROM_2023_24 - {"H5", "P2", "Z1"}) | {"Z11", "Z12", "Z13", "Z14"}

# PLACE_PROVIDER (903 guide): PR0 parents/person with parental responsibility, PR1 own LA,
# PR2 other LA, PR3 other public sector, PR4 private, PR5 voluntary sector.
PLACEMENT_PROVIDER = frozenset({"PR0", "PR1", "PR2", "PR3", "PR4", "PR5"})

# REC, reason episode ceased (903 guide); X1 = episode ceased and a new one began the same day.
REASON_EPISODE_CEASED = frozenset({
    "E11", "E12", "E13", "E14", "E15", "E16", "E17", "E2", "E3", "E41", "E45", "E46", "E47",
    "E48", "E4A", "E4B", "E5", "E6", "E7", "E8", "E9", "X1",
})

# REASON_PLACE_CHANGE (903 guide, reason for placement change, from 2016-17).
REASON_PLACE_CHANGE = frozenset({
    "CARPL", "CLOSE", "ALLEG", "STAND", "APPRR", "CREQB", "CREQO", "CHILD", "LAREQ", "PLACE",
    "CUSTOD", "OTHER",
})

# REVIEW_CODE, participation in the review (903 guide): PN0-PN7.
REVIEW_PARTICIPATION = frozenset({"PN0", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"})

# MISSING (903 guide): M missing, A away from placement without authorisation.
MISSING = frozenset({"M", "A"})

# OC3 IN_TOUCH (903 guide, care leavers).
IN_TOUCH = frozenset({"YES", "NO", "DIED", "REFU", "NREQ", "RHOM"})

# OC3 ACTIV, main activity (903 guide): F/P1 higher education, F/P2 other education,
# F/P3 training or employment, G4-G6 not in education, employment or training; 0 none recorded.
# F3/P3 are kept for returns made under the older code set.
ACTIVITY = frozenset({"F1", "P1", "F2", "P2", "F3", "P3", "F4", "P4", "F5", "P5", "G4", "G5",
                      "G6", "0"})

# OC3 ACCOM, accommodation (903 guide): a letter for the kind, 1 suitable or 2 unsuitable
# (S homeless and X in custody only as unsuitable); 0 none recorded.
ACCOMMODATION = frozenset({
    "B1", "B2", "C1", "C2", "D1", "D2", "E1", "E2", "G1", "G2", "H1", "H2", "K1", "K2", "R1",
    "R2", "S2", "T1", "T2", "U1", "U2", "V1", "V2", "W1", "W2", "X2", "Y1", "Y2", "Z1", "Z2", "0",
})

# AD1 (903 guide, adoption): FOSTER_CARE 0/1, NB_ADOPTR 1/2, SEX_ADOPTR, LS_ADOPTR.
FOSTER_CARE = frozenset({"0", "1"})
NUMBER_OF_ADOPTERS = frozenset({"1", "2"})
SEX_OF_ADOPTERS = frozenset({"M1", "F1", "MM", "FF", "MF"})
LEGAL_STATUS_OF_ADOPTERS = frozenset({"L0", "L11", "L12", "L2", "L3", "L4"})

# PlacedAdoption REASON_PLACED_CEASED (903 guide): RD1-RD4.
REASON_PLACED_CEASED = frozenset({"RD1", "RD2", "RD3", "RD4"})

# OC2 (903 guide, outcomes for children looked after 12 months): SDQ_REASON, and 0/1 flags.
SDQ_REASON = frozenset({"SDQ1", "SDQ2", "SDQ3", "SDQ4", "SDQ5"})
FLAG = frozenset({"0", "1"})

# PrevPerm PREV_PERM (903 guide, permanence before being looked after): P1 adoption, P2 special
# guardianship order, P3 residence/child arrangements order, P4 unknown kind, Z1 none.
PREVIOUS_PERMANENCE = frozenset({"P1", "P2", "P3", "P4", "Z1"})


# --- code lists that follow the collection year -----------------------------------------------


def collection_label(year_end: dt.date) -> str:
    """ "2024-25" for a collection year ending on 31 March 2025."""
    return year_label_for(year_end)


def lac_sex(year_end: dt.date) -> frozenset[str]:
    """The SSDA903 SEX codes of the collection year ending on `year_end` (DfE rule 101)."""
    return LAC_SEX_FROM_2024_25 if year_end.year >= 2025 else LAC_SEX


def placements(year_end: dt.date) -> frozenset[str]:
    """The SSDA903 PLACE codes of the collection year ending on `year_end` (DfE rule 146)."""
    if year_end.year >= 2026:
        return PLACEMENT_FROM_2025_26
    return PLACEMENT_FROM_2023_24 if year_end.year >= 2024 else PLACEMENT


def lac_year_codes(year_end: dt.date) -> dict[str, tuple[str, frozenset[str]]]:
    """Column -> (DfE rule, codes) for the SSDA903 columns whose code list changes by year, so
    that a return is checked against its own year's list and not the newest."""
    return {"SEX": ("101", lac_sex(year_end)), "PLACE": ("146", placements(year_end))}

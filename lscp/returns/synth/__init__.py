"""Synthetic statutory returns: a CIN census (XML) and an SSDA903 return (CSVs) for one year.

`generate(children, seed, year, out)` writes `cin_census_{year}.xml` and the ten SSDA903 CSVs
into `out` for a made-up local authority (LEA 305). Nothing in them is about a real child:
IDs are "SYN" numbers, UPNs use the unused LA number 999, postcodes use the non-existent
areas ZZ and XX and URNs the made-up range SC99xxxx.

The children follow an event chain (referral, assessment, section 47, initial conference,
child protection plan, reviews, closure; for looked-after children entry to care, legal and
placement changes, missing episodes, leaving care, adoption) with rates set against the
published national figures for England. docs/returns-synthetic.md gives the model and the
figures it targets.

Deterministic: the same arguments give byte-identical files. Randomness comes only from
`random.Random(seed)` (and generators seeded from it, one per chunk of children, so the
output does not depend on how many processes wrote it); the XML header's DateTime is fixed
by the year. Files are written as the children are made, never held whole in memory.
tests/test_returns_synth.py pins the bytes of a small run.

Layout (plain Python, no Django):

- `generator`: `generate`, the chunks (`CHUNK` children each), processes, joining part files.
- `chunk`, `draws`: one chunk's generator, basic draws and part files.
- `dates`, `tables`, `rates`, `identity`, `formats`: calendar, weighted code tables, the
  rates, UPNs/postcodes/ethnicity, and the files' fixed parts (LEA, CSV header rows).
- `cin`: the CIN census: code tables, the episode, the referral to closure chain, children in
  need who are not looked after, and the XML writer.
- `ssda903`: looked-after children (entry, legal status, adoption, leaving care, placements,
  then episodes, header, reviews, missing, OC2/OC3, previous permanence and the child's CIN
  record) and care leavers who were not looked after in the year.

The constants below are re-exported for reading; the generator uses them from the modules
that define them, so patch them there (for example `generator.CHUNK`) to change a run.
"""

from __future__ import annotations

from lscp.returns.synth.cin.codes import (
    CATEGORY,
    CIN_AGE,
    CLOSURE,
    CPP_DAYS,
    DISABILITY,
    FACTOR_COUNT,
    FACTOR_PICK,
    FACTORS,
    ICPC_DAYS,
    NOT_IN_NEED_CLOSURE,
    PREVIOUS_CPP,
    PRIMARY_NEED,
    REFERRAL_SOURCE,
    START_DELAY,
)
from lscp.returns.synth.dates import NEVER
from lscp.returns.synth.formats import CSV_FILES, LEA, SOFTWARE_CODE
from lscp.returns.synth.generator import CHUNK, generate
from lscp.returns.synth.identity import (
    AWAY_AREAS,
    ETHNICITY,
    ETHNICITY_UASC,
    HOME_AREAS,
    INWARD_LETTERS,
    UPN_CHECK,
)
from lscp.returns.synth.rates import (
    ASSESSED_IN_45,
    CARE_LEAVERS_PER_LAC,
    CARRIED_IN,
    CPP_AFTER_ICPC,
    ICPC_AFTER_S47,
    LAC_ENTRANT,
    LAC_SHARE,
    NFA_AT_REFERRAL,
    NOT_IN_NEED,
    NOT_IN_NEED_AFTER_S47,
    RE_REFERRAL,
    SECOND_CPP,
    SECTION_47,
    UASC,
)
from lscp.returns.synth.ssda903.codes import (
    ACCOMMODATION,
    ACTIVITY_OLDER,
    ACTIVITY_YOUNG,
    ADOPTERS,
    AGED_OUT,
    CARE_LEAVER_AGE,
    CIN_CLOSURE_FOR_REC,
    CURRENT_LS,
    CURRENT_LS_OLDER,
    CURRENT_LS_YOUNG,
    ENTRY_LS,
    ENTRY_LS_YOUNG,
    EXTRA_PLACEMENTS,
    IN_TOUCH_OLDER,
    IN_TOUCH_YOUNG,
    LAC_AGE,
    LAC_NEED,
    LATER_RNE,
    LEAVE,
    LEAVE_16_PLUS,
    LEAVE_UASC,
    PLACE_5_15,
    PLACE_16_PLUS,
    PLACE_CHANGE,
    PLACE_UASC,
    PLACE_UNDER_5,
    PREV_PERM,
    PROVIDER_ADOPTION,
    PROVIDER_FOSTER,
    PROVIDER_HOME,
    PROVIDER_OTHER,
    REASON_REVERSED,
    REVIEW_CODE,
    SDQ_REASON,
    URN_PLACES,
)
from lscp.returns.synth.tables import Table

__all__ = [
    "ACCOMMODATION", "ACTIVITY_OLDER", "ACTIVITY_YOUNG", "ADOPTERS", "AGED_OUT", "ASSESSED_IN_45",
    "AWAY_AREAS", "CARE_LEAVERS_PER_LAC", "CARE_LEAVER_AGE", "CARRIED_IN", "CATEGORY", "CHUNK",
    "CIN_AGE", "CIN_CLOSURE_FOR_REC", "CLOSURE", "CPP_AFTER_ICPC", "CPP_DAYS", "CSV_FILES",
    "CURRENT_LS", "CURRENT_LS_OLDER", "CURRENT_LS_YOUNG", "DISABILITY", "ENTRY_LS", "ENTRY_LS_YOUNG",
    "ETHNICITY", "ETHNICITY_UASC", "EXTRA_PLACEMENTS", "FACTORS", "FACTOR_COUNT", "FACTOR_PICK",
    "HOME_AREAS", "ICPC_AFTER_S47", "ICPC_DAYS", "INWARD_LETTERS", "IN_TOUCH_OLDER", "IN_TOUCH_YOUNG",
    "LAC_AGE", "LAC_ENTRANT", "LAC_NEED", "LAC_SHARE", "LATER_RNE", "LEA", "LEAVE", "LEAVE_16_PLUS",
    "LEAVE_UASC", "NEVER", "NFA_AT_REFERRAL", "NOT_IN_NEED", "NOT_IN_NEED_AFTER_S47",
    "NOT_IN_NEED_CLOSURE", "PLACE_16_PLUS", "PLACE_5_15", "PLACE_CHANGE", "PLACE_UASC", "PLACE_UNDER_5",
    "PREVIOUS_CPP", "PREV_PERM", "PRIMARY_NEED", "PROVIDER_ADOPTION", "PROVIDER_FOSTER", "PROVIDER_HOME",
    "PROVIDER_OTHER", "REASON_REVERSED", "REFERRAL_SOURCE", "REVIEW_CODE", "RE_REFERRAL", "SDQ_REASON",
    "SECOND_CPP", "SECTION_47", "SOFTWARE_CODE", "START_DELAY", "Table", "UASC", "UPN_CHECK",
    "URN_PLACES", "generate",
]

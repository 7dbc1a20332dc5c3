"""SSDA903 code tables and distributions for looked-after children and care leavers."""

from __future__ import annotations

from lscp.returns.synth.tables import weighted

# Category of need (the episode's CIN column and the child's CIN census PrimaryNeedCode).
LAC_NEED = weighted([
    ("N1", 64), ("N2", 3), ("N3", 3), ("N4", 4), ("N5", 14), ("N6", 3), ("N7", 0.2), ("N8", 6),
])
# Age at 31 March in years (lo, hi); (18, 19) are those who turn 18 during the year.
LAC_AGE = weighted([((0, 1), 4.5), ((1, 5), 12), ((5, 10), 15), ((10, 16), 35), ((16, 18), 23),
                    ((18, 19), 10.5)])

# --- legal status ---------------------------------------------------------------------------------

ENTRY_LS = weighted([("V2", 31), ("C1", 43), ("L1", 6), ("L2", 4), ("C2", 4), ("J1", 1), ("J2", 2),
                     ("J3", 1)])
ENTRY_LS_YOUNG = weighted([("V2", 30), ("C1", 52), ("L1", 6), ("L2", 7), ("C2", 5)])
CURRENT_LS_YOUNG = weighted([("C2", 44), ("C1", 20), ("E1", 30), ("V2", 6)])
CURRENT_LS = weighted([("C2", 80), ("C1", 10), ("V2", 7), ("E1", 3)])
CURRENT_LS_OLDER = weighted([("C2", 80), ("C1", 6), ("V2", 14)])
LATER_RNE = weighted([("P", 70), ("L", 20), ("T", 10)])

# --- placements -----------------------------------------------------------------------------------

PLACE_UNDER_5 = weighted([("U6", 58), ("U3", 14), ("U4", 9), ("U1", 6), ("U5", 4), ("U2", 2), ("R3", 3),
                          ("P1", 4)])
PLACE_5_15 = weighted([("U6", 34), ("U4", 24), ("U3", 8), ("U1", 9), ("K2", 14), ("P1", 6), ("S1", 1.5),
                       ("K1", 0.3), ("R1", 0.5), ("R2", 0.2), ("Z1", 0.5), ("R5", 0.1)])
PLACE_16_PLUS = weighted([("U6", 22), ("U4", 16), ("U3", 5), ("U1", 6), ("H5", 24), ("K2", 16),
                          ("P1", 4), ("P2", 3), ("S1", 1), ("K1", 0.5), ("R5", 0.5), ("Z1", 1),
                          ("R2", 0.3), ("P3", 0.2)])
PLACE_UASC = weighted([("H5", 45), ("U6", 33), ("K2", 10), ("P2", 8), ("U4", 4)])
PROVIDER_FOSTER = weighted([("PR1", 55), ("PR4", 40), ("PR2", 5)])
PROVIDER_HOME = weighted([("PR4", 80), ("PR1", 14), ("PR5", 6)])
PROVIDER_ADOPTION = weighted([("PR1", 55), ("PR2", 25), ("PR5", 20)])
PROVIDER_OTHER = weighted([("PR3", 40), ("PR4", 35), ("PR5", 15), ("PR1", 10)])
URN_PLACES = frozenset({"K1", "K2", "R3", "S1"})
PLACE_CHANGE = weighted([
    ("CARPL", 35), ("CREQB", 15), ("CHILD", 8), ("CREQO", 8), ("LAREQ", 8), ("OTHER", 9),
    ("PLACE", 5), ("CLOSE", 4), ("ALLEG", 3), ("STAND", 3), ("APPRR", 1), ("CUSTOD", 1),
])
EXTRA_PLACEMENTS = weighted([(0, 68), (1, 22), (2, 6.5), (3, 2.5), (4, 1)])

# --- leaving care ---------------------------------------------------------------------------------

LEAVE = weighted([("E4A", 38), ("E4B", 6), ("E45", 9), ("E46", 7), ("E47", 2), ("E48", 4), ("E41", 1),
                  ("E3", 6), ("E8", 14), ("E13", 2), ("E9", 1), ("E16", 0.5)])
LEAVE_16_PLUS = weighted([("E4A", 25), ("E4B", 6), ("E3", 5), ("E8", 18), ("E5", 20), ("E6", 6),
                          ("E13", 3), ("E9", 3), ("E7", 1), ("E16", 1), ("E45", 3), ("E46", 2)])
LEAVE_UASC = weighted([("E3", 40), ("E8", 30), ("E15", 12), ("E5", 12), ("E16", 6)])
AGED_OUT = weighted([("E17", 30), ("E5", 27), ("E6", 7), ("E13", 5), ("E8", 20), ("E4A", 7), ("E7", 2),
                     ("E9", 2)])
# The CIN census ReasonForClosure for a child whose care ends with the reason (REC) given.
CIN_CLOSURE_FOR_REC = {"E11": "RC1", "E12": "RC1", "E45": "RC4", "E46": "RC4", "E41": "RC3",
                       "E47": "RC3", "E48": "RC3", "E3": "RC5", "E7": "RC6"}

# --- reviews, adoption, permanence ----------------------------------------------------------------

REVIEW_CODE = weighted([("PN1", 40), ("PN2", 10), ("PN3", 10), ("PN4", 15), ("PN5", 10), ("PN6", 10),
                        ("PN7", 5)])
PREV_PERM = weighted([("Z1", 93), ("P2", 3.5), ("P3", 2), ("P1", 1.5)])
# Why an adoption decision was reversed; RD2 (no placement order) cannot follow E1.
REASON_REVERSED = weighted([("RD1", 35), ("RD3", 40), ("RD4", 25)])
ADOPTERS = weighted([
    (("1", "F1", "L0"), 11), (("1", "M1", "L0"), 2), (("2", "MF", "L11"), 55), (("2", "MM", "L12"), 4),
    (("2", "FF", "L12"), 3), (("2", "MM", "L2"), 3), (("2", "FF", "L2"), 3), (("2", "MF", "L3"), 15),
    (("2", "MM", "L4"), 2), (("2", "FF", "L4"), 2),
])

# --- outcomes (OC2) and care leavers (OC3) --------------------------------------------------------

SDQ_REASON = weighted([("SDQ2", 20), ("SDQ3", 20), ("SDQ4", 45), ("SDQ5", 15)])
IN_TOUCH_YOUNG = weighted([("YES", 93), ("NO", 2), ("REFU", 2), ("NREQ", 1), ("RHOM", 2)])
IN_TOUCH_OLDER = weighted([("YES", 90), ("NO", 4), ("REFU", 3), ("NREQ", 2.5), ("RHOM", 0.3),
                           ("DIED", 0.2)])
ACTIVITY_YOUNG = weighted([("F2", 45), ("P2", 5), ("F4", 8), ("P4", 3), ("F5", 6), ("P5", 4), ("F1", 1),
                           ("G4", 7), ("G5", 18), ("G6", 3)])
ACTIVITY_OLDER = weighted([("F1", 6), ("P1", 1), ("F2", 14), ("P2", 3), ("F4", 6), ("P4", 3), ("F5", 17),
                           ("P5", 9), ("G4", 12), ("G5", 21), ("G6", 8)])
ACCOMMODATION = weighted([("U", 33), ("B", 12), ("Z", 10), ("D", 12), ("E", 5), ("K", 3), ("T", 3),
                          ("C", 2), ("X", 2), ("S", 1.5), ("V", 1), ("W", 1), ("Y", 5), ("G", 1),
                          ("H", 0.2), ("R", 2)])
CARE_LEAVER_AGE = weighted([(17, 8), (18, 12), (19, 27), (20, 27), (21, 26)])

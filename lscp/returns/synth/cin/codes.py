"""CIN census code tables and distributions, weighted to the national figures."""

from __future__ import annotations

from lscp.returns.synth.tables import weighted

DISABILITY = weighted([
    ("AUT", 30), ("LD", 20), ("BEH", 15), ("COMM", 12), ("DDA", 8), ("MOB", 5), ("PC", 3),
    ("HAND", 2), ("HEAR", 2), ("VIS", 2), ("INC", 1), ("CON", 1),
])
REFERRAL_SOURCE = weighted([
    ("6", 29), ("2A", 19), ("2B", 2), ("3A", 2), ("3B", 2), ("3C", 0.5), ("3D", 3), ("3E", 4),
    ("3F", 6), ("4", 2), ("5A", 6), ("5B", 4), ("5C", 5), ("1A", 4), ("1B", 0.5), ("1C", 2),
    ("1D", 1), ("7", 2), ("8", 5), ("9", 1), ("10", 0.5),
])
PRIMARY_NEED = weighted([
    ("N1", 56), ("N2", 10), ("N3", 3), ("N4", 5), ("N5", 16), ("N6", 2), ("N7", 0.5), ("N8", 4.5),
    ("N9", 1), ("N0", 2),
])
# Factors identified at assessment: (code, share of assessments that record it).
FACTORS: tuple[tuple[str, float], ...] = (
    ("4B", 0.31), ("3B", 0.30), ("17A", 0.21), ("4A", 0.17), ("16A", 0.17), ("2B", 0.15),
    ("1B", 0.12), ("18B", 0.11), ("3A", 0.11), ("3C", 0.08), ("14A", 0.06), ("6B", 0.05),
    ("6A", 0.04), ("5B", 0.04), ("19B", 0.04), ("15A", 0.04), ("22A", 0.03), ("11A", 0.03),
    ("10A", 0.03), ("5A", 0.03), ("2A", 0.03), ("1A", 0.02), ("7A", 0.02), ("13A", 0.02),
    ("2C", 0.02), ("1C", 0.02), ("4C", 0.02), ("9A", 0.01), ("12A", 0.005),
)
FACTOR_COUNT = weighted([(1, 25), (2, 33), (3, 25), (4, 12), (5, 5)])
FACTOR_PICK = weighted(FACTORS)
CATEGORY = weighted([("NEG", 48), ("EMO", 38), ("PHY", 7), ("SAB", 3.5), ("MUL", 3.5)])
PREVIOUS_CPP = weighted([(1, 74), (2, 19), (3, 7)])  # for second or subsequent plans
# Working days from the start of a section 47 enquiry to the initial conference (lo, hi).
ICPC_DAYS = weighted([((3, 10), 8.7), ((11, 15), 72.7), ((16, 20), 8.9), ((21, 45), 9.7)])
# Length of a child protection plan in days (lo, hi). The national split of plans ending in
# 2024-25 is 15.9 / 11.0 / 43.5 / 25.2 / 4.4%; the lengths drawn lean longer because a year's
# window catches short plans more often than long ones.
CPP_DAYS = weighted([((14, 91), 10.5), ((92, 182), 10.0), ((183, 365), 42.0), ((366, 730), 31.0),
                     ((731, 1100), 6.5)])
CLOSURE = weighted([("RC7", 86), ("RC5", 7), ("RC3", 3), ("RC4", 2), ("RC6", 2)])
NOT_IN_NEED_CLOSURE = weighted([("RC8", 55), ("RC9", 45)])
START_DELAY = weighted([(0, 55), (1, 20), (2, 10), (3, 6), (5, 5), (7, 4)])
CIN_SEX = weighted([("M", 51.5), ("F", 48.2), ("U", 0.3)])
# Age at 31 March in years (lo, hi); (18, 19) are those who turn 18 during the year.
CIN_AGE = weighted([((0, 1), 5), ((1, 5), 15), ((5, 10), 23), ((10, 16), 38), ((16, 18), 17),
                    ((18, 19), 2)])

"""Rates of the event chains (see docs/returns-synthetic.md for the national figures behind them)."""

from __future__ import annotations

LAC_SHARE = 0.13  # children in the CIN file who are also looked after during the year
CARE_LEAVERS_PER_LAC = 0.5  # care leavers (OC3 only, not looked after in the year) per LAC child
CARRIED_IN = 0.38  # CIN children whose episode was already open on 1 April
RE_REFERRAL = 0.29  # in-year referrals that follow an earlier referral within 12 months
NFA_AT_REFERRAL = 0.071
ASSESSED_IN_45 = 0.84  # assessments authorised within 45 working days of the referral
SECTION_47 = 0.38  # assessments with a section 47 enquiry
ICPC_AFTER_S47 = 0.32
CPP_AFTER_ICPC = 0.86
NOT_IN_NEED = 0.36  # assessments without a section 47 that find the child not in need
NOT_IN_NEED_AFTER_S47 = 0.25
SECOND_CPP = 0.23
LAC_ENTRANT = 0.28  # looked-after children whose period of care starts in the year
UASC = 0.085

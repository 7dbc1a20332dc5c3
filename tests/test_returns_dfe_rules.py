"""The DfE validation rules that decide whether a record counts in one of our indicators.

Each rule has a given/expect test named in the DfE's wording (the rule's message in the DfE
2024-25 rule set, as the open validators csc-validator-be-cin and csc-validator-be-903 carry
it). A problem names the file, the line (XML) or row (CSV), the pseudonymised child and the
field, and never the value. The generator's own returns pass every rule, for every year.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from lscp.insight.periods import year_bounds
from lscp.returns.cin import read_cin
from lscp.returns.minimise import Minimiser
from lscp.returns.problems import ReturnProblem
from lscp.returns.records import Records
from lscp.returns.ssda903 import read_903
from lscp.returns.synth import generate

YEAR: dict[str, Any] = {"year_start": dt.date(2024, 4, 1), "year_end": dt.date(2025, 3, 31)}
MINIMISER = Minimiser(b"a test secret of 32 bytes length")
CHILD = MINIMISER.child("C1")


def key(raw: str) -> str:
    return MINIMISER.child(raw)


def errors(problems: list[ReturnProblem]) -> list[ReturnProblem]:
    return [p for p in problems if p.severity == "error"]


def rule(problem: ReturnProblem) -> str:
    """The DfE rule code a problem cites, e.g. "2889" from "... (DfE rule 2889)"."""
    return problem.message.rsplit("(DfE rule ", 1)[1].rstrip(")") if "(DfE rule " in problem.message else ""


def cited(problems: list[ReturnProblem], code: str) -> list[ReturnProblem]:
    return [p for p in problems if rule(p) == code]


# --- CIN census ---------------------------------------------------------------------------------

def census(tmp_path: Path, details: str) -> Path:
    """One child with one CINdetails holding `details` (2024-25 census)."""
    text = ('<?xml version="1.0" encoding="UTF-8"?>\n<Message>\n<Header><CollectionDetails>'
            "<Collection>CIN</Collection><Year>2025</Year><ReferenceDate>2025-03-31</ReferenceDate>"
            "</CollectionDetails></Header>\n<Children>\n<Child>\n"
            "<ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>2015-01-31</PersonBirthDate>"
            "<Sex>F</Sex></ChildIdentifiers>\n"
            "<ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>\n"
            f"<CINdetails>\n{details}</CINdetails>\n</Child>\n</Children>\n</Message>\n")
    path = tmp_path / "census.xml"
    path.write_text(text, encoding="utf-8")
    return path


def line_of(path: Path, marker: str) -> int:
    for number, line in enumerate(path.read_text().splitlines(), 1):
        if marker in line:
            return number
    raise AssertionError(marker)


def referral(day: str = "2024-06-10", nfa: str = "false", closed: str = "", reason: str = "RC7",
             icpc: str = "") -> str:
    """The CINdetails' own elements, in schema order."""
    text = (f"<CINreferralDate>{day}</CINreferralDate>\n<ReferralSource>1A</ReferralSource>\n"
            f"<PrimaryNeedCode>{'N0' if nfa == 'true' else 'N1'}</PrimaryNeedCode>\n")
    if closed:
        text += f"<CINclosureDate>{closed}</CINclosureDate>\n<ReasonForClosure>{reason}</ReasonForClosure>\n"
    if icpc:
        text += f"<DateOfInitialCPC>{icpc}</DateOfInitialCPC>\n"
    return text + f"<ReferralNFA>{nfa}</ReferralNFA>\n"


def assessment(start: str = "2024-06-11", authorised: str = "2024-07-01") -> str:
    return (f"<Assessments>\n<AssessmentActualStartDate>{start}</AssessmentActualStartDate>\n"
            f"<AssessmentAuthorisationDate>{authorised}</AssessmentAuthorisationDate>\n"
            "<FactorsIdentifiedAtAssessment><AssessmentFactors>3A</AssessmentFactors>"
            "</FactorsIdentifiedAtAssessment>\n</Assessments>\n")


def cin_plan(start: str = "2024-07-02") -> str:
    return f"<CINPlanDates>\n<CINPlanStartDate>{start}</CINPlanStartDate>\n</CINPlanDates>\n"


def section47(start: str = "2024-06-12", icpc: str = "2024-06-28") -> str:
    text = (f"<Section47>\n<S47ActualStartDate>{start}</S47ActualStartDate>\n"
            "<InitialCPCtarget>2024-07-03</InitialCPCtarget>\n")
    if icpc:
        text += f"<DateOfInitialCPC>{icpc}</DateOfInitialCPC>\n"
    return text + f"<ICPCnotRequired>{'false' if icpc else 'true'}</ICPCnotRequired>\n</Section47>\n"


def cp_plan(start: str = "2024-06-28", end: str = "") -> str:
    text = f"<ChildProtectionPlans>\n<CPPstartDate>{start}</CPPstartDate>\n"
    if end:
        text += f"<CPPendDate>{end}</CPPendDate>\n"
    return text + ("<InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse>\n"
                   "<LatestCategoryOfAbuse>NEG</LatestCategoryOfAbuse>\n"
                   "<NumberOfPreviousCPP>0</NumberOfPreviousCPP>\n</ChildProtectionPlans>\n")


VALID = referral() + assessment() + section47() + cp_plan()

# (DfE rule, its wording, the CINdetails content, the element the problem is reported at)
CIN_CASES = [
    ("8630", "CIN Closure Date is before CIN Referral Date for the same CIN episode",
     referral(closed="2024-06-01", reason="RC7"), "<CINclosureDate>"),
    ("1103", "The assessment start date cannot be before the referral date",
     referral() + assessment(start="2024-06-09"), "<AssessmentActualStartDate>"),
    ("8608", "Assessment Start Date cannot be later than its End Date",
     referral() + assessment(start="2024-06-20", authorised="2024-06-19"), "<AssessmentAuthorisationDate>"),
    ("2889", "The S47 start date cannot be before the referral date",
     referral() + assessment() + section47(start="2024-06-09"), "<S47ActualStartDate>"),
    ("8615", "Section 47 Enquiry Start Date cannot be later than the date of the initial Child "
             "Protection Conference",
     referral() + assessment() + section47(start="2024-06-20", icpc="2024-06-19") + cp_plan("2024-06-19"),
     "<DateOfInitialCPC>"),
    ("1104", "The date of the initial child protection conference cannot be before the referral date",
     referral() + assessment() + section47(start="2024-06-12", icpc="2024-06-07"), "<DateOfInitialCPC>"),
    ("1105", "The child protection plan start date cannot be before the referral date",
     referral() + assessment() + section47() + cp_plan(start="2024-06-09"), "<CPPstartDate>"),
    ("8925", "Child Protection Plan End Date earlier than Start Date",
     referral() + assessment() + section47() + cp_plan(end="2024-06-27"), "<CPPendDate>"),
    ("8831", "Activity is recorded against a case marked as a referral with no further action",
     referral(nfa="true", closed="2024-06-10", reason="RC8") + assessment(), "<Assessments>"),
    ("8831", "Activity is recorded against a case marked as a referral with no further action "
             "(a section 47 enquiry)",
     referral(nfa="true", closed="2024-06-20", reason="RC8") + section47(icpc=""), "<Section47>"),
    ("4000", "CIN Plan details provided for a referral with no further action",
     referral(nfa="true") + cin_plan(), "<CINPlanDates>"),
    ("8832", "Child Protection details provided for a referral with no further action",
     referral(nfa="true") + cp_plan(), "<ChildProtectionPlans>"),
    ("2884", "An initial child protection conference is recorded at both the S47 and CIN Details "
             "level and it should only be recorded in one",
     referral(icpc="2024-06-28") + assessment() + section47() + cp_plan(), "<DateOfInitialCPC>2024-06-28"),
    ("8825Q", "Reason for Closure code RC8 (case closed after assessment) or RC9 (case closed after "
              "assessment, referred to early help) has been returned but there is no assessment present "
              "for the episode",
     referral(closed="2024-07-01", reason="RC8"), "<ReasonForClosure>"),
    ("2990", "Activity is recorded against a case marked as 'Case closed after assessment, no further "
             "action' or 'case closed after assessment, referred to early help'",
     referral(closed="2024-07-20", reason="RC9") + assessment() + section47(icpc=""), "<ReasonForClosure>"),
]


@pytest.mark.parametrize(("code", "wording", "details", "at"), CIN_CASES,
                         ids=[f"{case[0]}: {case[1]}" for case in CIN_CASES])
def test_cin_rule(tmp_path: Path, code: str, wording: str, details: str, at: str) -> None:
    path = census(tmp_path, details)
    problems = read_cin(path, MINIMISER, Records(), **YEAR)
    found = cited(problems, code)
    assert len(found) == 1, problems
    problem = found[0]
    assert (problem.file, problem.line, problem.child, problem.severity) == (
        "census.xml", line_of(path, at), CHILD, "error")
    assert problem.field == at.strip("<>").split(">")[0]
    assert wording.split(" (")[0].rstrip(".") in problem.message


def test_a_valid_episode_breaks_no_rule_and_equal_dates_are_in_order(tmp_path: Path) -> None:
    same_day = (referral(day="2024-06-10") + assessment(start="2024-06-10", authorised="2024-06-10")
                + section47(start="2024-06-10", icpc="2024-06-10") + cp_plan(start="2024-06-10"))
    for details in (VALID, same_day, referral(nfa="true", closed="2024-06-10", reason="RC8")):
        problems = read_cin(census(tmp_path, details), MINIMISER, Records(), **YEAR)
        assert problems == [], problems


def test_a_conference_only_at_episode_level_is_not_a_duplicate(tmp_path: Path) -> None:
    """A conference with no enquiry in the episode (a transfer in) belongs at CINdetails level."""
    details = referral(icpc="2024-06-20") + assessment() + cp_plan(start="2024-06-20")
    assert read_cin(census(tmp_path, details), MINIMISER, Records(), **YEAR) == []


def test_no_assessment_before_the_year_is_a_query_not_an_error(tmp_path: Path) -> None:
    """An assessment authorised in an earlier year is in that year's census, not this one."""
    details = referral(day="2024-02-01", closed="2024-04-20", reason="RC9")
    problems = cited(read_cin(census(tmp_path, details), MINIMISER, Records(), **YEAR), "8825Q")
    assert [p.severity for p in problems] == ["warning"]


def test_a_referral_closed_without_assessment_for_another_reason_is_a_warning(tmp_path: Path) -> None:
    """Not NFA, referred and closed in the year with no assessment: should it have been NFA?"""
    details = referral(day="2024-06-10", closed="2024-06-14", reason="RC5")
    problems = read_cin(census(tmp_path, details), MINIMISER, Records(), **YEAR)
    assert [(p.field, p.severity) for p in problems] == [("ReferralNFA", "warning")]
    assert "no assessment" in problems[0].message


def test_problems_name_the_field_never_the_value(tmp_path: Path) -> None:
    for _, _, details, _ in CIN_CASES:
        for problem in read_cin(census(tmp_path, details), MINIMISER, Records(), **YEAR):
            assert "2024" not in problem.message and "C1" not in problem.message, problem


# --- SSDA903 --------------------------------------------------------------------------------------

HEADER = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"
EPISODES = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
MISSING = "CHILD,DOB,MISSING,MIS_START,MIS_END\n"


def episode(decom: str, rne: str = "S", dec: str = "", rec: str = "", ls: str = "C2",
            place: str = "U4", child: str = "C1") -> str:
    reason = "CARPL" if rec == "X1" else ""
    return f"{child},{decom},{rne},{ls},N1,{place},PR1,{dec},{rec},{reason},,,\n"


def read_tables(tmp_path: Path, **tables: str) -> list[ReturnProblem]:
    paths = []
    for name, text in tables.items():
        path = tmp_path / f"{name}.csv"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return read_903(paths, MINIMISER, Records(), **YEAR)


# (DfE rule, its wording, the Episodes rows, the data row (header is row 1) and field)
LAC_CASES = [
    ("356", "The date the episode ceased is before the date the same episode started",
     episode("01/06/2024", dec="31/05/2024", rec="E4A"), 2, "DEC"),
    ("501", "A new episode has started before the end date of the previous episode",
     episode("01/05/2024", dec="01/07/2024", rec="X1") + episode("01/06/2024", rne="P"), 3, "DECOM"),
    ("142", "A new episode has started, but the previous episode has not ended",
     episode("01/05/2024") + episode("01/06/2024", rne="S"), 2, "DEC"),
    ("433", "The reason for new episode suggests that this is a continuation episode, but the "
            "episode does not start on the same day as the last episode finished",
     episode("01/05/2024", dec="01/06/2024", rec="X1") + episode("03/06/2024", rne="P"), 3, "RNE"),
    ("432", "The child ceased to be looked after at the end of the previous episode but the reason "
            "for the new episode is not started to be looked after",
     episode("01/05/2024", dec="01/06/2024", rec="E4A") + episode("01/08/2024", rne="P"), 3, "RNE"),
    ("431", "The reason for new episode is started to be looked after, but the previous episode "
            "ended on the same day",
     episode("01/05/2024", dec="01/06/2024", rec="E4A") + episode("01/06/2024", rne="S"), 3, "RNE"),
    ("388", "Reason episode ceased is coded new episode begins, but there is no continuation episode",
     episode("01/05/2024", dec="01/06/2024", rec="X1"), 2, "REC"),
]


@pytest.mark.parametrize(("code", "wording", "rows", "row", "field"), LAC_CASES,
                         ids=[f"{case[0]}: {case[1]}" for case in LAC_CASES])
def test_903_episode_rule(tmp_path: Path, code: str, wording: str, rows: str, row: int,
                          field: str) -> None:
    problems = read_tables(tmp_path, episodes=EPISODES + rows)
    found = cited(problems, code)
    assert len(found) == 1, problems
    problem = found[0]
    assert (problem.file, problem.line, problem.child, problem.field, problem.severity) == (
        "episodes.csv", row, CHILD, field, "error")
    assert wording in problem.message


def test_352_child_who_started_to_be_looked_after_was_aged_18_or_over(tmp_path: Path) -> None:
    problems = read_tables(tmp_path, header=HEADER + "C1,F,01/06/2006,WBRI,,,\n",
                           episodes=EPISODES + episode("01/06/2024") + episode("01/05/2024", child="C2"))
    found = cited(problems, "352")
    assert [(p.file, p.line, p.child, p.field) for p in found] == [("episodes.csv", 2, CHILD, "DECOM")]
    assert "Child who started to be looked after was aged 18 or over" in found[0].message
    ok = read_tables(tmp_path, header=HEADER + "C1,F,02/06/2006,WBRI,,,\n",
                     episodes=EPISODES + episode("01/06/2024"))
    assert cited(ok, "352") == []


def test_581_child_is_missing_but_has_not_yet_started_to_be_looked_after(tmp_path: Path) -> None:
    problems = read_tables(tmp_path, episodes=EPISODES + episode("01/06/2024"),
                           missing=MISSING + "C1,01/01/2010,M,20/05/2024,21/05/2024\n"
                                             "C1,01/01/2010,A,01/06/2024,02/06/2024\n"
                                             "C9,01/01/2010,M,01/06/2024,02/06/2024\n")
    found = cited(problems, "581")
    assert [(p.file, p.line, p.child, p.field) for p in found] == [
        ("missing.csv", 2, CHILD, "MIS_START"), ("missing.csv", 4, key("C9"), "MIS_START")]
    assert "Child is missing but has not yet started to be looked after" in found[0].message


def test_574_missing_periods_should_not_overlap(tmp_path: Path) -> None:
    problems = read_tables(tmp_path, episodes=EPISODES + episode("01/05/2024"),
                           missing=MISSING + "C1,01/01/2010,M,01/06/2024,05/06/2024\n"
                                             "C1,01/01/2010,A,03/06/2024,04/06/2024\n"
                                             "C1,01/01/2010,M,05/06/2024,06/06/2024\n")
    found = cited(problems, "574")
    assert [(p.line, p.field) for p in found] == [(3, "MIS_START")]
    assert "periods should also not overlap" in found[0].message


def test_a_well_formed_period_of_care_breaks_no_rule(tmp_path: Path) -> None:
    rows = (episode("01/05/2024", dec="01/06/2024", rec="X1")
            + episode("01/06/2024", rne="P", dec="01/09/2024", rec="E4A")
            + episode("05/10/2024", rne="S"))
    problems = read_tables(tmp_path, header=HEADER + "C1,F,01/06/2010,WBRI,,,\n",
                           episodes=EPISODES + rows,
                           missing=MISSING + "C1,01/06/2010,M,02/06/2024,03/06/2024\n")
    assert errors(problems) == [], problems


# --- the generator's returns pass every rule -------------------------------------------------------

@pytest.mark.parametrize(("year", "seed"), [("2021-22", 2122), ("2023-24", 5), ("2024-25", 1),
                                            ("2025-26", 9)])
def test_the_generated_returns_pass_every_rule(tmp_path: Path, year: str, seed: int) -> None:
    generate(4000, seed, year, tmp_path)
    start, end = year_bounds(year)
    records = Records()
    problems = read_cin(next(tmp_path.glob("*.xml")), MINIMISER, records, year_start=start, year_end=end)
    problems += read_903(sorted(tmp_path.glob("*.csv")), MINIMISER, records, year_start=start,
                         year_end=end)
    unexpected = [p for p in problems if "checked but is not stored" not in p.message]
    assert unexpected == [], unexpected[:20]

"""The statutory return readers: safe reading, validation with locations, minimisation.

Pure Python: small CIN census XML and SSDA903 CSV files are written to tmp_path.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from typing import Any

import pytest

from lscp.returns.cin import read_cin
from lscp.returns.minimise import Minimiser
from lscp.returns.problems import RefusedFile, ReturnProblem
from lscp.returns.records import Records
from lscp.returns.safety import check_file
from lscp.returns.schema import TABLES
from lscp.returns.ssda903 import read_903

PEER_DATA = Path(__file__).resolve().parents[2] / "shared" / "reference" / "peer-data"
YEAR: dict[str, Any] = {"year_start": dt.date(2023, 4, 1), "year_end": dt.date(2024, 3, 31)}
MINIMISER = Minimiser(b"a test secret of 32 bytes length")


def key(raw: str) -> str:
    return MINIMISER.child(raw)


def cin_file(tmp_path: Path, children: str, name: str = "cin.xml") -> Path:
    """A CIN census file: line 1 is the declaration, children start on line 9."""
    text = ('<?xml version="1.0" encoding="UTF-8"?>\n'
            "<Message>\n"
            "<Header>\n"
            "<CollectionDetails><Collection>CIN</Collection><Year>2024</Year>"
            "<ReferenceDate>2024-03-31</ReferenceDate></CollectionDetails>\n"
            "</Header>\n"
            "<Children>\n"
            "\n"
            "\n"
            f"{children}"
            "</Children>\n"
            "</Message>\n")
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


GOOD_CHILD = """<Child>
<ChildIdentifiers>
<LAchildID>CHILD-001</LAchildID>
<UPN>A123456789012</UPN>
<FormerUPN>B123456789012</FormerUPN>
<PersonBirthDate>2015-06-17</PersonBirthDate>
<Sex>F</Sex>
</ChildIdentifiers>
<ChildCharacteristics>
<Ethnicity>WBRI</Ethnicity>
<Disabilities><Disability>HAND</Disability><Disability>HEAR</Disability></Disabilities>
</ChildCharacteristics>
<CINdetails>
<CINreferralDate>2023-05-02</CINreferralDate>
<ReferralSource>2A</ReferralSource>
<PrimaryNeedCode>N1</PrimaryNeedCode>
<CINclosureDate>2024-02-20</CINclosureDate>
<ReasonForClosure>RC7</ReasonForClosure>
<ReferralNFA>false</ReferralNFA>
<Assessments>
<AssessmentActualStartDate>2023-05-03</AssessmentActualStartDate>
<AssessmentAuthorisationDate>2023-06-01</AssessmentAuthorisationDate>
<FactorsIdentifiedAtAssessment>
<AssessmentFactors>3A</AssessmentFactors>
<AssessmentFactors>4B</AssessmentFactors>
</FactorsIdentifiedAtAssessment>
</Assessments>
<CINPlanDates>
<CINPlanStartDate>2023-06-02</CINPlanStartDate>
<CINPlanEndDate>2023-09-30</CINPlanEndDate>
</CINPlanDates>
<Section47>
<S47ActualStartDate>2023-05-04</S47ActualStartDate>
<InitialCPCtarget>2023-05-25</InitialCPCtarget>
<DateOfInitialCPC>2023-05-20</DateOfInitialCPC>
<ICPCnotRequired>false</ICPCnotRequired>
</Section47>
<ChildProtectionPlans>
<CPPstartDate>2023-05-20</CPPstartDate>
<CPPendDate>2024-01-10</CPPendDate>
<InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse>
<LatestCategoryOfAbuse>EMO</LatestCategoryOfAbuse>
<NumberOfPreviousCPP>1</NumberOfPreviousCPP>
<Reviews><CPPreviewDate>2023-08-01</CPPreviewDate><CPPreviewDate>2023-12-01</CPPreviewDate></Reviews>
</ChildProtectionPlans>
</CINdetails>
<CINdetails>
<CINreferralDate>2024-03-01</CINreferralDate>
<ReferralSource>6</ReferralSource>
<ReferralNFA>true</ReferralNFA>
</CINdetails>
</Child>
"""


def child(body: str, raw_id: str = "CHILD-002") -> str:
    """A minimal valid child with `body` as its (only) CINdetails content."""
    return ("<Child>\n"
            f"<ChildIdentifiers><LAchildID>{raw_id}</LAchildID>"
            "<PersonBirthDate>2012-01-31</PersonBirthDate><GenderCurrent>1</GenderCurrent>"
            "</ChildIdentifiers>\n"
            "<ChildCharacteristics><Ethnicity>AIND</Ethnicity></ChildCharacteristics>\n"
            f"<CINdetails>\n{body}</CINdetails>\n"
            "</Child>\n")


EPISODE = ("<CINreferralDate>2023-07-01</CINreferralDate>\n"
           "<ReferralSource>1A</ReferralSource>\n"
           "<PrimaryNeedCode>N2</PrimaryNeedCode>\n"
           "<ReferralNFA>0</ReferralNFA>\n")


def errors(problems: list[ReturnProblem]) -> list[ReturnProblem]:
    return [p for p in problems if p.severity == "error"]


def only(problems: list[ReturnProblem], field: str) -> ReturnProblem:
    found = [p for p in problems if p.field == field]
    assert len(found) == 1, problems
    return found[0]


def all_values(records: Records) -> list[str]:
    return [str(value) for table in records.data.values() for column in table.values()
            for value in column]


def counts(records: Records) -> dict[str, int]:
    return {table: records.count(table) for table in TABLES}


# --- CIN census -----------------------------------------------------------------------------

def test_a_valid_cin_file_fills_the_tables_minimised(tmp_path: Path) -> None:
    records = Records()
    problems = read_cin(cin_file(tmp_path, GOOD_CHILD), MINIMISER, records, **YEAR)

    assert errors(problems) == [], problems
    me = key("CHILD-001")
    assert records.data["cin_children"] == {
        "child": [me], "birth_month": [dt.date(2015, 6, 1)], "sex": ["F"], "ethnicity": ["WBRI"],
        "disabled": [True]}
    episodes = records.data["cin_episodes"]
    assert episodes["episode"] == [1, 2]
    assert episodes["referral_date"] == [dt.date(2023, 5, 2), dt.date(2024, 3, 1)]
    assert episodes["referral_source"] == ["2A", "6"]
    assert episodes["primary_need"] == ["N1", None]
    assert episodes["closure_reason"] == ["RC7", None]
    assert episodes["referral_nfa"] == [False, True]
    assert records.data["cin_assessments"]["factors"] == ["3A,4B"]
    assert records.data["cin_assessments"]["authorisation_date"] == [dt.date(2023, 6, 1)]
    assert records.data["cin_plans"]["end_date"] == [dt.date(2023, 9, 30)]
    assert records.data["cin_s47"]["icpc_date"] == [dt.date(2023, 5, 20)]
    assert records.data["cin_s47"]["icpc_not_required"] == [False]
    assert records.data["cin_cp_plans"]["initial_category"] == ["NEG"]
    assert records.data["cin_cp_plans"]["previous_plans"] == [1]
    assert records.data["cin_cp_reviews"]["review_date"] == [dt.date(2023, 8, 1), dt.date(2023, 12, 1)]
    assert records.data["cin_cp_reviews"]["plan_start"] == [dt.date(2023, 5, 20)] * 2
    assert set(records.data["cin_cp_reviews"]["child"]) == {me}

    stored = all_values(records)
    assert not any("123456789012" in value for value in stored)  # UPN, FormerUPN
    assert not any("CHILD-001" in value for value in stored)  # the raw LAchildID
    assert dt.date(2015, 6, 17) not in records.data["cin_children"]["birth_month"]


def test_gender_current_and_numeric_sex_are_stored_as_m_f_u(tmp_path: Path) -> None:
    records = Records()
    children = child(EPISODE, "A") + child(EPISODE, "B").replace(
        "<GenderCurrent>1</GenderCurrent>", "<Sex>2</Sex>") + child(EPISODE, "C").replace(
        "<GenderCurrent>1</GenderCurrent>", "<Sex>U</Sex>")
    problems = read_cin(cin_file(tmp_path, children), MINIMISER, records, **YEAR)
    assert errors(problems) == []
    assert records.data["cin_children"]["sex"] == ["M", "F", "U"]


def test_a_bad_date_is_reported_where_it_is_and_not_stored(tmp_path: Path) -> None:
    body = EPISODE.replace("2023-07-01", "2023-02-30")
    records = Records()
    problems = read_cin(cin_file(tmp_path, child(body)), MINIMISER, records, **YEAR)

    problem = only(problems, "CINreferralDate")
    assert (problem.file, problem.line, problem.child) == ("cin.xml", 13, key("CHILD-002"))
    assert "'2023-02-30' is not a date (YYYY-MM-DD)" in problem.message
    assert records.data["cin_episodes"]["referral_date"] == [None]


def test_dates_out_of_order_are_reported_with_line_field_and_child(tmp_path: Path) -> None:
    body = (EPISODE
            + "<Assessments>\n"
              "<AssessmentActualStartDate>2023-07-10</AssessmentActualStartDate>\n"  # line 18
              "<AssessmentAuthorisationDate>2023-07-05</AssessmentAuthorisationDate>\n"  # line 19
              "</Assessments>\n"
              "<CINPlanDates>\n"
              "<CINPlanStartDate>2023-08-01</CINPlanStartDate>\n"
              "<CINPlanEndDate>2023-07-31</CINPlanEndDate>\n"  # line 23
              "</CINPlanDates>\n")
    problems = read_cin(cin_file(tmp_path, child(body)), MINIMISER, Records(), **YEAR)

    authorised = only(problems, "AssessmentAuthorisationDate")
    assert (authorised.line, authorised.child, authorised.severity) == (19, key("CHILD-002"), "error")
    assert authorised.message == "Assessment Start Date cannot be later than its End Date. (DfE rule 8608)"
    plan_end = only(problems, "CINPlanEndDate")
    assert plan_end.line == 23
    assert "before the plan's start" in plan_end.message


def test_an_assessment_before_the_referral_and_a_date_after_the_year_are_errors(tmp_path: Path) -> None:
    body = (EPISODE
            + "<Assessments><AssessmentActualStartDate>2023-06-01</AssessmentActualStartDate>"
              "</Assessments>\n"
              "<Section47><S47ActualStartDate>2024-04-02</S47ActualStartDate></Section47>\n")
    problems = read_cin(cin_file(tmp_path, child(body)), MINIMISER, Records(), **YEAR)

    assert "before the referral date" in only(problems, "AssessmentActualStartDate").message
    late = only(problems, "S47ActualStartDate")
    assert (late.line, late.severity) == (18, "error")
    assert "after the end of the collection year (2024-03-31)" in late.message


def test_an_episode_closed_before_the_year_is_a_warning(tmp_path: Path) -> None:
    body = (EPISODE.replace("2023-07-01", "2022-05-01")
            + "<CINclosureDate>2022-09-01</CINclosureDate>\n<ReasonForClosure>RC1</ReasonForClosure>\n")
    records = Records()
    problems = read_cin(cin_file(tmp_path, child(body)), MINIMISER, records, **YEAR)
    closed = only(problems, "CINclosureDate")
    assert (closed.line, closed.severity) == (17, "warning")
    assert records.count("cin_episodes") == 1  # kept


def test_an_unknown_element_is_a_warning_never_silently_dropped(tmp_path: Path) -> None:
    body = EPISODE + "<FavouriteColour>blue</FavouriteColour>\n"
    records = Records()
    problems = read_cin(cin_file(tmp_path, child(body)), MINIMISER, records, **YEAR)

    unknown = only(problems, "FavouriteColour")
    assert (unknown.line, unknown.child, unknown.severity) == (17, key("CHILD-002"), "warning")
    assert "not an element of the CIN census" in unknown.message
    assert "blue" not in all_values(records)


def test_stray_text_between_elements_is_reported(tmp_path: Path) -> None:
    body = EPISODE.replace("<ReferralSource>1A</ReferralSource>",
                           "<ReferralSource>1A</ReferralSource>oops")
    problems = read_cin(cin_file(tmp_path, child(body)), MINIMISER, Records(), **YEAR)
    stray = only(problems, "ReferralSource")
    assert (stray.line, stray.severity) == (14, "warning")
    assert "'oops'" in stray.message


def test_a_missing_required_element_is_reported_at_its_parent(tmp_path: Path) -> None:
    body = EPISODE.replace("<ReferralSource>1A</ReferralSource>\n", "")
    problems = read_cin(cin_file(tmp_path, child(body)), MINIMISER, Records(), **YEAR)
    missing = only(problems, "ReferralSource")
    assert (missing.line, missing.child, missing.message) == (12, key("CHILD-002"), "is missing")


def test_a_child_without_an_id_is_not_stored(tmp_path: Path) -> None:
    records = Records()
    text = child(EPISODE).replace("<LAchildID>CHILD-002</LAchildID>", "")
    problems = read_cin(cin_file(tmp_path, text), MINIMISER, records, **YEAR)
    missing = only(problems, "LAchildID")
    assert (missing.line, missing.child) == (9, "")
    assert records.count("cin_children") == 0


def test_codes_are_checked_and_a_bad_code_is_not_stored(tmp_path: Path) -> None:
    body = EPISODE.replace("<PrimaryNeedCode>N2</PrimaryNeedCode>", "<PrimaryNeedCode>N12</PrimaryNeedCode>")
    records = Records()
    problems = read_cin(cin_file(tmp_path, child(body)), MINIMISER, records, **YEAR)
    assert only(problems, "PrimaryNeedCode").message == "'N12' is not a valid code"
    assert records.data["cin_episodes"]["primary_need"] == [None]


def test_a_child_twice_is_reported_and_read_once(tmp_path: Path) -> None:
    records = Records()
    problems = read_cin(cin_file(tmp_path, child(EPISODE) + child(EPISODE)), MINIMISER, records, **YEAR)
    assert "second child" in only(problems, "LAchildID").message
    assert records.count("cin_children") == 1


def test_a_namespaced_cin_file_is_read(tmp_path: Path) -> None:
    path = cin_file(tmp_path, child(EPISODE))
    path.write_text(path.read_text().replace("<Message>", '<Message xmlns="http://example.org/cin">'))
    records = Records()
    assert errors(read_cin(path, MINIMISER, records, **YEAR)) == []
    assert records.count("cin_episodes") == 1


# --- refusals: nothing is stored ------------------------------------------------------------

def refused(path: Path, records: Records, **kwargs: Any) -> RefusedFile:
    before = counts(records)
    with pytest.raises(RefusedFile) as caught:
        read_cin(path, MINIMISER, records, **YEAR, **kwargs)
    assert counts(records) == before
    return caught.value


@pytest.fixture
def loaded() -> Records:
    """Records already holding another file's rows: a refusal must leave them as they were."""
    records = Records()
    records.add("cin_children", child="earlier", birth_month=None, sex=None, ethnicity=None, disabled=None)
    return records


def test_an_external_entity_is_refused(tmp_path: Path, loaded: Records) -> None:
    path = tmp_path / "xxe.xml"
    path.write_text('<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
                    "<Message><Children><Child><ChildIdentifiers><LAchildID>&e;</LAchildID>"
                    "</ChildIdentifiers></Child></Children></Message>\n")
    error = refused(path, loaded)
    assert error.file == "xxe.xml"
    assert "DOCTYPE" in error.message
    assert "root:" not in str(error)


def test_billion_laughs_is_refused(tmp_path: Path, loaded: Records) -> None:
    entities = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    path = tmp_path / "lol.xml"
    path.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol0 "lol">{entities}]>\n'
                    "<Message><Children><Child><ChildIdentifiers><LAchildID>&lol9;</LAchildID>"
                    "</ChildIdentifiers></Child></Children></Message>\n")
    assert "DOCTYPE or ENTITY" in refused(path, loaded).message


def test_a_doctype_beyond_the_first_chunk_is_refused_while_parsing(tmp_path: Path, loaded: Records) -> None:
    path = tmp_path / "late.xml"
    padding = "<!-- " + "x" * 100_000 + " -->\n"
    path.write_text(f'<?xml version="1.0"?>\n{padding}<!DOCTYPE x [<!ENTITY e "boo">]>\n'
                    f"<Message><Children>{child(EPISODE)}</Children></Message>\n")
    assert "DOCTYPE or ENTITY" in refused(path, loaded).message


def test_truncated_xml_is_refused_with_its_line_and_stores_nothing(tmp_path: Path, loaded: Records) -> None:
    path = cin_file(tmp_path, child(EPISODE, "A") + child(EPISODE, "B") + child(EPISODE, "C"))
    text = path.read_text()
    path.write_text(text[: text.index("<LAchildID>C")])
    lines = path.read_text().count("\n") + 1
    error = refused(path, loaded)
    assert error.message.startswith(f"is not well-formed XML (line {lines}):")


def test_a_file_over_the_limit_is_refused_with_its_size(tmp_path: Path, loaded: Records) -> None:
    path = cin_file(tmp_path, child(EPISODE))
    size = path.stat().st_size
    error = refused(path, loaded, max_bytes=500)
    assert error.message == f"is {size:,} bytes, over the limit of 500 bytes"


def test_a_zip_claiming_to_be_xml_is_refused(tmp_path: Path, loaded: Records) -> None:
    path = tmp_path / "census.xml"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("census.xml", "<Message/>")
    assert "is a ZIP archive" in refused(path, loaded).message


def test_binary_and_non_xml_files_are_refused(tmp_path: Path, loaded: Records) -> None:
    binary = tmp_path / "binary.xml"
    binary.write_bytes(b"<Message>\x00\x01\x02</Message>")
    assert "NUL bytes" in refused(binary, loaded).message
    text = tmp_path / "text.xml"
    text.write_text("LAchildID,PersonBirthDate\n1,2020-01-01\n")
    assert "does not start with an XML declaration or '<'" in refused(text, loaded).message


def test_a_bom_and_no_declaration_are_accepted(tmp_path: Path) -> None:
    path = cin_file(tmp_path, child(EPISODE))
    body = path.read_text().split("\n", 1)[1]
    path.write_bytes(b"\xef\xbb\xbf" + body.encode())
    check_file(path, "xml", 10_000)
    assert errors(read_cin(path, MINIMISER, Records(), **YEAR)) == []


# --- SSDA903 --------------------------------------------------------------------------------

def csv_file(tmp_path: Path, name: str, text: str, *, bom: bool = False) -> Path:
    path = tmp_path / name
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def read_csvs(paths: list[Path], records: Records | None = None) -> tuple[Records, list[ReturnProblem]]:
    records = records if records is not None else Records()
    return records, read_903(paths, MINIMISER, records, **YEAR)


HEADER = ("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\n"
          "1001,1,17/06/2010,WBRI,A123456789012,,\r\n"
          "1002,2,02/02/2008,BAFR,B123456789012,1,03/03/2023\r\n")
EPISODES = ("CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
            "1001,01/05/2023,S,C2,N1,U1,PR1,01/09/2023,X1,CARPL,SE1 7PB,BR1 3UH,SC123456\n"
            "1001,01/09/2023,P,C2,N1,U3,PR4,,,,SE1 7PB,TN13 1AA,SC654321\n")


def test_valid_903_tables_are_recognised_by_header_and_minimised(tmp_path: Path) -> None:
    records, problems = read_csvs([
        csv_file(tmp_path, "a.csv", HEADER, bom=True),
        csv_file(tmp_path, "b.csv", EPISODES),
        csv_file(tmp_path, "c.csv", "CHILD,DOB,REVIEW,REVIEW_CODE\n1001,17/06/2010,01/06/2023,PN1\n"),
        csv_file(tmp_path, "d.csv", "CHILD,DOB,MISSING,MIS_START,MIS_END\n1001,17/06/2010,M,03/03/2024,\n"),
        csv_file(tmp_path, "e.csv", "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM\n1002,02/02/2008,YES,F2,D1\n"),
        csv_file(tmp_path, "f.csv",
                 "CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR\n"
                 "1001,17/06/2010,01/06/2023,01/08/2023,0,2,MF,L0\n"),
        csv_file(tmp_path, "g.csv", "CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED\n"
                                    "1001,17/06/2010,01/09/2023,,\n"),
        csv_file(tmp_path, "h.csv", "CHILD,SEX,DOB,DUC\n1002,2,02/02/2008,02/02/2026\n"),
    ])
    assert errors(problems) == [], problems
    assert records.data["lac_header"] == {
        "child": [key("1001"), key("1002")], "sex": ["M", "F"],
        "birth_month": [dt.date(2010, 6, 1), dt.date(2008, 2, 1)], "ethnicity": ["WBRI", "BAFR"]}
    episodes = records.data["lac_episodes"]
    assert episodes["placement_district"] == ["BR1", "TN13"]
    assert episodes["end_date"] == [dt.date(2023, 9, 1), None]
    assert episodes["reason_end"] == ["X1", None]
    assert records.data["lac_reviews"]["participation"] == ["PN1"]
    assert records.data["lac_missing"]["kind"] == ["M"]
    assert records.data["lac_care_leavers"]["accommodation"] == ["D1"]
    assert records.data["lac_adoption"]["adopters"] == [2]
    assert records.data["lac_adoption"]["date_should_be_placed"] == [dt.date(2023, 6, 1)]
    assert records.data["lac_placed_for_adoption"]["date_placed"] == [dt.date(2023, 9, 1)]
    assert records.data["lac_uasc"]["date_uasc_ceased"] == [dt.date(2026, 2, 2)]  # may be in the future

    stored = all_values(records)
    for dropped in ("123456789012", "SE1", "7PB", "3UH", "SC123456", "1001", "03/03/2023"):
        assert not any(dropped in value for value in stored), dropped


def test_a_903_file_with_a_wrong_header_is_reported_and_not_read(tmp_path: Path) -> None:
    records, problems = read_csvs([csv_file(tmp_path, "x.csv", "ID,NAME,WHEN\n1,Jo,01/01/2024\n")])
    problem = only(problems, "header")
    assert (problem.file, problem.line, problem.severity) == ("x.csv", 1, "error")
    assert "matches no SSDA903 table" in problem.message
    assert "Episodes: CHILD,DECOM,RNE,LS,CIN,PLACE" in problem.message
    assert counts(records) == counts(Records())


def test_a_formula_cell_is_reported_and_not_stored(tmp_path: Path) -> None:
    text = ('CHILD,DOB,REVIEW,REVIEW_CODE\n'
            '1001,17/06/2010,01/06/2023,"=HYPERLINK(""http://evil.example"",""PN1"")"\n'
            '=1+2,17/06/2010,01/07/2023,PN2\n')
    records, problems = read_csvs([csv_file(tmp_path, "reviews.csv", text)])
    formula = [p for p in problems if "spreadsheet formula" in p.message]
    assert [(p.line, p.child, p.field) for p in formula] == [
        (2, key("1001"), "REVIEW_CODE"), (3, "", "CHILD")]
    assert records.data["lac_reviews"]["participation"] == [None]
    assert not any(value.startswith("=") for value in all_values(records))


def test_903_columns_missing_extra_and_bad_values(tmp_path: Path) -> None:
    missing = csv_file(tmp_path, "ep.csv", "CHILD,DECOM,RNE,LS,CIN,PLACE\n1001,01/05/2023,S,C2,N1,U1\n")
    extra = csv_file(tmp_path, "rev.csv", "CHILD,DOB,REVIEW,REVIEW_CODE,NOTES\n"
                                          "1001,17/06/2010,01/06/23,PN9,hello\n"
                                          "1002,17/06/2010,01/06/2024,PN1,\n")
    records, problems = read_csvs([missing, extra])

    assert {p.field for p in errors(problems) if p.file == "ep.csv"} == {
        "PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE"}
    assert records.count("lac_episodes") == 0
    notes = only(problems, "NOTES")
    assert (notes.file, notes.line, notes.severity) == ("rev.csv", 1, "warning")
    review = [p for p in problems if p.field == "REVIEW"]
    assert [(p.line, p.message) for p in review] == [
        (2, "'01/06/23' is not a date (dd/mm/YYYY)"),
        (3, "01/06/2024 is after the end of the collection year (31/03/2024)")]
    assert (only(problems, "REVIEW_CODE").line, only(problems, "REVIEW_CODE").child) == (2, key("1001"))


def test_episode_dates_out_of_order_are_reported(tmp_path: Path) -> None:
    text = EPISODES.replace("01/09/2023,X1", "01/04/2023,X1", 1)
    _, problems = read_csvs([csv_file(tmp_path, "ep.csv", text)])
    dec = only(problems, "DEC")
    assert (dec.line, dec.child) == (2, key("1001"))
    assert dec.message == ("The date the episode ceased is before the date the same episode started. "
                           "(DfE rule 356)")


def test_tables_not_in_the_schema_are_checked_but_not_stored(tmp_path: Path) -> None:
    records, problems = read_csvs([csv_file(tmp_path, "dolo.csv",
                                            "CHILD,DOB,DOLO_START,DOLO_END\n1,05/12/2010,02/01/2024,01/01/2024\n")])
    assert "DOLO_START" in only(problems, "DOLO_END").message
    assert counts(records) == counts(Records())


def test_903_refusals_store_nothing_from_any_file(tmp_path: Path) -> None:
    good = csv_file(tmp_path, "header.csv", HEADER)
    records = Records()
    latin = tmp_path / "latin.csv"
    latin.write_bytes("CHILD,DOB,REVIEW,REVIEW_CODE\n1,01/01/2010,01/06/2023,PN1 caf\xe9\n".encode("latin-1"))
    with pytest.raises(RefusedFile, match="not UTF-8 text"):
        read_903([good, latin], MINIMISER, records, **YEAR)
    workbook = tmp_path / "episodes.csv"
    with zipfile.ZipFile(workbook, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(RefusedFile, match="ZIP archive"):
        read_903([good, workbook], MINIMISER, records, **YEAR)
    nul = csv_file(tmp_path, "nul.csv", "CHILD,DOB\x00\n")
    with pytest.raises(RefusedFile, match="NUL"):
        read_903([good, nul], MINIMISER, records, **YEAR)
    with pytest.raises(RefusedFile, match="over the limit of 100 bytes"):
        read_903([good], MINIMISER, records, **YEAR, max_bytes=100)
    assert counts(records) == counts(Records())


def test_a_problem_late_in_a_big_csv_rolls_back_every_file(tmp_path: Path) -> None:
    good = csv_file(tmp_path, "header.csv", HEADER)
    rows = "".join(f"{n},17/06/2010,01/06/2023,PN1\n" for n in range(5000))
    late = tmp_path / "reviews.csv"
    late.write_bytes(f"CHILD,DOB,REVIEW,REVIEW_CODE\n{rows}".encode() + b"9,17/06/2010,01/06/2023,PN\xff\n")
    records = Records()
    with pytest.raises(RefusedFile, match="not UTF-8 text"):
        read_903([good, late], MINIMISER, records, **YEAR)
    assert counts(records) == counts(Records())


# --- peer samples ---------------------------------------------------------------------------

@pytest.mark.skipif(not PEER_DATA.is_dir(), reason=f"peer sample data not found at {PEER_DATA}")
def test_the_peer_cin_samples_load_and_report_problems() -> None:
    for path in sorted((PEER_DATA / "cin").glob("*.xml")):
        records = Records()
        problems = read_cin(path, MINIMISER, records, year_start=dt.date(2021, 4, 1),
                            year_end=dt.date(2022, 3, 31))
        assert records.count("cin_children") > 0, path.name
        assert errors(problems), path.name
        assert all(p.file == path.name and p.line > 0 for p in problems)
    stray = [p for p in problems_of(PEER_DATA / "cin" / "CIN_Census_2024.xml") if "stray text" in p.message]
    assert [(p.line, p.field) for p in stray] == [(23, "UPNunknown")]


def problems_of(path: Path) -> list[ReturnProblem]:
    return read_cin(path, MINIMISER, Records(), **YEAR)


@pytest.mark.skipif(not PEER_DATA.is_dir(), reason=f"peer sample data not found at {PEER_DATA}")
def test_the_peer_903_samples_load_and_report_problems() -> None:
    records = Records()
    paths = sorted((PEER_DATA / "ssda903").glob("*.csv"))
    problems = read_903(paths, MINIMISER, records, year_start=dt.date(2017, 4, 1),
                        year_end=dt.date(2018, 3, 31))
    assert errors(problems)
    for table in ("lac_header", "lac_episodes", "lac_reviews", "lac_missing", "lac_care_leavers",
                  "lac_adoption", "lac_placed_for_adoption", "lac_uasc"):
        assert records.count(table) > 0, table
    not_stored = {p.file for p in problems if "checked but is not stored" in p.message}
    assert not_stored == {"DoLo.csv", "oc2.csv", "previous_permanence.csv", "sw_episodes.csv"}

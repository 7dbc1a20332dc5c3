"""The synthetic statutory returns: exact DfE names, dates in order, plausible rates, determinism.

Plain pytest, no Django: the generator's files are read back here with lxml and csv, and the
checks are written independently of the generator (working days come from `holidays` here too).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
import statistics
from collections import defaultdict
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import holidays
import pytest
from lxml import etree

from lscp.returns import synth
from lscp.returns.synth import generator

YEAR = "2024-25"
START, END = dt.date(2024, 4, 1), dt.date(2025, 3, 31)
CHILDREN = 5_000

# DfE CIN census 2024-25 element names, each container with its children in schema order.
CIN_ORDER: dict[str, tuple[str, ...]] = {
    "Message": ("Header", "Children"),
    "Header": ("CollectionDetails", "Source"),
    "CollectionDetails": ("Collection", "Year", "ReferenceDate"),
    "Source": ("SourceLevel", "LEA", "SoftwareCode", "Release", "SerialNo", "DateTime"),
    "Children": ("Child",),
    "Child": ("ChildIdentifiers", "ChildCharacteristics", "CINdetails"),
    "ChildIdentifiers": ("LAchildID", "UPN", "FormerUPN", "UPNunknown", "PersonBirthDate",
                         "ExpectedPersonBirthDate", "Sex", "PersonDeathDate"),
    "ChildCharacteristics": ("Ethnicity", "Disabilities"),
    "Disabilities": ("Disability",),
    "CINdetails": ("CINreferralDate", "ReferralSource", "PrimaryNeedCode", "CINclosureDate",
                   "ReasonForClosure", "DateOfInitialCPC", "ReferralNFA", "Assessments", "CINPlanDates",
                   "Section47", "ChildProtectionPlans"),
    "Assessments": ("AssessmentActualStartDate", "AssessmentInternalReviewDate",
                    "AssessmentAuthorisationDate", "FactorsIdentifiedAtAssessment"),
    "FactorsIdentifiedAtAssessment": ("AssessmentFactors",),
    "CINPlanDates": ("CINPlanStartDate", "CINPlanEndDate"),
    "Section47": ("S47ActualStartDate", "InitialCPCtarget", "DateOfInitialCPC", "ICPCnotRequired"),
    "ChildProtectionPlans": ("CPPstartDate", "CPPendDate", "InitialCategoryOfAbuse",
                             "LatestCategoryOfAbuse", "NumberOfPreviousCPP", "Reviews"),
    "Reviews": ("CPPreviewDate",),
}
DFE_TAGS = set(CIN_ORDER) | {tag for tags in CIN_ORDER.values() for tag in tags}

CSV_HEADERS = {
    "header": "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB",
    "episodes": "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,"
                "URN",
    "reviews": "CHILD,DOB,REVIEW,REVIEW_CODE",
    "uasc": "CHILD,SEX,DOB,DUC",
    "oc2": "CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,"
           "HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED",
    "oc3": "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM",
    "ad1": "CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR",
    "placed_for_adoption": "CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED",
    "previous_permanence": "CHILD,DOB,PREV_PERM,LA_PERM,DATE_PERM",
    "missing": "CHILD,DOB,MISSING,MIS_START,MIS_END",
}
CSV_DATES = {
    "header": ("DOB", "MC_DOB"), "episodes": ("DECOM", "DEC"), "reviews": ("DOB", "REVIEW"),
    "uasc": ("DOB", "DUC"), "oc2": ("DOB",), "oc3": ("DOB",), "ad1": ("DOB", "DATE_INT", "DATE_MATCH"),
    "placed_for_adoption": ("DOB", "DATE_PLACED", "DATE_PLACED_CEASED"),
    "previous_permanence": ("DOB", "DATE_PERM"), "missing": ("DOB", "MIS_START", "MIS_END"),
}
XML_DATES = {
    "PersonBirthDate", "CINreferralDate", "CINclosureDate", "DateOfInitialCPC",
    "AssessmentActualStartDate", "AssessmentAuthorisationDate", "CINPlanStartDate", "CINPlanEndDate",
    "S47ActualStartDate", "InitialCPCtarget", "CPPstartDate", "CPPendDate", "CPPreviewDate",
    "ReferenceDate",
}
# Dates that are targets or expected dates and so may lie after 31 March: the initial
# conference's target (15 working days after a late-March enquiry) and the date a UASC
# child's status ceases (the 18th birthday).
FUTURE_ALLOWED = {"InitialCPCtarget", "DUC"}


@lru_cache(maxsize=1)
def _bank_holidays() -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=range(2000, 2031)))


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end` (England)."""
    bank, count, day = _bank_holidays(), 0, start
    while day < end:
        day += dt.timedelta(days=1)
        count += day.weekday() < 5 and day not in bank
    return count


def birthday(dob: dt.date, years: int) -> dt.date:
    try:
        return dob.replace(year=dob.year + years)
    except ValueError:
        return dt.date(dob.year + years, 3, 1)


def iso(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def uk(text: str) -> dt.date | None:
    return dt.datetime.strptime(text, "%d/%m/%Y").date() if text else None


def digest(folder: Path) -> dict[str, str]:
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(folder.iterdir())}


class Returns:
    """The generated files, read back."""

    def __init__(self, folder: Path, counts: dict[str, int]) -> None:
        self.folder = folder
        self.counts = counts
        self.tree = etree.parse(str(folder / f"cin_census_{YEAR}.xml"))
        self.csv: dict[str, list[dict[str, str]]] = {}
        self.raw_headers: dict[str, str] = {}
        for name in CSV_HEADERS:
            with open(folder / f"{name}.csv", encoding="utf-8", newline="") as handle:
                self.raw_headers[name] = handle.readline().rstrip("\n")
                handle.seek(0)
                self.csv[name] = list(csv.DictReader(handle))

    def children(self) -> Iterator[Any]:
        return self.tree.getroot().iterfind("Children/Child")

    def by_child(self, name: str) -> dict[str, list[dict[str, str]]]:
        grouped: dict[str, list[dict[str, str]]] = defaultdict(list)
        for row in self.csv[name]:
            grouped[row["CHILD"]].append(row)
        return grouped


@pytest.fixture(scope="module")
def returns(tmp_path_factory: pytest.TempPathFactory) -> Returns:
    folder = tmp_path_factory.mktemp("synth")
    counts = synth.generate(CHILDREN, 7, YEAR, folder)
    return Returns(folder, counts)


def text(element: Any, path: str) -> str | None:
    found = element.find(path)
    return found.text if found is not None else None


# --- determinism ---------------------------------------------------------------------------------


def test_same_seed_same_bytes_and_another_seed_differs(tmp_path: Path) -> None:
    first = synth.generate(800, 42, YEAR, tmp_path / "a")
    second = synth.generate(800, 42, YEAR, tmp_path / "b")
    synth.generate(800, 43, YEAR, tmp_path / "c")
    assert first == second
    a, b, c = digest(tmp_path / "a"), digest(tmp_path / "b"), digest(tmp_path / "c")
    assert a == b
    assert a[f"cin_census_{YEAR}.xml"] != c[f"cin_census_{YEAR}.xml"]
    assert a["episodes.csv"] != c["episodes.csv"]
    assert sorted(path.name for path in (tmp_path / "a").iterdir()) == sorted(
        [f"cin_census_{YEAR}.xml"] + [f"{name}.csv" for name in CSV_HEADERS])


def test_the_number_of_processes_never_changes_the_output(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    # Several chunks from a small run. Patch CHUNK where generate() reads it: the copy
    # re-exported as synth.CHUNK is for reading only.
    monkeypatch.setattr(generator, "CHUNK", 700)
    assert len(generator.plan_chunks(2_000, 5, START, END, tmp_path)) > 2
    one = synth.generate(2_000, 5, YEAR, tmp_path / "one", workers=1)
    two = synth.generate(2_000, 5, YEAR, tmp_path / "two", workers=2)
    assert one == two
    assert digest(tmp_path / "one") == digest(tmp_path / "two")


# The exact bytes of a small run that has a row in every file. A change in the generator's
# code must leave them alone: this is what makes a refactor safe. When the output is meant to
# change (a new rate, a fixed bug), print the new digests with
#   .venv/bin/python -c "import hashlib, pathlib, tempfile; from lscp.returns.synth import generate; \
#   d = pathlib.Path(tempfile.mkdtemp()); print(generate(300, 1, '2024-25', d)); \
#   [print(f'\"{p.name}\": \"{hashlib.sha256(p.read_bytes()).hexdigest()}\",') for p in sorted(d.iterdir())]"
# paste them (and the counts) below, and say in the commit why the files changed. The bytes
# also depend on the England bank holidays from `holidays` and on Python's `random`.
PINNED_RUN = (300, 1, "2024-25")
PINNED_COUNTS = {
    "cin_children": 300, "header": 67, "episodes": 73, "reviews": 80, "uasc": 2, "oc2": 24, "oc3": 22,
    "ad1": 1, "placed_for_adoption": 2, "previous_permanence": 16, "missing": 13,
}
PINNED_SHA256 = {
    "ad1.csv": "65306c7a2c1e7cd43783a678eab4b18aba6ca89dfcdc0ef5d75cdbea4826c2c1",
    "cin_census_2024-25.xml": "56e762bd761a57e6e48953ca9ac37be32186fe470ace14777faddc78668f494c",
    "episodes.csv": "ffb12e183615b01e79fd7cc85a409039de5e9c3b864c0fc2b3a59285ac833fa1",
    "header.csv": "b1ef4ef63937a4044ac549ecf913fe58bcc828709982913f6c33ba9f5e62eab9",
    "missing.csv": "83e99f318ccb0da70d5569efc35177ab2ef597876bf9ec655e146f9ef720b192",
    "oc2.csv": "772b3ccd7d522f264694860eaf4e5d6a57f6098ab7e4861dc3d927aa5312f458",
    "oc3.csv": "942a5cc9f11e45cad9813f379b06bdc00c76f7132f809b321df560011b1065e9",
    "placed_for_adoption.csv": "79770899b23f02fd6a8df6370dc32e75965f115a13c094d24ad0f71f5d7a346e",
    "previous_permanence.csv": "aa7bf16ef11a8b9ef42faaa308e0414da1ef6a5217ba6819dedb2f3a9672fc45",
    "reviews.csv": "7a2d33e8c086445b1a04575a7d16fe147255c5beca5603af946a463ad4f13b33",
    "uasc.csv": "e0434abb00ee45b8f6f9002c44ce8986fefc2fde0b4b67536342ea024f3b547d",
}


def test_a_small_run_is_byte_for_byte_as_pinned(tmp_path: Path) -> None:
    children, seed, year = PINNED_RUN
    counts = synth.generate(children, seed, year, tmp_path)
    assert digest(tmp_path) == PINNED_SHA256  # see the comment above PINNED_RUN before editing
    assert counts == PINNED_COUNTS


def test_a_bad_year_is_refused(tmp_path: Path) -> None:
    for bad in ("2024", "2024-26", "24-25", "2024/25"):
        with pytest.raises(ValueError):
            synth.generate(10, 1, bad, tmp_path)


# --- names, headers, formats ---------------------------------------------------------------------


def test_counts_match_the_files(returns: Returns) -> None:
    assert returns.counts["cin_children"] == CHILDREN == len(list(returns.children()))
    for name in CSV_HEADERS:
        assert returns.counts[name] == len(returns.csv[name]), name


def test_xml_uses_only_dfe_element_names_in_schema_order(returns: Returns) -> None:
    tags = {element.tag for element in returns.tree.iter()}
    assert tags <= DFE_TAGS, tags - DFE_TAGS
    assert {"CINdetails", "Assessments", "Section47", "ChildProtectionPlans", "CPPreviewDate",
            "CINPlanDates", "AssessmentFactors", "Sex", "UPNunknown"} <= tags
    for element in returns.tree.iter():
        order = CIN_ORDER.get(element.tag)
        if order is None:
            assert len(element) == 0, element.tag
            continue
        positions = [order.index(child.tag) for child in element]
        assert positions == sorted(positions), (element.tag, [child.tag for child in element])


def test_header_is_for_the_collection_year(returns: Returns) -> None:
    root = returns.tree.getroot()
    assert text(root, "Header/CollectionDetails/Collection") == "CIN"
    assert text(root, "Header/CollectionDetails/Year") == "2025"
    assert text(root, "Header/CollectionDetails/ReferenceDate") == "2025-03-31"
    assert text(root, "Header/Source/LEA") == "305"
    assert text(root, "Header/Source/DateTime") == "2025-03-31T18:00:00"


def test_csv_headers_are_exact(returns: Returns) -> None:
    for name, header in CSV_HEADERS.items():
        assert returns.raw_headers[name] == header, name


def test_every_date_has_a_four_digit_year_and_none_is_after_31_march(returns: Returns) -> None:
    for element in returns.tree.iter(*XML_DATES):
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", element.text), (element.tag, element.text)
        day = dt.date.fromisoformat(element.text)
        assert day.year >= 1990
        if element.tag not in FUTURE_ALLOWED:
            assert day <= END, (element.tag, element.text)
    for name, columns in CSV_DATES.items():
        for row in returns.csv[name]:
            for column in columns:
                value = row[column]
                if not value:
                    continue
                assert re.fullmatch(r"\d{2}/\d{2}/\d{4}", value), (name, column, value)
                day = uk(value)
                assert day is not None and day.year >= 1990
                if column not in FUTURE_ALLOWED:
                    assert day <= END, (name, column, value)


def test_identifiers_postcodes_and_urns_are_obviously_fake(returns: Returns) -> None:
    check = "ABCDEFGHJKLMNPQRTUVWXYZ"
    upns = [element.text for element in returns.tree.iter("UPN")]
    upns += [row["UPN"] for row in returns.csv["header"] if not row["UPN"].startswith("UN")]
    assert upns
    for upn in upns:
        assert re.fullmatch(r"[A-Z]999\d{9}", upn), upn
        total = sum(int(digit) * weight for digit, weight in zip(upn[1:], range(2, 14), strict=True))
        assert upn[0] == check[total % 23], upn
    for row in returns.csv["episodes"]:
        for column in ("HOME_POST", "PL_POST"):
            assert re.fullmatch(r"(ZZ|XX)\d [0-9][A-Z]{2}", row[column]), row[column]
        assert row["URN"] == "XXXXXXX" or re.fullmatch(r"SC99\d{4}", row["URN"])
    for element in returns.tree.iter("LAchildID"):
        assert re.fullmatch(r"SYN\d{7}", element.text)


# --- date order -------------------------------------------------------------------------------------


def test_cin_dates_are_in_order_for_every_child(returns: Returns) -> None:
    for child in returns.children():
        cid = text(child, "ChildIdentifiers/LAchildID")
        dob = iso(text(child, "ChildIdentifiers/PersonBirthDate"))
        assert dob is not None and dob < START.replace(year=START.year + 1)
        adult = birthday(dob, 18)
        spans: list[tuple[dt.date, dt.date | None, bool]] = []
        for ep in child.iterfind("CINdetails"):
            referral = iso(text(ep, "CINreferralDate"))
            close = iso(text(ep, "CINclosureDate"))
            nfa = text(ep, "ReferralNFA") == "true"
            assert referral is not None and dob < referral < adult, cid
            assert (close is None) == (text(ep, "ReasonForClosure") is None), cid
            assert close is None or close >= START, cid  # only episodes open during the year
            latest = referral
            if nfa:
                assert close == referral and ep.find("Assessments") is None, cid
                assert referral >= START, cid
            for assessment in ep.iterfind("Assessments"):
                started = iso(text(assessment, "AssessmentActualStartDate"))
                authorised = iso(text(assessment, "AssessmentAuthorisationDate"))
                assert started is not None and referral <= started, cid
                if authorised is not None:
                    assert started <= authorised and authorised >= START, cid
                    assert assessment.find("FactorsIdentifiedAtAssessment") is not None, cid
                    latest = max(latest, authorised)
                else:
                    assert close is None, cid  # an open assessment keeps the episode open
            for s47 in ep.iterfind("Section47"):
                started = iso(text(s47, "S47ActualStartDate"))
                icpc = iso(text(s47, "DateOfInitialCPC"))
                target = iso(text(s47, "InitialCPCtarget"))
                assert started is not None and referral <= started, cid
                assert target is not None and target > started, cid
                if icpc is not None:
                    assert started <= icpc, cid
                    assert text(s47, "ICPCnotRequired") == "false", cid
                    # recorded once, in Section47, not at CINdetails level too (DfE rule 2884)
                    assert text(ep, "DateOfInitialCPC") is None, cid
                    latest = max(latest, icpc)
            plans = []
            for plan in ep.iterfind("CINPlanDates"):
                start, end = iso(text(plan, "CINPlanStartDate")), iso(text(plan, "CINPlanEndDate"))
                assert start is not None and referral <= start, cid
                assert end is None or start <= end, cid
                assert end is not None or close is None, cid
                plans.append((start, end or END))
                latest = max(latest, end or start)
            for cpp in ep.iterfind("ChildProtectionPlans"):
                start, end = iso(text(cpp, "CPPstartDate")), iso(text(cpp, "CPPendDate"))
                assert start is not None and referral <= start, cid
                assert end is None or start < end, cid
                assert end is not None or close is None, cid
                reviews = [iso(review.text) for review in cpp.iterfind("Reviews/CPPreviewDate")]
                assert reviews == sorted(reviews), cid
                for review in reviews:
                    assert review is not None and start < review <= (end or END), cid
                for plan_start, plan_end in plans:  # a CIN plan never runs alongside a CP plan
                    assert plan_end < start or plan_start > (end or END), cid
                latest = max([latest, end or start, *[r for r in reviews if r is not None]])
            if close is not None:
                assert latest <= close, cid
            spans.append((referral, close, nfa))
        spans.sort(key=lambda span: span[0])
        open_spans = [span for span in spans if span[1] is None and not span[2]]
        assert len(open_spans) <= 1, cid
        for (_, close, _), (next_referral, _, _) in zip(spans, spans[1:], strict=False):
            assert close is not None and close < next_referral, cid


def test_ssda903_dates_are_in_order_for_every_child(returns: Returns) -> None:
    header = {row["CHILD"]: row for row in returns.csv["header"]}
    for cid, rows in returns.by_child("episodes").items():
        dob = uk(header[cid]["DOB"])
        assert dob is not None
        adult = birthday(dob, 18)
        starts = [uk(row["DECOM"]) for row in rows]
        assert starts == sorted(starts), cid
        for row, following in zip(rows, [*rows[1:], None], strict=True):
            decom, dec = uk(row["DECOM"]), uk(row["DEC"])
            assert decom is not None and dob < decom < adult, cid  # under 18 at the start
            assert dec is None or (decom < dec <= END and dec >= START), cid
            assert (dec is None) == (row["REC"] == ""), cid
            if following is not None:
                assert dec is not None, cid
                if row["REC"] == "X1":
                    assert uk(following["DECOM"]) == dec, cid  # the next episode starts that day
                    assert following["RNE"] in ("P", "L", "T", "U", "B"), cid
                    if following["RNE"] != "L":
                        assert row["REASON_PLACE_CHANGE"], cid
                else:
                    assert uk(following["DECOM"]) > dec and following["RNE"] == "S", cid
            elif row["REC"] == "X1":
                pytest.fail(f"{cid}: the last episode cannot end with X1")
            if row["REC"] in ("E11", "E12"):
                assert row["PLACE"] in ("A5", "A6", "A3", "A4"), cid
    for name, columns in (("reviews", ("REVIEW",)), ("missing", ("MIS_START", "MIS_END")),
                          ("ad1", ("DATE_INT", "DATE_MATCH")),
                          ("placed_for_adoption", ("DATE_PLACED", "DATE_PLACED_CEASED"))):
        for row in returns.csv[name]:
            dob = uk(row["DOB"])
            assert dob is not None and uk(header[row["CHILD"]]["DOB"]) == dob
            days = [uk(row[column]) for column in columns if row[column]]
            assert all(dob < day for day in days if day), (name, row)
            assert days == sorted(days), (name, row)
    episodes = returns.by_child("episodes")
    for row in returns.csv["reviews"] + returns.csv["missing"]:
        day = uk(row.get("REVIEW") or row.get("MIS_START") or "")
        spans = [(uk(e["DECOM"]), uk(e["DEC"]) or END) for e in episodes[row["CHILD"]]]
        assert day is not None and any(start <= day <= end for start, end in spans), row
    for cid, rows in returns.by_child("ad1").items():
        last = episodes[cid][-1]
        assert last["REC"] in ("E11", "E12"), cid
        assert uk(rows[0]["DATE_MATCH"]) <= uk(last["DECOM"]), cid  # matched before placed


def test_the_same_children_are_in_both_returns(returns: Returns) -> None:
    cin = {text(child, "ChildIdentifiers/LAchildID"): child for child in returns.children()}
    header = {row["CHILD"]: row for row in returns.csv["header"]}
    looked_after = returns.by_child("episodes")
    assert set(looked_after) <= set(header)
    assert 0.10 <= len(looked_after) / len(cin) <= 0.16
    for cid in looked_after:
        child = cin[cid]
        assert header[cid]["DOB"] == uk_text(text(child, "ChildIdentifiers/PersonBirthDate"))
        assert header[cid]["SEX"] == text(child, "ChildIdentifiers/Sex")  # M/F from 2024-25
        assert (header[cid]["UPN"] == text(child, "ChildIdentifiers/UPN")
                or header[cid]["UPN"] == text(child, "ChildIdentifiers/UPNunknown"))
    care_leavers_only = set(header) - set(looked_after)
    assert care_leavers_only and not care_leavers_only & set(cin)
    oc3 = {row["CHILD"] for row in returns.csv["oc3"]}
    assert care_leavers_only <= oc3
    for row in returns.csv["oc3"]:
        dob = uk(row["DOB"])
        assert dob is not None
        turns = [age for age in range(17, 22) if START <= birthday(dob, age) <= END]
        assert turns, row  # care leavers are those whose 17th to 21st birthday falls in the year
        assert (row["ACTIV"] != "") == (row["IN_TOUCH"] == "YES"), row
    for row in returns.csv["uasc"]:
        assert uk(row["DUC"]) == birthday(uk(row["DOB"]), 18), row  # type: ignore[arg-type]


def uk_text(value: str | None) -> str:
    day = iso(value)
    assert day is not None
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


# --- rates -------------------------------------------------------------------------------------------


def test_cin_rates_are_plausible(returns: Returns) -> None:
    assessed = within_45 = s47_count = icpcs = icpc_in_15 = 0
    referrals = re_referrals = nfa = 0
    categories: dict[str, int] = defaultdict(int)
    plans_started = second_plans = 0
    for child in returns.children():
        dates = sorted(iso(text(ep, "CINreferralDate")) for ep in child.iterfind("CINdetails"))
        for ep in child.iterfind("CINdetails"):
            referral = iso(text(ep, "CINreferralDate"))
            assert referral is not None
            if referral >= START:
                referrals += 1
                nfa += text(ep, "ReferralNFA") == "true"
                re_referrals += any(d is not None and referral - dt.timedelta(days=365) <= d < referral
                                    for d in dates)
            for assessment in ep.iterfind("Assessments"):
                authorised = iso(text(assessment, "AssessmentAuthorisationDate"))
                if authorised is not None:
                    assessed += 1
                    within_45 += working_days_between(referral, authorised) <= 45
            for s47 in ep.iterfind("Section47"):
                started = iso(text(s47, "S47ActualStartDate"))
                icpc = iso(text(s47, "DateOfInitialCPC"))
                if started is not None and started >= START:
                    s47_count += 1
                if icpc is not None and icpc >= START:
                    icpcs += 1
                    icpc_in_15 += working_days_between(started, icpc) <= 15  # type: ignore[arg-type]
            for cpp in ep.iterfind("ChildProtectionPlans"):
                start = iso(text(cpp, "CPPstartDate"))
                if start is not None and start >= START:
                    plans_started += 1
                    categories[text(cpp, "InitialCategoryOfAbuse") or ""] += 1
                    second_plans += text(cpp, "NumberOfPreviousCPP") != "0"
    assert 0.75 <= within_45 / assessed <= 0.95
    assert 0.70 <= icpc_in_15 / icpcs <= 0.92
    assert 0.15 <= re_referrals / referrals <= 0.30
    assert 0.03 <= nfa / referrals <= 0.12
    assert 0.20 <= s47_count / assessed <= 0.50
    assert 0.20 <= icpcs / s47_count <= 0.45
    assert 0.40 <= categories["NEG"] / plans_started <= 0.56
    assert 0.30 <= categories["EMO"] / plans_started <= 0.46
    assert 0.15 <= second_plans / plans_started <= 0.32


def test_looked_after_rates_are_plausible(returns: Returns) -> None:
    episodes = returns.by_child("episodes")
    placements = []
    for rows in episodes.values():
        in_year = [row for row in rows if (uk(row["DEC"]) or END) >= START]
        moves = sum(1 for row in in_year[1:] if row["RNE"] in ("P", "T", "U", "B"))
        placements.append(1 + moves)
    three_plus = sum(count >= 3 for count in placements) / len(placements)
    assert 0.05 <= three_plus <= 0.16
    went_missing = len({row["CHILD"] for row in returns.csv["missing"]}) / len(episodes)
    assert 0.05 <= went_missing <= 0.18
    foster = sum(rows[-1]["PLACE"].startswith("U") for rows in episodes.values()) / len(episodes)
    assert 0.55 <= foster <= 0.80
    started = sum(rows[0]["RNE"] == "S" and uk(rows[0]["DECOM"]) >= START for rows in episodes.values())
    assert 0.20 <= started / len(episodes) <= 0.40
    ceased = sum(rows[-1]["DEC"] != "" for rows in episodes.values())
    assert 0.20 <= ceased / len(episodes) <= 0.40
    assert returns.csv["ad1"] and returns.csv["oc2"] and returns.csv["uasc"]
    in_touch = [row["IN_TOUCH"] == "YES" for row in returns.csv["oc3"]]
    assert 0.80 <= sum(in_touch) / len(in_touch) <= 0.97


def test_adoption_timings_are_plausible(tmp_path: Path) -> None:
    """No child enters care on a placement order, waits a decade to be matched, or lives
    for years in an adoptive placement before the adoption: published medians are months."""
    synth.generate(20_000, 3, YEAR, tmp_path)
    read = Returns(tmp_path, {})
    episodes = read.by_child("episodes")
    adoptions = read.csv["ad1"]
    assert len(adoptions) >= 30
    to_match, placed_to_adopted = [], []
    for row in adoptions:
        decided, matched = uk(row["DATE_INT"]), uk(row["DATE_MATCH"])
        assert decided is not None and matched is not None
        to_match.append((matched - decided).days)
        rows = episodes[row["CHILD"]]
        placed = next(uk(e["DECOM"]) for e in rows if e["PLACE"] in ("A5", "A6"))
        adopted = uk(rows[-1]["DEC"])
        assert placed is not None and adopted is not None
        placed_to_adopted.append((adopted - placed).days)
    assert max(to_match) <= 3 * 365 and 90 <= statistics.median(to_match) <= 450
    assert max(placed_to_adopted) <= 2 * 365 and 60 <= statistics.median(placed_to_adopted) <= 450
    for cid, rows in read.by_child("placed_for_adoption").items():
        first = episodes[cid][0]
        if first["RNE"] == "S":
            assert uk(rows[0]["DATE_PLACED"]) != uk(first["DECOM"]) or first["LS"] != "E1", cid

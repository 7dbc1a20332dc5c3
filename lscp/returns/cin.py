"""The CIN census XML return: read safely, validate, minimise, and stage the cin_* tables.

One pass over the file with lxml iterparse, one `Child` at a time; each child is cleared once
read and its finished siblings deleted, so memory stays flat however many children there are.
Only what schema.py keeps is taken: the LAchildID becomes a keyed hash, the birth date its
month; UPN, FormerUPN and UPNunknown are never read. Problems carry the XML line of the
element, the child's pseudonymised key and the element's name. Each episode's dates and lines
go to the DfE rules in cin_rules.py (dates in order, no further action, a conference recorded
twice). See docs/returns.md.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from lscp.returns import codes
from lscp.returns.cin_rules import EpisodeFacts, Module, check
from lscp.returns.minimise import Minimiser
from lscp.returns.problems import ReturnProblem
from lscp.returns.records import Records
from lscp.returns.safety import StagedRows, check_file, iter_xml

# The rows this reader stages, in schema order (StagedRows checks it against schema.py).
CIN_COLUMNS: dict[str, tuple[str, ...]] = {
    "cin_children": ("child", "birth_month", "sex", "ethnicity", "disabled"),
    "cin_episodes": ("child", "episode", "referral_date", "referral_source", "primary_need",
                     "closure_date", "closure_reason", "referral_nfa"),
    "cin_assessments": ("child", "episode", "start_date", "authorisation_date", "factors"),
    "cin_plans": ("child", "episode", "start_date", "end_date"),
    "cin_s47": ("child", "episode", "start_date", "icpc_target", "icpc_date", "icpc_not_required"),
    "cin_cp_plans": ("child", "episode", "start_date", "end_date", "initial_category",
                     "latest_category", "previous_plans"),
    "cin_cp_reviews": ("child", "episode", "plan_start", "review_date"),
}

_WATCHED = ("{*}Child", "{*}Header", "{*}Children", "{*}Message")
_FLUSH_EVERY = 20_000  # children

_IDENTIFIERS = frozenset({
    "LAchildID", "UPN", "FormerUPN", "UPNunknown", "PersonBirthDate", "ExpectedPersonBirthDate",
    "GenderCurrent", "Sex", "PersonDeathDate",
})
# CINdetails parts: -1 a single value, 0.. a repeated group
_SINGLE = -1
_ASSESSMENTS, _PLANS, _S47, _CPP, _PRE_PROCEEDINGS = range(5)
_EPISODE_PARTS = {
    "CINreferralDate": _SINGLE, "ReferralSource": _SINGLE, "PrimaryNeedCode": _SINGLE,
    "CINclosureDate": _SINGLE, "ReasonForClosure": _SINGLE, "DateOfInitialCPC": _SINGLE,
    "ReferralNFA": _SINGLE,
    "Assessments": _ASSESSMENTS, "CINPlanDates": _PLANS, "Section47": _S47,
    "ChildProtectionPlans": _CPP, "PreProceedingsandFGDM": _PRE_PROCEEDINGS,
}
_ASSESSMENT_DATES = frozenset({
    "AssessmentActualStartDate", "AssessmentInternalReviewDate", "AssessmentAuthorisationDate"})
_S47_PARTS = frozenset({"S47ActualStartDate", "InitialCPCtarget", "DateOfInitialCPC", "ICPCnotRequired"})
_CPP_PARTS = frozenset({"CPPstartDate", "CPPendDate", "InitialCategoryOfAbuse", "LatestCategoryOfAbuse",
                        "NumberOfPreviousCPP"})
# 2025-26 pre-proceedings: validated (dates), not stored.
_PP_DATES = frozenset({"PPStartDate", "LBPSentDate", "InitialPPMeetingDate", "StepDecisionDate",
                       "CourtAppDate", "LetterInitCPDate"})
_PP_OTHER = frozenset({"FGDMMeetingOffer", "FGDMMeetingFac", "ReviewMeetingsCount", "PPOutcome"})

_SEX = codes.SEX_STORED
_BOOLEANS = {"true": True, "1": True, "false": False, "0": False}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_UNKNOWN = "is not an element of the CIN census; it was not read"
_STRAY = "has stray text after it ({text!r}); it was not read"


def read_cin(path: Path, minimiser: Minimiser, records: Records, *, year_start: dt.date,
             year_end: dt.date, max_bytes: int = 500_000_000) -> list[ReturnProblem]:
    """Read one CIN census file into `records`; return its problems (errors and warnings).

    `year_start`..`year_end` is the collection year (1 April to 31 March). Raises RefusedFile,
    with nothing stored, for a file that is too big, not XML, unsafe or not well-formed.
    """
    if year_end < year_start:
        raise ValueError("year_end is before year_start")
    check_file(path, "xml", max_bytes)
    staged = StagedRows(records, CIN_COLUMNS)
    reader = _CinReader(path.name, minimiser, year_start, year_end, staged)
    namespaced: bool | None = None
    message_seen = False
    try:
        for element in iter_xml(path, tag=_WATCHED, max_bytes=max_bytes):
            tag = element.tag
            if namespaced is None:
                namespaced = tag[0] == "{"
            if namespaced:
                _strip_namespaces(element)
                tag = element.tag
            if tag == "Child":
                reader.child(element)
                element.clear(keep_tail=True)
                parent = element.getparent()
                if parent is not None:
                    while element.getprevious() is not None:
                        first = parent[0]
                        if first.tag != "Child":
                            reader.outside_child(first, "Child")
                        del parent[0]
                if reader.children % _FLUSH_EVERY == 0:
                    staged.flush()
            elif tag == "Header":
                reader.header(element)
                element.clear(keep_tail=True)
            elif tag == "Children":
                for part in element:
                    if part.tag != "Child":
                        reader.outside_child(part, "Child")
                element.clear(keep_tail=True)
            else:  # Message
                message_seen = True
                for part in element:
                    if part.tag not in ("Header", "Children"):
                        reader.outside_child(part, "Header or Children")
    except BaseException:
        staged.rollback()
        raise
    staged.flush()
    if not message_seen:
        reader.problem(1, "", "Message", "the root element is not <Message>: is this a CIN census file?")
    if reader.children == 0:
        reader.problem(1, "", "Child", "the file has no <Child> elements")
    return reader.problems


def _strip_namespaces(element: Any) -> None:
    for item in element.iter():
        tag = item.tag
        if isinstance(tag, str) and tag[0] == "{":
            item.tag = tag.split("}", 1)[1]


def _text(element: Any) -> str:
    text = element.text
    return text.strip() if text else ""


def _line(element: Any) -> int:
    return 0 if element is None else int(element.sourceline or 0)


def _show(text: str) -> str:
    return repr(text if len(text) <= 30 else text[:30] + "...")


class _CinReader:
    def __init__(self, file: str, minimiser: Minimiser, year_start: dt.date, year_end: dt.date,
                 staged: StagedRows) -> None:
        self.file = file
        self.year_start = year_start
        self.year_end = year_end
        self.problems: list[ReturnProblem] = []
        self.children = 0
        self._hash = minimiser.child
        self._month = minimiser.birth_month
        self._seen: set[str] = set()
        self._dates: dict[str, dt.date] = {}
        rows = staged.rows
        self._children = rows["cin_children"]
        self._episodes = rows["cin_episodes"]
        self._assessments = rows["cin_assessments"]
        self._plans = rows["cin_plans"]
        self._s47 = rows["cin_s47"]
        self._cpp = rows["cin_cp_plans"]
        self._reviews = rows["cin_cp_reviews"]
        self._year_end_text = year_end.isoformat()

    # --- reporting ----------------------------------------------------------------------------

    def problem(self, line: int | None, child: str, field: str, message: str,
                severity: str = "error") -> None:
        self.problems.append(ReturnProblem(self.file, line or 0, child, field, message, severity))

    def warn(self, element: Any, child: str, message: str) -> None:
        self.problem(element.sourceline, child, element.tag, message, "warning")

    def outside_child(self, element: Any, expected: str) -> None:
        self.problem(element.sourceline, "", str(element.tag),
                     f"is not an element of the CIN census (expected {expected}); it was not read",
                     "warning")

    def _stray(self, element: Any, child: str) -> None:
        tail = element.tail
        if tail and not tail.isspace():
            self.warn(element, child, _STRAY.format(text=tail.strip()[:30]))

    # --- values -------------------------------------------------------------------------------

    def date(self, element: Any, child: str, *, future_ok: bool = False) -> dt.date | None:
        if element is None:
            return None
        day = self._dates.get(element.text)
        if day is None:
            day = self._parse_date(element, child)
            if day is None:
                return None
        if day > self.year_end and not future_ok:
            self.problem(element.sourceline, child, element.tag,
                         f"{day.isoformat()} is after the end of the collection year ({self._year_end_text})")
        return day

    def _parse_date(self, element: Any, child: str) -> dt.date | None:
        raw = element.text
        text = raw.strip() if raw else ""
        if not text:
            self.problem(element.sourceline, child, element.tag, "is empty")
            return None
        if not _ISO_DATE.fullmatch(text):
            day = None
        else:
            try:
                day = dt.date.fromisoformat(text)
            except ValueError:
                day = None
        if day is None:
            self.problem(element.sourceline, child, element.tag, f"{_show(text)} is not a date (YYYY-MM-DD)")
            return None
        if len(self._dates) < 200_000:
            self._dates[raw] = day
        return day

    def code(self, element: Any, child: str, allowed: frozenset[str], *, required: bool = False,
             line: int | None = None, field: str = "") -> str | None:
        if element is None:
            if required:
                self.problem(line, child, field, "is missing")
            return None
        value = element.text
        if value in allowed:
            return value
        value = value.strip() if value else ""
        if value in allowed:
            return value
        if not value:
            self.problem(element.sourceline, child, element.tag, "is empty")
        else:
            self.problem(element.sourceline, child, element.tag, f"{_show(value)} is not a valid code")
        return None

    def boolean(self, element: Any, child: str) -> bool | None:
        if element is None:
            return None
        value = _text(element).lower()
        if value in codes.XML_TRUE:
            return True
        if value in codes.XML_FALSE:
            return False
        self.problem(element.sourceline, child, element.tag,
                     f"{_show(_text(element))} is not true or false")
        return None

    def order(self, earlier: dt.date | None, later: dt.date | None, element: Any, child: str,
              message: str) -> None:
        if earlier is not None and later is not None and later < earlier:
            self.problem(element.sourceline, child, element.tag,
                         f"{later.isoformat()} is before {message} ({earlier.isoformat()})")

    def _fields(self, container: Any, child: str, allowed: frozenset[str]) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for item in container:
            tag = item.tag
            if tag not in allowed:
                self.warn(item, child, _UNKNOWN)
            elif tag in found:
                self.warn(item, child, "appears twice; the first was read")
            else:
                found[tag] = item
            tail = item.tail
            if tail and not tail.isspace():
                self._stray(item, child)
        return found

    # --- the header ---------------------------------------------------------------------------

    def header(self, element: Any) -> None:
        reference = element.find("CollectionDetails/ReferenceDate")
        if reference is None:
            return
        day = self.date(reference, "", future_ok=True)
        if day is not None and day != self.year_end:
            self.problem(reference.sourceline, "", "ReferenceDate",
                         f"the return's reference date {day.isoformat()} is not the end of the "
                         f"collection year being loaded ({self._year_end_text})", "warning")

    # --- a child ------------------------------------------------------------------------------

    def child(self, element: Any) -> None:
        self.children += 1
        identifiers = characteristics = None
        episodes = []
        odd: list[tuple[Any, str]] = []  # reported once the child's key is known
        for part in element:
            tag = part.tag
            if tag == "CINdetails":
                episodes.append(part)
            elif tag == "ChildIdentifiers" and identifiers is None:
                identifiers = part
            elif tag == "ChildCharacteristics" and characteristics is None:
                characteristics = part
            elif tag in ("ChildIdentifiers", "ChildCharacteristics"):
                odd.append((part, "appears twice; the first was read"))
            else:
                odd.append((part, _UNKNOWN))
            tail = part.tail
            if tail and not tail.isspace():
                odd.append((part, _STRAY.format(text=tail.strip()[:30])))

        ids: dict[str, Any] = {}
        if identifiers is not None:
            for item in identifiers:
                tag = item.tag
                if tag not in _IDENTIFIERS:
                    odd.append((item, _UNKNOWN))
                elif tag in ids:
                    odd.append((item, "appears twice; the first was read"))
                else:
                    ids[tag] = item
                tail = item.tail
                if tail and not tail.isspace():
                    odd.append((item, _STRAY.format(text=tail.strip()[:30])))

        line = element.sourceline
        raw_id = _text(ids["LAchildID"]) if "LAchildID" in ids else ""
        if not raw_id:
            self.problem(line, "", "LAchildID", "is missing; this child's record was not read")
            return
        key = self._hash(raw_id)
        if key in self._seen:
            self.problem(ids["LAchildID"].sourceline, key, "LAchildID",
                         "appears for a second child in this file; only the first was read")
            return
        self._seen.add(key)
        for item, message in odd:
            self.warn(item, key, message)

        id_line = identifiers.sourceline if identifiers is not None else line
        born_element = ids.get("PersonBirthDate")
        born = None
        if born_element is not None:
            born = self._dates.get(born_element.text)
            if born is None or born > self.year_end:
                born = self.date(born_element, key)
        expected = None
        if "ExpectedPersonBirthDate" in ids:
            expected = self.date(ids["ExpectedPersonBirthDate"], key, future_ok=True)
        if "PersonDeathDate" in ids:
            death = self.date(ids["PersonDeathDate"], key)
            if death is not None and born is not None and death < born:
                self.problem(ids["PersonDeathDate"].sourceline, key, "PersonDeathDate",
                             "is before the child's date of birth")
        if born_element is None and "ExpectedPersonBirthDate" not in ids:
            self.problem(id_line, key, "PersonBirthDate",
                         "is missing (give PersonBirthDate, or ExpectedPersonBirthDate if unborn)")

        sex_element = ids.get("Sex")
        if sex_element is None:
            sex_element = ids.get("GenderCurrent")
        sex = None
        if sex_element is None:
            self.problem(id_line, key, "Sex", "is missing (Sex, or GenderCurrent before 2024-25)")
        else:
            sex = _SEX.get(sex_element.text)
            if sex is None:
                value = _text(sex_element)
                sex = _SEX.get(value)
                if sex is None:
                    self.problem(sex_element.sourceline, key, sex_element.tag,
                                 f"{_show(value)} is not a valid code (M, F, U; or 1, 2, 0, 9)")

        ethnicity = None
        disabled = None
        ethnicity_given = False
        if characteristics is not None:
            for item in characteristics:
                tag = item.tag
                if tag == "Ethnicity":
                    ethnicity_given = True
                    ethnicity = item.text
                    if ethnicity not in codes.ETHNICITY:
                        ethnicity = self.code(item, key, codes.ETHNICITY)
                elif tag == "Disabilities":
                    disabled = self._disabilities(item, key)
                else:
                    self.warn(item, key, _UNKNOWN)
                tail = item.tail
                if tail and not tail.isspace():
                    self._stray(item, key)
        if not ethnicity_given and born is not None:
            self.problem(characteristics.sourceline if characteristics is not None else line, key,
                         "Ethnicity", "is missing")

        birth = born if born is not None else expected
        self._children.append((key, None if birth is None else self._month(birth), sex, ethnicity,
                               disabled))
        if not episodes:
            self.problem(line, key, "CINdetails", "is missing: the child has no episode")
        for number, details in enumerate(episodes, 1):
            self._episode(details, key, number)

    def _disabilities(self, element: Any, key: str) -> bool | None:
        found: list[str] = []
        for item in element:
            if item.tag != "Disability":
                self.warn(item, key, _UNKNOWN)
                continue
            value = item.text
            if value not in codes.DISABILITY:
                value = self.code(item, key, codes.DISABILITY)
                if value is None:
                    continue
            if value in found:
                self.warn(item, key, f"{value} is given twice")
            found.append(value)
        if not found:
            return None
        if "NONE" in found and len(set(found)) > 1:
            self.problem(element.sourceline, key, "Disability",
                         "NONE cannot be given together with other disability codes")
        return any(value != "NONE" for value in found)

    # --- an episode (CINdetails) --------------------------------------------------------------

    def _episode(self, element: Any, key: str, number: int) -> None:
        fields: dict[str, Any] = {}
        groups: tuple[list[Any], ...] | None = None
        for item in element:
            tag = item.tag
            kind = _EPISODE_PARTS.get(tag)
            if kind == _SINGLE:
                if tag in fields:
                    self.warn(item, key, "appears twice; the first was read")
                else:
                    fields[tag] = item
            elif kind is None:
                self.warn(item, key, _UNKNOWN)
            else:
                if groups is None:
                    groups = ([], [], [], [], [])
                groups[kind].append(item)
            tail = item.tail
            if tail and not tail.isspace():
                self._stray(item, key)
        line = element.sourceline
        get = fields.get
        dates = self._dates
        year_end = self.year_end

        # Fast paths: a value already seen and valid is taken as is; anything else goes the
        # slow way, which reports what is wrong.
        referral_element = get("CINreferralDate")
        referral = dates.get(referral_element.text) if referral_element is not None else None
        if referral is None or referral > year_end:
            referral = self.date(referral_element, key)
            if referral_element is None:
                self.problem(line, key, "CINreferralDate", "is missing")
        item = get("ReferralSource")
        source = item.text if item is not None else None
        if source not in codes.REFERRAL_SOURCE:
            source = self.code(item, key, codes.REFERRAL_SOURCE, required=True, line=line,
                               field="ReferralSource")
        nfa_element = get("ReferralNFA")
        nfa = _BOOLEANS.get(nfa_element.text) if nfa_element is not None else None
        if nfa is None:
            nfa = self.boolean(nfa_element, key)
            if nfa_element is None:
                self.problem(line, key, "ReferralNFA", "is missing")
        item = get("PrimaryNeedCode")
        need = item.text if item is not None else None
        if need not in codes.PRIMARY_NEED:
            need = self.code(item, key, codes.PRIMARY_NEED, required=nfa is not True, line=line,
                             field="PrimaryNeedCode")
        closure_element = get("CINclosureDate")
        closure = reason = None
        if closure_element is not None:
            closure = dates.get(closure_element.text)
            if closure is None or closure > year_end:
                closure = self.date(closure_element, key)
        reason_element = get("ReasonForClosure")
        if reason_element is not None:
            reason = reason_element.text
            if reason not in codes.REASON_FOR_CLOSURE:
                reason = self.code(reason_element, key, codes.REASON_FOR_CLOSURE)
            if closure_element is None:
                self.problem(line, key, "CINclosureDate",
                             "is missing for an episode with a reason for closure")
        elif closure_element is not None:
            self.problem(line, key, "ReasonForClosure", "is missing for an episode with a closure date")
        if closure is not None and closure_element is not None and closure < self.year_start:
            self.problem(closure_element.sourceline, key, "CINclosureDate",
                         f"the episode closed on {closure.isoformat()}, before the collection year "
                         f"began ({self.year_start.isoformat()})", "warning")
        icpc = None
        if "DateOfInitialCPC" in fields:
            icpc_element = fields["DateOfInitialCPC"]
            icpc = (self.date(icpc_element, key), icpc_element.sourceline, "DateOfInitialCPC")
        self._episodes.append((key, number, referral, source, need, closure, reason, nfa))
        facts = EpisodeFacts(
            line, referral, nfa, _line(nfa_element) or line,
            (closure, _line(closure_element), "CINclosureDate"), reason,
            _line(reason_element), icpc)
        if groups is not None:
            self._modules(groups, key, number, facts)
        for found in check(facts, self.year_start):
            self.problem(found.line, key, found.field, found.message, found.severity)

    def _modules(self, groups: tuple[list[Any], ...], key: str, number: int,
                 facts: EpisodeFacts) -> None:
        """Read the episode's modules, keeping their dates for the episode's rules."""
        assessments, plans, s47s, cpps, pre_proceedings = groups
        facts.assessments = [self._assessment(item, key, number) for item in assessments]
        for item in plans:
            self._plan(item, key, number)
            facts.plans.append(item.sourceline)
        facts.s47s = [self._section47(item, key, number) for item in s47s]
        facts.cpps = [self._protection_plan(item, key, number) for item in cpps]
        for item in pre_proceedings:
            self._pre_proceedings(item, key)

    def _assessment(self, element: Any, key: str, number: int) -> Module:
        start_element = review_element = authorised_element = None
        factors: list[str] = []
        for item in element:
            tag = item.tag
            if tag == "AssessmentActualStartDate" and start_element is None:
                start_element = item
            elif tag == "AssessmentAuthorisationDate" and authorised_element is None:
                authorised_element = item
            elif tag == "FactorsIdentifiedAtAssessment":
                self._factors(item, key, factors)
            elif tag == "AssessmentInternalReviewDate" and review_element is None:
                review_element = item
            elif tag in _ASSESSMENT_DATES:
                self.warn(item, key, "appears twice; the first was read")
            else:
                self.warn(item, key, _UNKNOWN)
            tail = item.tail
            if tail and not tail.isspace():
                self._stray(item, key)
        dates = self._dates
        year_end = self.year_end
        start = authorised = None
        if start_element is None:
            self.problem(element.sourceline, key, "AssessmentActualStartDate", "is missing")
        else:
            start = dates.get(start_element.text)
            if start is None or start > year_end:
                start = self.date(start_element, key)
        if authorised_element is not None:
            authorised = dates.get(authorised_element.text)
            if authorised is None or authorised > year_end:
                authorised = self.date(authorised_element, key)
        if review_element is not None:
            self.date(review_element, key)
        self._assessments.append((key, number, start, authorised, ",".join(factors) or None))
        return ((start, _line(start_element), "AssessmentActualStartDate"),
                (authorised, _line(authorised_element), "AssessmentAuthorisationDate"),
                element.sourceline)

    def _factors(self, element: Any, key: str, factors: list[str]) -> None:
        for factor in element:
            if factor.tag != "AssessmentFactors":
                self.warn(factor, key, _UNKNOWN)
                continue
            value = factor.text
            if value not in codes.ASSESSMENT_FACTORS:
                value = value.strip() if value else ""
                if not value:
                    continue
                if value not in codes.ASSESSMENT_FACTORS:
                    self.warn(factor, key, f"{_show(value)} is not an assessment factor code this "
                                           "reader knows; it was kept")
            factors.append(value)
        if "21" in factors and len(factors) > 1:
            self.problem(element.sourceline, key, "AssessmentFactors",
                         "21 (no factors identified) cannot be given with other factors")

    def _plan(self, element: Any, key: str, number: int) -> None:
        fields = self._fields(element, key, frozenset({"CINPlanStartDate", "CINPlanEndDate"}))
        start = self.date(fields.get("CINPlanStartDate"), key)
        if "CINPlanStartDate" not in fields:
            self.problem(element.sourceline, key, "CINPlanStartDate", "is missing")
        end_element = fields.get("CINPlanEndDate")
        end = self.date(end_element, key)
        if end is not None:
            self.order(start, end, end_element, key, "the plan's start")
        self._plans.append((key, number, start, end))

    def _section47(self, element: Any, key: str, number: int) -> Module:
        fields = self._fields(element, key, _S47_PARTS)
        start = self.date(fields.get("S47ActualStartDate"), key)
        if "S47ActualStartDate" not in fields:
            self.problem(element.sourceline, key, "S47ActualStartDate", "is missing")
        target = self.date(fields.get("InitialCPCtarget"), key, future_ok=True)
        icpc_element = fields.get("DateOfInitialCPC")
        icpc = self.date(icpc_element, key)
        not_required = self.boolean(fields.get("ICPCnotRequired"), key)
        self._s47.append((key, number, start, target, icpc, not_required))
        return ((start, _line(fields.get("S47ActualStartDate")), "S47ActualStartDate"),
                (icpc, _line(icpc_element), "DateOfInitialCPC"), element.sourceline)

    def _protection_plan(self, element: Any, key: str, number: int) -> Module:
        fields: dict[str, Any] = {}
        reviews: list[Any] = []
        for item in element:
            tag = item.tag
            if tag in _CPP_PARTS:
                fields.setdefault(tag, item)
            elif tag == "Reviews":
                for review in item:
                    if review.tag == "CPPreviewDate":
                        reviews.append(review)
                    else:
                        self.warn(review, key, _UNKNOWN)
            else:
                self.warn(item, key, _UNKNOWN)
            self._stray(item, key)
        line = element.sourceline
        start = self.date(fields.get("CPPstartDate"), key)
        if "CPPstartDate" not in fields:
            self.problem(line, key, "CPPstartDate", "is missing")
        end_element = fields.get("CPPendDate")
        end = self.date(end_element, key)
        initial = self.code(fields.get("InitialCategoryOfAbuse"), key, codes.CATEGORY_OF_ABUSE,
                            required=True, line=line, field="InitialCategoryOfAbuse")
        latest = self.code(fields.get("LatestCategoryOfAbuse"), key, codes.CATEGORY_OF_ABUSE,
                           required=True, line=line, field="LatestCategoryOfAbuse")
        previous = None
        previous_element = fields.get("NumberOfPreviousCPP")
        if previous_element is not None:
            value = _text(previous_element)
            if value.isascii() and value.isdigit():
                previous = int(value)
            else:
                self.problem(previous_element.sourceline, key, "NumberOfPreviousCPP",
                             f"{_show(value)} is not a whole number")
        self._cpp.append((key, number, start, end, initial, latest, previous))
        for review in reviews:
            day = self.date(review, key)
            if day is None:
                continue
            self.order(start, day, review, key, "the plan's start")
            if end is not None and day > end:
                self.problem(review.sourceline, key, "CPPreviewDate",
                             f"{day.isoformat()} is after the plan's end ({end.isoformat()})")
            self._reviews.append((key, number, start, day))
        return ((start, _line(fields.get("CPPstartDate")), "CPPstartDate"),
                (end, _line(end_element), "CPPendDate"), line)

    def _pre_proceedings(self, element: Any, key: str) -> None:
        """2025-26 pre-proceedings and family group decision making: checked, not stored."""
        for item in element:
            tag = item.tag
            if tag in _PP_DATES:
                self.date(item, key)
            elif tag not in _PP_OTHER:
                self.warn(item, key, _UNKNOWN)
            self._stray(item, key)

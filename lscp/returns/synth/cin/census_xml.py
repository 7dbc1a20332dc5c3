"""Writing one `<Child>` of the CIN census XML, elements in DfE schema order.

The XML is built as a list of strings and written once per child; only the disabilities
are drawn here. Every child passes through `write_child`, so the commonest modules are
written inline and only the rarer ones (section 47, protection plan) have helpers.
"""

from __future__ import annotations

from typing import Any

from lscp.returns.synth.chunk import Chunk
from lscp.returns.synth.cin.codes import DISABILITY
from lscp.returns.synth.cin.episode import Episode


def write_child(job: Chunk, cid: str, upn: str | None, dob: int, sex: str, ethnicity: str,
                episodes: list[Episode]) -> None:
    """One `<Child>`: identifiers, characteristics (disabilities drawn here), then its episodes."""
    iso, lo = job.cal.iso, job.cal.lo
    out = ["    <Child>\n      <ChildIdentifiers>\n        <LAchildID>", cid, "</LAchildID>\n"]
    if upn is not None:
        out += ["        <UPN>", upn, "</UPN>\n"]
    else:
        age = (job.E - dob) / 365.25
        out.append("        <UPNunknown>UN1</UPNunknown>\n" if age < 5 else
                   "        <UPNunknown>UN2</UPNunknown>\n")
    out += ["        <PersonBirthDate>", iso[dob - lo], "</PersonBirthDate>\n        <Sex>", sex,
            "</Sex>\n      </ChildIdentifiers>\n      <ChildCharacteristics>\n        <Ethnicity>",
            ethnicity, "</Ethnicity>\n        <Disabilities>\n"]
    r = job.rnd
    if r() < 0.13:
        codes = {job.pick(DISABILITY) for _ in range(1 + (r() < 0.35) + (r() < 0.1))}
        for code in sorted(codes):
            out += ["          <Disability>", code, "</Disability>\n"]
    else:
        out.append("          <Disability>NONE</Disability>\n")
    out.append("        </Disabilities>\n      </ChildCharacteristics>\n")
    for ep in episodes:
        _cin_details(out, ep, iso, lo)
    out.append("    </Child>\n")
    job.xml.write("".join(out))
    job.counts["cin_children"] += 1


def _cin_details(out: list[str], ep: Episode, iso: list[str], lo: int) -> None:
    """One `<CINdetails>` with its assessment, CIN plans, section 47 and protection plan."""
    out += ["      <CINdetails>\n        <CINreferralDate>", iso[ep.referral - lo],
            "</CINreferralDate>\n        <ReferralSource>", ep.source,
            "</ReferralSource>\n        <PrimaryNeedCode>", ep.need, "</PrimaryNeedCode>\n"]
    if ep.close is not None:
        out += ["        <CINclosureDate>", iso[ep.close - lo], "</CINclosureDate>\n",
                "        <ReasonForClosure>", ep.reason or "RC7", "</ReasonForClosure>\n"]
    out.append("        <ReferralNFA>true</ReferralNFA>\n" if ep.nfa else
               "        <ReferralNFA>false</ReferralNFA>\n")
    if ep.assessment is not None:
        out += ["        <Assessments>\n          <AssessmentActualStartDate>",
                iso[ep.assessment - lo], "</AssessmentActualStartDate>\n"]
        if ep.authorised is not None:
            out += ["          <AssessmentAuthorisationDate>", iso[ep.authorised - lo],
                    "</AssessmentAuthorisationDate>\n          <FactorsIdentifiedAtAssessment>\n"]
            for factor in ep.factors or ():
                out += ["            <AssessmentFactors>", factor, "</AssessmentFactors>\n"]
            out.append("          </FactorsIdentifiedAtAssessment>\n")
        out.append("        </Assessments>\n")
    for start, end in ep.plans:
        out += ["        <CINPlanDates>\n          <CINPlanStartDate>", iso[start - lo],  # type: ignore[operator]
                "</CINPlanStartDate>\n"]
        if end is not None:
            out += ["          <CINPlanEndDate>", iso[end - lo], "</CINPlanEndDate>\n"]
        out.append("        </CINPlanDates>\n")
    if ep.s47 is not None:
        _section_47(out, ep.s47, iso, lo)
    if ep.cpp is not None:
        _protection_plan(out, ep.cpp, iso, lo)
    out.append("      </CINdetails>\n")


def _section_47(out: list[str], s47: list[Any], iso: list[str], lo: int) -> None:
    start, target, icpc, not_required = s47
    out += ["        <Section47>\n          <S47ActualStartDate>", iso[start - lo],
            "</S47ActualStartDate>\n          <InitialCPCtarget>", iso[target - lo],
            "</InitialCPCtarget>\n"]
    if icpc is not None:
        out += ["          <DateOfInitialCPC>", iso[icpc - lo], "</DateOfInitialCPC>\n"]
    out += ["          <ICPCnotRequired>", "true" if not_required else "false",
            "</ICPCnotRequired>\n        </Section47>\n"]


def _protection_plan(out: list[str], cpp: list[Any], iso: list[str], lo: int) -> None:
    start, end, initial, latest, previous, reviews = cpp
    out += ["        <ChildProtectionPlans>\n          <CPPstartDate>", iso[start - lo],
            "</CPPstartDate>\n"]
    if end is not None:
        out += ["          <CPPendDate>", iso[end - lo], "</CPPendDate>\n"]
    out += ["          <InitialCategoryOfAbuse>", initial, "</InitialCategoryOfAbuse>\n",
            "          <LatestCategoryOfAbuse>", latest, "</LatestCategoryOfAbuse>\n",
            "          <NumberOfPreviousCPP>", str(previous), "</NumberOfPreviousCPP>\n"]
    if reviews:
        out.append("          <Reviews>\n")
        for review in reviews:
            out += ["            <CPPreviewDate>", iso[review - lo], "</CPPreviewDate>\n"]
        out.append("          </Reviews>\n")
    out.append("        </ChildProtectionPlans>\n")

"""The partnership's own words: drafted, submitted, returned with a reason, approved; only
approved text reaches the report, and the checklist counts the rest as missing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from lscp.contributions import services
from lscp.contributions.expectations import contributions_due
from lscp.contributions.models import Contribution, StatementKind
from lscp.notices.models import Kind, Notice
from lscp.partnership import workflow
from lscp.partnership.locking import StaleEdit
from lscp.partnership.models import Role
from lscp.reports.documents.yearly import build_yearly_report
from lscp.reports.statutory import coverage
from tests import factories as f

pytestmark = pytest.mark.django_db
FEEDBACK = "How children's and families' feedback shaped the work"
IMPACT = "Evidence of the impact of the partners' work"


@pytest.fixture
def world() -> dict[str, Any]:
    p = f.PartnershipFactory()
    police = f.AgencyFactory(partnership=p, code="police", name="Synthetic Police")
    health = f.AgencyFactory(partnership=p, code="health", name="Synthetic Health")
    return {"p": p, "year": f.ReportingYearFactory(partnership=p), "police": police,
            "health": health, "manager": f.member(p), "chair": f.member(p, Role.CHAIR),
            "officer": f.member(p, Role.AGENCY_CONTRIBUTOR, police)}


def _section(document: Any, section_id: str) -> Any:
    return next(s for s in document.sections if s.id == section_id)


def _words(section: Any) -> str:
    from lscp.reports.sections.glossary import texts

    return " ".join(texts(section))


def test_a_foreword_reaches_the_report_only_once_the_chair_approves_it(world) -> None:  # type: ignore[no-untyped-def]
    year, manager, chair = world["year"], world["manager"], world["chair"]
    statement = services.statement_save(year=year, kind=StatementKind.FOREWORD,
                                        text="A year like *no other*.", by=manager,
                                        seen_version=0, submit=True)
    assert statement.status == workflow.Status.SUBMITTED
    foreword = _section(build_yearly_report(world["p"], year), "foreword")
    assert [b.text for b in foreword.blocks] == [
        "The chair's foreword for 2020-21 has not been approved yet."]

    services.decide(record=statement, action="return", by=chair, reason="Thank the schools")
    statement.refresh_from_db()
    assert (statement.status, statement.return_reason) == ("returned", "Thank the schools")
    with pytest.raises(workflow.WorkflowError):
        services.decide(record=statement, action="return", by=chair, reason="")
    services.statement_save(year=year, kind=StatementKind.FOREWORD,
                            text="A year like *no other*. Thank you, schools.", by=manager,
                            seen_version=statement.version, submit=True)
    statement.refresh_from_db()
    services.decide(record=statement, action="approve", by=chair)

    foreword = _section(build_yearly_report(world["p"], year), "foreword")
    assert [b.text for b in foreword.blocks] == ["A year like no other. Thank you, schools."]
    assert [e.action for e in statement.events.order_by("pk")] == [
        "submitted", "returned", "submitted", "approved"]
    assert statement.events.get(action="returned").note == "Thank the schools"


def test_an_approved_statement_cannot_be_changed_until_reopened(world) -> None:  # type: ignore[no-untyped-def]
    year, chair = world["year"], world["chair"]
    statement = services.statement_save(year=year, kind=StatementKind.KEY_MESSAGES,
                                        text="- One", by=chair, seen_version=0, submit=True)
    services.decide(record=statement, action="approve", by=chair)
    with pytest.raises(workflow.WorkflowError):
        services.statement_save(year=year, kind=StatementKind.KEY_MESSAGES, text="- Two",
                                by=chair, seen_version=statement.version + 1)
    statement.refresh_from_db()
    services.decide(record=statement, action="reopen", by=chair, reason="Add the schools")
    statement.refresh_from_db()
    assert statement.editable and not statement.approved


def test_an_empty_text_cannot_be_submitted(world) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(workflow.WorkflowError, match="write it"):
        services.statement_save(year=world["year"], kind=StatementKind.FOREWORD, text="  ",
                                by=world["manager"], seen_version=0, submit=True)


def test_a_stale_edit_is_refused(world) -> None:  # type: ignore[no-untyped-def]
    services.statement_save(year=world["year"], kind=StatementKind.FOREWORD, text="First",
                            by=world["manager"], seen_version=0)
    with pytest.raises(StaleEdit):
        services.statement_save(year=world["year"], kind=StatementKind.FOREWORD,
                                text="Second, from a form opened before the first save",
                                by=world["chair"], seen_version=0)


def _call(world: Any) -> Any:
    return services.call_open(year=world["year"], deadline=dt.date(2021, 6, 11),
                              agencies=[world["police"], world["health"]],
                              guidance="Half a page", by=world["manager"],
                              today=dt.date(2021, 5, 4))


def test_a_call_asks_each_agency_and_tells_its_contributors(world, committing) -> None:  # type: ignore[no-untyped-def]
    call = committing(_call, world)
    assert sorted(c.agency.code for c in call.contributions.all()) == ["health", "police"]
    told = Notice.objects.get(kind=Kind.CONTRIBUTION_REQUESTED, recipient=world["officer"])
    assert "11 June 2021" in told.body and "Synthetic Police" in told.body
    # Health has no contributor signed up: the business unit is told instead.
    assert Notice.objects.filter(kind=Kind.CONTRIBUTION_REQUESTED,
                                 recipient=world["manager"]).count() == 1
    owed = list(contributions_due(world["p"], dt.date(2021, 6, 14)))
    assert {(e.agency.code, e.state, e.overdue) for e in owed} == {
        ("police", "not started", True), ("health", "not started", True)}


def test_a_contribution_is_written_returned_with_a_reason_and_accepted(world, committing) -> None:  # type: ignore[no-untyped-def]
    call = _call(world)
    police = call.contributions.get(agency=world["police"])
    services.contribution_save(contribution=police, achievements="- Operation *Aegis*",
                               challenges="Capacity", impact="", by=world["officer"],
                               seen_version=police.version, submit=True)
    police.refresh_from_db()
    assert police.status == "submitted"
    committing(services.decide, record=police, action="return", by=world["manager"],
               reason="Add the evidence of impact")
    police.refresh_from_db()
    assert police.return_reason == "Add the evidence of impact"
    returned = Notice.objects.get(kind=Kind.CONTRIBUTION_RETURNED, recipient=world["officer"])
    assert "Add the evidence" not in returned.body  # the reason is read in the app
    owed = {e.agency.code: e for e in contributions_due(world["p"], dt.date(2021, 6, 1))}
    assert (owed["police"].state, owed["police"].note) == ("returned",
                                                           "Add the evidence of impact")

    partners = _section(build_yearly_report(world["p"], world["year"]), "partners")
    assert partners.subsections == []
    assert "Synthetic Police (returned)" in _words(partners)

    services.contribution_save(contribution=police, achievements="- Operation *Aegis*",
                               challenges="Capacity", impact="More children seen",
                               by=world["officer"], seen_version=police.version, submit=True)
    police.refresh_from_db()
    services.decide(record=police, action="approve", by=world["manager"])
    document = build_yearly_report(world["p"], world["year"])
    partners = _section(document, "partners")
    (agency,) = partners.subsections
    assert agency.title == "Synthetic Police"
    assert [(s.title, s.blocks[0]) for s in agency.subsections][0][0] == "Achievements"
    assert "Operation Aegis" in _words(agency) and "More children seen" in _words(agency)
    assert "Synthetic Health (draft)" in _words(partners)
    public = _section(build_yearly_report(world["p"], world["year"], public=True), "partners")
    assert "Synthetic Health" not in _words(public)
    met = {r.text: r.met for r in coverage(document)}
    assert met[IMPACT]
    assert not any(e.agency.code == "police" for e in contributions_due(world["p"],
                                                                       dt.date(2021, 7, 1)))


def test_a_submitted_contribution_cannot_be_edited(world) -> None:  # type: ignore[no-untyped-def]
    police = _call(world).contributions.get(agency=world["police"])
    services.contribution_save(contribution=police, achievements="Done", challenges="",
                               impact="", by=world["officer"], seen_version=0, submit=True)
    police.refresh_from_db()
    with pytest.raises(workflow.WorkflowError):
        services.contribution_save(contribution=police, achievements="Changed",
                                   challenges="", impact="", by=world["officer"],
                                   seen_version=police.version)


def test_a_changed_call_asks_more_agencies_and_keeps_those_asked(world) -> None:  # type: ignore[no-untyped-def]
    call = services.call_open(year=world["year"], deadline=dt.date(2021, 6, 11),
                              agencies=[world["police"]], guidance="", by=world["manager"],
                              today=dt.date(2021, 5, 4))
    services.call_change(call=call, deadline=dt.date(2021, 6, 25), agencies=[world["health"]],
                         guidance="More", by=world["manager"], seen_version=call.version)
    assert Contribution.objects.filter(call=call).count() == 2
    call.refresh_from_db()
    assert call.deadline == dt.date(2021, 6, 25)


def test_the_childs_voice_covers_the_feedback_item_and_case_stories_need_approval(world) -> None:  # type: ignore[no-untyped-def]
    year = world["year"]
    document = build_yearly_report(world["p"], year)
    assert not {r.text: r.met for r in coverage(document)}[FEEDBACK]
    services.voice_add(year=year, kind="participation", by=world["manager"],
                       title="Youth council", who="Members of the youth council", children=12,
                       said="Buses stop too early", changed="Later buses to the youth club")
    story = services.case_story_add(year=year, agency=world["police"], title="J's story",
                                    story="J was missing.", changed="J is home.",
                                    by=world["officer"])
    document = build_yearly_report(world["p"], year)
    assert {r.text: r.met for r in coverage(document)}[FEEDBACK]
    voice = _words(_section(document, "childs-voice"))
    assert "12 children and young people" in voice and "Later buses" in voice
    assert "J is home" not in _words(_section(document, "case-stories"))
    services.case_story_save(story=story, title=story.title, story_text=story.story,
                             changed=story.changed, by=world["officer"],
                             seen_version=story.version, submit=True)
    story.refresh_from_db()
    services.decide(record=story, action="approve", by=world["manager"])
    stories = _section(build_yearly_report(world["p"], year), "case-stories")
    assert "What changed for the child: J is home." in _words(stories)
    assert "Told by Synthetic Police." in _words(stories)

"""The pages reached by a secret link, without an account: an education setting's audit (one
link per setting, reminders to those not finished) and the anonymous practitioner survey
(results per agency, no names stored); and the schools' view for the education lead."""

from __future__ import annotations

import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import models
from django.test import Client

from lscp.partnership.models import Partnership
from lscp.selfassessment import survey_results
from lscp.selfassessment.models import (
    Assessment,
    EducationSetting,
    SettingLink,
    SurveyLink,
    SurveyReply,
    SurveyScore,
)
from tests.test_selfassessment_workflow import BASE, contributor_of, open_cycle

pytestmark = pytest.mark.django_db


@pytest.fixture
def settings_cycle(manager: Client, demo: Partnership):  # type: ignore[no-untyped-def]
    made = [EducationSetting.objects.create(partnership=demo, code=code, name=name,
                                            phase=phase, contact_email=email)
            for code, name, phase, email in [
                ("oak-primary", "Oak Primary School", "primary", "dsl@oak.example"),
                ("elm-secondary", "Elm Secondary School", "secondary", "dsl@elm.example"),
                ("ash-nursery", "Ash Nursery", "early_years", "")]]
    cycle = open_cycle(manager, demo, framework="schools-s175", agencies=(),
                       title="Schools' safeguarding audit 2021",
                       settings=[s.pk for s in made],
                       lead_agency=demo.agencies.get(code="lbb-education").pk)
    return cycle


def link_of(cycle, code: str) -> str:  # type: ignore[no-untyped-def]
    return SettingLink.objects.get(assessment__cycle=cycle,
                                   assessment__setting__code=code).token


def fill(client: Client, cycle, token: str, rating: str = "green", **extra: str):  # type: ignore[no-untyped-def]
    assessment = Assessment.objects.get(link__token=token)
    data = {}
    for answer in assessment.answers.all():
        data[f"rating_{answer.pk}"] = rating
        data[f"narrative_{answer.pk}"] = "In place."
        data[f"evidence_{answer.pk}"] = "Policy"
        data[f"version_{answer.pk}"] = answer.version
    return client.post(f"{BASE}link/{token}/", {**data, **extra})


def test_a_setting_answers_through_its_own_link_without_an_account(  # type: ignore[no-untyped-def]
        settings_cycle, demo) -> None:
    anyone = Client()
    token = link_of(settings_cycle, "oak-primary")
    page = anyone.get(f"{BASE}link/{token}/")
    assert page.status_code == 200 and "Oak Primary School" in page.content.decode()
    assert "Designated safeguarding lead" in page.content.decode()
    assert anyone.get(f"{BASE}link/not-a-real-token/").status_code == 404
    assert fill(anyone, settings_cycle, token, save="").status_code == 302
    assessment = Assessment.objects.get(link__token=token)
    assert assessment.status == "in_progress"
    assert fill(anyone, settings_cycle, token, submit="").status_code == 302
    assessment.refresh_from_db()
    assert assessment.submitted
    closed = anyone.get(f"{BASE}link/{token}/").content.decode()
    assert "Submitted on" in closed and "<form" not in closed.split("main-content", 1)[1]
    # A submitted audit takes no more answers through the link.
    fill(anyone, settings_cycle, token, rating="red", save="")
    assert {a.rating for a in assessment.answers.all()} == {"green"}


def test_settings_that_have_not_finished_are_reminded_once_a_day(  # type: ignore[no-untyped-def]
        manager: Client, settings_cycle, committing) -> None:
    fill(Client(), settings_cycle, link_of(settings_cycle, "elm-secondary"), submit="")
    response = committing(manager.post, f"{BASE}{settings_cycle.code}/remind/")
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["dsl@oak.example"]]  # Elm finished; Ash: no address
    assert link_of(settings_cycle, "oak-primary") in mail.outbox[0].body
    page = manager.get(response["Location"]).content.decode()
    assert "1 reminder(s) emailed; 1 setting(s) have no contact address" in page
    committing(manager.post, f"{BASE}{settings_cycle.code}/remind/")
    assert len(mail.outbox) == 1  # not twice on one day
    out = io.StringIO()
    committing(call_command, "selfassessment", "remind", f"--cycle={settings_cycle.code}",
               "--today=2099-01-01", stdout=out)
    assert "1 reminder(s) emailed" in out.getvalue()


def test_the_education_lead_reads_the_schools_view_and_other_agencies_do_not(  # type: ignore[no-untyped-def]
        settings_cycle, demo, contributor: Client) -> None:
    lead = contributor_of(demo, "lbb-education")
    grid = lead.get(f"{BASE}{settings_cycle.code}/")
    assert grid.status_code == 200 and "Oak Primary School" in grid.content.decode()
    assert str(link_of(settings_cycle, "oak-primary")) not in grid.content.decode()  # BU only
    schools = lead.get(f"{BASE}settings/").content.decode()
    assert "Oak Primary School" in schools and "Schools&#x27; safeguarding audit 2021" in schools
    assert contributor.get(f"{BASE}{settings_cycle.code}/").status_code == 403
    assert "Oak Primary School" not in contributor.get(f"{BASE}settings/").content.decode()


def test_the_business_unit_sees_and_adds_settings(manager: Client, settings_cycle) -> None:  # type: ignore[no-untyped-def]
    grid = manager.get(f"{BASE}{settings_cycle.code}/").content.decode()
    assert link_of(settings_cycle, "oak-primary") in grid
    response = manager.post(f"{BASE}settings/new/", {"name": "Birch Academy",
                                                     "phase": "secondary", "contact_email": ""})
    assert response.status_code == 302
    assert EducationSetting.objects.filter(code="birch-academy").exists()


# The practitioner survey ------------------------------------------------------------------------


@pytest.fixture
def survey_cycle(manager: Client, demo: Partnership):  # type: ignore[no-untyped-def]
    return open_cycle(manager, demo, survey_closes_on="2099-12-31",
                      agencies=("met-police", "lbb-csc"))


def reply(token: str, score: str, standards) -> int:  # type: ignore[no-untyped-def]
    data = {f"s{s.pk}": score for s in standards}
    return Client().post(f"{BASE}survey/{token}/", data).status_code


def test_practitioners_answer_anonymously_and_results_show_per_agency(  # type: ignore[no-untyped-def]
        survey_cycle, board_member: Client, manager: Client) -> None:
    police = SurveyLink.objects.get(survey__cycle=survey_cycle, agency__code="met-police")
    standards = list(survey_cycle.framework.standards.all())
    page = Client().get(f"{BASE}survey/{police.token}/").content.decode()
    assert "Your answers are anonymous" in page and standards[0].statement in page
    assert reply(police.token, "4", standards) == 302
    # Nothing in a reply can name its sender: no user, no address, no time of day.
    fields = {f.name: f for f in SurveyReply._meta.get_fields()}
    assert not [f for f in fields.values() if isinstance(f, models.ForeignKey)
                and f.related_model is not None and f.related_model._meta.label == "auth.User"]
    assert not [f for f in fields.values() if isinstance(f, models.DateTimeField)]
    stored = SurveyReply.objects.get()
    assert (stored.agency.code, stored.number) == ("met-police", 1)
    assert {r.history_user_id for r in stored.history.all()} == {None}  # type: ignore[attr-defined]
    # Fewer than three replies: the agency's answers are not shown, only their count.
    results = board_member.get(f"{BASE}{survey_cycle.code}/survey/").content.decode()
    assert "Not shown: fewer than 3 replies" in results
    for _ in range(2):
        reply(police.token, "2", standards)
    by_agency = {r.name: r for r in survey_results.per_agency(police.survey)}
    shown = by_agency["Metropolitan Police Service – Bromley Borough BCU"]
    assert shown.shown and shown.replies == 3
    assert shown.lines[0].agreeing == "1 of 3 (33%)" and shown.lines[0].rating == "not rated"
    assert not by_agency["London Borough of Bromley, Children's Social Care"].shown
    assert SurveyScore.objects.count() == 3 * len(standards)
    # The links are the business unit's to send; the Board reads the results only.
    assert police.token in manager.get(f"{BASE}{survey_cycle.code}/survey/").content.decode()
    assert police.token not in board_member.get(
        f"{BASE}{survey_cycle.code}/survey/").content.decode()


def test_an_empty_or_late_survey_reply_is_refused(survey_cycle, settings) -> None:  # type: ignore[no-untyped-def]
    police = SurveyLink.objects.get(survey__cycle=survey_cycle, agency__code="met-police")
    response = Client().post(f"{BASE}survey/{police.token}/", {})
    assert response.status_code == 200 and "Answer at least one statement" in response.content.decode()
    settings.LSCP_TODAY = "2100-01-01"
    closed = Client().get(f"{BASE}survey/{police.token}/").content.decode()
    assert "This survey has closed" in closed
    assert SurveyReply.objects.count() == 0


def test_the_survey_is_refused_to_agencies_for_results(survey_cycle, contributor) -> None:  # type: ignore[no-untyped-def]
    assert contributor.get(f"{BASE}{survey_cycle.code}/survey/").status_code == 403

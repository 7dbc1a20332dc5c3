"""Frameworks as data (TOML in lscp/selfassessment/frameworks/), loaded by a command, by the
bundle import and so by the demo; and the self-assessment bundle files: checked whole, every
problem named by file, row and column, nothing imported when one is wrong."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from lscp.demo.setup import DEMO_BUNDLE
from lscp.partnership.bundle.exporter import export_bundle
from lscp.partnership.bundle.importer import import_bundle_folder, load_bundle
from lscp.partnership.models import Partnership
from lscp.selfassessment import catalogue
from lscp.selfassessment.models import Answer, Cycle, EvidenceRequest, Framework, Standard

COVID = ["Health and wellbeing of staff", "Communication", "Service support",
         "Contingency plans"]


def test_the_apps_frameworks_are_read_whole() -> None:
    found = catalogue.read_folder()
    assert set(found) == {"covid-19-preparedness", "section-11", "schools-s175"}
    assert [s.title for s in found["covid-19-preparedness"].standards] == COVID
    assert found["covid-19-preparedness"].cycle_months is None  # a one-off
    assert (found["section-11"].cycle_months, len(found["section-11"].standards)) == (24, 8)
    assert found["schools-s175"].audience == "settings"
    for spec in found.values():
        for standard in spec.standards:
            assert standard.guidance and standard.evidence, (spec.code, standard.code)


def test_a_broken_framework_file_is_refused_naming_file_and_key(tmp_path: Path) -> None:
    (tmp_path / "good.toml").write_text(
        (catalogue.FOLDER / "covid-19-preparedness.toml").read_text(encoding="utf-8"),
        encoding="utf-8")
    (tmp_path / "bad.toml").write_text(
        'code = "bad"\ntitle = "Bad"\nkind = "quiz"\naudience = "agencies"\n'
        '[[standards]]\ncode = "a"\ntitle = ""\nguidance = "g"\nevidence = "not a list"\n',
        encoding="utf-8")
    (tmp_path / "broken.toml").write_text("code = ", encoding="utf-8")
    with pytest.raises(catalogue.CatalogueError) as caught:
        catalogue.read_folder(tmp_path)
    problems = caught.value.problems
    assert "bad.toml: kind: one of section_11, schools, survey" in problems
    assert "bad.toml: standards[1]: title: a text value is required" in problems
    assert "bad.toml: standards[1]: evidence: a list of texts is required" in problems
    assert any(p.startswith("broken.toml: not valid TOML") for p in problems)


@pytest.mark.django_db
def test_the_command_loads_every_framework_once_and_updates_on_request(demo) -> None:  # type: ignore[no-untyped-def]
    out = io.StringIO()
    call_command("selfassessment", "frameworks", "--partnership=bromley", stdout=out)
    assert "3 framework(s)" in out.getvalue()
    assert set(demo.frameworks.values_list("code", flat=True)) == {
        "covid-19-preparedness", "section-11", "schools-s175"}
    rows = Standard.history.count()  # type: ignore[attr-defined]
    call_command("selfassessment", "frameworks", stdout=io.StringIO())
    assert Standard.history.count() == rows  # type: ignore[attr-defined]
    standard = Standard.objects.get(framework__partnership=demo, code="training",
                                    framework__code="section-11")
    standard.title = "Changed here"
    standard.save()
    call_command("selfassessment", "frameworks", stdout=io.StringIO())
    standard.refresh_from_db()
    assert standard.title == "Changed here"  # a partnership's copy is its own...
    call_command("selfassessment", "frameworks", "--update", stdout=io.StringIO())
    standard.refresh_from_db()
    assert standard.title == "Training and development"  # ...until it asks for the files'
    with pytest.raises(CommandError, match="no partnership nowhere"):
        call_command("selfassessment", "frameworks", "--partnership=nowhere")


@pytest.mark.django_db
def test_the_demo_loads_the_covid_survey_from_the_apps_file(demo) -> None:  # type: ignore[no-untyped-def]
    cycle = Cycle.objects.get(partnership=demo, code="covid-19-preparedness-2020")
    assert [s.title for s in cycle.framework.standards.all()] == COVID
    assert cycle.illustrative and not cycle.is_open
    assert cycle.assessments.count() == 12
    assert EvidenceRequest.objects.filter(answer__assessment__cycle=cycle).count() == 4


def _bad(bundle: Path, name: str, old: str, new: str) -> None:
    path = bundle / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.django_db
def test_a_bad_self_assessment_bundle_is_refused_whole_with_every_problem(  # type: ignore[no-untyped-def]
        bundle_copy: Path) -> None:
    _bad(bundle_copy, "self_assessment_answers.csv", ",kch,communication,", ",kch,speed,")
    _bad(bundle_copy, "self_assessments.csv", ",oxleas,", ",no-such-agency,")
    _bad(bundle_copy, "evidence_requests.csv", "2020-08-14", "2020-14-08")
    _, problems = load_bundle(bundle_copy)
    shown = [str(p) for p in problems]
    assert any(s.startswith("self_assessment_answers.csv:31:standard:") for s in shown)
    assert 'self_assessments.csv:12:respondent: unknown respondent "no-such-agency" ' \
           "(not in agencies.csv)" in shown
    assert any(s.startswith("evidence_requests.csv:2:asked_on:") for s in shown)
    result = import_bundle_folder(bundle_copy)
    assert not result.ok and not Partnership.objects.exists() and not Answer.objects.exists()


def test_an_unknown_framework_and_standard_are_named(bundle_copy: Path) -> None:
    _bad(bundle_copy, "self_assessment_answers.csv", ",kch,communication,", ",kch,speed,")
    _, problems = load_bundle(bundle_copy)
    assert [str(p) for p in problems if "speed" in str(p) and ":standard:" in str(p)][0] == (
        'self_assessment_answers.csv:31:standard: unknown standard "speed" of the framework '
        "covid-19-preparedness")
    _bad(bundle_copy, "self_assessment_cycles.csv", ",covid-19-preparedness,", ",covid-20,")
    _, problems = load_bundle(bundle_copy)
    assert ('self_assessment_cycles.csv:2:framework: unknown framework "covid-20" (not in '
            "self_assessment_frameworks.csv nor one of the app's own)") in map(str, problems)


@pytest.mark.django_db
def test_an_export_carries_the_framework_and_imports_the_same(demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    export_bundle(demo, tmp_path)
    assert "Contingency plans" in (tmp_path / "self_assessment_standards.csv").read_text()
    before = sorted(Answer.objects.values_list("assessment__agency__code", "standard__code",
                                               "rating", "evidence_status"))
    again = import_bundle_folder(tmp_path)
    mine = {str(model._meta.verbose_name_plural)
            for model in apps.get_app_config("selfassessment").get_models()}
    assert again.ok and not mine & (set(again.created) | set(again.updated))
    assert {"self-assessment frameworks", "self-assessment standards", "self-assessment cycles",
            "self-assessment answers"} <= set(again.unchanged)
    Partnership.objects.all().delete()
    assert not Framework.objects.exists()
    fresh = import_bundle_folder(tmp_path)
    assert fresh.ok, fresh.problems
    assert sorted(Answer.objects.values_list("assessment__agency__code", "standard__code",
                                             "rating", "evidence_status")) == before


def test_the_demo_bundle_stays_valid() -> None:
    _, problems = load_bundle(DEMO_BUNDLE)
    assert problems == []

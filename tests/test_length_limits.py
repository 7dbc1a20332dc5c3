"""Length limits on free text (issue 8, "Long text": a 100,000-character challenge was accepted).

Every form in lscp is built on text_limits.TextLimits, so each text field has a limit and a
refusal that names it; the spreadsheet upload and the bundle importer ask the same module.
A walk over every form class makes sure a new form cannot forget.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib
import inspect
import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django import forms
from django.contrib import admin
from django.forms.models import modelform_factory
from django.test import Client, RequestFactory
from openpyxl import Workbook

from lscp.assurance.models import Action, ActionStatus, CaseReview, Challenge, Recommendation
from lscp.dataset.models import Indicator, Submission, Value
from lscp.dataset.spreadsheet import FIRST_ROW, HEADER, SHEET, VERSION_CELL, read_upload
from lscp.dataset.submissions import Entry, Slot
from lscp.partnership import text_limits
from lscp.partnership.bundle.importer import import_bundle_folder
from lscp.partnership.models import Meeting, Partnership, Seat
from lscp.partnership.text_limits import LONG_TEXT, TextLimits, limit_of, limited
from tests.factories import IndicatorFactory

LSCP = Path(__file__).resolve().parents[1] / "lscp"
# Every forms.py, and every module a page or the admin uses (which is where forms live).
FORM_MODULES = sorted({f"lscp.{p.parent.name}.forms" for p in LSCP.glob("*/forms.py")}
                      | {"lscp.urls", "lscp.partnership.locked_admin"})


def _subclasses(cls: type) -> Iterator[type]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def lscp_forms() -> list[type[forms.BaseForm]]:
    """Every form class defined in lscp (not TextLimits itself, nor the classes
    modelform_factory makes on the fly), but for those still WAITING."""
    for name in FORM_MODULES:
        importlib.import_module(name)
    found = {c for c in _subclasses(forms.BaseForm) if c.__module__.startswith("lscp.")
             and hasattr(c, "base_fields") and _name(c) not in WAITING}
    return sorted(found, key=_name)


def _name(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


# Forms outside the files this change could touch; each says why it is safe meanwhile. The
# list can only shrink: an entry that is fixed, moved or gone fails the test below.
WAITING: dict[str, str] = {}


def test_every_form_class_in_lscp_is_built_on_text_limits() -> None:
    classes = lscp_forms()
    assert len(classes) >= 8, classes
    missing = [_name(c) for c in classes if not issubclass(c, TextLimits)]
    assert missing == [], f"base these on text_limits.LimitedForm or LimitedModelForm: {missing}"
    waiting = {_name(c) for c in _subclasses(forms.BaseForm) if _name(c) in WAITING
               and not issubclass(c, TextLimits)}
    assert waiting == set(WAITING), "take the fixed or missing forms out of WAITING"


# What each form's constructor needs, taken from the demo; a new argument name needs a line.
ARGS: dict[str, Callable[[Partnership], Any]] = {
    "partnership": lambda p: p,
    "action": lambda p: Action.objects.filter(recommendation__partnership=p).first(),
    "statuses": lambda p: list(ActionStatus.values),
    "meeting": lambda p: Meeting.objects.filter(group__partnership=p).first(),
    "seats": lambda p: list(Seat.objects.filter(group__partnership=p)[:3]),
    "entries": lambda p: [Entry(Slot(Indicator.objects.first(), "2021-22-Q1"))],  # type: ignore[arg-type]
    "previous": lambda p: {},
    "period_end": lambda p: dt.date(2021, 6, 30),
}


def build(cls: type[forms.BaseForm], demo: Partnership) -> forms.BaseForm:
    if issubclass(cls, forms.BaseModelForm) and cls._meta.model is None:  # a base for the admin
        cls = modelform_factory(Challenge, form=cls, fields="__all__")
    params = inspect.signature(cls.__init__).parameters
    needed = sorted({n for base in cls.__mro__ if "__init__" in vars(base)
                     for n, p in inspect.signature(base.__init__).parameters.items()  # type: ignore[misc]
                     if p.kind is p.KEYWORD_ONLY and p.default is p.empty})
    unknown = set(needed) - set(ARGS)
    assert not unknown, f"{cls.__qualname__} needs {unknown}: add how to build them to ARGS"
    kwargs = {name: ARGS[name](demo) for name in needed}
    positional = params.get("data")
    args = ({},) if positional is not None and positional.default is positional.empty else ()
    return cls(*args, **kwargs)


@pytest.mark.django_db
def test_every_text_field_of_every_form_has_a_limit(demo: Partnership) -> None:
    unlimited = []
    for cls in lscp_forms():
        form = build(cls, demo)
        unlimited += [f"{cls.__qualname__}.{name}" for name, field in form.fields.items()
                      if not limited(field)]
    assert unlimited == []


def _admin_forms() -> Iterator[tuple[str, type[forms.BaseForm]]]:
    request = RequestFactory().get("/admin/")
    request.user = type("Superuser", (), {"is_superuser": True, "is_staff": True,
                                          "is_active": True, "has_perm": lambda *a: True})()
    for model, model_admin in admin.site._registry.items():
        if model.__module__.startswith("lscp."):
            yield model.__name__, model_admin.get_form(request)
            for inline in model_admin.get_inline_instances(request):
                yield f"{model.__name__} inline {inline.model.__name__}", inline.get_formset(
                    request).form


@pytest.mark.django_db
def test_every_admin_form_limits_its_text() -> None:
    unlimited = [f"{name}.{field}" for name, form in _admin_forms()
                 for field, f in form.base_fields.items() if isinstance(f, forms.CharField)
                 and not issubclass(form, TextLimits)]
    assert unlimited == []


@pytest.mark.django_db
def test_the_locked_admin_refuses_a_long_challenge_and_names_it(demo: Partnership) -> None:
    form_class = dict(_admin_forms())["Challenge"]
    challenge = demo.challenges.first()
    assert challenge is not None
    form = form_class({"challenge": "x" * 100_000}, instance=challenge)
    assert not form.is_valid()
    assert form.errors["challenge"] == [
        "Challenge must be 10,000 characters or fewer; it is 100,000"]


# What a user sees ------------------------------------------------------------------------------


def test_a_100000_character_challenge_is_refused_and_nothing_saved(  # type: ignore[no-untyped-def]
        chair: Client, demo) -> None:
    before = Challenge.objects.count()
    response = chair.post("/learning/challenges/new/", {
        "raised_by": "Independent Chair", "to_agency": "", "raised_on": "2021-06-01",
        "challenge": "x" * 100_000})
    assert response.status_code == 200
    assert ("The challenge must be 10,000 characters or fewer; it is 100,000"
            in response.content.decode())
    assert Challenge.objects.count() == before
    exactly = chair.post("/learning/challenges/new/", {
        "raised_by": "Independent Chair", "to_agency": "", "raised_on": "2021-06-01",
        "challenge": "x" * LONG_TEXT})
    assert exactly.status_code == 302  # the limit itself is allowed


@pytest.fixture
def action(demo) -> Action:  # type: ignore[no-untyped-def]
    review = CaseReview.objects.create(partnership=demo, code="limits-lr", pseudonym="Child L",
                                       kind="learning_review")
    rec = Recommendation.objects.create(partnership=demo, code="limits-rec", review=review,
                                        text="Share information")
    return Action.objects.create(recommendation=rec, position=1, text="Brief officers",
                                 owner=demo.agencies.get(code="met-police"))


def test_long_evidence_for_an_action_is_refused_with_its_name(  # type: ignore[no-untyped-def]
        contributor: Client, action: Action) -> None:
    response = contributor.post(f"/learning/actions/{action.pk}/edit/", {
        "status": "done", "evidence": "e" * 10_001, "impact": "", "version": action.version})
    page = response.content.decode()
    assert "Evidence of completion must be 10,000 characters or fewer; it is 10,001" in page
    action.refresh_from_db()
    assert action.status == ActionStatus.NOT_STARTED and action.evidence == ""


def test_a_long_challenge_response_is_refused(manager: Client, demo) -> None:  # type: ignore[no-untyped-def]
    challenge = demo.challenges.first()
    response = manager.post(f"/learning/challenges/{challenge.code}/respond/", {
        "response": "r" * 12_345, "outcome": "", "impact": "", "status": "open",
        "closed_on": "", "version": challenge.version})
    assert "Response must be 10,000 characters or fewer; it is 12,345" in response.content.decode()
    assert Challenge.objects.get(pk=challenge.pk).response == challenge.response


def test_a_long_comment_on_a_submission_is_refused(contributor: Client, demo) -> None:  # type: ignore[no-untyped-def]
    demo.years.get_or_create(label="2021-22")
    started = contributor.post("/dataset/submissions/start/", {"period": "2021-22-Q1"})
    submission = Submission.objects.get(pk=int(started["Location"].rstrip("/").split("/")[-1]))
    key = "da-offences.2021-22-Q1.total"
    response = contributor.post(f"/dataset/submissions/{submission.pk}/", {
        "version": submission.version, "action": "save", f"{key}.value": "12",
        f"{key}.comment": "c" * 10_001})
    assert "The comment must be 10,000 characters or fewer; it is 10,001" in response.content.decode()
    assert not Value.objects.filter(submission=submission).exists()


def _sheet(comment: str, slot: Slot) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    sheet[VERSION_CELL] = 1
    for column, name in enumerate(HEADER, start=1):
        sheet.cell(row=FIRST_ROW - 1, column=column, value=name)
    sheet.cell(row=FIRST_ROW, column=1, value=slot.key)
    sheet.cell(row=FIRST_ROW, column=6, value=3)
    sheet.cell(row=FIRST_ROW, column=9, value=comment)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


def test_a_long_comment_in_an_uploaded_spreadsheet_is_refused_by_cell() -> None:
    slot = Slot(IndicatorFactory.build(), "2021-22-Q1")
    upload = _sheet("c" * 10_001, slot)
    found = read_upload(upload, len(upload.getvalue()), [slot])
    assert [str(p) for p in found.problems] == [
        "Submission!I4: The comment must be 10,000 characters or fewer; it is 10,001"]
    fine = _sheet("c" * LONG_TEXT, slot)
    assert read_upload(fine, len(fine.getvalue()), [slot]).problems == []


def _set_cell(path: Path, column: str, value: str, row: int = 0) -> int:
    """Put `value` in `column` of data row `row`; returns its line in the file."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[row][column] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return row + 2


@pytest.mark.django_db
def test_a_bundle_row_with_long_text_is_refused_by_file_row_and_column(bundle_copy: Path) -> None:
    line = _set_cell(bundle_copy / "challenges.csv", "challenge", "x" * 100_000)
    agency = _set_cell(bundle_copy / "agencies.csv", "name", "n" * 201)
    result = import_bundle_folder(bundle_copy)
    assert [str(p) for p in result.problems] == [
        f"agencies.csv:{agency}:name: the text must be 200 characters or fewer; it is 201",
        f"challenges.csv:{line}:challenge: the text must be 10,000 characters or fewer; "
        "it is 100,000"]
    assert not Partnership.objects.exists() and not Challenge.objects.exists()


@pytest.mark.django_db
def test_a_bundle_code_longer_than_its_field_is_refused(bundle_copy: Path) -> None:
    _set_cell(bundle_copy / "risks.csv", "code", "r" * 61)
    problems = [str(p) for p in import_bundle_folder(bundle_copy).problems]
    assert problems == ["risks.csv:2:code: a code must be 60 characters or fewer; it is 61"]


# The one place that decides ----------------------------------------------------------------------


def test_limits_come_from_the_model_then_the_overrides_then_the_default(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert limit_of(Challenge, "raised_by") == 200  # its max_length
    assert limit_of(Challenge, "challenge") == LONG_TEXT
    monkeypatch.setitem(text_limits.OVERRIDES, "assurance.Challenge.challenge", 20_000)
    assert limit_of(Challenge, "challenge") == 20_000
    monkeypatch.setitem(text_limits.OVERRIDES, "assurance.Challenge.raised_by", 20_000)
    assert limit_of(Challenge, "raised_by") == 200  # the database would refuse more

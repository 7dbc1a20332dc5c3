"""What an agency types or uploads into a submission (issue 14, findings 4 and 5).

Input is refused plainly before it can reach the database: only ASCII digits, no more digits
than the field holds, no control characters; a comment-only edit is kept; Enter saves a
draft. An uploaded template is checked for size before it is read, read only so far, carries
the version it was made from, and holds no live formula.
"""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import TemporaryUploadedFile
from django.test import Client
from openpyxl import Workbook, load_workbook

from lscp.dataset.models import Submission, Unit, Value
from lscp.dataset.services import record_value
from lscp.dataset.submissions import Entry, Slot, check
from lscp.partnership.http import stale_message
from lscp.partnership.workflow import WorkflowError
from tests.factories import IndicatorFactory, PartnershipFactory
from tests.test_browser import CHROMIUM, browser, expect, page, sign_in, site  # noqa: F401

Q1 = "2021-22-Q1"
OFFENCES = f"da-offences.{Q1}.total"


def open_submission(client: Client, period: str = Q1) -> Submission:
    response = client.post("/dataset/submissions/start/", {"period": period})
    assert response.status_code == 302
    return Submission.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))


@pytest.fixture
def draft(contributor: Client, demo) -> Submission:  # type: ignore[no-untyped-def]
    demo.years.get_or_create(label="2021-22")
    return open_submission(contributor)


def post(client: Client, submission: Submission, action: str = "save",
         **fields: str) -> object:
    submission.refresh_from_db()
    data = {"version": str(submission.version), "action": action, **fields}
    return client.post(f"/dataset/submissions/{submission.pk}/", data)


def one(unit: str = Unit.COUNT, **typed: str) -> tuple[dict, dict]:  # type: ignore[type-arg]
    indicator = IndicatorFactory.build(unit=unit)
    return check([Entry(Slot(indicator, "2020-21-Q1"), **typed)], {}, complete=False)


# Finding 4: what is typed ----------------------------------------------------------------


@pytest.mark.django_db
def test_a_thirty_digit_count_is_refused_and_the_page_and_template_still_work(
        contributor: Client, draft: Submission) -> None:
    response = post(contributor, draft, **{f"{OFFENCES}.value": "1" + "0" * 29})
    html = response.content.decode()  # type: ignore[attr-defined]
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert "There is a problem" in html and "2,147,483,647" in html
    assert not Value.objects.filter(indicator__code="da-offences", period=Q1).exists()
    assert contributor.get(f"/dataset/submissions/{draft.pk}/").status_code == 200
    assert contributor.get(f"/dataset/submissions/{draft.pk}/template.xlsx").status_code == 200


@pytest.mark.parametrize("typed", ["²", "12²", "١٢", "１２", "٣", "12\x00", "+5", "-0", "1e3"])
def test_only_ascii_digits_make_a_whole_number(typed: str) -> None:
    checked, errors = one(value=typed)
    assert errors, typed
    assert "must be a whole number" in next(iter(errors.values()))


@pytest.mark.parametrize("typed", ["12", " 1,234 ", "0"])
def test_plain_whole_numbers_are_accepted(typed: str) -> None:
    checked, errors = one(value=typed)
    assert errors == {}
    assert next(iter(checked.values())).value == Decimal(typed.strip().replace(",", ""))


@pytest.mark.parametrize("typed", ["1e3", "NaN", "Infinity", "12.3456", "123456789012",
                                   "١٢", "-1", "12\x00"])
def test_days_are_plain_numbers_that_fit_the_field(typed: str) -> None:
    _, errors = one(unit=Unit.DAYS, value=typed)
    assert errors, typed


def test_a_numerator_and_denominator_fit_the_field() -> None:
    _, errors = one(unit=Unit.PERCENTAGE, numerator="3000000000", denominator="3000000001")
    assert set(field for _, field in errors) == {"numerator", "denominator"}


@pytest.mark.parametrize("comment", ["checked\x00", "tab\x0bbed", "esc\x1b[31m", "del\x7f"])
def test_control_characters_in_a_comment_are_refused(comment: str) -> None:
    _, errors = one(value="5", comment=comment)
    assert any(field == "comment" for _, field in errors)


def test_line_breaks_in_a_comment_are_kept() -> None:
    _, errors = one(value="5", comment="Two lines:\r\nboth kept\tand a tab")
    assert errors == {}


@pytest.mark.django_db
def test_a_nul_byte_from_the_web_form_is_refused_and_not_stored(
        contributor: Client, draft: Submission) -> None:
    response = post(contributor, draft, **{f"{OFFENCES}.value": "640",
                                           f"{OFFENCES}.comment": "from\x00the force"})
    assert "There is a problem" in response.content.decode()  # type: ignore[attr-defined]
    assert all("\x00" not in v.comment for v in Value.objects.all())  # (LIKE stops at NUL)


@pytest.mark.django_db
@pytest.mark.parametrize(("unit", "fields"), [
    (Unit.COUNT, {"value": Decimal(10) ** 30}),
    (Unit.COUNT, {"value": Decimal(2_147_483_648)}),
    (Unit.DAYS, {"value": Decimal("123456789012")}),
    (Unit.DAYS, {"value": Decimal("1.2345")}),
    (Unit.PERCENTAGE, {"numerator": 2**31, "denominator": 2**31}),
])
def test_record_value_refuses_what_the_field_cannot_hold(unit: str, fields: dict) -> None:  # type: ignore[type-arg]
    partnership = PartnershipFactory()
    indicator = IndicatorFactory(unit=unit)
    with pytest.raises(WorkflowError):
        record_value(partnership, indicator, "2020-21-Q1", "", **fields)
    assert not Value.objects.filter(indicator=indicator).exists()


@pytest.mark.django_db
def test_record_value_refuses_a_control_character_in_a_comment() -> None:
    indicator = IndicatorFactory()
    with pytest.raises(WorkflowError):
        record_value(PartnershipFactory(), indicator, "2020-21-Q1", "", value=Decimal(4),
                     comment="bad\x00")


@pytest.mark.django_db
def test_a_comment_only_edit_is_saved(contributor: Client, draft: Submission) -> None:
    post(contributor, draft, **{f"{OFFENCES}.value": "640"})
    response = post(contributor, draft, **{f"{OFFENCES}.value": "640",
                                           f"{OFFENCES}.comment": "Checked with the force"})
    assert response.status_code == 302  # type: ignore[attr-defined]
    value = Value.objects.get(indicator__code="da-offences", period=Q1)
    assert value.comment == "Checked with the force"
    assert value.changes.count() == 1  # the figure itself did not change


@pytest.mark.django_db
def test_record_value_keeps_a_comment_only_change() -> None:
    indicator = IndicatorFactory()
    partnership = PartnershipFactory()
    record_value(partnership, indicator, "2020-21-Q1", "", value=Decimal(4))
    _, status = record_value(partnership, indicator, "2020-21-Q1", "", value=Decimal(4),
                             comment="Now explained")
    assert status == "updated"
    assert Value.objects.get(indicator=indicator).comment == "Now explained"


@pytest.mark.django_db
def test_enter_in_a_value_box_saves_a_draft(contributor: Client, draft: Submission) -> None:
    """A browser submits a form on Enter with its first submit button: that must save."""
    html = contributor.get(f"/dataset/submissions/{draft.pk}/").content.decode()
    figures = html.split('<form method="post" novalidate>', 1)[1].split("</form>", 1)[0]
    first = figures.split("<button", 2)[1]
    assert 'type="submit"' in first and 'name="action" value="save"' in first


@pytest.mark.browser
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed")
def test_enter_in_a_value_box_saves_a_draft_in_a_browser(page, site: str) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from lscp.partnership.models import Partnership

    partnership = Partnership.objects.get()
    submission = Submission.objects.create(partnership=partnership, period="2020-21-Q4",
                                           agency=partnership.agencies.get(code="met-police"))
    sign_in(page, site, "police")
    page.goto(f"{site}/dataset/submissions/{submission.pk}/")
    box = page.locator("#da-offences\\.2020-21-Q4\\.total\\.value")
    box.fill("700")
    box.press("Enter")
    expect(page.get_by_text("Draft saved")).to_be_visible()
    expect(page.get_by_test_id("submission-status")).to_have_text("Draft")
    assert Value.objects.get(indicator__code="da-offences", period="2020-21-Q4").value == 700


# Finding 5: uploads ----------------------------------------------------------------------


def upload(client: Client, submission: Submission, data: bytes):  # type: ignore[no-untyped-def]
    return client.post(f"/dataset/submissions/{submission.pk}/upload/",
                       {"file": io.BytesIO(data)}, format="multipart")


def template_book(client: Client, submission: Submission):  # type: ignore[no-untyped-def]
    data = client.get(f"/dataset/submissions/{submission.pk}/template.xlsx").content
    return load_workbook(io.BytesIO(data))


def rows_by_key(sheet) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return {sheet.cell(row=r, column=1).value: r for r in range(4, sheet.max_row + 1)}


def saved(book) -> bytes:  # type: ignore[no-untyped-def]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.django_db
def test_a_stale_template_is_refused_and_the_newer_form_save_kept(
        contributor: Client, draft: Submission) -> None:
    book = template_book(contributor, draft)
    post(contributor, draft, **{f"{OFFENCES}.value": "640"})  # saved after the download
    sheet = book["Submission"]
    sheet.cell(row=rows_by_key(sheet)[OFFENCES], column=6, value=999)
    response = upload(contributor, draft, saved(book))
    assert response.status_code == 400
    assert stale_message("submission") in response.content.decode()
    assert Value.objects.get(indicator__code="da-offences", period=Q1).value == 640

    fresh = template_book(contributor, draft)
    sheet = fresh["Submission"]
    sheet.cell(row=rows_by_key(sheet)[OFFENCES], column=6, value=700)
    assert upload(contributor, draft, saved(fresh)).status_code == 302
    assert Value.objects.get(indicator__code="da-offences", period=Q1).value == 700


@pytest.mark.django_db
def test_every_template_cell_is_neutralised_and_reads_back_unchanged(
        contributor: Client, draft: Submission) -> None:
    formula = '=HYPERLINK("http://example.org/x","Click")'
    post(contributor, draft, **{f"{OFFENCES}.value": "640", f"{OFFENCES}.comment": formula})
    book = template_book(contributor, draft)
    sheet = book["Submission"]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    comment = sheet.cell(row=rows_by_key(sheet)[OFFENCES], column=9).value
    assert comment == "'" + formula
    assert upload(contributor, draft, saved(book)).status_code == 302
    assert Value.objects.get(indicator__code="da-offences", period=Q1).comment == formula


@pytest.mark.django_db
def test_the_size_is_checked_before_the_file_is_read(contributor: Client, draft: Submission,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    def never(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("the upload was read before its size was checked")

    big = b"PK" + b"\0" * (5 * 1024 * 1024)
    monkeypatch.setattr(TemporaryUploadedFile, "read", property(lambda self: never),
                        raising=False)
    monkeypatch.setattr(TemporaryUploadedFile, "chunks", never)
    response = upload(contributor, draft, big)
    assert response.status_code == 400
    assert "over 5 MB" in response.content.decode()


@pytest.mark.django_db
def test_a_long_sheet_is_read_only_so_far_and_its_problems_are_capped(
        contributor: Client, draft: Submission) -> None:
    from lscp.dataset import spreadsheet

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Submission")
    sheet.append(["title"])
    sheet.append(["help"])
    sheet.append(spreadsheet.HEADER)
    for n in range(spreadsheet.MAX_ROWS + 2000):
        sheet.append([f"not-a-key-{n}", "x", Q1, "", "number", n])
    response = upload(contributor, draft, saved(book))
    html = response.content.decode()
    assert response.status_code == 400
    assert f"more than {spreadsheet.MAX_ROWS:,} rows" in html
    listed = html.count("is not a figure this submission asks for")
    assert listed == spreadsheet.MAX_PROBLEMS - 1  # after the one about the rows
    assert "more problems" in html
    assert len(html) < 100_000


@pytest.mark.django_db
def test_a_workbook_that_unpacks_too_big_is_refused_unread(contributor: Client,
                                                             draft: Submission) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Submission")
    for _ in range(400):  # 12 MB of XML that compresses to a few KB
        sheet.append(["x" * 32_000])
    response = upload(contributor, draft, saved(book))
    assert response.status_code == 400
    assert "too big once unpacked" in response.content.decode()

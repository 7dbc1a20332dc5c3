"""Attachments (issue 9 § 5): type and size checked by content, kept privately under a random
name, served only to members of the record's partnership, withdrawn softly, and carried by
`lscp backup` / `lscp restore`."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from pypdf import PdfWriter

from lscp.assurance.models import Action
from lscp.attachments import files
from lscp.attachments.models import Attachment
from lscp.audit.models import Event
from lscp.partnership import models as m
from lscp.partnership.backup.archive import BackupError, write_backup
from lscp.partnership.backup.restore import restore_backup
from tests import factories as f


def pdf_bytes(pages: int = 1) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def upload(name: str, body: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, body)


@pytest.fixture
def police_action(demo: m.Partnership) -> Action:
    police = demo.agencies.get(code="met-police")
    return f.ActionFactory(recommendation__partnership=demo, owner=police)


@pytest.fixture
def health_action(demo: m.Partnership) -> Action:
    other = demo.agencies.exclude(code="met-police").first()
    return f.ActionFactory(recommendation__partnership=demo, owner=other)


def attach(client: Client, field: str, pk: int, name: str, body: bytes):  # type: ignore[no-untyped-def]
    return client.post(f"/attachments/{field}/{pk}/new/", {"file": upload(name, body)})


# Who may attach ----------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "own", "other"), [
    ("manager", 302, 302), ("contributor", 302, 403), ("chair", 403, 403),
    ("board_member", 403, 403)])
def test_who_may_attach_evidence_to_an_action(role: str, own: int, other: int, request,  # type: ignore[no-untyped-def]
                                               police_action: Action,
                                               health_action: Action) -> None:
    client: Client = request.getfixturevalue(role)
    assert client.get(f"/attachments/action/{police_action.pk}/new/").status_code == (
        200 if own == 302 else 403)
    assert attach(client, "action", police_action.pk, "e.pdf", pdf_bytes()).status_code == own
    assert attach(client, "action", health_action.pk, "e.pdf", pdf_bytes()).status_code == other
    expected = (own == 302) + (other == 302)
    assert Attachment.objects.count() == expected


@pytest.mark.django_db
def test_only_the_business_unit_attaches_to_meetings_reviews_audits_and_challenges(
        manager: Client, contributor: Client, demo: m.Partnership) -> None:
    meeting = m.Meeting.objects.get(group__code="board", date="2020-06-10")
    challenge = f.ChallengeFactory(partnership=demo)
    for field, pk in (("meeting", meeting.pk), ("challenge", challenge.pk)):
        assert attach(contributor, field, pk, "p.pdf", pdf_bytes()).status_code == 403
        assert attach(manager, field, pk, "p.pdf", pdf_bytes()).status_code == 302
    assert Attachment.objects.filter(meeting=meeting).count() == 1
    assert Attachment.objects.filter(challenge=challenge).count() == 1
    assert manager.get("/attachments/nonsense/1/new/").status_code == 404


# Happy path, storage and download ------------------------------------------------------------


@pytest.mark.django_db
def test_a_file_is_stored_privately_and_served_only_through_the_checks(
        manager: Client, board_member: Client, police_action: Action, settings) -> None:  # type: ignore[no-untyped-def]
    body = pdf_bytes(2)
    response = attach(manager, "action", police_action.pk, "Evidence of training.pdf", body)
    assert response.status_code == 302 and response["Location"] == (
        f"/learning/actions/{police_action.pk}/")
    attachment = Attachment.objects.get()
    assert (attachment.filename, attachment.kind, attachment.size) == (
        "Evidence of training.pdf", "pdf", len(body))
    stored = Path(settings.LSCP_ATTACHMENT_DIR) / attachment.stored_name
    assert stored.read_bytes() == body
    assert attachment.stored_name != attachment.filename and "Evidence" not in str(stored)
    assert stored.stat().st_mode & 0o077 == 0  # readable by the server's user only

    download = board_member.get(f"/attachments/{attachment.pk}/download/")
    assert download.status_code == 200
    assert download.content == body
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == 'attachment; filename="Evidence of training.pdf"'
    assert "no-store" in download["Cache-Control"]
    event = Event.objects.get(kind="attachment_download")
    assert event.user is not None and event.user.username == "board"
    assert "Evidence of training.pdf" in event.subject
    assert event.get_kind_display() == "Attachment downloaded"  # named in the audit trail


@pytest.mark.django_db
def test_another_partnership_never_sees_the_file(manager: Client, police_action: Action) -> None:
    attach(manager, "action", police_action.pk, "e.pdf", pdf_bytes())
    attachment = Attachment.objects.get()
    other = f.PartnershipFactory()
    outsider = Client()
    outsider.force_login(f.member(other))
    assert outsider.get(f"/attachments/{attachment.pk}/download/").status_code == 404
    assert outsider.get(f"/attachments/action/{police_action.pk}/new/").status_code == 404
    assert outsider.get(f"/attachments/{attachment.pk}/withdraw/").status_code == 404
    assert Client().get(f"/attachments/{attachment.pk}/download/").status_code == 302


@pytest.mark.django_db
def test_the_partial_lists_files_and_offers_upload_where_allowed(
        manager: Client, chair: Client, demo: m.Partnership) -> None:
    attach(manager, "meeting", m.Meeting.objects.get(group__code="board",
                                                     date="2020-06-10").pk,
           "Chair's report.docx", docx_bytes())
    page = manager.get("/groups/board/meetings/2020-06-10/").content.decode()
    assert "Chair&#x27;s report.docx" in page and "Attach file" in page
    page = chair.get("/groups/board/meetings/2020-06-10/").content.decode()
    assert "Chair&#x27;s report.docx" in page
    assert 'name="file"' not in page  # the chair reads; only the business unit attaches here


# Withdrawal --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_withdrawing_keeps_the_row_and_the_reason_and_refuses_a_stale_form(
        contributor: Client, police_action: Action) -> None:
    attach(contributor, "action", police_action.pk, "e.pdf", pdf_bytes())
    attachment = Attachment.objects.get()
    url = f"/attachments/{attachment.pk}/withdraw/"
    assert contributor.get(url).status_code == 200
    empty = contributor.post(url, {"reason": "", "version": 0})
    assert "Enter why the file is withdrawn" in empty.content.decode()
    Attachment.objects.filter(pk=attachment.pk).update(version=1)  # someone else withdrew it
    stale = contributor.post(url, {"reason": "Wrong file", "version": 0})
    assert "Someone else changed this file" in stale.content.decode()
    assert contributor.post(url, {"reason": "Wrong file", "version": 1}).status_code == 302
    attachment.refresh_from_db()
    assert (attachment.withdrawn_reason, attachment.withdrawn_by.username) == (
        "Wrong file", "police")
    assert contributor.get(f"/attachments/{attachment.pk}/download/").status_code == 404
    assert attachment.history.count() == 2


@pytest.mark.django_db
def test_the_chair_cannot_withdraw(chair: Client, manager: Client,
                                   police_action: Action) -> None:
    attach(manager, "action", police_action.pk, "e.pdf", pdf_bytes())
    pk = Attachment.objects.get().pk
    assert chair.get(f"/attachments/{pk}/withdraw/").status_code == 403
    assert chair.post(f"/attachments/{pk}/withdraw/", {"reason": "x", "version": 0}
                      ).status_code == 403


# Hostile uploads ---------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "body", "message"), [
    ("minutes.pdf", b"<html><script>alert(1)</script></html>", "is not a real .pdf file"),
    ("report.docx", b"PK\x03\x04not really a zip", "is not a real .docx file"),
    ("photo.png", pdf_bytes(), "is not a real .png file"),
    ("tool.exe", b"MZ\x90\x00", "The file must be a PDF, Word (.docx), Excel (.xlsx), PNG or"),
    ("empty.pdf", b"", "is empty"),
])
def test_a_file_that_is_not_what_it_says_is_refused(manager: Client, police_action: Action,
                                                    name: str, body: bytes,
                                                    message: str) -> None:
    response = attach(manager, "action", police_action.pk, name, body)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and message in page
    assert Attachment.objects.count() == 0


@pytest.mark.django_db
def test_an_oversized_file_is_refused(manager: Client, police_action: Action, settings) -> None:  # type: ignore[no-untyped-def]
    settings.LSCP_ATTACHMENT_MAX_MB = 1
    big = b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 1)
    page = attach(manager, "action", police_action.pk, "big.pdf", big).content.decode()
    assert "The file must be smaller than 1 MB; big.pdf is 1.0 MB" in page
    assert Attachment.objects.count() == 0
    assert not any(Path(settings.LSCP_ATTACHMENT_DIR).glob("*")) if Path(
        settings.LSCP_ATTACHMENT_DIR).exists() else True


@pytest.mark.django_db
def test_a_path_in_the_name_never_reaches_the_file_system(manager: Client,
                                                          police_action: Action,
                                                          settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    response = attach(manager, "action", police_action.pk, "../../../etc/passwd.pdf",
                      pdf_bytes())
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.filename == "passwd.pdf"
    assert [p.name for p in Path(settings.LSCP_ATTACHMENT_DIR).iterdir()] == [
        attachment.stored_name]
    assert files.clean_name("..\\..\\boot.ini\x00.pdf") == "boot.ini.pdf"
    assert files.clean_name('a"<b>.pdf') == "ab.pdf"
    with pytest.raises(files.Refused):
        files.path_of("../lscp.sqlite3")


def test_content_is_sniffed_not_named() -> None:
    assert files.sniff(pdf_bytes()[:16]) == "pdf"
    assert files.sniff(b"\x89PNG\r\n\x1a\n....") == "png"
    assert files.sniff(b"\xff\xd8\xff\xe0") == "jpeg"
    assert files.sniff(docx_bytes()[:16], io.BytesIO(docx_bytes())) == "docx"
    assert files.sniff(b"<html>") is None


# Backups -----------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_file_comes_back_byte_identical_from_a_backup(manager: Client,
                                                        police_action: Action,
                                                        settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    body = pdf_bytes(3)
    attach(manager, "action", police_action.pk, "evidence.pdf", body)
    attachment = Attachment.objects.get()
    call_command("backup", str(tmp_path / "backup.zip"), stdout=io.StringIO())
    with zipfile.ZipFile(tmp_path / "backup.zip") as archive:
        assert archive.read(f"files/attachments/{attachment.stored_name}") == body

    stored = Path(settings.LSCP_ATTACHMENT_DIR) / attachment.stored_name
    stored.unlink()  # the disk is lost with the database
    call_command("flush", interactive=False, verbosity=0)
    call_command("restore", str(tmp_path / "backup.zip"), stdout=io.StringIO())
    assert stored.read_bytes() == body
    assert [p.name for p in stored.parent.iterdir()] == [attachment.stored_name]  # no staging
    assert manager.get(f"/attachments/{attachment.pk}/download/").status_code == 302  # signed out
    client = Client()
    client.force_login(m.Membership.objects.get(role="business_unit").user)
    assert client.get(f"/attachments/{attachment.pk}/download/").content == body


@pytest.mark.django_db(transaction=True)
def test_a_damaged_file_in_a_backup_is_refused_before_anything_changes(
        manager: Client, police_action: Action, tmp_path: Path) -> None:
    attach(manager, "action", police_action.pk, "evidence.pdf", pdf_bytes())
    attachment = Attachment.objects.get()
    write_backup(tmp_path / "backup.zip")
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(tmp_path / "backup.zip") as source, zipfile.ZipFile(damaged, "w") as out:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("files/"):
                data = data.replace(b"%PDF", b"%XXX")
            out.writestr(item, data)
    with pytest.raises(BackupError, match=f"files/attachments/{attachment.stored_name}"):
        restore_backup(damaged, replace=True)
    assert Attachment.objects.filter(pk=attachment.pk).exists()

"""Notifications: who is told about what, in the app and by email, never twice; the
"Notifications (n)" link, the list, marking read, and how each person chooses to be told."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from lscp.assurance.services import challenge_raise, challenge_respond
from lscp.dataset import submissions
from lscp.notices import services
from lscp.notices.due import clocks_due
from lscp.notices.models import Channel, Kind, Notice, Preference
from lscp.partnership import workflow
from lscp.partnership.models import Role
from tests import factories as f

D = dt.date
pytestmark = pytest.mark.django_db


def _world() -> dict[str, Any]:
    p = f.PartnershipFactory()
    police = f.AgencyFactory(partnership=p, name="Synthetic Police")
    return {
        "p": p, "police": police,
        "officer": f.member(p, Role.AGENCY_CONTRIBUTOR, police, email="officer@example.org"),
        "manager": f.member(p, email="manager@example.org"),
        "chair": f.member(p, Role.CHAIR, email="chair@example.org"),
        "elsewhere": f.member(f.PartnershipFactory(), email="elsewhere@example.org"),
    }


def _returned(w: dict[str, Any]) -> Any:
    submission = f.SubmissionFactory(partnership=w["p"], agency=w["police"],
                                     status=workflow.Status.SUBMITTED)
    submissions.submission_return(submission=submission, by=w["manager"],
                                  reason="Q2 figures are Q1's: the child in case 4411 again")
    return submission


# Events ------------------------------------------------------------------------------------


def test_a_returned_submission_tells_its_agency_once_by_email_and_in_the_app(settings, committing) -> None:
    settings.LSCP_SITE_URL = "https://lscp.example.org"
    w = _world()
    submission = committing(_returned, w)
    [notice] = Notice.objects.all()
    assert (notice.recipient, notice.kind, notice.in_app) == (w["officer"], Kind.SUBMISSION_RETURNED,
                                                              True)
    [sent] = mail.outbox
    assert sent.to == ["officer@example.org"]
    assert sent.subject == "Figures returned: Synthetic Police figures for 2020-21 Q1 (Apr–Jun 2020)"
    assert f"https://lscp.example.org/dataset/submissions/{submission.pk}/" in sent.body
    assert "4411" not in sent.body and "4411" not in notice.body  # the reason stays in the app
    assert notice.emailed_at is not None

    # The same event again tells nobody anything new.
    assert committing(services.notify, kind=Kind.SUBMISSION_RETURNED, record=submission) == []
    assert Notice.objects.count() == 1 and len(mail.outbox) == 1

    # Sent again and returned again: a new event, told again.
    committing(workflow.advance, submission, workflow.SUBMIT, by=w["officer"])
    committing(submissions.submission_return, submission=submission, by=w["manager"],
              reason="Still Q1's")
    assert Notice.objects.count() == 2 and len(mail.outbox) == 2


def test_an_approved_submission_tells_its_agency(committing) -> None:
    w = _world()
    submission = f.SubmissionFactory(partnership=w["p"], agency=w["police"],
                                     status=workflow.Status.SUBMITTED)
    committing(submissions.submission_approve, submission=submission, by=w["manager"])
    assert [(n.recipient, n.kind) for n in Notice.objects.all()] == [
        (w["officer"], Kind.SUBMISSION_APPROVED)]
    assert mail.outbox[0].subject.startswith("Figures approved: Synthetic Police figures")


def test_a_challenge_is_told_to_the_agency_challenged_then_its_answer_to_the_raiser(committing) -> None:
    w = _world()
    challenge = committing(challenge_raise, partnership=w["p"], by=w["chair"], raised_by="Independent Chair",
                                to_agency=w["police"], raised_on=D(2021, 6, 1),
                                challenge="Why are missing-episode interviews late?")
    assert [(n.recipient, n.kind) for n in Notice.objects.all()] == [
        (w["officer"], Kind.CHALLENGE_RAISED)]
    assert "missing-episode" not in mail.outbox[0].body  # the challenge's words stay in the app

    committing(challenge_respond, challenge=challenge, seen_version=0, response="Extra staff from July.",
                      outcome="", impact="", status="open", closed_on=None)
    answered = Notice.objects.filter(kind=Kind.CHALLENGE_ANSWERED)
    assert {n.recipient for n in answered} == {w["chair"], w["manager"]}
    assert "challenge is open" in answered[0].body

    # To the partnership as a whole: the business unit hears; the raiser is not told of
    # what they did themselves.
    committing(challenge_raise, partnership=w["p"], by=w["manager"], raised_by="Business unit",
                    to_agency=None, raised_on=D(2021, 6, 2), challenge="Attendance at Board")
    raised = Notice.objects.filter(kind=Kind.CHALLENGE_RAISED).exclude(recipient=w["officer"])
    assert list(raised) == []
    other = f.member(w["p"], email="second@example.org")
    committing(challenge_raise, partnership=w["p"], by=w["manager"], raised_by="Business unit",
                    to_agency=None, raised_on=D(2021, 6, 3), challenge="Training take-up")
    assert [n.recipient for n in Notice.objects.filter(kind=Kind.CHALLENGE_RAISED)
            .exclude(recipient=w["officer"])] == [other]
    assert not Notice.objects.filter(recipient=w["elsewhere"]).exists()


def test_a_statutory_clock_due_tells_the_business_unit_once_per_due_date() -> None:
    w = _world()
    review = f.CaseReviewFactory(partnership=w["p"], kind="rapid_review", code="rr-7",
                                 pseudonym="Child Q", became_aware=D(2021, 3, 29))
    # Notification due 7 April (overdue on the 8th); the rapid review due 21 April (due soon).
    assert clocks_due(w["p"], D(2021, 4, 16)) == 2
    kinds = sorted(Notice.objects.values_list("kind", "recipient__username"))
    assert kinds == sorted([(Kind.CLOCK_OVERDUE, w["manager"].username),
                            (Kind.CLOCK_DUE_SOON, w["manager"].username)])
    assert all("Child Q" not in m.body and "rr-7" in m.body for m in mail.outbox)
    assert clocks_due(w["p"], D(2021, 4, 19)) == 0  # nothing new
    review.became_aware = D(2021, 3, 30)  # a corrected date is a new deadline
    review.save()
    assert clocks_due(w["p"], D(2021, 4, 19)) == 2


def test_the_sender_tells_each_due_action_and_clock_once(demo, django_user_model) -> None:  # type: ignore[no-untyped-def]
    django_user_model.objects.filter(username__in=["police", "manager"]).update(
        email="someone@example.org")
    out = StringIO()
    call_command("notices", "send", "--today", "2021-06-30", stdout=out)
    made = Notice.objects.count()
    assert made > 0 and len(mail.outbox) == made
    assert "action reminder(s)" in out.getvalue()
    police = Notice.objects.filter(recipient__username="police")
    assert police.exists() and set(police.values_list("kind", flat=True)) <= {
        Kind.ACTION_DUE_SOON, Kind.ACTION_OVERDUE}
    assert not Notice.objects.filter(recipient__username__in=["chair", "board"]).exists()

    call_command("notices", "send", "--today", "2021-06-30", stdout=StringIO())
    call_command("reminders", "send", "--today", "2021-06-30", stdout=StringIO())
    assert Notice.objects.count() == made and len(mail.outbox) == made  # never twice


def test_a_failed_email_waits_for_the_next_run(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    w = _world()

    def down(**_: object) -> None:
        raise OSError("mail server down")

    monkeypatch.setattr(services, "send_mail", down)
    _returned(w)  # the return itself still goes through
    notice = Notice.objects.get()
    assert notice.emailed_at is None and mail.outbox == []
    monkeypatch.undo()
    assert services.send_waiting() == 1
    assert services.send_waiting() == 0
    assert mail.outbox[0].to == ["officer@example.org"]


@pytest.mark.parametrize(("channel", "in_app", "emails"), [
    (Channel.IN_APP, True, 0), (Channel.EMAIL, False, 1), (Channel.BOTH, True, 1)])
def test_each_person_chooses_how_to_be_told(channel: str, in_app: bool, emails: int, committing) -> None:
    w = _world()
    Preference.objects.create(user=w["officer"], channel=channel)
    committing(_returned, w)
    notice = Notice.objects.get()
    assert (notice.in_app, len(mail.outbox)) == (in_app, emails)


def test_email_only_without_an_address_is_told_in_the_app() -> None:
    w = _world()
    w["officer"].email = ""
    w["officer"].save()
    Preference.objects.create(user=w["officer"], channel=Channel.EMAIL)
    _returned(w)
    notice = Notice.objects.get()
    assert (notice.in_app, notice.email_wanted, mail.outbox) == (True, False, [])


# Pages -------------------------------------------------------------------------------------


def _signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_header_counts_unread_notifications_and_the_list_marks_them_read() -> None:
    w = _world()
    submission = _returned(w)
    services.notify(kind=Kind.SUBMISSION_APPROVED, record=submission)
    officer = _signed_in(w["officer"])
    html = officer.get("/").content.decode()
    assert 'href="/notifications/"' in html and "Notifications (2" in html

    page = officer.get("/notifications/").content.decode()
    assert page.count("Mark as read<") == 2 and "Figures returned: Synthetic Police" in page
    first = Notice.objects.filter(recipient=w["officer"]).order_by("pk").first()
    assert first is not None
    response = officer.post("/notifications/read/", {"notice": first.pk})
    assert response.status_code == 302
    assert "Notifications (1" in officer.get("/notifications/").content.decode()
    officer.post("/notifications/read/", {})
    assert "Notifications (0" in officer.get("/").content.decode()
    assert not Notice.objects.filter(read_at__isnull=True).exists()


def test_nobody_reads_or_marks_another_persons_notices() -> None:
    w = _world()
    _returned(w)
    notice = Notice.objects.get()
    manager = _signed_in(w["manager"])
    assert "Figures returned" not in manager.get("/notifications/").content.decode()
    manager.post("/notifications/read/", {"notice": notice.pk})
    notice.refresh_from_db()
    assert notice.read_at is None
    # A person who moved to another partnership no longer sees the old one's notices.
    stranger = _signed_in(w["elsewhere"])
    Notice.objects.filter(pk=notice.pk).update(recipient=w["elsewhere"])
    assert "Figures returned" not in stranger.get("/notifications/").content.decode()


def test_anonymous_visitors_see_no_notifications_link() -> None:
    html = Client().get("/sign-in/").content.decode()
    assert "Notifications (" not in html
    assert Client().get("/notifications/").status_code == 302


def test_the_settings_page_saves_refuses_stale_edits_and_names_the_fix() -> None:
    w = _world()
    officer = _signed_in(w["officer"])
    page = officer.get("/notifications/settings/").content.decode()
    assert "How you are told" in page and 'value="both" checked' in page

    response = officer.post("/notifications/settings/", {"version": 0})
    assert "Select how you want to be told" in response.content.decode()
    assert 'href="#id_channel"' in response.content.decode()

    response = officer.post("/notifications/settings/", {"channel": "in_app", "version": 0})
    assert response.status_code == 302
    assert Preference.objects.get(user=w["officer"]).channel == Channel.IN_APP

    stale = officer.post("/notifications/settings/", {"channel": "email", "version": 0})
    assert "Someone else changed this setting" in stale.content.decode()
    assert Preference.objects.get(user=w["officer"]).channel == Channel.IN_APP
    assert "here only, not by email" in officer.get("/notifications/").content.decode()


def test_a_change_rolled_back_emails_nobody(committing) -> None:  # type: ignore[no-untyped-def]
    """The email waits for the commit: a return that failed after the notice was made
    must not tell the agency its figures came back."""
    from django.db import transaction

    w = _world()

    def returned_then_failed() -> None:
        with transaction.atomic():
            _returned(w)
            raise RuntimeError("something after the return failed")

    with pytest.raises(RuntimeError):
        committing(returned_then_failed)
    assert (Notice.objects.count(), mail.outbox) == (0, [])


def test_reminders_send_is_the_notices_sender_under_its_former_name(demo) -> None:  # type: ignore[no-untyped-def]
    """README's older cron line (`lscp reminders send`) runs the whole daily sender."""
    out = StringIO()
    call_command("reminders", "send", "--today", "2021-06-30", stdout=out)
    assert "action reminder(s)" in out.getvalue() and "clock notice(s)" in out.getvalue()
    assert "waiting email(s) sent" in out.getvalue()
    assert Notice.objects.filter(kind__in=[Kind.ACTION_DUE_SOON, Kind.ACTION_OVERDUE]).exists()

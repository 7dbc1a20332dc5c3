"""Evidence files of an answer, kept by lscp.attachments, and carried into the next cycle.

A carried file is a copy: its bytes are written again under a new random name, so each
answer's files are its own (withdrawing one in the new cycle leaves the old cycle whole).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from lscp.attachments import files
from lscp.attachments.models import Attachment
from lscp.attachments.targets import Target, register
from lscp.partnership import access
from lscp.selfassessment.models import Answer

FIELD = "answer"


def files_of(answer: Answer) -> QuerySet[Attachment]:
    return Attachment.objects.current().filter(answer=answer)


def carry(source: Answer, target: Answer, by: Any, written: list[str]) -> int:
    """Copy `source`'s current files onto `target`; the new stored names are added to
    `written`, so a caller whose transaction fails can remove them. How many were copied."""
    count = 0
    for old in files_of(source):
        try:
            body = files.read(old.stored_name)
        except FileNotFoundError:
            continue  # a file lost from the disk is not carried; the old cycle still lists it
        stored = files.new_stored_name(old.kind)
        files.write(stored, [body])
        written.append(stored)
        Attachment.objects.create(
            partnership=old.partnership, answer=target, filename=old.filename, stored_name=stored,
            kind=old.kind, size=old.size, sha256=old.sha256, uploaded_by=by)
        count += 1
    return count


def _url(answer: Answer) -> str:
    assessment = answer.assessment
    return reverse("selfassessment:assessment", args=[
        assessment.cycle.code, assessment.respondent_code]) + f"#standard-{answer.standard.code}"


def _owner_while_editable(answer: Answer) -> int | None:
    """The agency may attach (and withdraw) its evidence while it may change the answer;
    afterwards only the business unit may (access.can_attach with no owning agency)."""
    return answer.assessment.agency_id if access.answer_open_to_agency(answer) else None


def register_target() -> None:
    register(Target(
        FIELD, "self-assessment answer",
        lambda p: Answer.objects.filter(assessment__cycle__partnership=p).select_related(
            "assessment__cycle", "standard", "assessment__agency", "assessment__setting"),
        _url, agency_id=_owner_while_editable,
        readable=lambda user, answer: access.can_read_assessment(user, answer.assessment)))

"""The upload and withdrawal forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings

from lscp.attachments import files
from lscp.partnership.text_limits import LimitedForm


def hint() -> str:
    return (f"A PDF, Word (.docx), Excel (.xlsx), PNG or JPEG file, smaller than "
            f"{settings.LSCP_ATTACHMENT_MAX_MB} MB")


class AttachmentForm(LimitedForm):
    file = forms.FileField(label="Upload a file", allow_empty_file=True,
                           error_messages={"required": "Choose a file to attach",
                                           "invalid": "Choose a file to attach"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = hint()

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        try:
            files.check(upload.name or "", upload.size or 0, upload.file)
        except files.Refused as exc:
            raise forms.ValidationError(str(exc)) from None
        return upload


class WithdrawForm(LimitedForm):
    reason = forms.CharField(label="Why is it being withdrawn?", widget=forms.Textarea,
                             error_messages={"required": "Enter why the file is withdrawn"})
    version = forms.IntegerField(widget=forms.HiddenInput)

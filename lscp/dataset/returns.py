"""Statutory returns into the dataset: run the pipeline, keep the load for review, and submit
its values as the local authority's, each carrying its provenance.

A load with errors is kept as its validation report and can never be submitted. Files wait
to be read only in a private workspace under LSCP_VAR_DIR (settings.PRIVATE_DIR), never in
the shared temporary folder, and are removed however the load ends.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from lscp.dataset import submissions
from lscp.dataset.models import Indicator, ReturnLoad, Submission
from lscp.dataset.selectors import owning_agencies
from lscp.dataset.services import record_value
from lscp.partnership import workflow
from lscp.partnership.models import Partnership
from lscp.partnership.workflow import WorkflowError
from lscp.returns.pipeline import CIN_MAX_BYTES, LAC_MAX_BYTES, Outcome, Progress, process
from lscp.returns.problems import RefusedFile, report_csv
from lscp.returns.safety import sweep, workspace


class NotSubmittable(WorkflowError):
    """A load that cannot become the local authority's values; the message says why."""


def secret_for(partnership: Partnership) -> bytes:
    return partnership.pseudonym_key.encode("ascii")


def keep(partnership: Partnership, outcome: Outcome, user: Any) -> ReturnLoad:
    results = [{"measure": r.measure, "indicator": r.dataset_indicator, "category": r.category,
                "value": None if r.value is None else str(r.value), "numerator": r.numerator,
                "denominator": r.denominator} for r in outcome.results]
    return ReturnLoad.objects.create(
        partnership=partnership, year=outcome.year,
        loaded_by=user if getattr(user, "is_authenticated", False) else None,
        files=[{"name": f.name, "sha256": f.sha256, "size": f.size} for f in outcome.files],
        rows=outcome.rows, results=results, tables=outcome.tables,
        skipped=[{"measure": s.measure, "title": s.title, "needs": list(s.needs)}
                 for s in outcome.skipped],
        errors=outcome.errors, warnings=len(outcome.problems) - outcome.errors,
        report=report_csv(outcome.problems), provenance=outcome.provenance())


@contextlib.contextmanager
def private_workspace() -> Iterator[Path]:
    """A load's own private folder; first, whatever killed loads left is swept away."""
    root = Path(settings.PRIVATE_DIR)
    sweep(root)
    with workspace(root) as folder:
        yield folder


def load_files(partnership: Partnership, year: str, cin: Path | None, lac: list[Path],
               user: Any = None, progress: Progress | None = None,
               store_path: Any = None, max_bytes: int | None = None) -> ReturnLoad:
    """Read the files where they are. RefusedFile propagates, and then nothing is kept.

    `max_bytes` replaces the size limit of every file (a national CIN census is ~760 MB)."""
    with private_workspace() as folder:
        outcome = process(year, cin, lac, secret_for(partnership), progress=progress,
                          store_path=store_path, work_dir=folder,
                          cin_max_bytes=max_bytes or CIN_MAX_BYTES,
                          lac_max_bytes=max_bytes or LAC_MAX_BYTES)
    return keep(partnership, outcome, user)


def load_uploads(partnership: Partnership, year: str, uploads: Iterable[UploadedFile],
                 user: Any) -> ReturnLoad:
    """Uploaded files are streamed into a private workspace, read there and removed; Django's
    own temporary copies (in settings.FILE_UPLOAD_TEMP_DIR, also private) go once copied."""
    uploads = list(uploads)
    _refuse_clashes([Path(u.name or "upload").name for u in uploads])
    with private_workspace() as folder:
        cin: Path | None = None
        lac: list[Path] = []
        for upload in uploads:
            path = _receive(upload, folder)
            if path.name.lower().endswith(".xml"):
                cin = path
            else:
                lac.append(path)
        outcome = process(year, cin, lac, secret_for(partnership), work_dir=folder)
    return keep(partnership, outcome, user)


def _refuse_clashes(names: list[str]) -> None:
    """Two files of one name would overwrite each other in the workspace, and two CIN census
    files would leave one unread: either way a figure would silently miss rows."""
    seen: set[str] = set()
    for name in names:
        key = name.lstrip(".").lower()
        if key in seen:
            raise RefusedFile(name, "two of the files chosen have this name; rename one (for "
                                    "example episodes-2.csv) or choose each file once")
        seen.add(key)
    census = [n for n in names if n.lower().endswith(".xml")]
    if len(census) > 1:
        raise RefusedFile(census[1], "only one CIN census XML file can be loaded at a time; "
                                     f"{census[0]} was chosen too")


def _receive(upload: UploadedFile, folder: Path) -> Path:
    name = Path(upload.name or "upload").name.lstrip(".") or "upload"
    path = folder / name
    try:
        with open(path, "wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
    finally:
        upload.close()  # a TemporaryUploadedFile deletes its file on close
    return path


def submittable(load: ReturnLoad) -> None:
    """NotSubmittable, in plain words, unless the load's values may be submitted."""
    if load.errors:
        raise NotSubmittable(
            f"this load has {load.errors:,} errors, so it is a validation report, not figures: "
            "download the validation report, fix the files and load them again")
    if load.submission_id:
        raise NotSubmittable(f"this load was already submitted ({load.submission}); load the "
                             "returns again to submit new values")
    if not load.results:
        raise NotSubmittable("this load computed no values to submit")
    if not owning_agencies(load.partnership, "local_authority"):
        raise NotSubmittable("the partnership has no local authority agency to submit for")


@transaction.atomic
def submit_load(load: ReturnLoad, user: Any, illustrative: bool = False) -> Submission:
    """The computed values become the local authority's submission for the year, submitted
    for the business unit's approval, each value carrying where it came from. Measures the
    load did not compute (their return was not in it) keep the values they had."""
    submittable(load)
    partnership = load.partnership
    agency = owning_agencies(partnership, "local_authority")[0]
    submission = submissions.submission_start(partnership=partnership, agency=agency,
                                              period=load.year)
    if not submission.editable_by_agency:
        how = "return it, or approve and reopen it," if submission.status == "submitted" \
            else "reopen it"
        raise WorkflowError(
            f"{agency.name}'s {load.year} submission is {submission.get_status_display().lower()}:"
            f" {how} before submitting new values")
    indicators = {i.code: i for i in Indicator.objects.filter(
        code__in={r["indicator"] for r in load.results if r["indicator"]})}
    for row in load.results:
        indicator = indicators.get(row["indicator"] or "")
        if indicator is None:
            continue
        record_value(
            partnership, indicator, load.year, row["category"],
            value=None if row["value"] is None else Decimal(row["value"]),
            numerator=row["numerator"], denominator=row["denominator"], user=user,
            submission=submission, provenance=load.provenance, illustrative=illustrative,
            note=f"computed from statutory returns (load {load.pk})")
    workflow.advance(submission, workflow.SUBMIT, by=user,
                     note=f"computed from statutory returns: {load.provenance}")
    load.submission = submission
    load.save(update_fields=["submission"])
    return submission

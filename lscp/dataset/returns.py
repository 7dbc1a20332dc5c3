"""Statutory returns into the dataset: run the pipeline, keep the load for review, and submit
its values as the local authority's, each carrying its provenance."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from lscp.dataset import submissions
from lscp.dataset.models import Indicator, ReturnLoad, Submission
from lscp.dataset.selectors import owning_agencies
from lscp.dataset.services import record_value
from lscp.partnership import workflow
from lscp.partnership.models import Partnership
from lscp.partnership.workflow import WorkflowError
from lscp.returns.pipeline import Outcome, Progress, process
from lscp.returns.problems import report_csv


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
        rows=outcome.rows, results=results, errors=outcome.errors,
        warnings=len(outcome.problems) - outcome.errors, report=report_csv(outcome.problems),
        provenance=outcome.provenance())


def load_files(partnership: Partnership, year: str, cin: Path | None, lac: list[Path],
               user: Any = None, progress: Progress | None = None,
               store_path: Any = None) -> ReturnLoad:
    """RefusedFile propagates to the caller, and then nothing is kept."""
    outcome = process(year, cin, lac, secret_for(partnership), progress=progress,
                      store_path=store_path)
    return keep(partnership, outcome, user)


def load_uploads(partnership: Partnership, year: str, uploads: Iterable[UploadedFile],
                 user: Any) -> ReturnLoad:
    """Uploaded files go to a private temporary folder, read there, and are deleted."""
    with tempfile.TemporaryDirectory(prefix="lscp-returns-") as folder:
        cin: Path | None = None
        lac: list[Path] = []
        for upload in uploads:
            name = Path(upload.name or "upload").name
            path = Path(folder) / name
            with open(path, "wb") as handle:
                for chunk in upload.chunks():
                    handle.write(chunk)
            if name.lower().endswith(".xml"):
                cin = path
            else:
                lac.append(path)
        return load_files(partnership, year, cin, lac, user)


@transaction.atomic
def submit_load(load: ReturnLoad, user: Any, illustrative: bool = False) -> Submission:
    """The computed values become the local authority's submission for the year, submitted
    for the business unit's approval, each value carrying where it came from."""
    partnership = load.partnership
    agency = owning_agencies(partnership, "local_authority")[0]
    submission = submissions.submission_start(partnership=partnership, agency=agency,
                                              period=load.year)
    if not submission.editable_by_agency:
        raise WorkflowError(
            f"{agency.name}'s {load.year} submission is {submission.get_status_display().lower()}:"
            " reopen it before submitting new values")
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


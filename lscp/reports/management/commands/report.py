from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from lscp.partnership.commands import pick_partnership
from lscp.partnership.models import Partnership, ReportingYear
from lscp.reports.content import Document
from lscp.reports.documents._periods import context_for
from lscp.reports.documents.briefing import build_briefing
from lscp.reports.documents.summary import build_summary
from lscp.reports.documents.yearly import build_yearly_report
from lscp.reports.registry import DOCUMENTS, build_document, document_spec
from lscp.reports.render import RENDERERS, write_document

# Documents that cover a quarter or a half, each registered in lscp/reports/documents/.
PERIOD_KINDS = sorted(kind for kind, spec in DOCUMENTS.items() if spec.period != "year")


class Command(BaseCommand):
    help = ("Build a document: lscp report yearly --year 2020-21 --format html,pdf,docx "
            "--out DIR; lscp report quarterly --period 2020-21-Q4; lscp report threat "
            "--period 2020-21-H2; lscp report snapshot --portfolio CODE --period 2020-21-Q4")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=["yearly", "briefing", *PERIOD_KINDS])
        parser.add_argument("--year", help='yearly, briefing: reporting year, e.g. "2020-21".')
        parser.add_argument("--period", "--quarter", "--half", dest="period",
                            help='quarterly, snapshot: a quarter, e.g. "2020-21-Q4"; '
                                 'threat: a half, e.g. "2020-21-H2".')
        parser.add_argument("--portfolio", default="",
                            help="snapshot: the code of a saved portfolio.")
        parser.add_argument("--themes", default="",
                            help="snapshot: comma-separated theme codes (instead of, or to "
                                 "narrow, a portfolio's).")
        parser.add_argument("--format", default="html,pdf,docx",
                            help=f"Comma-separated: {', '.join(RENDERERS)}.")
        parser.add_argument("--out", type=Path, default=None,
                            help="Folder to write to (default: var/reports).")
        parser.add_argument("--partnership", help="Slug; needed when there is more than one.")
        parser.add_argument("--public", action="store_true",
                            help="The public edition: small numbers suppressed as [c].")
        parser.add_argument("--edition", choices=["full", "summary"], default="full",
                            help="yearly: summary is the executive summary (4 to 6 pages).")

    def handle(self, *args: object, **options: object) -> None:
        formats = [f.strip() for f in str(options["format"]).split(",") if f.strip()]
        unknown = [f for f in formats if f not in RENDERERS]
        if unknown:
            raise CommandError(f"unknown format {', '.join(unknown)}: use {', '.join(RENDERERS)}")
        partnership = pick_partnership(options["partnership"])
        out = options["out"] or settings.REPORT_OUTPUT_DIR
        assert isinstance(out, Path)
        if str(options["kind"]) in PERIOD_KINDS:
            document = _build_for_period(str(options["kind"]), partnership, options)
            for path in write_document(document, formats, out):
                self.stdout.write(f"Wrote {path}")
            return
        if not options["year"]:
            raise CommandError(f"{options['kind']} needs --year, e.g. --year 2020-21")
        try:
            year = partnership.years.get(label=options["year"])
        except ReportingYear.DoesNotExist:
            raise CommandError(f"{partnership} has no reporting year {options['year']}") from None
        document = _build(str(options["kind"]), str(options["edition"]), partnership, year,
                          public=bool(options["public"]))
        for path in write_document(document, formats, out):
            self.stdout.write(f"Wrote {path}")


def _build_for_period(kind: str, partnership: Partnership,
                      options: dict[str, Any]) -> Document:
    """A document that covers a quarter or a half (documents/quarterly.py, threat.py,
    snapshot.py): internal only, so never a public edition."""
    spec = document_spec(kind)
    if options["public"] and spec.internal:
        raise CommandError(f"the {kind} document is internal only: it has no public edition")
    if not options["period"]:
        example = "2020-21-H2" if spec.period == "half" else "2020-21-Q4"
        raise CommandError(f"{kind} needs --period, e.g. --period {example}")
    themes = tuple(t.strip() for t in str(options["themes"]).split(",") if t.strip())
    extra: dict[str, Any] = {}
    if kind == "snapshot":
        if not options["portfolio"] and not themes:
            raise CommandError("snapshot needs --portfolio CODE or --themes a,b")
        extra = {"portfolio": str(options["portfolio"]), "themes": themes}
    try:
        return build_document(spec, context_for(partnership, spec, str(options["period"]),
                                                **extra))
    except ValueError as exc:
        raise CommandError(str(exc)) from None


def _build(kind: str, edition: str, partnership: Partnership, year: ReportingYear, *,
           public: bool) -> Document:
    """The briefing is a public committee paper: always from the public edition."""
    if kind == "briefing":
        return build_briefing(partnership, year)
    if edition == "summary":
        return build_summary(partnership, year, public=public)
    return build_yearly_report(partnership, year, public=public)

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from lscp.partnership.commands import pick_partnership
from lscp.partnership.models import ReportingYear
from lscp.reports.documents.yearly import build_yearly_report
from lscp.reports.render import RENDERERS, write_document


class Command(BaseCommand):
    help = "Build a document: lscp report yearly --year 2020-21 --format html,pdf,docx --out DIR"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=["yearly"])
        parser.add_argument("--year", required=True, help='Reporting year, e.g. "2020-21".')
        parser.add_argument("--format", default="html,pdf,docx",
                            help=f"Comma-separated: {', '.join(RENDERERS)}.")
        parser.add_argument("--out", type=Path, default=None,
                            help="Folder to write to (default: var/reports).")
        parser.add_argument("--partnership", help="Slug; needed when there is more than one.")
        parser.add_argument("--public", action="store_true",
                            help="The public edition: small numbers suppressed as [c].")

    def handle(self, *args: object, **options: object) -> None:
        formats = [f.strip() for f in str(options["format"]).split(",") if f.strip()]
        unknown = [f for f in formats if f not in RENDERERS]
        if unknown:
            raise CommandError(f"unknown format {', '.join(unknown)}: use {', '.join(RENDERERS)}")
        partnership = pick_partnership(options["partnership"])
        try:
            year = partnership.years.get(label=options["year"])
        except ReportingYear.DoesNotExist:
            raise CommandError(f"{partnership} has no reporting year {options['year']}") from None
        out = options["out"] or settings.REPORT_OUTPUT_DIR
        assert isinstance(out, Path)
        document = build_yearly_report(partnership, year, public=bool(options["public"]))
        for path in write_document(document, formats, out):
            self.stdout.write(f"Wrote {path}")

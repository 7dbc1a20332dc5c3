"""lscp returns synth | load: statutory returns in, indicator values out.

`load` exits non-zero, with a plain message, whenever it adds no figures: a refused file, a
return with errors (kept as its validation report), or a submission it may not change.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lscp.partnership.commands import pick_partnership

SHOWN_PROBLEMS = 10


class Command(BaseCommand):
    help = ("lscp returns synth --children N --seed S --year 2024-25 --out DIR | "
            "lscp returns load --year 2024-25 --cin FILE.xml --903 FILE.csv ... [--submit]")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["synth", "load"])
        parser.add_argument("--year", required=True, help='Collection year, e.g. "2024-25".')
        parser.add_argument("--children", type=int, default=5000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--out", type=Path)
        parser.add_argument("--cin", type=Path, help="The CIN census XML.")
        parser.add_argument("--903", dest="lac", type=Path, nargs="*", default=[],
                            help="SSDA903 CSV tables (any names: read by their header rows).")
        parser.add_argument("--partnership", help="Slug; needed when there is more than one.")
        parser.add_argument("--report", type=Path, help="Write the validation report CSV here.")
        parser.add_argument("--store", type=Path,
                            help="Keep the minimised tables in this DuckDB file for analysis.")
        parser.add_argument("--submit", action="store_true",
                            help="Submit the values as the local authority's for the year.")
        parser.add_argument("--max-mb", type=float, dest="max_mb",
                            help="Refuse any file over this many megabytes (default 500 for "
                                 "the CIN census, 200 for each SSDA903 table; a national "
                                 "census is about 760 MB).")

    def handle(self, *args: object, **options: object) -> None:
        if options["action"] == "synth":
            self._synth(options)
        else:
            self._load(options)

    def _synth(self, options: dict[str, object]) -> None:
        from lscp.returns.synth import generate

        out = options["out"]
        if not isinstance(out, Path):
            raise CommandError("--out DIR is required")
        counts = generate(int(str(options["children"])), int(str(options["seed"])),
                          str(options["year"]), out)
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count}")

    def _load(self, options: dict[str, Any]) -> None:
        from lscp.dataset.returns import submit_load
        from lscp.partnership.workflow import WorkflowError

        load = self._read(options)
        if isinstance(options["report"], Path):
            try:
                options["report"].write_bytes(bytes(load.report))
            except OSError as exc:
                raise CommandError(f"the report could not be written to {options['report']}: "
                                   f"{exc.strerror or exc} (load {load.pk} keeps it)") from None
        self.stdout.write(f"{load.provenance}\n{load.errors} errors, {load.warnings} warnings")
        if load.errors:
            self._refuse_errors(load, options["report"])
        self._show(load)
        if options["submit"]:
            try:
                submission = submit_load(load, None)
            except WorkflowError as exc:
                raise CommandError(f"not submitted: {exc}") from None
            self.stdout.write(f"Submitted as {submission}")

    def _read(self, options: dict[str, Any]) -> Any:
        """The load, kept; a refused file or a year that is not one is a CommandError."""
        from lscp.dataset.returns import load_files
        from lscp.insight.periods import parse_period
        from lscp.returns.problems import FileTooBig, RefusedFile

        partnership = pick_partnership(options["partnership"])
        cin, lac = options["cin"], list(options["lac"] or [])
        if cin is None and not lac:
            raise CommandError("give --cin FILE and/or --903 FILES")
        try:
            if parse_period(options["year"]).kind != "year":
                raise ValueError
        except ValueError:
            raise CommandError(f'--year {options["year"]} is not a collection year like '
                               '"2024-25"') from None
        max_mb = options["max_mb"]
        try:
            return load_files(partnership, options["year"], cin, lac, progress=_progress,
                              store_path=options["store"],
                              max_bytes=None if max_mb is None else int(max_mb * 1_000_000))
        except FileTooBig as exc:
            raise CommandError(f"refused: {exc}: nothing was stored. Raise the limit with "
                               "--max-mb") from None
        except RefusedFile as exc:
            raise CommandError(f"refused: {exc}: nothing was stored") from None

    def _refuse_errors(self, load: Any, report: object) -> None:
        """A return with errors is a validation report: show the first errors, exit non-zero."""
        rows = list(csv.DictReader(io.StringIO(bytes(load.report).decode("utf-8-sig"))))
        for row in [r for r in rows if r["severity"] == "error"][:SHOWN_PROBLEMS]:
            self.stderr.write(f"  {row['file']}:{row['line']} {row['field']}: {row['message']}")
        where = f"the report is in {report}" if isinstance(report, Path) else \
            f"write the report with --report FILE, or download it from Returns (load {load.pk})"
        errors = f"{load.errors:,} error{'' if load.errors == 1 else 's'}"
        raise CommandError(
            f"{errors}: this load is a validation report, not figures, and nothing was added "
            f"to the dataset. Fix the files and load them again; {where}.")

    def _show(self, load: Any) -> None:
        for row in load.results:
            shown = row["value"] if row["value"] is not None else \
                f"{row['numerator']} / {row['denominator']}"
            category = f" [{row['category']}]" if row["category"] else ""
            self.stdout.write(f"  {row['measure']}{category}: {shown}")
        if load.skipped:
            names = ", ".join(s["measure"] for s in load.skipped)
            self.stdout.write(f"Not computed (their tables were not in this load; the values "
                              f"already in the dataset are kept): {names}")


def _progress(stage: str, share: float) -> None:
    bar = "#" * int(share * 30)
    sys.stderr.write(f"\r[{bar:<30}] {stage:<40}")
    if share >= 1:
        sys.stderr.write("\n")

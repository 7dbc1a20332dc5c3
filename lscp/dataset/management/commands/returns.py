"""lscp returns synth | load: statutory returns in, indicator values out."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lscp.partnership.commands import pick_partnership


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

    def _load(self, options: dict[str, object]) -> None:
        from lscp.dataset.returns import load_files, submit_load
        from lscp.returns.problems import RefusedFile

        partnership = pick_partnership(options["partnership"])
        cin = options["cin"] if isinstance(options["cin"], Path) else None
        lac = list(options["lac"]) if isinstance(options["lac"], list) else []
        if cin is None and not lac:
            raise CommandError("give --cin FILE and/or --903 FILES")

        def progress(stage: str, share: float) -> None:
            bar = "#" * int(share * 30)
            sys.stderr.write(f"\r[{bar:<30}] {stage:<30}")
            if share >= 1:
                sys.stderr.write("\n")

        try:
            load = load_files(partnership, str(options["year"]), cin, lac,
                              progress=progress, store_path=options["store"] or None)
        except RefusedFile as exc:
            raise CommandError(f"refused: {exc}: nothing was stored") from None
        report = options["report"]
        if isinstance(report, Path):
            report.write_bytes(bytes(load.report))
        self.stdout.write(f"{load.provenance}\n{load.errors} errors, {load.warnings} warnings")
        for row in load.results:
            shown = row["value"] if row["value"] is not None else \
                f"{row['numerator']} / {row['denominator']}"
            category = f" [{row['category']}]" if row["category"] else ""
            self.stdout.write(f"  {row['measure']}{category}: {shown}")
        if options["submit"]:
            submission = submit_load(load, None)
            self.stdout.write(f"Submitted as {submission}")

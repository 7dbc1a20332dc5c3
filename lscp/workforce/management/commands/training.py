"""lscp training import --source lms --file F --year 2020-21 [--mapping M.toml]
lscp training import --manifest FOLDER/imports.toml

Exits non-zero, listing every problem as file:row:column, whenever nothing was imported.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lscp.partnership.commands import pick_partnership
from lscp.workforce.importer import import_export
from lscp.workforce.manifest import ManifestRefused, import_manifest

SHOWN_PROBLEMS = 50


class Command(BaseCommand):
    help = ("lscp training import --source lms --file EXPORT.csv --year 2020-21 "
            "[--mapping MAPPING.toml] | lscp training import --manifest imports.toml")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["import"])
        parser.add_argument("--source", help="The source whose mapping reads the file, e.g. lms.")
        parser.add_argument("--file", type=Path, help="The export: CSV or Excel (.xlsx).")
        parser.add_argument("--year", help='The year the export covers, e.g. "2020-21".')
        parser.add_argument("--mapping", type=Path,
                            help="Read the file with this mapping (TOML) instead of the "
                                 "source's saved one.")
        parser.add_argument("--manifest", type=Path,
                            help="Import every mapping and export an imports.toml lists.")
        parser.add_argument("--illustrative", action="store_true",
                            help="Mark the rows as made up for a demonstration.")
        parser.add_argument("--partnership", help="Slug; needed when there is more than one.")

    def handle(self, *args: object, **options: object) -> None:
        partnership = pick_partnership(options.get("partnership"))  # type: ignore[arg-type]
        manifest = options.get("manifest")
        if isinstance(manifest, Path):
            try:
                done = import_manifest(partnership, manifest)
            except ManifestRefused as exc:
                self._refuse(exc.problems)
            for line in done:
                self.stdout.write(line)
            return
        path, source, year = options.get("file"), options.get("source"), options.get("year")
        if not (isinstance(path, Path) and source and year):
            raise CommandError("give --source, --file and --year (or --manifest)")
        mapping = options.get("mapping")
        try:
            data = path.read_bytes()
            text = mapping.read_text(encoding="utf-8") if isinstance(mapping, Path) else None
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(str(exc)) from None
        result = import_export(partnership, year=str(year), source=str(source), name=path.name,
                               data=data, mapping=text,
                               illustrative=bool(options.get("illustrative")))
        if not result.ok:
            self._refuse([str(p) for p in result.problems])
        self.stdout.write(f"{path.name}: {result.summary()}")

    def _refuse(self, problems: list[str]) -> None:
        for problem in problems[:SHOWN_PROBLEMS]:
            self.stderr.write(problem)
        if len(problems) > SHOWN_PROBLEMS:
            self.stderr.write(f"... and {len(problems) - SHOWN_PROBLEMS:,} more")
        raise CommandError(f"{len(problems)} problem(s): nothing was imported")

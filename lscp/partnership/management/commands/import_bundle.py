from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lscp.partnership.bundle.importer import import_bundle_folder


class Command(BaseCommand):
    help = "Validate a partnership bundle whole, then import it in one transaction (lscp import)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="The bundle folder.")

    def handle(self, *args: object, **options: object) -> None:
        path = options["path"]
        assert isinstance(path, Path)
        result = import_bundle_folder(path)
        if not result.ok:
            for problem in result.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{len(result.problems)} problem(s) in {path}: nothing was imported")
        self.stdout.write(f"Imported {result.partnership}: {result.summary()}")

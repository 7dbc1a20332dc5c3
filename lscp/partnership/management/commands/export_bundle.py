from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lscp.partnership.bundle.exporter import export_bundle
from lscp.partnership.commands import pick_partnership


class Command(BaseCommand):
    help = "Write a partnership's records as a bundle folder (lscp export)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="The folder to write.")
        parser.add_argument("--partnership", help="Slug; needed when there is more than one.")

    def handle(self, *args: object, **options: object) -> None:
        partnership = pick_partnership(options["partnership"])
        path = options["path"]
        assert isinstance(path, Path)
        if path.exists() and any(path.iterdir()):
            raise CommandError(f"{path} is not empty: export into a new folder")
        export_bundle(partnership, path)
        self.stdout.write(f"Exported {partnership} to {path}")

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lscp.partnership.backup.archive import BackupError
from lscp.partnership.backup.restore import restore_backup


class Command(BaseCommand):
    help = ("Put a backup into this database, all or nothing (lscp restore PATH). The database "
            "must be migrated to the backup's version and be empty, unless --replace.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="The backup file.")
        parser.add_argument("--replace", action="store_true",
                            help="Delete everything in this database first, then restore.")

    def handle(self, *args: object, **options: object) -> None:
        path = options["path"]
        assert isinstance(path, Path)
        try:
            manifest = restore_backup(path, replace=bool(options["replace"]))
        except BackupError as exc:
            raise CommandError(f"{exc}; nothing was restored") from None
        rows = sum(t.rows for t in manifest.tables)
        self.stdout.write(f"Restored {rows:,} rows in {len(manifest.tables)} tables from {path} "
                          f"(made {manifest.created} on {manifest.engine}, LSCP Insight "
                          f"{manifest.app_version}).")

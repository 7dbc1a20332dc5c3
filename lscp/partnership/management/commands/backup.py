from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lscp.partnership.backup.archive import BackupError, write_backup


class Command(BaseCommand):
    help = ("Write the whole database to one file (lscp backup PATH): every table, users' "
            "password hashes and the pseudonym keys included, so the file is made readable "
            "by its owner only (mode 0600).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="The file to write; it must not exist.")
        parser.add_argument("--sessions", action="store_true",
                            help="Keep who is signed in (left out by default: after a "
                                 "restore everyone signs in again).")

    def handle(self, *args: object, **options: object) -> None:
        path = options["path"]
        assert isinstance(path, Path)
        try:
            manifest = write_backup(path, sessions=bool(options["sessions"]))
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        rows = sum(t.rows for t in manifest.tables)
        self.stdout.write(f"Backed up {rows:,} rows in {len(manifest.tables)} tables to {path} "
                          f"(checksum {manifest.checksum[:16]}). It holds password hashes and "
                          "pseudonym keys: keep it where only you can read it.")

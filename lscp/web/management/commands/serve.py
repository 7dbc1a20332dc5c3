"""lscp serve: the production server (gunicorn, production settings, static files by WhiteNoise).

Sync workers, one request at a time each: a worker keeps one database connection, so the
database sees at most --workers of them however busy the site is (decision 0009).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser


def default_workers() -> int:
    return int(os.environ.get("LSCP_WORKERS", 2 * (os.cpu_count() or 1) + 1))


class Command(BaseCommand):
    help = "Run the production server: lscp serve [--bind 127.0.0.1:8000] [--workers N]"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default=os.environ.get("LSCP_BIND", "127.0.0.1:8000"))
        parser.add_argument("--workers", type=int, default=default_workers())
        parser.add_argument("--timeout", type=int, default=120,
                            help="Seconds a request may take (a PDF report takes about 15).")

    def handle(self, *args: object, **options: object) -> None:
        if not getattr(settings, "LSCP_PRODUCTION", False):
            raise CommandError("lscp serve runs the production settings: unset "
                               "DJANGO_SETTINGS_MODULE or set it to lscp.settings.production")
        call_command("collectstatic", interactive=False, verbosity=0)
        gunicorn = Path(sys.executable).with_name("gunicorn")
        argv = [str(gunicorn), "lscp.wsgi:application", "--bind", str(options["bind"]),
                "--workers", str(options["workers"]), "--worker-class", "sync",
                "--timeout", str(options["timeout"]), "--access-logfile", "-",
                "--error-logfile", "-", "--forwarded-allow-ips", "127.0.0.1,::1"]
        self.stderr.write(f"LSCP Insight on http://{options['bind']} "
                          f"({options['workers']} workers)")
        os.execv(argv[0], argv)

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from lscp.demo.setup import (
    DEMO_BUNDLE,
    DEMO_PASSWORD,
    add_returns_year,
    add_training,
    create_demo_users,
)
from lscp.partnership.bundle.importer import import_bundle_folder


class Command(BaseCommand):
    help = "Load the demo partnership (Bromley 2020-21) and its demo logins: lscp demo load"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["load"])
        parser.add_argument("--report", action="store_true",
                            help="Also build the demo yearly report in every format.")

    def handle(self, *args: object, **options: object) -> None:
        if getattr(settings, "LSCP_PRODUCTION", False):
            raise CommandError("the demo has published passwords: it is never loaded under "
                               "production settings")
        result = import_bundle_folder(DEMO_BUNDLE)
        if not result.ok:
            for problem in result.problems:
                self.stderr.write(str(problem))
            raise CommandError("the demo bundle has problems: nothing was imported")
        assert result.partnership is not None
        self.stdout.write(f"Demo partnership {result.partnership}: {result.summary()}")
        users = create_demo_users(result.partnership)
        self.stdout.write(add_training(result.partnership))
        self.stdout.write(add_returns_year(result.partnership))
        if options["report"]:
            for public in (False, True):
                call_command("report", "yearly", year="2020-21", public=public,
                             partnership=result.partnership.slug, stdout=self.stdout)
        self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD})")
        for username, description in users:
            self.stdout.write(f"  {username:<14} {description}")

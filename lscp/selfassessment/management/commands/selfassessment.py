import datetime as dt

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lscp.partnership.http import today
from lscp.partnership.models import Partnership
from lscp.selfassessment import catalogue
from lscp.selfassessment.chasing import chase
from lscp.selfassessment.links import remind_settings
from lscp.selfassessment.services import Refused


class Command(BaseCommand):
    help = ("Self-assessment: `frameworks` loads the app's frameworks (TOML files) into each "
            "partnership (--update brings loaded ones up to date); `chase` tells agencies of "
            "late returns and evidence, once a week each; `remind --cycle CODE` emails the "
            "education settings that have not finished (docs/selfassessment.md).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["frameworks", "chase", "remind"])
        parser.add_argument("--partnership", default=None, help="Its slug; default: all.")
        parser.add_argument("--update", action="store_true")
        parser.add_argument("--cycle", default=None)
        parser.add_argument("--today", type=dt.date.fromisoformat, default=None)

    def handle(self, *args: object, **options: object) -> None:
        day = options["today"] or today()
        assert isinstance(day, dt.date)
        partnerships = Partnership.objects.order_by("slug")
        if options["partnership"]:
            partnerships = partnerships.filter(slug=options["partnership"])
            if not partnerships.exists():
                raise CommandError(f"no partnership {options['partnership']}")
        for partnership in partnerships:
            if options["action"] == "frameworks":
                self._frameworks(partnership, bool(options["update"]))
            elif options["action"] == "chase":
                self.stdout.write(f"{partnership}: {chase(partnership, day)} notice(s)")
            else:
                self._remind(partnership, str(options["cycle"] or ""), day)

    def _frameworks(self, partnership: Partnership, update: bool) -> None:
        try:
            loaded = catalogue.load_all(partnership, update=update)
        except catalogue.CatalogueError as exc:
            raise CommandError("\n".join(exc.problems)) from None
        self.stdout.write(f"{partnership}: {len(loaded)} framework(s): "
                          + ", ".join(f.code for f in loaded))

    def _remind(self, partnership: Partnership, code: str, day: dt.date) -> None:
        cycle = partnership.self_assessment_cycles.filter(code=code).first()
        if cycle is None:
            raise CommandError(f"{partnership} has no cycle {code!r}: give --cycle CODE")
        try:
            sent = remind_settings(cycle=cycle, by=None, today=day)
        except Refused as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"{cycle}: {sent.sent} reminder(s) emailed; "
                          f"{len(sent.no_address)} setting(s) without an address")

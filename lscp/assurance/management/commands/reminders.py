import datetime as dt

from django.core.management.base import BaseCommand, CommandParser

from lscp.assurance.services import send_reminders
from lscp.partnership.http import today
from lscp.partnership.models import Partnership


class Command(BaseCommand):
    help = ("Email owners of due-soon and overdue actions, once per action per state: "
            "lscp reminders send [--today YYYY-MM-DD]. Safe to run daily.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["send"])
        parser.add_argument("--today", type=dt.date.fromisoformat, default=None)

    def handle(self, *args: object, **options: object) -> None:
        day = options["today"] or today()
        assert isinstance(day, dt.date)
        for partnership in Partnership.objects.all():
            sent = send_reminders(partnership, day)
            self.stdout.write(f"{partnership}: {len(sent)} reminder(s) sent for {day}")

import datetime as dt

from django.core.management.base import BaseCommand, CommandParser

from lscp.notices.due import send_due
from lscp.notices.services import send_waiting
from lscp.partnership.http import today
from lscp.partnership.models import Partnership


class Command(BaseCommand):
    help = ("Tell people what is due: actions due soon or overdue, statutory clocks due soon "
            "or overdue, each once; then retry emails that failed. "
            "lscp notices send [--today YYYY-MM-DD]. Safe to run daily (README, Reminders).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["send"])
        parser.add_argument("--today", type=dt.date.fromisoformat, default=None)

    def handle(self, *args: object, **options: object) -> None:
        day = options["today"] or today()
        assert isinstance(day, dt.date)
        for partnership in Partnership.objects.order_by("slug"):
            sent = send_due(partnership, day)
            self.stdout.write(f"{partnership}: {sent.actions} action reminder(s), "
                              f"{sent.clocks} clock notice(s) for {day}")
        self.stdout.write(f"{send_waiting()} waiting email(s) sent")

"""`lscp reminders send`: the name the README gave the daily sender before lscp/notices; the
same command as `lscp notices send`, kept so existing cron lines go on working."""

from lscp.notices.management.commands import notices


class Command(notices.Command):
    help = ("The former name of `lscp notices send` (actions and statutory clocks due or "
            "overdue, each told once): lscp reminders send [--today YYYY-MM-DD].")

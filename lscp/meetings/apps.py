from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "lscp.meetings"
    verbose_name = "Meetings"

    def ready(self) -> None:
        from lscp.meetings.papers import register_papers

        register_papers()

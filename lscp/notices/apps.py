from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "lscp.notices"
    verbose_name = "Notifications"

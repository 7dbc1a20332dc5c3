from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "lscp.reports"

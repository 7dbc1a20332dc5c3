from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "lscp.web"

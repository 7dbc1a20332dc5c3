from django.apps import AppConfig


class PartnershipConfig(AppConfig):
    name = "lscp.partnership"
    verbose_name = "Partnership arrangements"

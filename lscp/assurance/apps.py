from django.apps import AppConfig


class AssuranceConfig(AppConfig):
    name = "lscp.assurance"
    verbose_name = "Learning and improvement"

    def ready(self) -> None:
        from lscp.assurance.bundle import PART
        from lscp.partnership.bundle.registry import register

        register(PART)

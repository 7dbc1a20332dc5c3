from django.apps import AppConfig


class DatasetConfig(AppConfig):
    name = "lscp.dataset"
    verbose_name = "Multi-agency dataset"

    def ready(self) -> None:
        from lscp.dataset.bundle import PART
        from lscp.partnership.bundle.registry import register

        register(PART)

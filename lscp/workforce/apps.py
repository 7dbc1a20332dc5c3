from django.apps import AppConfig


class WorkforceConfig(AppConfig):
    name = "lscp.workforce"
    verbose_name = "Training and workforce"

    def ready(self) -> None:
        from lscp.partnership.bundle.registry import register
        from lscp.partnership.navigation import MenuEntry
        from lscp.partnership.navigation import register as menu
        from lscp.workforce.bundle import PART

        register(PART)
        menu(MenuEntry("Training", "workforce:index", 75))

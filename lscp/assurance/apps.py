from django.apps import AppConfig


class AssuranceConfig(AppConfig):
    name = "lscp.assurance"
    verbose_name = "Learning and improvement"

    def ready(self) -> None:
        from lscp.assurance.bundle import PART
        from lscp.assurance.expectations import actions_due
        from lscp.partnership.bundle.registry import register
        from lscp.partnership.expectations import register as expect
        from lscp.partnership.navigation import MenuEntry
        from lscp.partnership.navigation import register as menu

        register(PART)
        expect("action", actions_due)
        menu(MenuEntry("Learning", "assurance:index", 80))

from django.apps import AppConfig


class IntelligenceConfig(AppConfig):
    name = "lscp.intelligence"
    verbose_name = "Intelligence"

    def ready(self) -> None:
        from lscp.intelligence.bundle import PART
        from lscp.partnership import access
        from lscp.partnership.bundle.registry import register
        from lscp.partnership.navigation import MenuEntry
        from lscp.partnership.navigation import register as menu

        register(PART)
        menu(MenuEntry("Intelligence", "intelligence:index", 85,
                       access.can_read_internal_documents))

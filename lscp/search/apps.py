from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "lscp.search"
    verbose_name = "Site search"

    def ready(self) -> None:
        from lscp.partnership.navigation import MenuEntry
        from lscp.partnership.navigation import register as menu
        from lscp.search.registers import REGISTERS
        from lscp.search.registry import register

        register(*REGISTERS)
        menu(MenuEntry("Search", "search:search", 97))

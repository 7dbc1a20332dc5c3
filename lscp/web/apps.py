from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "lscp.web"

    def ready(self) -> None:
        from lscp.partnership import access
        from lscp.partnership.navigation import MenuEntry, register

        register(MenuEntry("Overview", "web:home", 10),
                 MenuEntry("Admin", "admin:index", 100, access.can_use_admin))

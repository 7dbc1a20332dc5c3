from django.apps import AppConfig


class PartnershipConfig(AppConfig):
    name = "lscp.partnership"
    verbose_name = "Partnership arrangements"

    def ready(self) -> None:
        from lscp.partnership import access, versioning
        from lscp.partnership.navigation import MenuEntry, register

        versioning.connect()  # every record change replaces its data version (decision 0010)

        register(MenuEntry("Groups and meetings", "partnership:groups", 40),
                 MenuEntry("Budget", "partnership:budget", 60, access.can_view_budget),
                 MenuEntry("Priorities", "partnership:priorities", 70),
                 MenuEntry("People", "partnership:people", 93, access.can_manage_people))

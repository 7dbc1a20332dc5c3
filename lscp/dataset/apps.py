from django.apps import AppConfig


class DatasetConfig(AppConfig):
    name = "lscp.dataset"
    verbose_name = "Multi-agency dataset"

    def ready(self) -> None:
        from lscp.dataset.bundle import PART
        from lscp.dataset.expectations import submissions_due
        from lscp.partnership import access
        from lscp.partnership.bundle.registry import register
        from lscp.partnership.expectations import register as expect
        from lscp.partnership.navigation import MenuEntry
        from lscp.partnership.navigation import register as menu

        register(PART)
        expect("submission", submissions_due)
        menu(MenuEntry("Dataset", "dataset:overview", 20),
             MenuEntry("Submissions", "dataset:submissions", 30),
             MenuEntry("Returns", "dataset:returns", 50, access.can_manage))

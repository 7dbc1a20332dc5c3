import logging
from pathlib import Path

from django.apps import AppConfig
from django.conf import settings


class DatasetConfig(AppConfig):
    name = "lscp.dataset"
    verbose_name = "Multi-agency dataset"

    def sweep_private_files(self) -> None:
        """Make the private folder for returns files (mode 0700) and remove what a killed load
        or upload left there: it holds children's personal data. Never stops a start."""
        from lscp.returns.safety import private_folder, sweep

        root = Path(settings.PRIVATE_DIR)
        try:
            private_folder(root)
            private_folder(Path(settings.FILE_UPLOAD_TEMP_DIR))
            sweep(root)
        except OSError as exc:
            logging.getLogger(__name__).warning("could not sweep %s: %s", root, exc)

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
        self.sweep_private_files()

import importlib
import pkgutil

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "lscp.reports"

    def ready(self) -> None:
        """Import every section and document module, so each registers itself and nothing has
        to list them: a new section is a new module (lscp/reports/registry.py)."""
        from lscp.partnership.expectations import register as expect
        from lscp.partnership.navigation import MenuEntry, register
        from lscp.reports import documents, sections
        from lscp.reports.expectations import report_awaiting_approval, report_gaps

        register(MenuEntry("Yearly report", "reports:yearly", 90))
        expect("report", report_awaiting_approval)
        expect("report gap", report_gaps)
        for package in (sections, documents):
            for module in pkgutil.iter_modules(package.__path__, f"{package.__name__}."):
                if not module.name.rpartition(".")[2].startswith("_"):
                    importlib.import_module(module.name)

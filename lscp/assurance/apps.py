from django.apps import AppConfig


class AssuranceConfig(AppConfig):
    name = "lscp.assurance"
    verbose_name = "Learning and improvement"

    def ready(self) -> None:
        from lscp.assurance.bundle import PART
        from lscp.assurance.expectations import (
            actions_due,
            challenges_awaiting_response,
            clocks_due,
            risks_past_review,
        )
        from lscp.partnership.bundle.registry import register
        from lscp.partnership.expectations import register as expect
        from lscp.partnership.navigation import MenuEntry
        from lscp.partnership.navigation import register as menu

        register(PART)
        expect("action", actions_due)
        expect("clock", clocks_due)
        expect("challenge", challenges_awaiting_response)
        expect("risk", risks_past_review)
        menu(MenuEntry("Learning", "assurance:index", 80))

from django.apps import AppConfig


class ContributionsConfig(AppConfig):
    name = "lscp.contributions"
    verbose_name = "The partnership's own words in its yearly report"

    def ready(self) -> None:
        from lscp.contributions.bundle import PART
        from lscp.contributions.expectations import (
            case_stories_due,
            contributions_due,
            statements_awaiting,
        )
        from lscp.contributions.notices import register_events
        from lscp.partnership.bundle.registry import register
        from lscp.partnership.expectations import register as expect
        from lscp.partnership.navigation import MenuEntry
        from lscp.partnership.navigation import register as menu

        register(PART)
        expect("contribution", contributions_due)
        expect("statement", statements_awaiting)
        expect("case story", case_stories_due)
        register_events()
        menu(MenuEntry("Report contributions", "contributions:index", 91))

from django.apps import AppConfig


class SelfAssessmentConfig(AppConfig):
    """Self-assessment is its own app beside workforce (training): a separate capability with
    its own records, pages and bundle files (docs/selfassessment.md)."""

    name = "lscp.selfassessment"
    verbose_name = "Self-assessment"

    def ready(self) -> None:
        from lscp.partnership.bundle.registry import register
        from lscp.partnership.expectations import register as expect
        from lscp.partnership.navigation import MenuEntry
        from lscp.partnership.navigation import register as menu
        from lscp.selfassessment.bundle import PART
        from lscp.selfassessment.evidence import register_target
        from lscp.selfassessment.expectations import KIND, self_assessments_due
        from lscp.selfassessment.notices import register_events

        register(PART)
        expect(KIND, self_assessments_due)
        menu(MenuEntry("Self-assessment", "selfassessment:index", 82))
        register_target()
        register_events()

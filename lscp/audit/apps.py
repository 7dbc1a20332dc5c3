from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "lscp.audit"
    verbose_name = "Audit trail"

    def ready(self) -> None:
        from lscp.audit import receivers
        from lscp.partnership import access
        from lscp.partnership.navigation import MenuEntry, register

        receivers.connect()
        register(MenuEntry("Audit trail", "audit:trail", 95, access.can_read_audit))

from django.apps import AppConfig


class AttachmentsConfig(AppConfig):
    name = "lscp.attachments"
    verbose_name = "Attachments"

    def ready(self) -> None:
        from lscp.attachments.targets import register_built_in

        register_built_in()

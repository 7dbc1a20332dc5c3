"""The `lscp` front door: Django's management commands under one name.

`lscp import PATH`, `lscp export PATH`, `lscp report yearly ...`, `lscp demo load`,
`lscp serve` (the production server, under production settings), and every Django command
(`lscp migrate`, `lscp runserver`, `lscp createsuperuser`).
"""

import os
import sys

from django.core.management import execute_from_command_line

ALIASES = {"import": "import_bundle", "export": "export_bundle"}


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv if argv is None else argv)
    serving = len(args) > 1 and args[1] == "serve"  # the production server, production settings
    os.environ.setdefault("DJANGO_SETTINGS_MODULE",
                          "lscp.settings.production" if serving else "lscp.settings.local")
    if len(args) > 1:
        args[1] = ALIASES.get(args[1], args[1])
    execute_from_command_line(["lscp", *args[1:]])


if __name__ == "__main__":
    main()

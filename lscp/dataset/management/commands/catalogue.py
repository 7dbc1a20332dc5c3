from django.core.management.base import BaseCommand, CommandError, CommandParser

from lscp.dataset.services import CatalogueInvalid, sync_catalogue


class Command(BaseCommand):
    help = "Check the indicator catalogue files and load them: lscp catalogue load"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["load"])

    def handle(self, *args: object, **options: object) -> None:
        try:
            created, updated = sync_catalogue()
        except CatalogueInvalid as exc:
            for problem in exc.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{len(exc.problems)} problem(s) in the catalogue: "
                               "nothing was loaded") from None
        self.stdout.write(f"Catalogue loaded: {created} indicators created, {updated} updated")

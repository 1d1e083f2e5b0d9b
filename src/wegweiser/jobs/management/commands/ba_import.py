from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wegweiser.jobs.constants import OfferType
from wegweiser.jobs.exceptions import OfferError
from wegweiser.jobs.services import ba_import


class Command(BaseCommand):
    help = (
        "Import offers of the Federal Employment Agency's Jobsuche for one region and "
        "occupation (upsert by reference number; offers no longer found are marked)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--region", required=True, help="Place or region, e.g. Magdeburg")
        parser.add_argument(
            "--occupation",
            default="",
            help="Five-digit KldB 2010 code stored on the imported offers (and searched by title)",
        )
        parser.add_argument("--query", default="", help="Search words (default: the occupation)")
        parser.add_argument("--radius", type=int, default=25, help="Radius in km (default 25)")
        parser.add_argument(
            "--type", default="job", choices=OfferType.values, help="Type of offer searched"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = ba_import(
                actor=None,
                region=options["region"],
                occupation_code=options["occupation"],
                query=options["query"],
                radius_km=options["radius"],
                offer_type=options["type"],
            )
        except OfferError as error:
            raise CommandError(str(error)) from error
        except OSError as error:
            raise CommandError(f"BA Jobsuche could not be reached: {error}") from error
        self.stdout.write(
            f"{result.created} created, {result.updated} updated, {result.unchanged} unchanged, "
            f"{result.vanished} no longer found, {len(result.skipped)} skipped."
        )
        for line in result.skipped:
            self.stderr.write(f"skipped {line}")

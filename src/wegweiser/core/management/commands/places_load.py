"""Load Germany's postcodes with their coordinates (GeoNames, CC BY 4.0) into the database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wegweiser.core.services import POSTAL_CODES_FILE, postal_codes_load


class Command(BaseCommand):
    help = "Load or refresh the postcode table (idempotent). Data: GeoNames, CC BY 4.0."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--file",
            default=str(POSTAL_CODES_FILE),
            help="A tab-separated file (optionally .gz): plz, place, bundesland, district, "
            "latitude, longitude",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            count = postal_codes_load(path=path)
        except (ValueError, KeyError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{count} postcodes loaded (GeoNames, CC BY 4.0).")

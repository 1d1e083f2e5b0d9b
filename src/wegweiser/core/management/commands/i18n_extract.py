"""Extract translatable strings into each app's own `locale/` folder."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

from wegweiser.core.i18n import LOCALE_CODES, complete_headers, project_po_files


class Command(BaseCommand):
    help = "Run makemessages for every language; each app's strings land in its own locale/."

    def handle(self, *args: Any, **options: Any) -> None:
        call_command(
            "makemessages",
            locale=list(LOCALE_CODES),
            ignore_patterns=[".venv/*", "var/*", "tests/*", "benchmarks/*", "node_modules/*"],
            no_obsolete=True,
            add_location="file",
            verbosity=0,
        )
        for language, path in project_po_files():
            complete_headers(path, language)
        self.stdout.write("Extracted messages for: " + ", ".join(LOCALE_CODES))

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from wegweiser.knowledge.services import vocabulary_import


class Command(BaseCommand):
    help = "Load the trade vocabulary shipped with the app (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        result = vocabulary_import()
        self.stdout.write(
            f"{result.lists} lists, {result.terms_created} new terms, "
            f"{result.translations_created} new and {result.translations_updated} "
            "updated translations"
        )

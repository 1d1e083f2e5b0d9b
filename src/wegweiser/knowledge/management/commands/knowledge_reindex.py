from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from wegweiser.knowledge.search import rebuild_index


class Command(BaseCommand):
    help = "Rebuild the SQLite full-text index of articles (nothing to do on PostgreSQL)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{rebuild_index()} articles indexed")

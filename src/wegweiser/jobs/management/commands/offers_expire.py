from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from wegweiser.jobs.services import offers_expire


class Command(BaseCommand):
    help = "Mark published offers whose end date has passed as expired."

    def handle(self, *args: Any, **options: Any) -> None:
        count = offers_expire()
        self.stdout.write(f"{count} offer(s) expired.")

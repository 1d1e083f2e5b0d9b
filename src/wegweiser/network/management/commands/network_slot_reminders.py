"""Send the reminders of social-media slots that begin within the next days (run daily)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from wegweiser.network.services import slot_reminders_due


class Command(BaseCommand):
    help = "Remind ambassadors a few days before their social-media slot begins."

    def handle(self, *args: Any, **options: Any) -> None:
        slots = slot_reminders_due()
        self.stdout.write(f"Reminders queued for {len(slots)} slot(s).")

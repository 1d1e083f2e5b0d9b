"""Pass expired waiting-list offers on and send due reminders (run every few minutes)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from wegweiser.events import services


class Command(BaseCommand):
    help = "Expire waiting-list offers that ran out and send reminders of events starting soon."

    def handle(self, *args: Any, **options: Any) -> None:
        expired = services.waitlist_offers_expire()
        reminded = services.event_reminders_send_due()
        self.stdout.write(f"offers passed on for {expired} events; {reminded} events reminded")

"""Resume newsletter sending that is due and purge expired, unconfirmed sign-ups
(run every few minutes, like events_housekeeping)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from wegweiser.comms import services


class Command(BaseCommand):
    help = "Queue due newsletter deliveries and delete sign-ups whose confirmation link expired."

    def handle(self, *args: Any, **options: Any) -> None:
        resumed = services.issues_resume()
        purged = services.pending_subscriptions_purge()
        self.stdout.write(f"{resumed} issues resumed; {purged} unconfirmed sign-ups deleted")

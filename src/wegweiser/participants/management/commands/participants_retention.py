"""Apply the participants' retention rules now (schedule daily, e.g. from cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from wegweiser.participants.tasks import retention_run


class Command(BaseCommand):
    help = "Erase or delete participants' data whose retention period has ended."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--enqueue", action="store_true", help="Run it in the task worker instead of here."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            retention_run.enqueue()
            self.stdout.write("Retention task enqueued.")
            return
        counts = retention_run.call()
        self.stdout.write(", ".join(f"{k}: {v}" for k, v in counts.items()))

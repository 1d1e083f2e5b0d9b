"""Check end to end that a worker picks up and completes tasks."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wegweiser.core.models import WorkerProbe
from wegweiser.core.services import worker_probe_enqueue


class Command(BaseCommand):
    help = "Send a probe task through the queue and wait until a worker has completed it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--timeout", type=float, default=30.0)

    def handle(self, *args: Any, **options: Any) -> None:
        probe = worker_probe_enqueue()
        deadline = time.monotonic() + options["timeout"]
        while time.monotonic() < deadline:
            if WorkerProbe.objects.filter(pk=probe.pk, completed_at__isnull=False).exists():
                self.stdout.write(self.style.SUCCESS("A worker completed the probe task."))
                return
            time.sleep(0.5)
        raise CommandError(f"No worker completed the probe within {options['timeout']:.0f} s.")

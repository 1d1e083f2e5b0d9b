"""Background tasks of the core app."""

from __future__ import annotations

import time

from django.db import transaction
from django.db.models import F
from django.tasks import task
from django.utils import timezone

from wegweiser.core.models import WorkerProbe


@task()
def worker_probe_run(*, probe_id: int) -> bool:
    """Wait `duration_ms`, then mark the probe completed. Safe to run again after a crash:
    the completion is one conditional update, so it takes effect exactly once."""
    probe = WorkerProbe.objects.get(pk=probe_id)
    if probe.completed_at is not None:
        return False
    time.sleep(probe.duration_ms / 1000)
    with transaction.atomic():
        updated = WorkerProbe.objects.filter(pk=probe_id, completed_at__isnull=True).update(
            completed_at=timezone.now(), runs=F("runs") + 1
        )
    return updated == 1

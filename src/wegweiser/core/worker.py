"""The background worker around django-tasks-db: heartbeat and recovery of crashed tasks.

django-tasks-db leaves a task RUNNING when its worker dies (SIGKILL, power loss). The
worker here writes a heartbeat; any worker that starts, and every worker once per staleness
window, puts RUNNING tasks of workers without a recent heartbeat back to READY, so they run again.
A task that crashed its worker `MAX_ATTEMPTS` times is marked FAILED instead of looping.
"""

from __future__ import annotations

import logging
import threading
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections, transaction
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from wegweiser.core.models import WorkerHeartbeat

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3


def heartbeat_beat(worker_id: str) -> None:
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"seen_at": now},
        create_defaults={"started_at": now, "seen_at": now},
    )


def heartbeat_seconds() -> float:
    return float(settings.WORKER_HEARTBEAT_SECONDS)


def stale_after() -> timedelta:
    """A worker silent for this long is dead (several missed heartbeats)."""
    return timedelta(seconds=max(3 * heartbeat_seconds(), float(settings.WORKER_STALE_SECONDS)))


def task_requeue_stale() -> int:
    """Put tasks of dead workers back in the queue; returns how many were requeued."""
    alive = set(
        WorkerHeartbeat.objects.filter(seen_at__gte=timezone.now() - stale_after()).values_list(
            "worker_id", flat=True
        )
    )
    requeued = 0
    with transaction.atomic():
        for task in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING):
            last_worker = task.worker_ids[-1] if task.worker_ids else ""
            if last_worker in alive:
                continue
            if len(task.worker_ids) >= MAX_ATTEMPTS:
                task.status = TaskResultStatus.FAILED
                task.finished_at = timezone.now()
                task.exception_class_path = "wegweiser.core.worker.WorkerCrashed"
                task.traceback = f"the worker died {len(task.worker_ids)} times running it"
                task.save(
                    update_fields=["status", "finished_at", "exception_class_path", "traceback"]
                )
                logger.error("task %s failed after %d crashed attempts", task.id, MAX_ATTEMPTS)
                continue
            task.status = TaskResultStatus.READY
            task.started_at = None
            task.save(update_fields=["status", "started_at"])
            requeued += 1
            logger.warning("requeued task %s of dead worker %s", task.id, last_worker)
    WorkerHeartbeat.objects.filter(seen_at__lt=timezone.now() - timedelta(days=1)).delete()
    return requeued


class HeartbeatThread(threading.Thread):
    """Beats every few seconds and, once per staleness window, requeues dead workers' tasks."""

    def __init__(self, worker_id: str) -> None:
        super().__init__(name="wegweiser-heartbeat", daemon=True)
        self.worker_id = worker_id
        self.stopped = threading.Event()

    def run(self) -> None:
        beats = 0
        every = max(1, round(stale_after().total_seconds() / heartbeat_seconds()))
        while not self.stopped.wait(heartbeat_seconds()):
            try:
                heartbeat_beat(self.worker_id)
                beats += 1
                if beats % every == 0:
                    task_requeue_stale()
            except Exception:
                logger.exception("heartbeat failed")
            finally:
                close_old_connections()


def worker_status() -> dict[str, object]:
    """For the health check: is any worker alive, and how many tasks wait?"""
    recent = WorkerHeartbeat.objects.filter(seen_at__gte=timezone.now() - stale_after())
    waiting = DBTaskResult.objects.filter(status=TaskResultStatus.READY).count()
    return {"alive": recent.count(), "waiting": waiting}

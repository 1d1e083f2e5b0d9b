"""Run the background task worker (django-tasks-db) with heartbeat and crash recovery."""

from __future__ import annotations

import os
import socket
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django_tasks_db.management.commands.db_worker import Worker

from wegweiser.core.worker import HeartbeatThread, heartbeat_beat, task_requeue_stale


class Command(BaseCommand):
    help = "Run the background task worker."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", action="store_true", help="Run what is due, then exit.")
        parser.add_argument("--interval", type=float, default=1.0)
        parser.add_argument("--queue", action="append", dest="queues", default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        worker_id = f"{socket.gethostname()}-{os.getpid()}"[:64]
        heartbeat_beat(worker_id)
        requeued = task_requeue_stale()
        if requeued:
            self.stdout.write(f"Requeued {requeued} task(s) left by a crashed worker.")
        beat = HeartbeatThread(worker_id)
        beat.start()
        worker = Worker(
            queue_names=options["queues"] or ["*"],
            interval=options["interval"],
            batch=options["batch"],
            backend_name="default",
            startup_delay=not options["batch"],
            max_tasks=None,
            worker_id=worker_id,
            excluded_queue_names=[],
        )
        worker.configure_signals()
        try:
            worker.run()
        finally:
            beat.stopped.set()

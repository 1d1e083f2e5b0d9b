"""Background work: tasks run after commit; a task of a crashed worker runs again."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from wegweiser.core.models import WorkerHeartbeat
from wegweiser.core.worker import MAX_ATTEMPTS, heartbeat_beat, task_requeue_stale
from wegweiser.network.models import Invitation
from wegweiser.network.services import invitation_create
from wegweiser.network.tasks import invitation_send

pytestmark = pytest.mark.django_db


def test_mail_task_runs_only_after_commit(world):
    class Rollback(Exception):
        pass

    def invite_then_fail():
        with transaction.atomic():
            invitation_create(
                actor=world.org_admin,
                organisation=world.company,
                email="a@example.org",
                role="staff",
            )
            raise Rollback

    with pytest.raises(Rollback):
        invite_then_fail()
    assert mail.outbox == []
    assert not Invitation.objects.exists()


def _running_task(worker_ids):
    return DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {"invitation_id": 1}},
        task_path=invitation_send.module_path,
        backend_name="default",
        queue_name="mail",
        run_after=timezone.now(),
        status=TaskResultStatus.RUNNING,
        worker_ids=worker_ids,
        started_at=timezone.now(),
    )


def test_task_of_a_dead_worker_is_requeued():
    heartbeat_beat("alive")
    WorkerHeartbeat.objects.create(
        worker_id="dead", started_at=timezone.now(), seen_at=timezone.now() - timedelta(hours=1)
    )
    orphan = _running_task(["dead"])
    busy = _running_task(["alive"])
    assert task_requeue_stale() == 1
    orphan.refresh_from_db()
    busy.refresh_from_db()
    assert orphan.status == TaskResultStatus.READY
    assert busy.status == TaskResultStatus.RUNNING


def test_task_that_keeps_killing_workers_fails_after_max_attempts():
    task = _running_task([f"dead-{i}" for i in range(MAX_ATTEMPTS)])
    assert task_requeue_stale() == 0
    task.refresh_from_db()
    assert task.status == TaskResultStatus.FAILED

"""The worker probe: a completed probe proves the queue works; re-running it changes nothing."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from wegweiser.core.models import WorkerProbe
from wegweiser.core.tasks import worker_probe_run

pytestmark = pytest.mark.django_db


def test_probe_completes_exactly_once_even_when_run_again():
    probe = WorkerProbe.objects.create()
    assert worker_probe_run.call(probe_id=probe.pk) is True
    assert worker_probe_run.call(probe_id=probe.pk) is False
    probe.refresh_from_db()
    assert probe.runs == 1
    assert probe.completed_at is not None


@pytest.mark.django_db(transaction=True)
def test_worker_check_passes_when_tasks_run(capsys):
    call_command("worker_check", timeout=2)
    assert "completed the probe" in capsys.readouterr().out

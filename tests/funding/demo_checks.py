"""What the ESF Plus demo must hold (checked by tests/demo/test_demo_load.py after one load)."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from wegweiser.accounts.models import User
from wegweiser.funding.models import EsfRecord, FundedProject


def check_funding_demo(client_for: Callable[[User | None], Client]) -> None:
    """One project with twelve records, one incomplete; the funder sees aggregates only."""
    project = FundedProject.objects.get()
    records = EsfRecord.objects.filter(project=project)
    assert records.count() == 12
    assert records.filter(entry_completed_at__isnull=True).count() == 1
    assert records.filter(exit_on__isnull=False).exists()
    funder = User.objects.get(email="foerderung@demo.wegweiser.invalid")
    page = client_for(funder).get(reverse("funding:project_detail", args=[project.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-indicator="participants"' in html
    assert not any(r.participant.code in html for r in records.select_related("participant"))

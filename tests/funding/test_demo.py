"""The demo ESF Plus project loads once, and the demo funder sees its aggregates."""

from __future__ import annotations

import pytest
from django.urls import reverse

from wegweiser.accounts.models import User
from wegweiser.demo.loader import demo_load
from wegweiser.funding.models import EsfRecord, FundedProject

pytestmark = pytest.mark.django_db


def test_demo_project_loads_idempotently(client_for):
    demo_load()
    project = FundedProject.objects.get()
    records = EsfRecord.objects.filter(project=project)
    assert records.count() == 12
    assert records.filter(entry_completed_at__isnull=True).count() == 1
    assert records.filter(exit_on__isnull=False).exists()
    counts = (FundedProject.objects.count(), EsfRecord.objects.count())
    demo_load()
    assert counts == (FundedProject.objects.count(), EsfRecord.objects.count())
    funder = User.objects.get(email="foerderung@demo.wegweiser.invalid")
    page = client_for(funder).get(reverse("funding:project_detail", args=[project.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-indicator="participants"' in html
    assert not any(r.participant.code in html for r in records.select_related("participant"))

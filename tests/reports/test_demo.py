"""The demo holds last month's annotated status report once; its dashboard renders."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from wegweiser.accounts.models import User
from wegweiser.demo.loader import demo_load
from wegweiser.reports.demo import COORDINATOR_EMAIL
from wegweiser.reports.models import StatusReport
from wegweiser.reports.selectors import last_month

pytestmark = pytest.mark.django_db


def test_demo_report_is_created_once_and_opens(client_for: Any) -> None:
    demo_load()
    demo_load()
    report = StatusReport.objects.get()
    assert (report.period_start, report.period_end) == (last_month().start, last_month().end)
    assert report.notes.keys() == {"events", "offers"}
    client = client_for(User.objects.get(email=COORDINATOR_EMAIL))
    assert client.get(reverse("reports:dashboard")).status_code == 200
    page = client.get(reverse("reports:status_report_detail", args=[report.pk]))
    assert page.status_code == 200
    assert "ausgebucht" in page.content.decode()

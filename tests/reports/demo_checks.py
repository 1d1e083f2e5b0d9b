"""What the reports demo must hold (to be called from tests/demo/test_demo_load.py)."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from wegweiser.accounts.models import User
from wegweiser.reports.demo import COORDINATOR_EMAIL
from wegweiser.reports.models import StatusReport
from wegweiser.reports.selectors import last_month


def check_reports_demo() -> None:
    """Last month's status report of the national network, with two notes; it opens."""
    report = StatusReport.objects.get()
    assert (report.period_start, report.period_end) == (last_month().start, last_month().end)
    assert report.notes.keys() == {"events", "offers"}
    client = Client()
    client.force_login(
        User.objects.get(email=COORDINATOR_EMAIL),
        backend="allauth.account.auth_backends.AuthenticationBackend",
    )
    assert client.get(reverse("reports:dashboard")).status_code == 200
    page = client.get(reverse("reports:status_report_detail", args=[report.pk]))
    assert page.status_code == 200
    assert "ausgebucht" in page.content.decode()

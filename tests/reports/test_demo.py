"""The demo holds last month's annotated status report once (until this check joins
tests/demo/test_demo_load.py, which loads the whole demo once for every app)."""

from __future__ import annotations

import pytest

from tests.reports.demo_checks import check_reports_demo
from wegweiser.demo.loader import demo_load
from wegweiser.reports.models import StatusReport

pytestmark = pytest.mark.django_db


def test_demo_report_is_created_once_and_opens() -> None:
    demo_load()
    demo_load()
    assert StatusReport.objects.count() == 1
    check_reports_demo()

"""The whole demo loads in dependency order, and loading it again changes nothing.

Loading the demo takes seconds, so it happens once here (twice, for idempotence); what each
app's demo must hold lives beside that app's tests as a `check_*_demo()` function."""

from __future__ import annotations

import pytest
from django.apps import apps

from tests.events.demo_checks import check_events_demo
from tests.funding.demo_checks import check_funding_demo
from tests.jobs.demo_checks import check_jobs_demo
from tests.participants.demo_checks import check_participants_demo
from wegweiser.demo.loader import demo_load

pytestmark = pytest.mark.django_db

# Each load writes its own trail (who created what); the records themselves must not change.
TRAILS = {"core.auditentry", "core.accesslogentry"}


def record_counts() -> dict[str, int]:
    return {
        model._meta.label_lower: model._default_manager.count()
        for model in apps.get_models()
        if model.__module__.startswith("wegweiser.")
        and model._meta.label_lower not in TRAILS
        and not model._meta.proxy
    }


def test_demo_loads_once_and_a_second_load_changes_nothing(client_for):
    demo_load()
    first = record_counts()
    demo_load()
    assert record_counts() == first
    for check in (check_events_demo, check_jobs_demo, check_participants_demo):
        check()
    check_funding_demo(client_for)

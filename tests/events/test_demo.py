"""The demo loader builds the events demo once; a second run changes nothing."""

from __future__ import annotations

import pytest

from wegweiser.demo.loader import demo_load
from wegweiser.events.constants import RegistrationStatus
from wegweiser.events.models import ActionItem, Event, EventSeries, Minutes, Registration

pytestmark = pytest.mark.django_db


def counts():
    return [m.objects.count() for m in (EventSeries, Event, Registration, ActionItem, Minutes)]


def test_demo_has_series_full_event_and_waiting_list_and_is_idempotent():
    demo_load()
    first = counts()
    demo_load()
    assert counts() == first
    assert EventSeries.objects.count() == 2
    werkstatt = EventSeries.objects.get(title="Betriebliche Werkstatt")
    hosts = list(
        werkstatt.events.order_by("starts_at").values_list("host_organisation__name", flat=True)
    )
    assert len(set(hosts)) == 4  # the host rotates
    full = [
        e
        for e in Event.objects.filter(capacity__isnull=False)
        if e.registrations.filter(status=RegistrationStatus.CONFIRMED).count() == e.capacity
    ]
    assert full
    assert Registration.objects.filter(status=RegistrationStatus.WAITLISTED).count() >= 3
    assert ActionItem.objects.filter(status__in=["open", "in_progress"]).exists()
    assert Event.objects.filter(
        starts_at__lt=werkstatt.events.latest("starts_at").starts_at
    ).exists()

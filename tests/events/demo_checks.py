"""What the events demo must hold (checked by tests/demo/test_demo_load.py after one load)."""

from __future__ import annotations

from wegweiser.events.constants import RegistrationStatus
from wegweiser.events.models import ActionItem, Event, EventSeries, Minutes, Registration


def check_events_demo() -> None:
    """Two series, a rotating Werkstatt host, a full event with a waiting list, open actions."""
    assert Minutes.objects.exists()
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

"""Fixtures of the events tests: events of the test world."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from tests.conftest import World, make_user
from wegweiser.events import services
from wegweiser.events.constants import EventFormat, EventType, Recurrence, Visibility
from wegweiser.events.models import Event, EventSeries
from wegweiser.network.constants import RoleKind


def make_event(world: World, **data: Any) -> Event:
    network = data.pop("network", world.national)
    series = data.pop("series", None)
    starts = data.pop("starts_at", timezone.now() + timedelta(days=14))
    fields = {
        "title": "Netzwerktreffen",
        "event_type": EventType.NETWORK_MEETING,
        "format": EventFormat.ONLINE,
        "visibility": Visibility.MEMBERS,
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=2),
        "meeting_url": "https://meet.example.org/netzwerk",
    } | data
    return services.event_create(
        actor=world.coordinator, network=network, data=fields, series=series
    )


def make_member(world: World, organisation: Any = None, *, mfa: bool = True, **kwargs: Any) -> Any:
    user = make_user(mfa=mfa, **kwargs)
    return world.grant(user, organisation or world.other_company, RoleKind.STAFF)


@pytest.fixture
def event(world: World) -> Event:
    return make_event(world, capacity=2)


@pytest.fixture
def werkstatt(world: World) -> EventSeries:
    return services.series_create(
        actor=world.coordinator,
        network=world.national,
        data={
            "title": "Betriebliche Werkstatt",
            "event_type": EventType.WERKSTATT,
            "recurrence": Recurrence.QUARTERLY,
            "format": EventFormat.ON_SITE,
            "visibility": Visibility.MEMBERS,
            "rotates_host": True,
            "default_capacity": 20,
            "duration_minutes": 180,
        },
    )

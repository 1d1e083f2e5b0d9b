"""iCalendar (RFC 5545) for events: one event, a series, a person's registrations."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent

from wegweiser.events.models import Event

PRODID = "-//Wegweiser//Events//DE"


def _uid(event: Event) -> str:
    return f"event-{event.pk}@wegweiser"


def _location(event: Event) -> str:
    parts = [event.venue, event.street, f"{event.plz} {event.city}".strip()]
    return ", ".join(p for p in parts if p)


def calendar_for(events: Iterable[tuple[Event, bool]], *, name: str) -> bytes:
    """A calendar of the given events; the meeting link only where the bool says confirmed."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now()
    for event, with_link in events:
        item = VEvent()
        item.add("uid", _uid(event))
        item.add("dtstamp", stamp)
        item.add("dtstart", event.starts_at.astimezone(UTC))
        item.add("dtend", event.ends_at.astimezone(UTC))
        item.add("summary", event.title)
        item.add("sequence", event.sequence)
        item.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
        item.add("url", settings.SITE_URL + reverse("events:public_event_detail", args=[event.pk]))
        description = event.description
        if with_link and event.is_online and event.meeting_url:
            description = f"{description}\n\n{event.meeting_url}".strip()
        if description:
            item.add("description", description)
        location = _location(event) if event.is_on_site else ""
        if with_link and event.is_online and event.meeting_url and not location:
            location = event.meeting_url
        if location:
            item.add("location", location)
        calendar.add_component(item)
    return calendar.to_ical()  # type: ignore[no-any-return]

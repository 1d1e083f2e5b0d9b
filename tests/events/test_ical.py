"""iCalendar feeds: valid RFC 5545 (parsed back with `icalendar`), links only for seats."""

from __future__ import annotations

import pytest
from django.urls import reverse
from icalendar import Calendar

from tests.events.conftest import make_event
from wegweiser.events import services
from wegweiser.events.constants import EventFormat, Visibility

pytestmark = pytest.mark.django_db


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return calendar, list(calendar.walk("VEVENT"))


def test_event_feed_is_valid_and_hides_link_without_seat(world, client_for):
    event = make_event(
        world, format=EventFormat.HYBRID, plz="39104", city="Magdeburg", street="Breiter Weg 1"
    )
    calendar, events = parse(
        client_for(world.org_admin).get(reverse("events:public_event_ics", args=[event.pk]))
    )
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    (item,) = events
    assert str(item["SUMMARY"]) == event.title
    assert str(item["UID"]).startswith(f"event-{event.pk}@")
    assert item.decoded("DTSTART") == event.starts_at.replace(microsecond=0)
    assert "DTSTAMP" in item
    assert "39104 Magdeburg" in str(item["LOCATION"])
    assert event.meeting_url not in calendar.to_ical().decode()


def test_event_feed_shows_link_to_confirmed(world, client_for):
    event = make_event(world)
    services.registration_create(actor=world.staff, event=event)
    calendar, _ = parse(
        client_for(world.staff).get(reverse("events:public_event_ics", args=[event.pk]))
    )
    assert event.meeting_url in calendar.to_ical().decode()


def test_series_feed(world, client_for, werkstatt):
    services.series_host_set(actor=world.coordinator, series=werkstatt, organisation=world.company)
    from datetime import timedelta

    from django.utils import timezone

    services.series_event_create(
        actor=world.coordinator,
        series=werkstatt,
        data={"starts_at": timezone.now() + timedelta(days=3)},
    )
    services.series_event_create(actor=world.coordinator, series=werkstatt)
    _, events = parse(
        client_for(world.staff).get(reverse("events:public_series_ics", args=[werkstatt.pk]))
    )
    assert len(events) == 2
    assert (
        client_for(world.foreign_admin)
        .get(reverse("events:public_series_ics", args=[werkstatt.pk]))
        .status_code
        == 404
    )


def test_personal_feed_by_token_and_revocation(world, client_for):
    confirmed = make_event(world, title="Mit Platz", capacity=1)
    waiting = make_event(world, title="Warteliste", capacity=1)
    make_event(world, title="Nicht angemeldet")
    services.registration_create(actor=world.staff, event=confirmed)
    services.registration_create(actor=world.org_admin, event=waiting)
    services.registration_create(actor=world.staff, event=waiting)
    cancelled = make_event(world, title="Abgesagt")
    services.registration_create(actor=world.staff, event=cancelled)
    services.event_cancel(actor=world.coordinator, event=cancelled)
    _token, secret = services.feed_token_create(actor=world.staff)
    url = reverse("events:public_personal_feed", args=[secret])
    calendar, events = parse(client_for(None).get(url))
    summaries = {str(e["SUMMARY"]): e for e in events}
    assert set(summaries) == {"Mit Platz", "Warteliste", "Abgesagt"}
    assert str(summaries["Abgesagt"]["STATUS"]) == "CANCELLED"
    assert summaries["Abgesagt"]["SEQUENCE"] == 1
    text = calendar.to_ical().decode()
    assert text.count(confirmed.meeting_url) >= 1
    assert confirmed.meeting_url in str(summaries["Mit Platz"].get("DESCRIPTION", ""))
    assert "DESCRIPTION" not in summaries["Warteliste"]
    services.feed_token_revoke(actor=world.staff)
    assert client_for(None).get(url).status_code == 404
    assert (
        client_for(None).get(reverse("events:public_personal_feed", args=["nonsense"])).status_code
        == 404
    )


def test_feed_settings_page_creates_and_revokes(world, client_for):
    client = client_for(world.staff)
    page = client.post(reverse("events:feed_settings"), {"action": "create"})
    url = page.context["feed_url"]
    assert "/events/feeds/" in url
    path = url.split("testserver", 1)[1]
    assert client_for(None).get(path).status_code == 200
    client.post(reverse("events:feed_settings"), {"action": "revoke"})
    assert client_for(None).get(path).status_code == 404


def test_public_event_feed_without_login(world, client_for):
    event = make_event(world, visibility=Visibility.PUBLIC)
    _, events = parse(client_for(None).get(reverse("events:public_event_ics", args=[event.pk])))
    assert len(events) == 1

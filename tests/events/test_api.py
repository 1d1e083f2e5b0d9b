"""API of events and registrations: visibility, own registrations, 4xx on bad input."""

from __future__ import annotations

import json

import pytest

from tests.events.conftest import make_event
from wegweiser.core.models import AccessLogEntry
from wegweiser.events import services
from wegweiser.events.constants import Visibility
from wegweiser.events.models import Registration, WaitlistOffer

pytestmark = pytest.mark.django_db
API = "/api/v1"


def post(client, url, data=None):
    return client.post(url, json.dumps(data or {}), content_type="application/json")


def test_anonymous_gets_401(world, client_for):
    event = make_event(world, visibility=Visibility.PUBLIC)
    client = client_for(None)
    assert client.get(f"{API}/events").status_code == 401
    assert client.get(f"{API}/events/{event.pk}").status_code == 401
    assert post(client, f"{API}/events/{event.pk}/registrations").status_code == 401


def test_list_shows_only_visible_events(world, client_for):
    mine = make_event(world, title="Bundestreffen")
    make_event(world, network=world.other_network, title="Fremdes Treffen")
    titles = [e["title"] for e in client_for(world.staff).get(f"{API}/events").json()["items"]]
    assert titles == [mine.title]
    foreign = client_for(world.foreign_admin).get(f"{API}/events").json()["items"]
    assert [e["title"] for e in foreign] == ["Fremdes Treffen"]


def test_detail_of_other_federation_gives_404(world, client_for):
    event = make_event(world)
    assert client_for(world.foreign_admin).get(f"{API}/events/{event.pk}").status_code == 404
    assert client_for(world.staff).get(f"{API}/events/999999").status_code == 404


def test_register_cancel_and_accept_offer(world, client_for):
    event = make_event(world, capacity=1)
    staff, admin = client_for(world.staff), client_for(world.org_admin)
    first = post(staff, f"{API}/events/{event.pk}/registrations", {"language": "de"})
    assert first.status_code == 201
    assert first.json()["status"] == "confirmed"
    detail = staff.get(f"{API}/events/{event.pk}").json()
    assert detail["meeting_url"] == event.meeting_url
    second = post(admin, f"{API}/events/{event.pk}/registrations")
    assert second.json()["status"] == "waitlisted"
    assert admin.get(f"{API}/events/{event.pk}").json()["meeting_url"] is None
    assert post(admin, f"{API}/events/{event.pk}/registrations").status_code == 400  # twice
    cancelled = staff.delete(f"{API}/registrations/{first.json()['id']}")
    assert cancelled.json()["status"] == "cancelled"
    mine = admin.get(f"{API}/registrations").json()
    assert mine[0]["offer_expires_at"] is not None
    accepted = post(admin, f"{API}/registrations/{second.json()['id']}/accept-offer")
    assert accepted.json()["status"] == "confirmed"
    again = post(admin, f"{API}/registrations/{second.json()['id']}/accept-offer")
    assert again.status_code == 400
    assert WaitlistOffer.objects.get().status == "accepted"


def test_someone_elses_registration_gives_404(world, client_for):
    event = make_event(world)
    registration = services.registration_create(actor=world.staff, event=event)
    other = client_for(world.org_admin)
    assert other.delete(f"{API}/registrations/{registration.pk}").status_code == 404
    assert post(other, f"{API}/registrations/{registration.pk}/accept-offer").status_code == 404


def test_bad_input_gives_4xx_and_no_record(world, client_for):
    event = make_event(world)
    client = client_for(world.staff)
    too_long = post(
        client, f"{API}/events/{event.pk}/registrations", {"accessibility_needs": "x" * 5000}
    )
    assert too_long.status_code == 422
    bad_language = post(client, f"{API}/events/{event.pk}/registrations", {"language": "xx"})
    assert bad_language.status_code == 400
    assert not Registration.objects.exists()
    assert client.get(f"{API}/events?when=tomorrow").status_code == 422


def test_registration_list_for_coordinator_only_and_logged(world, client_for):
    event = make_event(world)
    services.registration_create(actor=world.staff, event=event, accessibility_needs="Rampe")
    assert (
        client_for(world.org_admin).get(f"{API}/events/{event.pk}/registrations").status_code == 404
    )
    rows = client_for(world.coordinator).get(f"{API}/events/{event.pk}/registrations").json()
    assert rows[0]["accessibility_needs"] == "Rampe"
    assert AccessLogEntry.objects.filter(purpose="event_registrations").count() == 1

"""Events in a real browser: a Werkstatt series, a full event, a cancellation, a promotion."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.browser.conftest import screenshot
from wegweiser.events.constants import RegistrationStatus
from wegweiser.events.models import Event, EventSeries, Registration, WaitlistOffer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MEETING_URL = "https://meet.example.org/werkstatt-ost"


def confirm(page, button_name):
    """Click a button guarded by the confirmation dialog and confirm it."""
    page.get_by_role("button", name=button_name).click()
    with page.expect_navigation():
        page.locator("#confirm-dialog-ok").click()


def switch_user(page, sign_in, email):
    page.context.clear_cookies()
    sign_in(page, email)


def test_werkstatt_series_full_event_cancellation_and_promotion(world, page, sign_in):
    # The coordinator creates a quarterly Werkstatt series with a rotating host.
    sign_in(page, world.coordinator.email)
    page.goto("/events/series/new/")
    page.select_option("#id_network", str(world.national.pk))
    page.fill("#id_title", "Betriebliche Werkstatt Ost")
    page.select_option("#id_event_type", "werkstatt")
    page.select_option("#id_recurrence", "quarterly")
    page.select_option("#id_format", "hybrid")
    page.select_option("#id_visibility", "members")
    page.check("#id_rotates_host")
    page.fill("#id_default_capacity", "1")
    page.fill("#id_meeting_url", MEETING_URL)
    with page.expect_navigation():
        page.get_by_role("button", name="Speichern").click()
    series = EventSeries.objects.get(title="Betriebliche Werkstatt Ost")
    assert page.url.endswith(f"/events/series/{series.pk}/")

    # A willing host, then the first event: the rotation makes the company its host.
    page.select_option("#id_organisation", str(world.company.pk))
    with page.expect_navigation():
        page.get_by_role("button", name="Bereitwilligen Gastgeber hinzufügen").click()
    starts = timezone.localtime() + timedelta(days=20)
    page.fill("#id_starts_at", starts.strftime("%Y-%m-%dT10:00"))
    with page.expect_navigation():
        page.get_by_role("button", name="Nächste Veranstaltung anlegen").click()
    event = Event.objects.get(series=series)
    assert event.host_organisation == world.company
    assert page.url.endswith(f"/events/{event.pk}/")
    screenshot(page, "events-werkstatt-created")

    # A member takes the only seat; another registers for the now full event and waits.
    switch_user(page, sign_in, world.staff.email)
    page.goto(f"/events/{event.pk}/")
    with page.expect_navigation():
        page.get_by_role("button", name="Anmelden", exact=True).click()
    assert page.get_by_test_id("meeting-link").inner_text() == MEETING_URL

    switch_user(page, sign_in, world.org_admin.email)
    page.goto(f"/events/{event.pk}/")
    page.fill("#id_accessibility_needs", "Stufenloser Zugang")
    with page.expect_navigation():
        page.get_by_role("button", name="Auf die Warteliste setzen").click()
    assert "Warteliste" in page.get_by_test_id("registration-status").inner_text()
    assert page.get_by_test_id("meeting-link").count() == 0
    assert MEETING_URL not in page.content()

    # The first member cancels; the seat is offered to the person waiting.
    switch_user(page, sign_in, world.staff.email)
    page.goto(f"/events/{event.pk}/")
    confirm(page, "Meine Anmeldung stornieren")
    assert Registration.objects.get(user=world.staff).status == RegistrationStatus.CANCELLED
    assert WaitlistOffer.objects.filter(event=event, status="open").count() == 1

    # The waiting member takes the seat, once, and now sees the meeting link.
    switch_user(page, sign_in, world.org_admin.email)
    page.goto(f"/events/{event.pk}/")
    with page.expect_navigation():
        page.get_by_role("button", name="Platz annehmen").click()
    assert "bestätigt" in page.get_by_test_id("registration-status").inner_text()
    assert page.get_by_test_id("meeting-link").inner_text() == MEETING_URL
    assert page.get_by_role("button", name="Platz annehmen").count() == 0
    assert Registration.objects.get(user=world.org_admin).status == RegistrationStatus.CONFIRMED
    screenshot(page, "events-promoted-member")
    assert page.console_errors == []

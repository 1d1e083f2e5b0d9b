"""Event routes: the role × organisation matrix, the registration journey in views, exports."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.events.conftest import make_event, make_member
from wegweiser.core.models import AccessLogEntry, AuditEntry
from wegweiser.events import services
from wegweiser.events.constants import SlotKind, Visibility
from wegweiser.events.models import Registration, WaitlistOffer

pytestmark = pytest.mark.django_db

MEMBERS = ["coordinator", "org_admin", "staff", "counsellor", "employer", "other_admin", "funder"]
STRANGERS = ["foreign_admin", "outsider"]
EVENT_ROUTES_COORDINATOR_ONLY = [
    "events:event_edit",
    "events:registration_list",
    "events:registration_export",
    "events:minutes_edit",
    "events:action_item_create",
]


@pytest.fixture
def members_event(world):
    event = make_event(world, title="Mitgliedertreffen", capacity=2)
    services.event_host_assign(actor=world.coordinator, event=event, organisation=world.company)
    services.registration_create(actor=world.staff, event=event, accessibility_needs="Rampe")
    return event


@pytest.mark.parametrize("who", MEMBERS + STRANGERS)
def test_members_only_event_detail(world, client_for, members_event, who):
    response = client_for(getattr(world, who)).get(
        reverse("events:public_event_detail", args=[members_event.pk])
    )
    assert response.status_code == (200 if who in MEMBERS else 404)


def test_members_only_event_is_hidden_from_anonymous(world, client_for, members_event):
    response = client_for(None).get(reverse("events:public_event_detail", args=[members_event.pk]))
    assert response.status_code == 404
    listing = client_for(None).get(reverse("events:public_event_list"))
    assert members_event.title not in listing.content.decode()


def test_public_event_is_visible_without_login(world, client_for):
    event = make_event(world, title="Offener Chancenmarkt", visibility=Visibility.PUBLIC)
    client = client_for(None)
    assert client.get(reverse("events:public_event_detail", args=[event.pk])).status_code == 200
    assert (
        "Offener Chancenmarkt" in client.get(reverse("events:public_event_list")).content.decode()
    )
    ics = client.get(reverse("events:public_event_ics", args=[event.pk]))
    assert ics.status_code == 200
    assert "meet.example.org" not in ics.content.decode()


@pytest.mark.parametrize("route", EVENT_ROUTES_COORDINATOR_ONLY)
@pytest.mark.parametrize("who", MEMBERS + STRANGERS)
def test_coordinator_only_routes(world, client_for, members_event, route, who):
    response = client_for(getattr(world, who)).get(reverse(route, args=[members_event.pk]))
    assert response.status_code == (200 if who == "coordinator" else 404)


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("coordinator", 200),
        ("org_admin", 200),
        ("staff", 404),
        ("employer", 404),
        ("other_admin", 404),
        ("foreign_admin", 404),
        ("outsider", 404),
    ],
)
def test_agenda_for_coordinator_and_host_admin(world, client_for, members_event, who, expected):
    response = client_for(getattr(world, who)).get(
        reverse("events:agenda_edit", args=[members_event.pk])
    )
    assert response.status_code == expected


@pytest.mark.parametrize(
    ("route", "args"),
    [("events:event_create", []), ("events:series_create", [])],
)
@pytest.mark.parametrize("who", MEMBERS + STRANGERS)
def test_creating_is_for_coordinators(world, client_for, route, args, who):
    response = client_for(getattr(world, who)).get(reverse(route, args=args))
    assert response.status_code == (200 if who == "coordinator" else 404)


@pytest.mark.parametrize("route", ["events:series_list", "events:plan_list"])
@pytest.mark.parametrize("who", MEMBERS + STRANGERS)
def test_member_lists(world, client_for, werkstatt, route, who):
    """Anyone with a role sees the lists of their own federation only; no role: 404."""
    response = client_for(getattr(world, who)).get(reverse(route))
    assert response.status_code == (404 if who == "outsider" else 200)
    if route == "events:series_list" and who != "outsider":
        assert ("Betriebliche Werkstatt" in response.content.decode()) == (who in MEMBERS)


def test_series_and_plan_of_other_federation_give_404(world, client_for, werkstatt):
    plan = services.plan_create(
        actor=world.coordinator,
        network=world.national,
        title="Plan",
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate() + timedelta(days=240),
    )
    foreign = client_for(world.foreign_admin)
    assert foreign.get(reverse("events:series_detail", args=[werkstatt.pk])).status_code == 404
    assert foreign.get(reverse("events:plan_detail", args=[plan.pk])).status_code == 404
    member = client_for(world.staff)
    assert member.get(reverse("events:series_detail", args=[werkstatt.pk])).status_code == 200
    assert member.get(reverse("events:plan_detail", args=[plan.pk])).status_code == 200


ANON_LOGIN_ROUTES = [
    ("events:event_edit", True),
    ("events:registration_list", True),
    ("events:registration_export", True),
    ("events:agenda_edit", True),
    ("events:minutes_edit", True),
    ("events:action_item_create", True),
    ("events:event_create", False),
    ("events:series_list", False),
    ("events:series_create", False),
    ("events:plan_list", False),
    ("events:feed_settings", False),
]


@pytest.mark.parametrize(("route", "with_event"), ANON_LOGIN_ROUTES)
def test_anonymous_is_sent_to_login(world, client_for, members_event, route, with_event):
    args = [members_event.pk] if with_event else []
    response = client_for(None).get(reverse(route, args=args))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize(
    "route",
    [
        "events:registration_create",
        "events:registration_cancel",
        "events:offer_accept",
        "events:event_cancel",
        "events:host_decline",
    ],
)
def test_anonymous_posts_are_refused(world, client_for, members_event, route):
    response = client_for(None).post(reverse(route, args=[members_event.pk]))
    assert response.status_code in (302, 404)
    assert Registration.objects.filter(event=members_event).count() == 1


def test_stranger_cannot_register_or_cancel_event(world, client_for, members_event):
    client = client_for(world.foreign_admin)
    assert (
        client.post(reverse("events:registration_create", args=[members_event.pk])).status_code
        == 404
    )
    assert client.post(reverse("events:event_cancel", args=[members_event.pk])).status_code == 404
    members_event.refresh_from_db()
    assert not members_event.is_cancelled


def test_member_cannot_cancel_event_or_set_attendance(world, client_for, members_event):
    registration = Registration.objects.get(event=members_event)
    client = client_for(world.org_admin)
    assert client.post(reverse("events:event_cancel", args=[members_event.pk])).status_code == 404
    url = reverse("events:attendance_set", args=[members_event.pk, registration.pk])
    assert client.post(url, {"present": "1"}).status_code == 404


def test_unknown_ids_give_404(world, client_for):
    client = client_for(world.coordinator)
    assert client.get(reverse("events:public_event_detail", args=[999_999])).status_code == 404
    assert client.get(reverse("events:series_detail", args=[999_999])).status_code == 404
    assert client.get(reverse("events:action_item_edit", args=[999_999])).status_code == 404


# --- The journey in views ---------------------------------------------------------------------


def test_register_cancel_offer_and_meeting_link(world, client_for, members_event):
    """staff holds a seat; org_admin takes the last; counsellor waits, gets the freed seat."""
    detail = reverse("events:public_event_detail", args=[members_event.pk])
    admin, counsellor, staff = (
        client_for(world.org_admin),
        client_for(world.counsellor),
        client_for(world.staff),
    )
    link = "https://meet.example.org/netzwerk"
    assert link in staff.get(detail).content.decode()
    assert link not in admin.get(detail).content.decode()
    assert (
        admin.post(
            reverse("events:registration_create", args=[members_event.pk]), {"language": "de"}
        ).status_code
        == 302
    )
    response = counsellor.post(reverse("events:registration_create", args=[members_event.pk]), {})
    assert response.status_code == 302
    assert link not in counsellor.get(detail).content.decode()
    assert (
        staff.post(reverse("events:registration_cancel", args=[members_event.pk])).status_code
        == 302
    )
    page = counsellor.get(detail).content.decode()
    assert reverse("events:offer_accept", args=[members_event.pk]) in page
    assert (
        counsellor.post(reverse("events:offer_accept", args=[members_event.pk])).status_code == 302
    )
    assert link in counsellor.get(detail).content.decode()
    # Accepting again finds no open offer.
    assert (
        counsellor.post(reverse("events:offer_accept", args=[members_event.pk])).status_code == 404
    )
    assert WaitlistOffer.objects.get().status == "accepted"


def test_registration_with_overlong_answer_is_refused(world, client_for, members_event):
    response = client_for(world.org_admin).post(
        reverse("events:registration_create", args=[members_event.pk]),
        {"accessibility_needs": "x" * 1001},
    )
    assert response.status_code == 400
    assert not Registration.objects.filter(user=world.org_admin).exists()


def test_event_form_error_gives_400_and_writes_nothing(world, client_for):
    client = client_for(world.coordinator)
    response = client.post(
        reverse("events:event_create"),
        {
            "network": world.national.pk,
            "title": "Werkstatt",
            "event_type": "werkstatt",
            "format": "on_site",
            "visibility": "members",
            "starts_at": "2030-05-01T10:00",
            "ends_at": "2030-05-01T09:00",
            "plz": "",
        },
    )
    assert response.status_code == 400
    from wegweiser.events.models import Event

    assert not Event.objects.filter(title="Werkstatt").exists()


def test_coordinator_creates_event_via_form(world, client_for):
    client = client_for(world.coordinator)
    response = client.post(
        reverse("events:event_create"),
        {
            "network": world.region.pk,
            "title": "Regionaltreffen Ost",
            "event_type": "regional_meeting",
            "format": "hybrid",
            "visibility": "public",
            "starts_at": "2030-05-01T10:00",
            "ends_at": "2030-05-01T12:00",
            "plz": "06108",
            "city": "Halle (Saale)",
            "meeting_url": "https://meet.example.org/ost",
            "capacity": "30",
            "ask_accessibility": "on",
        },
    )
    assert response.status_code == 302


def test_registration_list_and_csv_are_logged(world, client_for, members_event):
    client = client_for(world.coordinator)
    page = client.get(reverse("events:registration_list", args=[members_event.pk]))
    assert "Rampe" in page.content.decode()
    csv_response = client.get(reverse("events:registration_export", args=[members_event.pk]))
    body = csv_response.content.decode("utf-8-sig")
    assert "staff@example.org" in body
    assert "Rampe" in body
    assert AccessLogEntry.objects.filter(purpose="event_registrations").count() == 2


def test_csv_neutralises_formulas(world, client_for):
    event = make_event(world)
    services.registration_create(
        actor=world.staff, event=event, accessibility_needs="=HYPERLINK(1)"
    )
    body = (
        client_for(world.coordinator)
        .get(reverse("events:registration_export", args=[event.pk]))
        .content.decode("utf-8-sig")
    )
    assert "'=HYPERLINK(1)" in body


def test_check_in_via_attendance_list(world, client_for, members_event):
    registration = Registration.objects.get(event=members_event)
    url = reverse("events:attendance_set", args=[members_event.pk, registration.pk])
    assert client_for(world.coordinator).post(url, {"present": "1"}).status_code == 302
    registration.refresh_from_db()
    assert registration.checked_in_at is not None


def test_host_admin_adds_practice_report_slot(world, client_for, members_event):
    client = client_for(world.org_admin)
    url = reverse("events:agenda_edit", args=[members_event.pk])
    bad = client.post(
        url,
        {
            "position": 1,
            "title": "Praxisbericht",
            "kind": SlotKind.PRACTICE_REPORT,
            "duration_minutes": 10,
        },
    )
    assert bad.status_code == 400
    good = client.post(
        url,
        {
            "position": 1,
            "title": "Praxisbericht",
            "kind": SlotKind.PRACTICE_REPORT,
            "duration_minutes": 10,
            "speaker_organisation": world.other_company.pk,
        },
    )
    assert good.status_code == 302
    assert members_event.agenda_slots.get().speaker_organisation == world.other_company


def test_event_list_query_count_is_fixed(world, client_for, django_assert_max_num_queries):
    for index in range(3):
        make_event(world, title=f"Treffen {index}")
    client = client_for(world.staff)
    client.get(reverse("events:public_event_list"))  # warm caches (session, actor)
    with django_assert_max_num_queries(12) as small:
        client.get(reverse("events:public_event_list"))
    for index in range(10):
        make_event(world, title=f"Weiteres Treffen {index}")
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("events:public_event_list"))


def test_dashboard_shows_events_and_action_items(world, client_for, members_event):
    services.action_item_create(
        actor=world.coordinator,
        network=world.national,
        event=members_event,
        data={"title": "Einladung verschicken", "owner_organisation": world.company},
    )
    coordinator_page = client_for(world.coordinator).get(reverse("core:dashboard")).content.decode()
    assert "Einladung verschicken" in coordinator_page
    staff_page = client_for(world.staff).get(reverse("core:dashboard")).content.decode()
    assert members_event.title in staff_page
    # the owning organisation's staff see it among their own items; other members do not
    assert "Meine Aufgaben" in staff_page and "Einladung verschicken" in staff_page
    other_page = client_for(world.other_admin).get(reverse("core:dashboard")).content.decode()
    assert "Einladung verschicken" not in other_page


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("coordinator", 200),
        ("org_admin", 200),
        ("staff", 200),
        ("employer", 404),
        ("other_admin", 404),
        ("counsellor", 404),
        ("foreign_admin", 404),
    ],
)
def test_owner_reports_progress_and_nothing_else(world, client_for, members_event, who, expected):
    item = services.action_item_create(
        actor=world.coordinator,
        network=world.national,
        event=members_event,
        data={"title": "Raum buchen", "owner_organisation": world.company},
    )
    url = reverse("events:action_item_edit", args=[item.pk])
    client = client_for(getattr(world, who))
    assert client.get(url).status_code == expected
    if expected != 200 or who == "coordinator":
        return
    response = client.post(
        url, {"status": "in_progress", "progress": "40", "title": "Umbenannt", "owner_user": ""}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.progress, item.title) == ("in_progress", 40, "Raum buchen")
    entry = AuditEntry.objects.filter(action="action_item.progress").get()
    assert entry.actor == getattr(world, who)
    assert sorted(entry.changed_fields) == ["progress", "status"]


def test_owner_progress_out_of_range_writes_nothing(world, client_for, members_event):
    item = services.action_item_create(
        actor=world.coordinator,
        network=world.national,
        event=members_event,
        data={"title": "Raum buchen", "owner_user": world.staff},
    )
    url = reverse("events:action_item_edit", args=[item.pk])
    response = client_for(world.staff).post(url, {"status": "done", "progress": "140"})
    assert response.status_code == 400
    item.refresh_from_db()
    assert (item.status, item.progress) == ("open", 0)
    assert not AuditEntry.objects.filter(action="action_item.progress").exists()


def test_new_member_waits_when_full(world, client_for, members_event):
    services.registration_create(actor=world.org_admin, event=members_event)
    person = make_member(world)
    client_for(person).post(reverse("events:registration_create", args=[members_event.pk]), {})
    assert Registration.objects.get(user=person).status == "waitlisted"


def test_event_list_htmx_partial_filters(world, client_for):
    make_event(world, title="Werkstatt Halle")
    make_event(world, title="Webinar Recht")
    response = client_for(world.staff).get(
        reverse("events:public_event_list"), {"q": "Halle"}, headers={"HX-Request": "true"}
    )
    content = response.content.decode()
    assert "Werkstatt Halle" in content
    assert "Webinar Recht" not in content
    assert "<html" not in content


def test_coordinator_edits_event_time_and_sequence_bumps(world, client_for, members_event):
    client = client_for(world.coordinator)
    url = reverse("events:event_edit", args=[members_event.pk])
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, bool)}
    data |= dict.fromkeys(("ask_accessibility", "ask_language"), "on")
    data["starts_at"] = (members_event.starts_at + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    data["ends_at"] = (members_event.ends_at + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    data["registration_deadline"] = ""
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    members_event.refresh_from_db()
    assert members_event.sequence == 1


def test_housekeeping_command_passes_offers_on(world, members_event):
    from django.core.management import call_command

    services.registration_create(actor=world.org_admin, event=members_event)
    waiting = services.registration_create(actor=world.counsellor, event=members_event)
    nxt = services.registration_create(actor=world.employer, event=members_event)
    services.registration_cancel(
        actor=world.staff, registration=Registration.objects.get(user=world.staff)
    )
    WaitlistOffer.objects.filter(registration=waiting).update(
        expires_at=timezone.now() - timedelta(minutes=5)
    )
    call_command("events_housekeeping")
    assert WaitlistOffer.objects.get(status="open").registration == nxt


def test_host_override_is_for_coordinators_and_host_admin_may_decline(world, client_for, werkstatt):
    for organisation in (world.company, world.other_company):
        services.series_host_set(
            actor=world.coordinator, series=werkstatt, organisation=organisation
        )
    event = services.series_event_create(
        actor=world.coordinator,
        series=werkstatt,
        data={"starts_at": timezone.now() + timedelta(days=10)},
    )
    assert event.host_organisation == world.company
    assign = reverse("events:host_assign", args=[event.pk])
    decline = reverse("events:host_decline", args=[event.pk])
    assert (
        client_for(world.org_admin).post(assign, {"organisation": world.company.pk}).status_code
        == 404
    )
    assert client_for(world.other_admin).post(decline).status_code == 404
    assert client_for(world.org_admin).post(decline).status_code == 302  # the host's admin
    event.refresh_from_db()
    assert event.host_organisation == world.other_company
    response = client_for(world.coordinator).post(assign, {"organisation": world.counselling.pk})
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.host_organisation == world.counselling
    assert event.host_chosen_by == "coordinator"


@pytest.mark.parametrize(
    ("who", "expected"),
    [("coordinator", 200), ("org_admin", 404), ("staff", 404), ("foreign_admin", 404)],
)
def test_only_coordinators_edit_a_series(world, client_for, werkstatt, who, expected):
    url = reverse("events:series_edit", args=[werkstatt.pk])
    assert client_for(getattr(world, who)).get(url).status_code == expected


def test_coordinator_changes_a_series_after_creation(world, client_for, werkstatt):
    url = reverse("events:series_edit", args=[werkstatt.pk])
    client = client_for(world.coordinator)
    data = {
        "title": "Betriebliche Werkstatt Ost",
        "event_type": werkstatt.event_type,
        "recurrence": "monthly",
        "description": "",
        "format": werkstatt.format,
        "visibility": werkstatt.visibility,
        "rotates_host": "on",
        "default_capacity": "25",
        "duration_minutes": "120",
        "meeting_url": "",
    }
    assert client.post(url, data).status_code == 302
    werkstatt.refresh_from_db()
    assert (werkstatt.title, werkstatt.recurrence, werkstatt.default_capacity) == (
        "Betriebliche Werkstatt Ost",
        "monthly",
        25,
    )
    entry = AuditEntry.objects.filter(action="event_series.update").get()
    assert {"title", "recurrence", "default_capacity", "duration_minutes"} <= set(
        entry.changed_fields
    )
    # bad input: nothing changes
    response = client.post(url, {**data, "title": "", "default_capacity": "-3"})
    assert response.status_code == 400
    werkstatt.refresh_from_db()
    assert werkstatt.title == "Betriebliche Werkstatt Ost"
    assert AuditEntry.objects.filter(action="event_series.update").count() == 1

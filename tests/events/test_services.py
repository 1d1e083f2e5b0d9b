"""Service rules of events: seats, waiting list, offers, hosts, agenda, minutes, feeds."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from tests.events.conftest import make_event, make_member
from wegweiser.core.models import AuditEntry
from wegweiser.events import selectors, services
from wegweiser.events.constants import (
    ActionItemStatus,
    EventFormat,
    OfferStatus,
    RegistrationStatus,
    SlotKind,
)
from wegweiser.events.exceptions import (
    AlreadyRegistered,
    EventError,
    OfferNotOpen,
    RegistrationClosed,
)
from wegweiser.events.models import Minutes, Registration, WaitlistOffer

pytestmark = pytest.mark.django_db


def register(event, user, **answers):
    return services.registration_create(actor=user, event=event, **answers)


def test_registration_confirms_until_full_then_waitlists(world, event):
    first = register(event, world.staff)
    second = register(event, world.org_admin)
    third = register(event, world.counsellor)
    assert first.status == second.status == RegistrationStatus.CONFIRMED
    assert third.status == RegistrationStatus.WAITLISTED
    assert third.waitlisted_at is not None


def test_registration_keeps_answers_and_audits_field_names_only(world, event):
    registration = register(event, world.staff, accessibility_needs="Rollstuhl", language="ar")
    assert registration.accessibility_needs == "Rollstuhl"
    entry = AuditEntry.objects.get(action="registration.create")
    assert "accessibility_needs" in entry.changed_fields
    assert "Rollstuhl" not in str(entry.changed_fields)
    assert entry.network_id == event.network_id


def test_questions_not_asked_are_not_stored(world):
    event = make_event(world, ask_dietary=False)
    registration = register(event, world.staff, dietary_wishes="vegan")
    assert registration.dietary_wishes == ""


def test_double_registration_is_refused(world, event):
    register(event, world.staff)
    with pytest.raises(AlreadyRegistered):
        register(event, world.staff)


def test_registration_after_deadline_is_refused(world):
    event = make_event(world, registration_deadline=timezone.now() - timedelta(hours=1))
    with pytest.raises(RegistrationClosed):
        register(event, world.staff)
    assert not Registration.objects.exists()


def test_registration_for_cancelled_event_is_refused(world, event):
    services.event_cancel(actor=world.coordinator, event=event)
    with pytest.raises(RegistrationClosed):
        register(event, world.staff)


@pytest.mark.parametrize("who", ["outsider", "foreign_admin"])
def test_non_members_cannot_register(world, event, who):
    with pytest.raises(EventError):
        register(event, getattr(world, who))


def test_cancelling_a_seat_offers_it_to_the_first_waiting(
    world, event, django_capture_on_commit_callbacks
):
    first = register(event, world.staff)
    register(event, world.org_admin)
    waiting_one = register(event, world.counsellor)
    waiting_two = register(event, world.employer)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(actor=world.staff, registration=first)
    offer = WaitlistOffer.objects.get()
    assert offer.registration == waiting_one
    assert offer.status == OfferStatus.OPEN
    assert offer.expires_at <= event.starts_at
    assert [m.to for m in mail.outbox] == [[world.counsellor.email]]
    # The offered seat is held: a newcomer joins the waiting list, not the seat.
    newcomer = register(event, world.other_admin)
    assert newcomer.status == RegistrationStatus.WAITLISTED
    waiting_two.refresh_from_db()
    assert waiting_two.status == RegistrationStatus.WAITLISTED


def test_accepting_an_offer_promotes_exactly_once(world, event):
    first = register(event, world.staff)
    register(event, world.org_admin)
    waiting = register(event, world.counsellor)
    services.registration_cancel(actor=world.staff, registration=first)
    offer = WaitlistOffer.objects.get()
    promoted = services.offer_accept(actor=world.counsellor, offer=offer)
    assert promoted.status == RegistrationStatus.CONFIRMED
    with pytest.raises(OfferNotOpen):
        services.offer_accept(actor=world.counsellor, offer=offer)
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert AuditEntry.objects.filter(action="waitlist_offer.accept").count() == 1
    assert Registration.objects.filter(event=event, status="confirmed").count() == 2


def test_someone_else_cannot_accept_the_offer(world, event):
    first = register(event, world.staff)
    register(event, world.org_admin)
    register(event, world.counsellor)
    services.registration_cancel(actor=world.staff, registration=first)
    with pytest.raises(OfferNotOpen):
        services.offer_accept(actor=world.employer, offer=WaitlistOffer.objects.get())


def test_expired_offer_fails_and_passes_to_the_next(world, event):
    first = register(event, world.staff)
    register(event, world.org_admin)
    late = register(event, world.counsellor)
    nxt = register(event, world.employer)
    services.registration_cancel(actor=world.staff, registration=first)
    offer = WaitlistOffer.objects.get()
    WaitlistOffer.objects.filter(pk=offer.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    with pytest.raises(OfferNotOpen):
        services.offer_accept(actor=world.counsellor, offer=offer)
    offer.refresh_from_db()
    late.refresh_from_db()
    assert offer.status == OfferStatus.EXPIRED
    assert late.status == RegistrationStatus.OFFER_EXPIRED
    next_offer = WaitlistOffer.objects.get(status=OfferStatus.OPEN)
    assert next_offer.registration == nxt
    services.offer_accept(actor=world.employer, offer=next_offer)
    assert Registration.objects.filter(event=event, status="confirmed").count() == 2


def test_expiry_task_passes_offers_on(world, event):
    first = register(event, world.staff)
    register(event, world.org_admin)
    register(event, world.counsellor)
    nxt = register(event, world.employer)
    services.registration_cancel(actor=world.staff, registration=first)
    WaitlistOffer.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    assert services.waitlist_offers_expire() == 1
    assert WaitlistOffer.objects.get(status=OfferStatus.OPEN).registration == nxt


def test_waiting_person_can_cancel_and_offer_is_withdrawn(world, event):
    first = register(event, world.staff)
    register(event, world.org_admin)
    waiting = register(event, world.counsellor)
    services.registration_cancel(actor=world.staff, registration=first)
    services.registration_cancel(actor=world.counsellor, registration=waiting)
    assert WaitlistOffer.objects.get().status == OfferStatus.WITHDRAWN
    with pytest.raises(EventError):
        services.registration_cancel(actor=world.counsellor, registration=waiting)


def test_raising_capacity_offers_seats(world, event):
    register(event, world.staff)
    register(event, world.org_admin)
    waiting = register(event, world.counsellor)
    services.event_update(actor=world.coordinator, event=event, data={"capacity": 3})
    assert WaitlistOffer.objects.get().registration == waiting


def test_capacity_below_taken_seats_is_refused(world, event):
    register(event, world.staff)
    register(event, world.org_admin)
    with pytest.raises(EventError):
        services.event_update(actor=world.coordinator, event=event, data={"capacity": 1})
    event.refresh_from_db()
    assert event.capacity == 2


def test_on_site_event_needs_a_postcode(world):
    with pytest.raises(EventError):
        make_event(world, format=EventFormat.ON_SITE)
    event = make_event(world, format=EventFormat.HYBRID, plz="39104", city="Magdeburg")
    assert event.is_on_site
    assert event.is_online


def test_change_of_time_notifies_everyone_and_bumps_sequence(
    world, event, django_capture_on_commit_callbacks
):
    register(event, world.staff)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.event_update(
            actor=world.coordinator,
            event=event,
            data={
                "starts_at": event.starts_at + timedelta(hours=1),
                "ends_at": event.ends_at + timedelta(hours=1),
            },
        )
    event.refresh_from_db()
    assert event.sequence == 1
    assert len(mail.outbox) == 1


def test_cancellation_mail_in_recipients_language(world, event, django_capture_on_commit_callbacks):
    english = make_member(world, language="en")
    register(event, english)
    register(event, world.staff)  # German
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancel(actor=world.coordinator, event=event)
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert "cancelled" in subjects[english.email].lower()
    assert "abgesagt" in subjects[world.staff.email].lower()


def test_confirmation_and_waitlist_mails(world, django_capture_on_commit_callbacks):
    event = make_event(world, capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        register(event, world.staff)
        register(event, world.org_admin)
    assert len(mail.outbox) == 2
    assert "Warteliste" in mail.outbox[1].subject


def test_reminders_go_out_once(world, django_capture_on_commit_callbacks):
    event = make_event(world, starts_at=timezone.now() + timedelta(hours=5))
    register(event, world.staff)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.event_reminders_send_due() == 1
        assert services.event_reminders_send_due() == 0
    assert len(mail.outbox) == 1


def test_attendance_only_for_confirmed(world, event):
    confirmed = register(event, world.staff)
    register(event, world.org_admin)
    waiting = register(event, world.counsellor)
    services.attendance_set(actor=world.coordinator, registration=confirmed, present=True)
    confirmed.refresh_from_db()
    assert confirmed.checked_in_at is not None
    with pytest.raises(EventError):
        services.attendance_set(actor=world.coordinator, registration=waiting, present=True)


def test_registration_list_writes_access_log(world, event):
    from wegweiser.core.models import AccessLogEntry

    register(event, world.staff)
    register(event, world.org_admin)
    access = selectors.access_event_by_id(actor=world.coordinator, event_id=event.pk)
    rows = selectors.registration_list_for(actor=world.coordinator, access=access)
    assert len(rows) == 2
    assert AccessLogEntry.objects.filter(purpose="event_registrations").count() == 2


# --- Series, hosts and agenda ---------------------------------------------------------------------


def test_rotation_chooses_least_recent_and_decline_passes_on(world, werkstatt):
    for organisation in (world.company, world.counselling, world.other_company):
        services.series_host_set(
            actor=world.coordinator, series=werkstatt, organisation=organisation
        )
    start = timezone.now() + timedelta(days=7)
    first = services.series_event_create(
        actor=world.coordinator, series=werkstatt, data={"starts_at": start}
    )
    assert first.host_organisation == world.company
    assert first.plz == world.company.plz  # meets at the host's place
    second = services.series_event_create(actor=world.coordinator, series=werkstatt)
    assert second.starts_at.month != first.starts_at.month
    assert second.host_organisation == world.counselling
    services.event_host_decline(actor=world.coordinator, event=second)
    second.refresh_from_db()
    assert second.host_organisation == world.other_company
    third = services.series_event_create(actor=world.coordinator, series=werkstatt)
    # counselling declined the second and never hosted: it is next.
    assert third.host_organisation == world.counselling
    services.event_host_assign(actor=world.coordinator, event=third, organisation=world.company)
    third.refresh_from_db()
    assert third.host_organisation == world.company
    assert third.host_chosen_by == "coordinator"


def test_organisations_that_hosted(world, werkstatt):
    services.series_host_set(actor=world.coordinator, series=werkstatt, organisation=world.company)
    services.series_event_create(
        actor=world.coordinator,
        series=werkstatt,
        data={"starts_at": timezone.now() - timedelta(days=30)},
    )
    services.series_event_create(actor=world.coordinator, series=werkstatt)  # future
    assert selectors.organisations_that_hosted([world.national.pk]) == {world.company.pk}
    assert selectors.organisations_that_hosted([world.other_network.pk]) == set()


def test_practice_report_needs_a_member(world, event):
    with pytest.raises(EventError):
        services.agenda_slot_create(
            actor=world.coordinator,
            event=event,
            data={
                "title": "Praxisbericht",
                "kind": SlotKind.PRACTICE_REPORT,
                "duration_minutes": 10,
            },
        )
    slot = services.agenda_slot_create(
        actor=world.coordinator,
        event=event,
        data={
            "title": "Praxisbericht",
            "kind": SlotKind.PRACTICE_REPORT,
            "duration_minutes": 10,
            "speaker_organisation": world.company,
        },
    )
    assert slot.speaker_organisation == world.company


def test_open_items_of_series_appear_on_next_agenda(world, werkstatt):
    services.series_host_set(actor=world.coordinator, series=werkstatt, organisation=world.company)
    past = services.series_event_create(
        actor=world.coordinator,
        series=werkstatt,
        data={"starts_at": timezone.now() - timedelta(days=60)},
    )
    upcoming = services.series_event_create(actor=world.coordinator, series=werkstatt)
    open_item = services.action_item_create(
        actor=world.coordinator,
        network=world.national,
        event=past,
        data={"title": "Flyer übersetzen", "owner_organisation": world.company},
    )
    done = services.action_item_create(
        actor=world.coordinator,
        network=world.national,
        event=past,
        data={"title": "Raum buchen", "owner_user": world.staff, "status": ActionItemStatus.DONE},
    )
    access = selectors.access_event_by_id(actor=world.staff, event_id=upcoming.pk)
    assert access.carried_items == [open_item]
    assert done not in access.carried_items
    services.action_item_update(
        actor=world.coordinator, item=open_item, data={"status": ActionItemStatus.DONE}
    )
    access = selectors.access_event_by_id(actor=world.staff, event_id=upcoming.pk)
    assert access.carried_items == []


def test_action_item_needs_an_owner(world, event):
    with pytest.raises(EventError):
        services.action_item_create(
            actor=world.coordinator, network=world.national, event=event, data={"title": "X"}
        )


def test_plan_progress(world):
    plan = services.plan_create(
        actor=world.coordinator,
        network=world.national,
        title="Ergebnisse und Ideen",
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate() + timedelta(days=240),
    )
    for status, progress in ((ActionItemStatus.DONE, 100), (ActionItemStatus.IN_PROGRESS, 50)):
        services.action_item_create(
            actor=world.coordinator,
            network=world.national,
            data={
                "title": "Punkt",
                "owner_organisation": world.company,
                "plan": plan,
                "status": status,
                "progress": progress,
            },
        )
    result = selectors.access_plan_by_id(actor=world.staff, plan_id=plan.pk)
    assert (result.done, result.total, result.progress) == (1, 2, 75)


def test_minutes_saved_and_audited(world, event):
    services.minutes_save(actor=world.coordinator, event=event, text="Ergebnisse")
    services.minutes_save(actor=world.coordinator, event=event, text="Ergebnisse, ergänzt")
    assert Minutes.objects.get(event=event).text == "Ergebnisse, ergänzt"
    assert AuditEntry.objects.filter(action__startswith="minutes.").count() == 2


def test_feed_token_is_hashed_and_revocable(world):
    token, secret = services.feed_token_create(actor=world.staff)
    assert token.token_hash != secret
    assert len(token.token_hash) == 64
    assert services.feed_user_for_secret(secret) == world.staff
    _, newer = services.feed_token_create(actor=world.staff)
    assert services.feed_user_for_secret(secret) is None
    services.feed_token_revoke(actor=world.staff)
    assert services.feed_user_for_secret(newer) is None


def test_hosting_an_event_lifts_the_organisation_on_the_engagement_ladder(world):
    from datetime import timedelta

    from django.utils import timezone

    from wegweiser.events.models import Event
    from wegweiser.network.constants import EngagementStage
    from wegweiser.network.engagement import organisations_per_stage

    Event.objects.create(
        network=world.region,
        title="Werkstatt",
        event_type="workshop",
        format="online",
        starts_at=timezone.now() - timedelta(days=3),
        ends_at=timezone.now() - timedelta(days=3) + timedelta(hours=2),
        host_organisation=world.company,
        capacity=10,
    )
    hosts = organisations_per_stage([world.region.pk])[EngagementStage.EVENT_HOST]
    assert world.company.pk in hosts

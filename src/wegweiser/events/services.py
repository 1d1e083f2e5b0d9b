"""Writes of the events app: one transaction, one audit entry per change, mail after commit.

Seat rule: confirmed registrations plus open waiting-list offers never exceed the capacity.
Every service that changes seats locks the event row first (`select_for_update`, a no-op on
SQLite where IMMEDIATE transactions serialise writers) and counts inside the lock.
"""

from __future__ import annotations

import calendar
import hashlib
import secrets
from datetime import date, datetime, timedelta
from functools import partial
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from wegweiser.accounts.models import User
from wegweiser.core.services import audit_entry_create, changed_field_names
from wegweiser.events import policy
from wegweiser.events.constants import (
    OFFER_VALID_HOURS,
    RECURRENCE_MONTHS,
    REMINDER_HOURS_BEFORE,
    EventFormat,
    EventStatus,
    HostChoice,
    OfferStatus,
    RegistrationStatus,
    SlotKind,
)
from wegweiser.events.exceptions import (
    AlreadyRegistered,
    EventError,
    NoHostAvailable,
    OfferNotOpen,
    RegistrationClosed,
)
from wegweiser.events.models import (
    ActionItem,
    AgendaSlot,
    CalendarFeedToken,
    Event,
    EventSeries,
    HostDecline,
    Minutes,
    NetworkPlan,
    Registration,
    SeriesHost,
    WaitlistOffer,
)
from wegweiser.events.rotation import HostCandidate, choose_next_host
from wegweiser.events.tasks import offer_mail_send, registration_mail_send
from wegweiser.network.models import Network, Organisation

ACTIVE = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)

EVENT_EDITABLE_FIELDS = (
    "title",
    "event_type",
    "description",
    "format",
    "visibility",
    "starts_at",
    "ends_at",
    "venue",
    "street",
    "plz",
    "city",
    "meeting_url",
    "capacity",
    "registration_deadline",
    "ask_accessibility",
    "ask_dietary",
    "ask_language",
)
# A change of these fields is news for everyone registered (mail, iCalendar SEQUENCE).
EVENT_NOTIFY_FIELDS = frozenset(
    {"starts_at", "ends_at", "format", "venue", "street", "plz", "city", "meeting_url"}
)
SERIES_EDITABLE_FIELDS = (
    "title",
    "event_type",
    "recurrence",
    "description",
    "format",
    "visibility",
    "rotates_host",
    "default_capacity",
    "duration_minutes",
    "meeting_url",
)
SLOT_EDITABLE_FIELDS = (
    "position",
    "starts_at",
    "duration_minutes",
    "title",
    "kind",
    "speaker_organisation",
    "speaker_name",
)
ACTION_ITEM_EDITABLE_FIELDS = (
    "title",
    "description",
    "owner_user",
    "owner_organisation",
    "due_on",
    "status",
    "progress",
    "plan",
)


def _mail_on_commit(registration: Registration, kind: str) -> None:
    transaction.on_commit(
        partial(registration_mail_send.enqueue, registration_id=registration.pk, kind=kind)
    )


# --- Series, events and hosts -----------------------------------------------------------------


def series_create(*, actor: User | None, network: Network, data: dict[str, Any]) -> EventSeries:
    fields = {k: v for k, v in data.items() if k in SERIES_EDITABLE_FIELDS}
    with transaction.atomic():
        series = EventSeries(network=network, **fields)
        series.full_clean()
        series.save()
        audit_entry_create(
            actor=actor,
            action="event_series.create",
            obj=series,
            changed_fields=fields.keys(),
            network_id=network.pk,
        )
    return series


def series_update(*, actor: User, series: EventSeries, data: dict[str, Any]) -> EventSeries:
    """Change a series' settings; events already planned keep their own date and host."""
    fields = {k: v for k, v in data.items() if k in SERIES_EDITABLE_FIELDS}
    changed = changed_field_names(series, fields)
    if not changed:
        return series
    with transaction.atomic():
        for name in changed:
            setattr(series, name, fields[name])
        series.full_clean()
        series.save()
        audit_entry_create(
            actor=actor,
            action="event_series.update",
            obj=series,
            changed_fields=changed,
            network_id=series.network_id,
        )
    return series


def series_host_set(
    *, actor: User | None, series: EventSeries, organisation: Organisation, willing: bool = True
) -> SeriesHost:
    """Record (or withdraw) an organisation's willingness to host events of the series."""
    with transaction.atomic():
        entry, created = SeriesHost.objects.get_or_create(
            series=series, organisation=organisation, defaults={"willing": willing}
        )
        if not created and entry.willing != willing:
            entry.willing = willing
            entry.save(update_fields=["willing", "updated_at"])
        audit_entry_create(
            actor=actor,
            action="event_series.host_set",
            obj=entry,
            changed_fields=["willing"],
            network_id=series.network_id,
            organisation_id=organisation.pk,
        )
    return entry


def _add_months(moment: datetime, months: int) -> datetime:
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def series_next_start(series: EventSeries) -> datetime | None:
    """When the next event of the series is due: the latest event plus the recurrence."""
    latest = series.events.exclude(status=EventStatus.CANCELLED).aggregate(m=Max("starts_at"))["m"]
    if latest is None:
        return None
    local = timezone.localtime(latest)
    return _add_months(local, RECURRENCE_MONTHS[series.recurrence])  # type: ignore[index]


def _validate_event(event: Event) -> None:
    if event.format != EventFormat.ONLINE and not event.plz:
        raise EventError(_("An event on site needs the postcode of its venue."))
    event.full_clean(exclude=["network", "series", "host_organisation"])


def _take_host_address(
    event: Event, host: Organisation | None, previous: Organisation | None
) -> None:
    """An event on site meets at its host's place unless the coordinator named another venue."""
    if host is None or event.format == EventFormat.ONLINE:
        return
    if event.plz and not (previous is not None and event.venue == previous.name):
        return
    event.venue, event.street, event.plz, event.city = host.name, host.street, host.plz, host.city


def event_create(
    *,
    actor: User | None,
    network: Network,
    data: dict[str, Any],
    series: EventSeries | None = None,
) -> Event:
    """Create an event (in a rotating series the rotation chooses its host)."""
    fields = {k: v for k, v in data.items() if k in EVENT_EDITABLE_FIELDS}
    with transaction.atomic():
        event = Event(network=network, series=series, **fields)
        if not fields.get("ends_at") and fields.get("starts_at"):
            minutes = series.duration_minutes if series else 90
            event.ends_at = event.starts_at + timedelta(minutes=minutes)
        if series is not None and series.rotates_host:
            chosen = choose_next_host(host_candidates(event))
            if chosen is not None:
                event.host_organisation = Organisation.objects.get(pk=chosen)
                event.host_chosen_by = HostChoice.ROTATION
                _take_host_address(event, event.host_organisation, None)
        _validate_event(event)
        event.save()
        audit_entry_create(
            actor=actor,
            action="event.create",
            obj=event,
            changed_fields=[*fields.keys(), "host_organisation"],
            network_id=network.pk,
            organisation_id=event.host_organisation_id,
        )
    return event


def series_event_create(
    *, actor: User | None, series: EventSeries, data: dict[str, Any] | None = None
) -> Event:
    """The next event of a series, with the series' defaults and its next date."""
    data = dict(data or {})
    starts_at = data.get("starts_at") or series_next_start(series)
    if starts_at is None:
        raise EventError(_("Give the date of the first event of the series."))
    defaults: dict[str, Any] = {
        "title": series.title,
        "event_type": series.event_type,
        "description": series.description,
        "format": series.format,
        "visibility": series.visibility,
        "capacity": series.default_capacity,
        "meeting_url": series.meeting_url,
        "starts_at": starts_at,
        "ends_at": starts_at + timedelta(minutes=series.duration_minutes),
    }
    return event_create(
        actor=actor,
        network=series.network,
        series=series,
        data=defaults | {k: v for k, v in data.items() if v not in (None, "")},
    )


def host_candidates(event: Event) -> list[HostCandidate]:
    """The willing organisations of the event's series with the time each last hosted."""
    if event.series_id is None:
        return []
    entries = list(
        SeriesHost.objects.filter(series_id=event.series_id, willing=True).order_by(
            "created_at", "pk"
        )
    )
    last = dict(
        Event.objects.filter(series_id=event.series_id, host_organisation__isnull=False)
        .exclude(pk=event.pk)
        .exclude(status=EventStatus.CANCELLED)
        .values("host_organisation_id")
        .annotate(last=Max("starts_at"))
        .values_list("host_organisation_id", "last")
    )
    return [
        HostCandidate(
            organisation_id=e.organisation_id, last_hosted=last.get(e.organisation_id), order=index
        )
        for index, e in enumerate(entries)
    ]


def _rotate_host(*, actor: User | None, event: Event) -> Organisation | None:
    declined = set(event.host_declines.values_list("organisation_id", flat=True))
    previous = event.host_organisation
    chosen = choose_next_host(host_candidates(event), declined)
    event.host_organisation = Organisation.objects.get(pk=chosen) if chosen else None
    event.host_chosen_by = HostChoice.ROTATION if chosen else ""
    _take_host_address(event, event.host_organisation, previous)
    event.save()
    audit_entry_create(
        actor=actor,
        action="event.host_rotate",
        obj=event,
        changed_fields=["host_organisation"],
        network_id=event.network_id,
        organisation_id=chosen,
    )
    return event.host_organisation


def event_host_rotate(*, actor: User | None, event: Event) -> Event:
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        _rotate_host(actor=actor, event=locked)
    return locked


def event_host_decline(*, actor: User | None, event: Event) -> Event:
    """The current host declines; the rotation passes the event to the next willing host."""
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if locked.host_organisation_id is None:
            raise NoHostAvailable(_("This event has no host to decline."))
        decline = HostDecline.objects.create(
            event=locked, organisation_id=locked.host_organisation_id
        )
        audit_entry_create(
            actor=actor,
            action="event.host_decline",
            obj=decline,
            changed_fields=["organisation"],
            network_id=locked.network_id,
            organisation_id=locked.host_organisation_id,
        )
        _rotate_host(actor=actor, event=locked)
    return locked


def event_host_assign(*, actor: User | None, event: Event, organisation: Organisation) -> Event:
    """The coordinator's override of the rotation."""
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        locked.host_organisation = organisation
        locked.host_chosen_by = HostChoice.COORDINATOR
        locked.save(update_fields=["host_organisation", "host_chosen_by", "updated_at"])
        audit_entry_create(
            actor=actor,
            action="event.host_assign",
            obj=locked,
            changed_fields=["host_organisation", "host_chosen_by"],
            network_id=locked.network_id,
            organisation_id=organisation.pk,
        )
    return locked


def event_update(*, actor: User, event: Event, data: dict[str, Any]) -> Event:
    fields = {k: v for k, v in data.items() if k in EVENT_EDITABLE_FIELDS}
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        changed = changed_field_names(locked, fields)
        if not changed:
            return locked
        if "capacity" in changed and fields["capacity"] is not None:
            taken = _seats_taken(locked)
            if fields["capacity"] < taken:
                raise EventError(
                    _("%(taken)s seats are taken; the capacity cannot be lower.") % {"taken": taken}
                )
        for name in changed:
            setattr(locked, name, fields[name])
        notify = bool(EVENT_NOTIFY_FIELDS & set(changed))
        if notify:
            locked.sequence += 1
        _validate_event(locked)
        locked.save()
        audit_entry_create(
            actor=actor,
            action="event.update",
            obj=locked,
            changed_fields=changed,
            network_id=locked.network_id,
        )
        if "capacity" in changed:
            _offer_free_seats(actor=actor, event=locked, now=timezone.now())
        if notify:
            for registration in locked.registrations.filter(status__in=ACTIVE):
                _mail_on_commit(registration, "changed")
    return locked


def event_cancel(*, actor: User, event: Event) -> Event:
    """Cancel the event: open offers are withdrawn and everyone registered is told."""
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if locked.is_cancelled:
            return locked
        locked.status = EventStatus.CANCELLED
        locked.sequence += 1
        locked.save(update_fields=["status", "sequence", "updated_at"])
        WaitlistOffer.objects.filter(event=locked, status=OfferStatus.OPEN).update(
            status=OfferStatus.WITHDRAWN, decided_at=timezone.now()
        )
        audit_entry_create(
            actor=actor,
            action="event.cancel",
            obj=locked,
            changed_fields=["status"],
            network_id=locked.network_id,
        )
        for registration in locked.registrations.filter(status__in=ACTIVE):
            _mail_on_commit(registration, "cancelled")
    return locked


# --- Agenda -----------------------------------------------------------------------------------


def agenda_slot_create(*, actor: User, event: Event, data: dict[str, Any]) -> AgendaSlot:
    fields = {k: v for k, v in data.items() if k in SLOT_EDITABLE_FIELDS}
    with transaction.atomic():
        slot = AgendaSlot(event=event, **fields)
        if slot.kind == SlotKind.PRACTICE_REPORT and slot.speaker_organisation_id is None:
            raise EventError(_("A report from practice needs the member organisation presenting."))
        slot.full_clean(exclude=["event", "speaker_organisation"])
        slot.save()
        audit_entry_create(
            actor=actor,
            action="agenda_slot.create",
            obj=slot,
            changed_fields=fields.keys(),
            network_id=event.network_id,
            organisation_id=slot.speaker_organisation_id,
        )
    return slot


def agenda_slot_delete(*, actor: User, slot: AgendaSlot) -> None:
    with transaction.atomic():
        audit_entry_create(
            actor=actor,
            action="agenda_slot.delete",
            obj=slot,
            changed_fields=["title"],
            network_id=slot.event.network_id,
        )
        slot.delete()


# --- Registrations and the waiting list -------------------------------------------------------


def _seats_taken(event: Event) -> int:
    """Confirmed seats plus seats held by open offers. Call inside the event lock."""
    confirmed = Registration.objects.filter(
        event=event, status=RegistrationStatus.CONFIRMED
    ).count()
    offered = WaitlistOffer.objects.filter(event=event, status=OfferStatus.OPEN).count()
    return confirmed + offered


def _expire_due_offers(*, actor: User | None, event: Event, now: datetime) -> int:
    """Offers past their time lapse; the registration leaves the waiting list."""
    due = list(
        WaitlistOffer.objects.filter(event=event, status=OfferStatus.OPEN, expires_at__lte=now)
    )
    for offer in due:
        offer.status = OfferStatus.EXPIRED
        offer.decided_at = now
        offer.save(update_fields=["status", "decided_at", "updated_at"])
        Registration.objects.filter(
            pk=offer.registration_id, status=RegistrationStatus.WAITLISTED
        ).update(status=RegistrationStatus.OFFER_EXPIRED, updated_at=now)
        audit_entry_create(
            actor=actor,
            action="waitlist_offer.expire",
            obj=offer,
            changed_fields=["status"],
            network_id=event.network_id,
        )
    return len(due)


def _offer_free_seats(*, actor: User | None, event: Event, now: datetime) -> list[WaitlistOffer]:
    """Offer each free seat to the first person waiting who holds no offer yet."""
    offers: list[WaitlistOffer] = []
    if event.capacity is None or event.is_cancelled or event.starts_at <= now:
        return offers
    free = event.capacity - _seats_taken(event)
    if free <= 0:
        return offers
    waiting = (
        Registration.objects.filter(event=event, status=RegistrationStatus.WAITLISTED)
        .exclude(offers__status=OfferStatus.OPEN)
        .order_by("waitlisted_at", "pk")[:free]
    )
    expires_at = min(now + timedelta(hours=OFFER_VALID_HOURS), event.starts_at)
    for registration in waiting:
        offer = WaitlistOffer.objects.create(
            event=event, registration=registration, expires_at=expires_at
        )
        audit_entry_create(
            actor=actor,
            action="waitlist_offer.create",
            obj=offer,
            changed_fields=["registration", "expires_at"],
            network_id=event.network_id,
        )
        transaction.on_commit(partial(offer_mail_send.enqueue, offer_id=offer.pk))
        offers.append(offer)
    return offers


def _refresh_waitlist(*, actor: User | None, event: Event, now: datetime) -> None:
    _expire_due_offers(actor=actor, event=event, now=now)
    _offer_free_seats(actor=actor, event=event, now=now)


def registration_create(
    *,
    actor: User,
    event: Event,
    accessibility_needs: str = "",
    dietary_wishes: str = "",
    language: str = "",
) -> Registration:
    """Register the actor: a confirmed seat while seats are free, else the waiting list."""
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if not policy.can_register(actor, locked):
            raise EventError(_("Only members of the network can register for this event."))
        if not locked.registration_open:
            raise RegistrationClosed(_("Registration for this event is closed."))
        now = timezone.now()
        _refresh_waitlist(actor=None, event=locked, now=now)
        if Registration.objects.filter(event=locked, user=actor, status__in=ACTIVE).exists():
            raise AlreadyRegistered(_("You are already registered for this event."))
        full = locked.capacity is not None and _seats_taken(locked) >= locked.capacity
        organisation_ids = sorted(
            Organisation.objects.filter(roles__user=actor, memberships__isnull=False)
            .values_list("pk", flat=True)
            .distinct()
        )
        registration = Registration(
            event=locked,
            user=actor,
            organisation_id=organisation_ids[0] if organisation_ids else None,
            status=RegistrationStatus.WAITLISTED if full else RegistrationStatus.CONFIRMED,
            accessibility_needs=accessibility_needs if locked.ask_accessibility else "",
            dietary_wishes=dietary_wishes if locked.ask_dietary else "",
            language=language if locked.ask_language else "",
            waitlisted_at=now if full else None,
            confirmed_at=None if full else now,
        )
        registration.full_clean(exclude=["event", "user", "organisation"])
        registration.save()
        audit_entry_create(
            actor=actor,
            action="registration.create",
            obj=registration,
            changed_fields=["status", "accessibility_needs", "dietary_wishes", "language"],
            network_id=locked.network_id,
            organisation_id=registration.organisation_id,
        )
        _mail_on_commit(registration, "waitlisted" if full else "confirmed")
    return registration


def registration_cancel(*, actor: User, registration: Registration) -> Registration:
    """Cancel a seat or a place on the waiting list; a freed seat is offered to the next."""
    with transaction.atomic():
        locked_event = Event.objects.select_for_update().get(pk=registration.event_id)
        locked = Registration.objects.select_for_update().get(pk=registration.pk)
        if locked.status not in ACTIVE:
            raise EventError(_("This registration is no longer active."))
        now = timezone.now()
        locked.status = RegistrationStatus.CANCELLED
        locked.cancelled_at = now
        locked.checked_in_at = None
        locked.save(update_fields=["status", "cancelled_at", "checked_in_at", "updated_at"])
        WaitlistOffer.objects.filter(registration=locked, status=OfferStatus.OPEN).update(
            status=OfferStatus.WITHDRAWN, decided_at=now
        )
        audit_entry_create(
            actor=actor,
            action="registration.cancel",
            obj=locked,
            changed_fields=["status"],
            network_id=locked_event.network_id,
            organisation_id=locked.organisation_id,
        )
        _refresh_waitlist(actor=actor, event=locked_event, now=now)
    return locked


def offer_accept(*, actor: User, offer: WaitlistOffer) -> Registration:
    """Take the offered seat. Works once, and only before the offer expires."""
    expired = False
    with transaction.atomic():
        locked_event = Event.objects.select_for_update().get(pk=offer.event_id)
        locked = (
            WaitlistOffer.objects.select_for_update()
            .select_related("registration")
            .get(pk=offer.pk)
        )
        registration = locked.registration
        if registration.user_id != actor.pk:
            raise OfferNotOpen(_("This offer is not for you."))
        if locked.status != OfferStatus.OPEN:
            raise OfferNotOpen(_("This offer has already been used or withdrawn."))
        now = timezone.now()
        if locked.expires_at <= now or locked_event.is_cancelled:
            # Commit the expiry (and the offer to the next person) before refusing.
            _refresh_waitlist(actor=actor, event=locked_event, now=now)
            expired = True
        else:
            locked.status = OfferStatus.ACCEPTED
            locked.decided_at = now
            locked.save(update_fields=["status", "decided_at", "updated_at"])
            updated = Registration.objects.filter(
                pk=registration.pk, status=RegistrationStatus.WAITLISTED
            ).update(status=RegistrationStatus.CONFIRMED, confirmed_at=now, updated_at=now)
            if updated != 1:
                raise OfferNotOpen(_("This offer has already been used or withdrawn."))
            registration.refresh_from_db()
            audit_entry_create(
                actor=actor,
                action="waitlist_offer.accept",
                obj=locked,
                changed_fields=["status"],
                network_id=locked_event.network_id,
                organisation_id=registration.organisation_id,
            )
            _mail_on_commit(registration, "confirmed")
    if expired:
        raise OfferNotOpen(_("This offer has expired; the seat was offered to the next person."))
    return registration


def waitlist_refresh(*, event: Event) -> None:
    """The lazy check on access: expire due offers and pass their seats on."""
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        _refresh_waitlist(actor=None, event=locked, now=timezone.now())


def waitlist_offers_expire() -> int:
    """Expire every due offer (the periodic task); returns the number of events touched."""
    now = timezone.now()
    event_ids = set(
        WaitlistOffer.objects.filter(status=OfferStatus.OPEN, expires_at__lte=now).values_list(
            "event_id", flat=True
        )
    )
    for event_id in event_ids:
        waitlist_refresh(event=Event(pk=event_id))
    return len(event_ids)


def attendance_set(*, actor: User, registration: Registration, present: bool) -> Registration:
    with transaction.atomic():
        locked = Registration.objects.select_for_update().get(pk=registration.pk)
        if locked.status != RegistrationStatus.CONFIRMED:
            raise EventError(_("Only people with a confirmed seat can be checked in."))
        locked.checked_in_at = timezone.now() if present else None
        locked.save(update_fields=["checked_in_at", "updated_at"])
        audit_entry_create(
            actor=actor,
            action="registration.attendance",
            obj=locked,
            changed_fields=["checked_in_at"],
            network_id=registration.event.network_id,
            organisation_id=locked.organisation_id,
        )
    return locked


def event_reminders_send_due(*, now: datetime | None = None) -> int:
    """Remind everyone with a seat of the events starting within the next day (once each)."""
    now = now or timezone.now()
    due = Event.objects.filter(
        status=EventStatus.SCHEDULED,
        reminder_sent_at__isnull=True,
        starts_at__gt=now,
        starts_at__lte=now + timedelta(hours=REMINDER_HOURS_BEFORE),
    )
    count = 0
    for event in due:
        with transaction.atomic():
            locked = Event.objects.select_for_update().get(pk=event.pk)
            if locked.reminder_sent_at is not None:
                continue
            locked.reminder_sent_at = now
            locked.save(update_fields=["reminder_sent_at", "updated_at"])
            audit_entry_create(
                actor=None,
                action="event.remind",
                obj=locked,
                changed_fields=["reminder_sent_at"],
                network_id=locked.network_id,
            )
            for registration in locked.registrations.filter(status=RegistrationStatus.CONFIRMED):
                _mail_on_commit(registration, "reminder")
            count += 1
    return count


# --- Minutes, action items, plans --------------------------------------------------------------


def minutes_save(*, actor: User, event: Event, text: str) -> Minutes:
    with transaction.atomic():
        minutes, created = Minutes.objects.get_or_create(
            event=event, defaults={"text": text, "author": actor}
        )
        if not created:
            minutes.text = text
            minutes.author = actor
        minutes.full_clean(exclude=["event", "author"])
        minutes.save()
        audit_entry_create(
            actor=actor,
            action="minutes.create" if created else "minutes.update",
            obj=minutes,
            changed_fields=["text"],
            network_id=event.network_id,
        )
    return minutes


def _validate_owner(item: ActionItem) -> None:
    if item.owner_user_id is None and item.owner_organisation_id is None:
        raise EventError(_("Name the person or the organisation responsible."))


def action_item_create(
    *, actor: User, network: Network, data: dict[str, Any], event: Event | None = None
) -> ActionItem:
    fields = {k: v for k, v in data.items() if k in ACTION_ITEM_EDITABLE_FIELDS}
    with transaction.atomic():
        item = ActionItem(
            network=network,
            event=event,
            series_id=event.series_id if event is not None else None,
            **fields,
        )
        _validate_owner(item)
        item.full_clean(
            exclude=["network", "event", "series", "plan", "owner_user", "owner_organisation"]
        )
        item.save()
        audit_entry_create(
            actor=actor,
            action="action_item.create",
            obj=item,
            changed_fields=fields.keys(),
            network_id=network.pk,
            organisation_id=item.owner_organisation_id,
        )
    return item


def action_item_update(*, actor: User, item: ActionItem, data: dict[str, Any]) -> ActionItem:
    fields = {k: v for k, v in data.items() if k in ACTION_ITEM_EDITABLE_FIELDS}
    changed = changed_field_names(item, fields)
    if not changed:
        return item
    with transaction.atomic():
        for name in changed:
            setattr(item, name, fields[name])
        _validate_owner(item)
        item.full_clean(
            exclude=["network", "event", "series", "plan", "owner_user", "owner_organisation"]
        )
        item.save()
        audit_entry_create(
            actor=actor,
            action="action_item.update",
            obj=item,
            changed_fields=changed,
            network_id=item.network_id,
            organisation_id=item.owner_organisation_id,
        )
    return item


def action_item_report_progress(
    *, actor: User, item: ActionItem, status: str, progress: int
) -> ActionItem:
    """The owner's report: status and progress only (selectors check who may)."""
    changed = changed_field_names(item, {"status": status, "progress": progress})
    if not changed:
        return item
    with transaction.atomic():
        item.status, item.progress = status, progress
        item.full_clean(
            exclude=["network", "event", "series", "plan", "owner_user", "owner_organisation"]
        )
        item.save(update_fields=[*changed, "updated_at"])
        audit_entry_create(
            actor=actor,
            action="action_item.progress",
            obj=item,
            changed_fields=changed,
            network_id=item.network_id,
            organisation_id=item.owner_organisation_id,
        )
    return item


def plan_create(
    *, actor: User | None, network: Network, title: str, starts_on: date, ends_on: date
) -> NetworkPlan:
    with transaction.atomic():
        plan = NetworkPlan(network=network, title=title, starts_on=starts_on, ends_on=ends_on)
        if ends_on <= starts_on:
            raise EventError(_("The plan must end after it starts."))
        plan.full_clean(exclude=["network"])
        plan.save()
        audit_entry_create(
            actor=actor,
            action="network_plan.create",
            obj=plan,
            changed_fields=["title", "starts_on", "ends_on"],
            network_id=network.pk,
        )
    return plan


# --- Personal calendar feed ---------------------------------------------------------------------


def feed_token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def feed_token_create(*, actor: User) -> tuple[CalendarFeedToken, str]:
    """A new personal feed (the old one stops working). The secret is shown only once."""
    secret = secrets.token_urlsafe(32)
    with transaction.atomic():
        CalendarFeedToken.objects.filter(user=actor, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        token = CalendarFeedToken.objects.create(user=actor, token_hash=feed_token_hash(secret))
        audit_entry_create(
            actor=actor, action="calendar_feed.create", obj=token, changed_fields=["token_hash"]
        )
    return token, secret


def feed_token_revoke(*, actor: User) -> int:
    with transaction.atomic():
        tokens = list(CalendarFeedToken.objects.filter(user=actor, revoked_at__isnull=True))
        for token in tokens:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at", "updated_at"])
            audit_entry_create(
                actor=actor, action="calendar_feed.revoke", obj=token, changed_fields=["revoked_at"]
            )
    return len(tokens)


def feed_user_for_secret(secret: str) -> User | None:
    """The owner of an active feed token (used by the public feed URL)."""
    token = (
        CalendarFeedToken.objects.select_related("user")
        .filter(token_hash=feed_token_hash(secret), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    CalendarFeedToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user

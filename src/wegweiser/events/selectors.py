"""Reads of the events app. Registrant data is reached only through logged selectors."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from wegweiser.core.services import access_log_record_many
from wegweiser.events import policy
from wegweiser.events.constants import (
    OPEN_ACTION_ITEM_STATUSES,
    EventStatus,
    OfferStatus,
    RegistrationStatus,
    Visibility,
)
from wegweiser.events.models import (
    ActionItem,
    AgendaSlot,
    CalendarFeedToken,
    Event,
    EventSeries,
    Minutes,
    NetworkPlan,
    Registration,
    SeriesHost,
    WaitlistOffer,
)
from wegweiser.network.constants import RoleKind
from wegweiser.network.models import Organisation
from wegweiser.network.policy import actor_for

ACTIVE = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)


@dataclass(frozen=True)
class EventFilters:
    when: str = "upcoming"  # upcoming | past | all
    event_type: str = ""
    q: str = ""


def _visible_events_q(user: Any) -> Q:
    actor = actor_for(user)
    public = Q(visibility=Visibility.PUBLIC)
    if actor.is_superuser:
        return Q()
    if not actor.is_staff_member:
        return public
    return public | Q(network_id__in=actor.visible_network_ids)


def event_list_for(*, actor: Any, filters: EventFilters | None = None) -> QuerySet[Event]:
    """The events the actor may see (anonymous: public ones), with what the list shows."""
    filters = filters or EventFilters()
    events = Event.objects.filter(_visible_events_q(actor)).select_related(
        "network", "host_organisation", "series"
    )
    now = timezone.now()
    if filters.when == "upcoming":
        events = events.filter(ends_at__gt=now)
    elif filters.when == "past":
        events = events.filter(ends_at__lte=now)
    if filters.event_type:
        events = events.filter(event_type=filters.event_type)
    if filters.q:
        events = events.filter(Q(title__icontains=filters.q) | Q(city__icontains=filters.q))
    return events.annotate(
        confirmed_count=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)
        )
    )


@dataclass(frozen=True)
class EventAccess:
    event: Event
    can_manage: bool
    can_edit_agenda: bool
    can_register: bool
    seats_taken: int
    waiting: int
    my_registration: Registration | None
    my_offer: WaitlistOffer | None
    slots: list[AgendaSlot]
    carried_items: list[ActionItem]  # open items of earlier events of the series
    action_items: list[ActionItem]
    minutes: Minutes | None

    @property
    def is_full(self) -> bool:
        return self.event.capacity is not None and self.seats_taken >= self.event.capacity

    @property
    def seats_left(self) -> int | None:
        if self.event.capacity is None:
            return None
        return max(self.event.capacity - self.seats_taken, 0)

    @property
    def is_confirmed(self) -> bool:
        return (
            self.my_registration is not None
            and self.my_registration.status == RegistrationStatus.CONFIRMED
        )

    @property
    def show_meeting_link(self) -> bool:
        """The meeting link is for confirmed registrants (and the organisers) only."""
        return (
            bool(self.event.meeting_url)
            and self.event.is_online
            and (self.is_confirmed or self.can_manage)
        )


def _get_event(event_id: int) -> Event:
    event = (
        Event.objects.select_related("network", "series", "host_organisation")
        .filter(pk=event_id)
        .first()
    )
    if event is None:
        raise Http404
    return event


def open_items_before(event: Event) -> list[ActionItem]:
    """Open action items of the series from earlier events: the next agenda carries them."""
    if event.series_id is None:
        return []
    return list(
        ActionItem.objects.filter(
            series_id=event.series_id,
            status__in=OPEN_ACTION_ITEM_STATUSES,
            event__starts_at__lt=event.starts_at,
        )
        .select_related("owner_user", "owner_organisation", "event")
        .order_by("due_on", "pk")
    )


def offers_due(event: Event) -> bool:
    return WaitlistOffer.objects.filter(
        event=event, status=OfferStatus.OPEN, expires_at__lte=timezone.now()
    ).exists()


def access_event_by_id(*, actor: Any, event_id: int, purpose: str = "view") -> EventAccess:
    """The event if the actor may see it (for `purpose`: view, manage, agenda), else 404."""
    event = _get_event(event_id)
    if not policy.can_view_event(actor, event):
        raise Http404
    can_manage = policy.can_manage_event(actor, event)
    can_agenda = policy.can_edit_agenda(actor, event)
    if purpose == "manage" and not can_manage:
        raise Http404
    if purpose == "agenda" and not can_agenda:
        raise Http404
    counts = Registration.objects.filter(event=event).aggregate(
        confirmed=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITLISTED)),
    )
    offered = WaitlistOffer.objects.filter(event=event, status=OfferStatus.OPEN).count()
    mine: Registration | None = None
    my_offer: WaitlistOffer | None = None
    if getattr(actor, "is_authenticated", False):
        mine = (
            Registration.objects.filter(event=event, user=actor)
            .order_by("-created_at", "-pk")
            .first()
        )
        if mine is not None:
            my_offer = WaitlistOffer.objects.filter(
                registration=mine, status=OfferStatus.OPEN
            ).first()
    return EventAccess(
        event=event,
        can_manage=can_manage,
        can_edit_agenda=can_agenda,
        can_register=policy.can_register(actor, event),
        seats_taken=counts["confirmed"] + offered,
        waiting=counts["waiting"],
        my_registration=mine,
        my_offer=my_offer,
        slots=list(event.agenda_slots.select_related("speaker_organisation")),
        carried_items=open_items_before(event),
        action_items=list(
            event.action_items.select_related("owner_user", "owner_organisation").order_by(
                "due_on", "pk"
            )
        ),
        minutes=Minutes.objects.filter(event=event).first(),
    )


def registration_list_for(*, actor: Any, access: EventAccess) -> list[Registration]:
    """Everyone registered for an event with their answers (personal data: logged)."""
    if not access.can_manage:
        raise Http404
    registrations = list(
        Registration.objects.filter(event=access.event)
        .select_related("user", "organisation")
        .order_by("status", "waitlisted_at", "created_at", "pk")
    )
    access_log_record_many(actor=actor, objs=registrations, purpose="event_registrations")
    return registrations


def access_registration_by_id(
    *, actor: Any, access: EventAccess, registration_id: int
) -> Registration:
    if not access.can_manage:
        raise Http404
    registration = (
        Registration.objects.filter(event=access.event, pk=registration_id)
        .select_related("event", "user")
        .first()
    )
    if registration is None:
        raise Http404
    access_log_record_many(actor=actor, objs=[registration], purpose="event_attendance")
    return registration


def my_active_registration(*, actor: Any, event: Event) -> Registration:
    registration = Registration.objects.filter(event=event, user=actor, status__in=ACTIVE).first()
    if registration is None:
        raise Http404
    return registration


def my_open_offer(*, actor: Any, event: Event) -> WaitlistOffer:
    offer = WaitlistOffer.objects.filter(
        event=event, registration__user=actor, status=OfferStatus.OPEN
    ).first()
    if offer is None:
        raise Http404
    return offer


def my_registrations(*, actor: Any, upcoming_only: bool = True) -> QuerySet[Registration]:
    registrations = Registration.objects.filter(user=actor, status__in=ACTIVE).select_related(
        "event"
    )
    if upcoming_only:
        registrations = registrations.filter(event__ends_at__gt=timezone.now())
    return registrations.order_by("event__starts_at", "pk")


def upcoming_events_for(*, actor: Any, limit: int = 5) -> list[Event]:
    return list(
        event_list_for(actor=actor)
        .filter(status=EventStatus.SCHEDULED)
        .order_by("starts_at", "pk")[:limit]
    )


# --- Series -------------------------------------------------------------------------------------


def series_list_for(*, actor: Any) -> QuerySet[EventSeries]:
    a = actor_for(actor)
    series = EventSeries.objects.select_related("network").annotate(
        event_count=Count("events", distinct=True)
    )
    if a.is_superuser:
        return series
    return series.filter(
        Q(network_id__in=a.visible_network_ids) if a.is_staff_member else Q(pk__in=[])
    )


@dataclass(frozen=True)
class SeriesAccess:
    series: EventSeries
    can_manage: bool
    events: list[Event]
    hosts: list[SeriesHost]
    open_items: list[ActionItem]
    next_host_id: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def access_series_by_id(*, actor: Any, series_id: int, purpose: str = "view") -> SeriesAccess:
    series = EventSeries.objects.select_related("network").filter(pk=series_id).first()
    if series is None or not policy.is_network_member(actor, series.network_id):
        raise Http404
    can_manage = policy.can_manage_series(actor, series)
    if purpose == "manage" and not can_manage:
        raise Http404
    return SeriesAccess(
        series=series,
        can_manage=can_manage,
        events=list(series.events.select_related("host_organisation").order_by("starts_at")),
        hosts=list(series.host_entries.select_related("organisation")),
        open_items=list(
            ActionItem.objects.filter(series=series, status__in=OPEN_ACTION_ITEM_STATUSES)
            .select_related("owner_user", "owner_organisation", "event")
            .order_by("due_on", "pk")
        ),
    )


def organisations_of_networks(network_ids: Collection[int]) -> QuerySet[Organisation]:
    return (
        Organisation.objects.filter(
            Q(memberships__network_id__in=network_ids)
            | Q(memberships__network__parent_id__in=network_ids)
        )
        .distinct()
        .order_by("name")
    )


# --- Engagement, action items, plans ------------------------------------------------------------


def organisations_that_hosted(network_ids: Collection[int]) -> set[int]:
    """Organisations that hosted an event (held, not cancelled) in the given networks.

    An engagement signal for the network's engagement ladder (registered there, not imported).
    """
    return set(
        Event.objects.filter(
            network_id__in=list(network_ids),
            host_organisation__isnull=False,
            starts_at__lte=timezone.now(),
        )
        .exclude(status=EventStatus.CANCELLED)
        .order_by()  # no default ordering: DISTINCT must see the id column only
        .values_list("host_organisation_id", flat=True)
        .distinct()
    )


def open_action_items_for(*, actor: Any, limit: int | None = 10) -> list[ActionItem]:
    """Open action items of the networks the actor coordinates (dashboard)."""
    coordinated = actor_for(actor).coordinated_network_ids
    items = (
        ActionItem.objects.filter(network_id__in=coordinated, status__in=OPEN_ACTION_ITEM_STATUSES)
        .select_related("owner_user", "owner_organisation", "event")
        .order_by("due_on", "pk")
    )
    return list(items[:limit] if limit else items)


def access_action_item_by_id(*, actor: Any, item_id: int, purpose: str = "manage") -> ActionItem:
    """The item for its network's coordinators; with purpose "report" also for its owner."""
    item = ActionItem.objects.select_related("event", "network").filter(pk=item_id).first()
    if item is None:
        raise Http404
    if policy.can_manage_network_events(actor, item.network_id):
        return item
    if purpose == "report" and policy.can_report_on_action_item(actor, item):
        return item
    raise Http404


def action_items_owned_by(*, actor: Any, limit: int = 10) -> list[ActionItem]:
    """Open action items the actor (or an organisation they administer or staff) owns."""
    a = actor_for(actor)
    organisations = a.organisations_with(RoleKind.ORG_ADMIN, RoleKind.STAFF)
    items = (
        ActionItem.objects.filter(status__in=OPEN_ACTION_ITEM_STATUSES)
        .filter(Q(owner_user_id=a.user_id) | Q(owner_organisation_id__in=organisations))
        .select_related("owner_user", "owner_organisation", "event")
        .order_by("due_on", "pk")
    )
    return list(items[:limit])


@dataclass(frozen=True)
class PlanProgress:
    plan: NetworkPlan
    items: list[ActionItem]
    done: int
    total: int
    progress: int  # mean progress of the items, in per cent


def plan_list_for(*, actor: Any) -> QuerySet[NetworkPlan]:
    a = actor_for(actor)
    return NetworkPlan.objects.filter(network_id__in=a.visible_network_ids).select_related(
        "network"
    )


def access_plan_by_id(*, actor: Any, plan_id: int) -> PlanProgress:
    plan = plan_list_for(actor=actor).filter(pk=plan_id).first()
    if plan is None or not policy.is_network_member(actor, plan.network_id):
        raise Http404
    items = list(
        plan.items.select_related("owner_user", "owner_organisation").order_by("due_on", "pk")
    )
    active = [i for i in items if i.status != "dropped"]
    done = sum(1 for i in active if i.status == "done")
    progress = (
        round(sum(100 if i.status == "done" else i.progress for i in active) / len(active))
        if active
        else 0
    )
    return PlanProgress(plan=plan, items=items, done=done, total=len(active), progress=progress)


# --- Calendar feeds -------------------------------------------------------------------------------


def feed_events_for_user(*, user: Any) -> list[tuple[Event, bool]]:
    """The events of a person's active registrations, with whether the seat is confirmed."""
    registrations = (
        Registration.objects.filter(user=user, status__in=ACTIVE)
        .select_related("event", "event__host_organisation")
        .order_by("event__starts_at")
    )
    return [(r.event, r.status == RegistrationStatus.CONFIRMED) for r in registrations]


def series_events_for_feed(*, actor: Any, series_id: int) -> tuple[EventSeries, list[Event]]:
    series = EventSeries.objects.filter(pk=series_id).first()
    if series is None:
        raise Http404
    events = [
        e
        for e in series.events.select_related("host_organisation").order_by("starts_at")
        if policy.can_view_event(actor, e)
    ]
    if not events and not policy.can_view_series(actor, series):
        raise Http404
    return series, events


def is_confirmed(*, actor: Any, event: Event) -> bool:
    if not getattr(actor, "is_authenticated", False):
        return False
    return Registration.objects.filter(
        event=event, user=actor, status=RegistrationStatus.CONFIRMED
    ).exists()


def feed_is_active_for(*, actor: Any) -> bool:
    """Whether the person has a personal calendar link that still works."""
    return CalendarFeedToken.objects.filter(user_id=actor.pk, revoked_at__isnull=True).exists()

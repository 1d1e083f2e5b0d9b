"""Who may do what with events. Pure decisions over the network's `Actor` snapshot."""

from __future__ import annotations

from typing import Any

from wegweiser.events.constants import Visibility
from wegweiser.events.models import ActionItem, Event, EventSeries
from wegweiser.network.constants import RoleKind
from wegweiser.network.policy import actor_for


def _coordinates(user: Any, network_id: int) -> bool:
    actor = actor_for(user)
    return actor.is_superuser or network_id in actor.coordinated_network_ids


def is_network_member(user: Any, network_id: int) -> bool:
    """Anyone with a role in an organisation of the network's federation (or its coordinator)."""
    actor = actor_for(user)
    if _coordinates(user, network_id):
        return True
    return actor.is_staff_member and network_id in actor.visible_network_ids


def can_create_events(user: Any) -> bool:
    actor = actor_for(user)
    return actor.is_coordinator or actor.is_superuser


def can_use_events(user: Any) -> bool:
    """The 'Events' navigation entry: everyone (public events are listed for anyone)."""
    return True


def can_view_event(user: Any, event: Event) -> bool:
    if event.visibility == Visibility.PUBLIC:
        return True
    return is_network_member(user, event.network_id)


def can_manage_event(user: Any, event: Event) -> bool:
    """Coordinators of the event's network edit it, assign hosts and see registrations."""
    return _coordinates(user, event.network_id)


def can_edit_agenda(user: Any, event: Event) -> bool:
    """The coordinator, or an admin of the organisation hosting this event."""
    if can_manage_event(user, event):
        return True
    host_id = event.host_organisation_id
    return host_id is not None and actor_for(user).has_role(RoleKind.ORG_ADMIN, host_id)


def can_decline_hosting(user: Any, event: Event) -> bool:
    return can_edit_agenda(user, event)


def can_register(user: Any, event: Event) -> bool:
    """Members of the network register themselves, for public and members-only events."""
    if not getattr(user, "is_authenticated", False):
        return False
    return actor_for(user).is_staff_member and is_network_member(user, event.network_id)


def can_view_series(user: Any, series: EventSeries) -> bool:
    return is_network_member(user, series.network_id) or (series.visibility == Visibility.PUBLIC)


def can_manage_series(user: Any, series: EventSeries) -> bool:
    return _coordinates(user, series.network_id)


def can_manage_network_events(user: Any, network_id: int) -> bool:
    return _coordinates(user, network_id)


def can_report_on_action_item(user: Any, item: ActionItem) -> bool:
    """The owner of an action item (the person, or an admin or staff member of the owning
    organisation) reports its status and progress; only coordinators change the rest."""
    a = actor_for(user)
    if a.user_id is not None and a.user_id == item.owner_user_id:
        return True
    return item.owner_organisation_id is not None and item.owner_organisation_id in (
        a.organisations_with(RoleKind.ORG_ADMIN, RoleKind.STAFF)
    )

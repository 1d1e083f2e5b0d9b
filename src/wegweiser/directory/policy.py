"""Who may do what on the advisory map. Pure decisions over the network's `Actor` snapshot.

Reading the map is public. A service is maintained by its organisation's admins, staff and
counsellors and by the coordinators of a network the organisation belongs to. CSV imports are
for coordinators only.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from wegweiser.network.constants import RoleKind
from wegweiser.network.policy import actor_for

MAINTAINER_ROLES = (RoleKind.ORG_ADMIN, RoleKind.STAFF, RoleKind.COUNSELLOR)


def can_manage_services_of(user: Any, organisation_id: int, network_ids: Collection[int]) -> bool:
    """Create, edit and archive the services of one organisation."""
    actor = actor_for(user)
    if actor.user_id is None:
        return False
    if organisation_id in actor.organisations_with(*MAINTAINER_ROLES):
        return True
    return bool(set(network_ids) & actor.coordinated_network_ids)


def can_maintain_any_service(user: Any) -> bool:
    """Whether the "Manage services" pages are of any use to the user."""
    actor = actor_for(user)
    return actor.is_coordinator or bool(actor.organisations_with(*MAINTAINER_ROLES))


def can_import_services(user: Any) -> bool:
    return actor_for(user).is_coordinator


def can_view_map(user: Any) -> bool:
    """The advisory map is public: companies and participants use it without an account."""
    return True

"""Who may use the matching pages. Pure decisions over the network's `Actor` snapshot."""

from __future__ import annotations

from typing import Any

from wegweiser.network.constants import RoleKind
from wegweiser.network.policy import actor_for

MATCHING_ROLES = (RoleKind.COORDINATOR, RoleKind.COUNSELLOR, RoleKind.STAFF)


def can_try_matching(user: Any) -> bool:
    """Counsellors, member-project staff and coordinators try profiles against the offers."""
    actor = actor_for(user)
    return actor.is_superuser or bool(actor.organisations_with(*MATCHING_ROLES))

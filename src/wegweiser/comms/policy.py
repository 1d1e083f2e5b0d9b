"""Who may do what with the newsletter. Pure decisions over the network's `Actor` snapshot."""

from __future__ import annotations

from typing import Any

from wegweiser.network.policy import actor_for


def can_use_newsletter(user: Any) -> bool:
    """The navigation entry and the issue list: coordinators only."""
    return actor_for(user).is_coordinator


def can_manage_newsletter(user: Any, network_id: int) -> bool:
    """Compose, edit, send and invite: the coordinators of the network."""
    return network_id in actor_for(user).coordinated_network_ids


def managed_network_ids(user: Any) -> frozenset[int]:
    return actor_for(user).coordinated_network_ids


def events_allowed(audience: str) -> tuple[str, ...]:
    """Event visibilities an issue for this audience may announce."""
    return ("public", "members") if audience == "members" else ("public",)

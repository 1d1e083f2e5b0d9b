"""Who may do what in the network. Pure decisions over an `Actor` snapshot.

An `Actor` is read once per request (two queries) and cached on the user object, so the
policy functions below cost nothing more. Every other app builds on `actor_for`.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from wegweiser.network.constants import PERSONAL_DATA_ROLES, RoleKind
from wegweiser.network.models import Membership, Network, Organisation, Role

_CACHE_ATTR = "_wegweiser_actor"


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    roles: frozenset[tuple[int, str]] = frozenset()  # (organisation id, role kind)
    coordinated_network_ids: frozenset[int] = frozenset()
    network_ids: frozenset[int] = frozenset()  # networks the actor belongs to or coordinates
    is_superuser: bool = False
    visible_network_ids: frozenset[int] = frozenset()
    organisation_ids: frozenset[int] = field(default=frozenset())

    def has_role(self, kind: str, organisation_id: int | None = None) -> bool:
        return any(
            k == kind and (organisation_id is None or o == organisation_id) for o, k in self.roles
        )

    def organisations_with(self, *kinds: str) -> frozenset[int]:
        return frozenset(o for o, k in self.roles if k in kinds)

    @property
    def is_coordinator(self) -> bool:
        return bool(self.coordinated_network_ids)

    @property
    def is_staff_member(self) -> bool:
        return bool(self.roles)


ANONYMOUS = Actor(user_id=None)


def _root_of(network_id: int, parents: Mapping[int, int | None]) -> int:
    current = network_id
    while (parent := parents.get(current)) is not None:
        current = parent
    return current


def network_tree(root_ids: Collection[int], parents: Mapping[int, int | None]) -> set[int]:
    """The given networks and every network inside them."""
    roots = set(root_ids)
    result = set(roots)
    for network_id in parents:
        current: int | None = network_id
        while current is not None:
            if current in roots:
                result.add(network_id)
                break
            current = parents.get(current)
    return result


def actor_for(user: Any) -> Actor:
    """The policy snapshot of a user, computed once per request."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ANONYMOUS
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    roles = list(Role.objects.filter(user_id=user.pk).values_list("organisation_id", "kind"))
    organisation_ids = {o for o, _k in roles}
    coordinator_orgs = {o for o, k in roles if k == RoleKind.COORDINATOR}
    networks = list(Network.objects.values_list("id", "parent_id", "office_id"))
    parents = {n: p for n, p, _o in networks}
    coordinated = network_tree({n for n, _p, o in networks if o in coordinator_orgs}, parents)
    member_networks = set(
        Membership.objects.filter(organisation_id__in=organisation_ids).values_list(
            "network_id", flat=True
        )
    )
    belongs_to = member_networks | coordinated
    roots = {_root_of(n, parents) for n in belongs_to}
    visible = {n for n in parents if _root_of(n, parents) in roots}
    actor = Actor(
        user_id=user.pk,
        roles=frozenset(roles),
        coordinated_network_ids=frozenset(coordinated),
        network_ids=frozenset(belongs_to),
        is_superuser=bool(user.is_superuser),
        visible_network_ids=frozenset(visible),
        organisation_ids=frozenset(organisation_ids),
    )
    setattr(user, _CACHE_ATTR, actor)
    return actor


def forget_actor(user: Any) -> None:
    """Drop the cached snapshot after the user's roles changed."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


# --- Decisions ------------------------------------------------------------------------------


def requires_mfa(user: Any) -> bool:
    """Holders of roles that reach personal data must use two-factor authentication."""
    actor = actor_for(user)
    return actor.is_superuser or any(kind in PERSONAL_DATA_ROLES for _o, kind in actor.roles)


def can_use_directory(user: Any) -> bool:
    return actor_for(user).is_staff_member


def can_view_organisation(user: Any, organisation: Organisation, network_ids: set[int]) -> bool:
    """Members of a network see the organisations of the network (internal directory)."""
    actor = actor_for(user)
    if not actor.is_staff_member:
        return False
    # The whole federation is one directory: what the list shows, the detail page opens.
    return organisation.pk in actor.organisation_ids or bool(
        network_ids & set(actor.visible_network_ids)
    )


def can_edit_organisation(user: Any, organisation: Organisation, network_ids: set[int]) -> bool:
    actor = actor_for(user)
    if actor.has_role(RoleKind.ORG_ADMIN, organisation.pk):
        return True
    return bool(network_ids & set(actor.coordinated_network_ids))


def can_manage_people(user: Any, organisation: Organisation, network_ids: set[int]) -> bool:
    return can_edit_organisation(user, organisation, network_ids)


def can_grant_role(user: Any, organisation: Organisation, network_ids: set[int], kind: str) -> bool:
    """Org admins grant the organisation's roles; only coordinators make coordinators."""
    if not can_manage_people(user, organisation, network_ids):
        return False
    if kind in (RoleKind.COORDINATOR, RoleKind.FUNDER):
        return bool(network_ids & set(actor_for(user).coordinated_network_ids))
    return True


def can_view_audit_trail(user: Any) -> bool:
    return actor_for(user).is_coordinator


def can_manage_network(user: Any) -> bool:
    return actor_for(user).is_coordinator


# --- Members, projects, sponsorships, ambassadors, slots, news ------------------------------


def readable_network_ids(user: Any) -> frozenset[int]:
    """Networks whose projects, sponsorships, ambassadors, slots and news the user reads.

    People with a role in a member organisation read their federation's; outsiders nothing.
    """
    actor = actor_for(user)
    return actor.visible_network_ids if actor.is_staff_member else frozenset()


def can_read_network_content(user: Any, network_id: int) -> bool:
    return network_id in readable_network_ids(user)


def can_manage_memberships(user: Any, network_id: int) -> bool:
    return network_id in actor_for(user).coordinated_network_ids


def can_manage_ambassadors(user: Any, network_id: int) -> bool:
    return network_id in actor_for(user).coordinated_network_ids


def can_manage_slots(user: Any, network_id: int) -> bool:
    return network_id in actor_for(user).coordinated_network_ids


def can_view_growth(user: Any) -> bool:
    return actor_for(user).is_coordinator


def can_read_members_content(user: Any) -> bool:
    return bool(readable_network_ids(user))


def can_manage_member_work(user: Any, organisation_id: int) -> bool:
    """An organisation's admins manage its own member projects and sponsorships."""
    return actor_for(user).has_role(RoleKind.ORG_ADMIN, organisation_id)


def can_write_news(user: Any, organisation_id: int, term_active: bool) -> bool:
    """An organisation's admins write news while the organisation is an ambassador."""
    return term_active and actor_for(user).has_role(RoleKind.ORG_ADMIN, organisation_id)


def can_read_handover(
    user: Any, network_id: int, organisation_id: int, predecessor_organisation_id: int | None
) -> bool:
    """Handover notes: the coordinators, and the admins and staff of successor and predecessor."""
    actor = actor_for(user)
    if network_id in actor.coordinated_network_ids:
        return True
    insiders = actor.organisations_with(RoleKind.ORG_ADMIN, RoleKind.STAFF)
    return organisation_id in insiders or predecessor_organisation_id in insiders


def can_write_handover(user: Any, network_id: int, predecessor_organisation_id: int | None) -> bool:
    actor = actor_for(user)
    if network_id in actor.coordinated_network_ids:
        return True
    return predecessor_organisation_id is not None and actor.has_role(
        RoleKind.ORG_ADMIN, predecessor_organisation_id
    )

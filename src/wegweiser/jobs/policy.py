"""Who may do what with offers. Pure decisions over the network's `Actor` snapshot.

- Employer contacts and org admins of a company create and edit their organisation's offers.
- Coordinators see and moderate every offer of the organisations in their networks.
- Network members (any role) browse the published offers of their federation and imported ones.
- Everyone (also anonymous visitors) sees published offers marked public.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from wegweiser.jobs.constants import OfferSource, OfferStatus
from wegweiser.jobs.models import Offer
from wegweiser.network.constants import OrganisationType, RoleKind
from wegweiser.network.models import Organisation
from wegweiser.network.policy import actor_for

OFFER_EDITOR_ROLES = (RoleKind.EMPLOYER_CONTACT, RoleKind.ORG_ADMIN)


def can_browse_offers(user: Any) -> bool:
    """The 'Offers' list: everyone (visitors see public offers only)."""
    return True


def can_post_offers(user: Any, organisation: Organisation) -> bool:
    if organisation.org_type != OrganisationType.COMPANY:
        return False
    actor = actor_for(user)
    return any(actor.has_role(kind, organisation.pk) for kind in OFFER_EDITOR_ROLES)


def can_post_any_offers(user: Any) -> bool:
    return bool(actor_for(user).organisations_with(*OFFER_EDITOR_ROLES))


def can_manage_offer(user: Any, offer: Offer, network_ids: Collection[int]) -> bool:
    """Edit and change the status: the owning company's editors, or a coordinator of one of the
    networks the owning organisation belongs to (`network_ids`). Imported offers are read-only."""
    if offer.source != OfferSource.OWN or offer.organisation_id is None:
        return False
    actor = actor_for(user)
    if actor.is_superuser:
        return True
    if any(actor.has_role(kind, offer.organisation_id) for kind in OFFER_EDITOR_ROLES):
        return True
    return bool(set(network_ids) & actor.coordinated_network_ids)


def can_view_offer(user: Any, offer: Offer, network_ids: Collection[int]) -> bool:
    if can_manage_offer(user, offer, network_ids):
        return True
    if offer.status != OfferStatus.PUBLISHED:
        return False
    if offer.is_public:
        return True
    actor = actor_for(user)
    if actor.is_superuser:
        return True
    if not actor.is_staff_member:
        return False
    if offer.source == OfferSource.BA:
        return True
    return bool(set(network_ids) & actor.visible_network_ids)


def can_moderate_offers(user: Any) -> bool:
    actor = actor_for(user)
    return actor.is_coordinator or actor.is_superuser

"""Reads of the jobs app: offer lists with filters, one offer, and what other apps ask for.

Offers are business data, not personal data (see ADR 0060): no access-log rows are written.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from wegweiser.core.models import Occupation
from wegweiser.jobs import policy
from wegweiser.jobs.constants import GERMAN_ORDER, OfferSource, OfferStatus
from wegweiser.jobs.geo import Coordinates, coordinates_for_plz, within_radius
from wegweiser.jobs.models import Offer
from wegweiser.network.models import Membership
from wegweiser.network.policy import actor_for


@dataclass(frozen=True)
class OfferFilters:
    offer_type: str = ""
    occupation_group: str = ""  # a KldB prefix of 1 to 5 digits
    plz: str = ""
    radius_km: int = 25
    german_max: str = ""  # offers that ask at most this level ("" = any)
    working_time: str = ""
    q: str = ""
    open_to_refugees: bool = False


@dataclass(frozen=True)
class FilteredOffers:
    offers: QuerySet[Offer]
    centre: Coordinates | None  # set when the radius filter was applied
    place_unknown: bool  # a postcode was given but has no coordinates (filtered by prefix)


def _in_networks_q(network_ids: Collection[int]) -> Q:
    return Q(
        Exists(
            Membership.objects.filter(
                organisation_id=OuterRef("organisation_id"), network_id__in=list(network_ids)
            )
        )
    )


def visible_published_q(user: Any) -> Q:
    """Published offers the user may browse."""
    actor = actor_for(user)
    published = Q(status=OfferStatus.PUBLISHED)
    if actor.is_superuser:
        return published
    if not actor.is_staff_member:
        return published & Q(is_public=True)
    return published & (
        Q(is_public=True) | Q(source=OfferSource.BA) | _in_networks_q(actor.visible_network_ids)
    )


def manageable_q(user: Any) -> Q:
    """Offers the user may edit or moderate, in any status."""
    actor = actor_for(user)
    if actor.is_superuser:
        return Q(source=OfferSource.OWN)
    editors = actor.organisations_with(*policy.OFFER_EDITOR_ROLES)
    q = Q(source=OfferSource.OWN, organisation_id__in=list(editors))
    if actor.coordinated_network_ids:
        q |= Q(source=OfferSource.OWN) & _in_networks_q(actor.coordinated_network_ids)
    return q


def _apply_filters(offers: QuerySet[Offer], filters: OfferFilters) -> FilteredOffers:
    if filters.offer_type:
        offers = offers.filter(offer_type=filters.offer_type)
    if filters.occupation_group:
        offers = offers.filter(occupation__code__startswith=filters.occupation_group)
    if filters.working_time:
        # "full" finds full-time and either; "part" finds part-time and either.
        offers = offers.filter(working_time__in=[filters.working_time, "both"])
    if filters.german_max:
        allowed = GERMAN_ORDER[: GERMAN_ORDER.index(filters.german_max) + 1]
        offers = offers.filter(german_min__in=allowed)
    if filters.open_to_refugees:
        offers = offers.filter(open_to_refugees=True)
    if filters.q:
        for word in filters.q.split()[:5]:
            offers = offers.filter(
                Q(title__icontains=word)
                | Q(employer_name__icontains=word)
                | Q(organisation__name__icontains=word)
                | Q(city__icontains=word)
            )
    centre = None
    place_unknown = False
    if filters.plz:
        centre = coordinates_for_plz(filters.plz) if len(filters.plz) == 5 else None
        if centre is not None:
            offers = within_radius(offers, centre, filters.radius_km)
        else:
            place_unknown = len(filters.plz) == 5
            offers = offers.filter(plz__startswith=filters.plz)
    return FilteredOffers(offers, centre, place_unknown)


def offer_list_for(*, actor: Any, filters: OfferFilters | None = None) -> FilteredOffers:
    """Published offers the actor may browse (anonymous: public ones), filtered."""
    offers = Offer.objects.filter(visible_published_q(actor)).select_related(
        "organisation", "occupation"
    )
    return _apply_filters(offers, filters or OfferFilters())


def public_offer_list(*, filters: OfferFilters | None = None) -> FilteredOffers:
    offers = Offer.objects.filter(status=OfferStatus.PUBLISHED, is_public=True).select_related(
        "organisation", "occupation"
    )
    return _apply_filters(offers, filters or OfferFilters())


def offers_managed_by(*, actor: Any, status: str = "") -> QuerySet[Offer]:
    """Offers the actor edits (their company's) or moderates (their networks'), any status."""
    if not actor_for(actor).is_staff_member and not actor_for(actor).is_superuser:
        return Offer.objects.none()
    offers = Offer.objects.filter(manageable_q(actor)).select_related("organisation", "occupation")
    if status:
        offers = offers.filter(status=status)
    return offers


@dataclass(frozen=True)
class OfferAccess:
    offer: Offer
    network_ids: frozenset[int]
    can_manage: bool


def _network_ids(offer: Offer) -> frozenset[int]:
    if offer.organisation_id is None:
        return frozenset()
    return frozenset(
        Membership.objects.filter(organisation_id=offer.organisation_id).values_list(
            "network_id", flat=True
        )
    )


def access_offer_by_id(*, actor: Any, offer_id: int, purpose: str = "view") -> OfferAccess:
    """One offer if the actor may see it (`purpose="manage"`: edit it); Http404 otherwise."""
    offer = Offer.objects.select_related("organisation", "occupation").filter(pk=offer_id).first()
    if offer is None:
        raise Http404
    network_ids = _network_ids(offer)
    can_manage = policy.can_manage_offer(actor, offer, network_ids)
    if purpose == "manage":
        allowed = can_manage
    else:
        allowed = policy.can_view_offer(actor, offer, network_ids)
    if not allowed:
        raise Http404
    return OfferAccess(offer, network_ids, can_manage)


def public_offer_by_id(*, offer_id: int) -> Offer:
    offer = (
        Offer.objects.select_related("organisation", "occupation")
        .filter(pk=offer_id, status=OfferStatus.PUBLISHED, is_public=True)
        .first()
    )
    if offer is None:
        raise Http404
    return offer


def occupation_groups() -> list[tuple[str, str]]:
    """KldB main groups (two digits) for the filter, as (code, title)."""
    return list(Occupation.objects.filter(level=2).order_by("code").values_list("code", "title"))


def organisations_offering_places(network_ids: Collection[int]) -> set[int]:
    """Organisations of these networks with at least one published offer (engagement ladder)."""
    return set(
        Offer.objects.filter(status=OfferStatus.PUBLISHED, organisation__isnull=False)
        .filter(_in_networks_q(network_ids))
        .order_by()  # no default ordering: DISTINCT must see the id column only
        .values_list("organisation_id", flat=True)
        .distinct()
    )

"""Reads of the advisory map.

Services are public organisational data (no personal data), so reads write no access log.
The distance search prefilters with a latitude/longitude box in SQL (an index range) and then
computes the exact haversine distance in Python, sorted by distance.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from wegweiser.core.models import PostalCode
from wegweiser.core.places import bounding_box, distance_km
from wegweiser.core.selectors import bounding_box_filter
from wegweiser.directory import policy
from wegweiser.directory.constants import ServiceStatus, Taxonomy
from wegweiser.directory.models import OpeningHours, Service, ServiceAttribute
from wegweiser.network.models import Membership, Organisation
from wegweiser.network.policy import actor_for


@dataclass(frozen=True)
class ServiceSearch:
    topic: str = ""
    language: str = ""
    audience: str = ""
    q: str = ""
    origin: PostalCode | None = None
    radius_km: float | None = None


@dataclass(frozen=True)
class ServiceHit:
    service: Service
    distance_km: float | None


def _with_related(services: QuerySet[Service]) -> QuerySet[Service]:
    return services.select_related("organisation").prefetch_related(
        Prefetch("attributes", queryset=ServiceAttribute.objects.order_by("taxonomy", "code")),
        Prefetch("opening_hours", queryset=OpeningHours.objects.order_by("weekday", "opens_at")),
    )


def _filtered(search: ServiceSearch) -> QuerySet[Service]:
    services = Service.objects.filter(status=ServiceStatus.ACTIVE)
    for taxonomy, code in (
        (Taxonomy.TOPIC, search.topic),
        (Taxonomy.LANGUAGE, search.language),
        (Taxonomy.AUDIENCE, search.audience),
    ):
        if code:
            services = services.filter(
                pk__in=ServiceAttribute.objects.filter(taxonomy=taxonomy, code=code).values(
                    "service_id"
                )
            )
    if search.q:
        services = services.filter(
            Q(name__icontains=search.q)
            | Q(organisation__name__icontains=search.q)
            | Q(city__icontains=search.q)
        )
    if search.origin is not None and search.radius_km is not None:
        services = services.filter(
            **bounding_box_filter(bounding_box(search.origin, search.radius_km))
        )
    return services


def service_search(search: ServiceSearch) -> list[ServiceHit]:
    """Active services matching the filters; within the radius and nearest first when a
    postcode is given, else by name. Three queries whatever the number of results."""
    services = list(_with_related(_filtered(search)).order_by("name", "pk"))
    if search.origin is None:
        return [ServiceHit(s, None) for s in services]
    hits = [ServiceHit(s, distance_km(search.origin, s)) for s in services]
    if search.radius_km is not None:
        radius = search.radius_km
        hits = [h for h in hits if h.distance_km is not None and h.distance_km <= radius]
    hits.sort(key=lambda h: (h.distance_km or 0.0, h.service.name, h.service.pk))
    return hits


@dataclass(frozen=True)
class ServiceAccess:
    service: Service
    can_manage: bool


def _can_manage(actor: Any, service: Service) -> bool:
    network_ids = {m.network_id for m in service.organisation.memberships.all()}
    return policy.can_manage_services_of(actor, service.organisation_id, network_ids)


def access_service_by_id(*, actor: Any, service_id: int, purpose: str = "view") -> ServiceAccess:
    """A service for the public (active only) or its maintainers (also archived); else 404."""
    service = (
        _with_related(Service.objects.filter(pk=service_id))
        .prefetch_related(
            Prefetch("organisation__memberships", queryset=Membership.objects.only("network_id"))
        )
        .first()
    )
    if service is None:
        raise Http404
    can_manage = _can_manage(actor, service)
    if purpose == "manage" and not can_manage:
        raise Http404
    if not service.is_active and not can_manage:
        raise Http404
    return ServiceAccess(service, can_manage)


def organisations_maintained_by(*, actor: Any) -> QuerySet[Organisation]:
    """Organisations whose services the actor may create and edit."""
    snapshot = actor_for(actor)
    return (
        Organisation.objects.filter(
            Q(pk__in=snapshot.organisations_with(*policy.MAINTAINER_ROLES))
            | Q(memberships__network_id__in=snapshot.coordinated_network_ids)
        )
        .distinct()
        .order_by("name")
    )


def service_list_for_maintainer(*, actor: Any, status: str = "") -> QuerySet[Service]:
    """Every service (active and archived) of the organisations the actor maintains."""
    services = Service.objects.filter(
        organisation__in=organisations_maintained_by(actor=actor).values("pk")
    ).select_related("organisation")
    if status in ServiceStatus.values:
        services = services.filter(status=status)
    return services


def services_for_export(search: ServiceSearch) -> Sequence[ServiceHit]:
    return service_search(search)

"""Reads of the core app."""

from __future__ import annotations

from collections.abc import Collection

from django.db.models import QuerySet

from wegweiser.core.models import AccessLogEntry, AuditEntry, Occupation, PostalCode
from wegweiser.core.places import BoundingBox


def audit_entry_list(
    *,
    network_ids: Collection[int],
    action: str = "",
    object_type: str = "",
    actor_id: int | None = None,
) -> QuerySet[AuditEntry]:
    """The audit trail of the given networks, newest first, with actors fetched."""
    entries = AuditEntry.objects.filter(network_id__in=list(network_ids)).select_related("actor")
    if action:
        entries = entries.filter(action__startswith=action)
    if object_type:
        entries = entries.filter(object_type=object_type)
    if actor_id:
        entries = entries.filter(actor_id=actor_id)
    return entries


def audit_action_names(*, network_ids: Collection[int]) -> list[str]:
    return list(
        AuditEntry.objects.filter(network_id__in=list(network_ids))
        .order_by("action")
        .values_list("action", flat=True)
        .distinct()
    )


def access_log_for_object(*, object_type: str, object_id: int | str) -> QuerySet[AccessLogEntry]:
    """Who looked at one record, newest first (shown on the record itself)."""
    return AccessLogEntry.objects.filter(
        object_type=object_type, object_id=str(object_id)
    ).select_related("actor")


def postal_code_lookup(plz: str) -> PostalCode | None:
    """The postcode's place and centroid, or None when the postcode is unknown."""
    plz = (plz or "").strip()
    if len(plz) != 5 or not plz.isdigit():
        return None
    return PostalCode.objects.filter(plz=plz).first()


def postal_codes_in_box(box: BoundingBox) -> QuerySet[PostalCode]:
    """Postcodes whose centroid lies in the box (an index range scan; refine with distance_km)."""
    return PostalCode.objects.filter(**bounding_box_filter(box))


def bounding_box_filter(box: BoundingBox, *, prefix: str = "") -> dict[str, float]:
    """Lookup keyword arguments that keep rows with `latitude`/`longitude` inside the box.

    `prefix` names a relation (`"location__"`) when the coordinates live on a related model.
    """
    return {
        f"{prefix}latitude__gte": box.min_latitude,
        f"{prefix}latitude__lte": box.max_latitude,
        f"{prefix}longitude__gte": box.min_longitude,
        f"{prefix}longitude__lte": box.max_longitude,
    }


def occupation_search(*, query: str, limit: int = 20) -> list[Occupation]:
    """Occupations (KldB level 5) whose title contains every word of the query, or by code."""
    query = query.strip()
    occupations = Occupation.objects.filter(level=5)
    if not query:
        return []
    if query.isdigit():
        return list(occupations.filter(code__startswith=query)[:limit])
    for word in query.split()[:5]:
        occupations = occupations.filter(title__icontains=word)
    return list(occupations.order_by("title")[:limit])


def occupation_get(*, code: str) -> Occupation | None:
    return Occupation.objects.filter(code=code).first()

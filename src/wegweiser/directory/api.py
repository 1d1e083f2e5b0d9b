"""API of the advisory map: the public service search (the same selector as the map)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from wegweiser.core.selectors import postal_code_lookup
from wegweiser.directory import selectors
from wegweiser.directory.constants import (
    RADIUS_DEFAULT_KM,
    RADIUS_MAX_KM,
    RADIUS_MIN_KM,
    Audience,
    Language,
    Topic,
)

router = Router(tags=["directory"])
MAX_RESULTS = 500


class ServiceQuery(Schema):
    plz: str = Field("", max_length=5, description="Five-digit postcode to search around")
    radius: int = Field(RADIUS_DEFAULT_KM, ge=RADIUS_MIN_KM, le=RADIUS_MAX_KM)
    topic: str = Field("", max_length=30)
    language: str = Field("", max_length=10)
    audience: str = Field("", max_length=20)


class ServiceOut(Schema):
    id: int
    external_id: str
    name: str
    organisation: str
    street: str
    plz: str
    city: str
    latitude: float
    longitude: float
    topics: list[str]
    audiences: list[str]
    languages: list[str]
    phone: str
    email: str
    website: str
    remote: bool
    by_appointment_only: bool
    step_free_access: bool
    accessible_toilet: bool
    distance_km: float | None


def _check(value: str, allowed: list[str], name: str) -> str:
    if value and value not in allowed:
        raise HttpError(400, f"Unknown {name}: choose one of {', '.join(allowed)}.")
    return value


@router.get(
    "/directory/services",
    response=list[ServiceOut],
    auth=None,
    url_name="public_directory_services",
    summary="Counselling services (public), nearest first when a postcode is given",
)
def public_service_list(request: HttpRequest, query: Query[ServiceQuery]) -> Any:
    origin = None
    if query.plz:
        if len(query.plz) != 5 or not query.plz.isdigit():
            raise HttpError(400, _("Enter a postcode of five digits, e.g. 10115."))
        origin = postal_code_lookup(query.plz)
        if origin is None:
            raise HttpError(400, f"Unknown postcode {query.plz}.")
    hits = selectors.service_search(
        selectors.ServiceSearch(
            topic=_check(query.topic, Topic.values, "topic"),
            language=_check(query.language, Language.values, "language"),
            audience=_check(query.audience, Audience.values, "audience"),
            origin=origin,
            radius_km=float(query.radius) if origin is not None else None,
        )
    )
    return [
        {
            "id": h.service.pk,
            "external_id": h.service.external_id,
            "name": h.service.name,
            "organisation": h.service.organisation.name,
            "street": h.service.street,
            "plz": h.service.plz,
            "city": h.service.city,
            "latitude": h.service.latitude,
            "longitude": h.service.longitude,
            "topics": h.service.topics,
            "audiences": h.service.audiences,
            "languages": h.service.languages,
            "phone": h.service.phone,
            "email": h.service.email,
            "website": h.service.website,
            "remote": h.service.remote,
            "by_appointment_only": h.service.by_appointment_only,
            "step_free_access": h.service.step_free_access,
            "accessible_toilet": h.service.accessible_toilet,
            "distance_km": round(h.distance_km, 3) if h.distance_km is not None else None,
        }
        for h in hits[:MAX_RESULTS]
    ]

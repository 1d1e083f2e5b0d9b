"""The advisory map as open data: HSDS-style JSON (Open Referral) and GeoJSON.

HSDS 3.0 shapes: a service with its organization, phones, languages, schedules, attributes
(taxonomy terms) and service_at_locations → location (with address and accessibility).
Identifiers are the services' stable `external_id`s.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils import timezone

from wegweiser.directory.constants import Audience, Language, Taxonomy, Topic
from wegweiser.directory.models import Service
from wegweiser.directory.selectors import ServiceHit

HSDS_VERSION = "3.0"
_VOCABULARIES = {Taxonomy.TOPIC: Topic, Taxonomy.AUDIENCE: Audience, Taxonomy.LANGUAGE: Language}


def _accessibility(service: Service) -> list[dict[str, str]]:
    items = []
    if service.step_free_access:
        items.append({"id": f"{service.external_id}-step-free", "description": "step_free_access"})
    if service.accessible_toilet:
        items.append({"id": f"{service.external_id}-toilet", "description": "accessible_toilet"})
    return items


def hsds_service(service: Service, distance: float | None = None) -> dict[str, Any]:
    sid = service.external_id
    data: dict[str, Any] = {
        "id": sid,
        "name": service.name,
        "description": service.description,
        "status": "active" if service.is_active else "inactive",
        "email": service.email or None,
        "url": service.website or None,
        "organization": {
            "id": service.organisation.slug,
            "name": service.organisation.name,
        },
        "phones": [{"id": f"{sid}-phone", "number": service.phone}] if service.phone else [],
        "languages": [
            {"id": f"{sid}-lang-{code}", "code": code, "name": str(Language(code).label)}
            for code in service.languages
            if code in Language.values
        ],
        "schedules": [
            {
                "id": f"{sid}-hours-{h.weekday}-{h.opens_at:%H%M}",
                "freq": "WEEKLY",
                "byday": ("MO", "TU", "WE", "TH", "FR", "SA", "SU")[h.weekday],
                "opens_at": f"{h.opens_at:%H:%M}",
                "closes_at": f"{h.closes_at:%H:%M}",
            }
            for h in service.opening_hours.all()
        ],
        "attributes": [
            {
                "id": f"{sid}-{a.taxonomy}-{a.code}",
                "taxonomy_term": {
                    "id": f"{a.taxonomy}:{a.code}",
                    "code": a.code,
                    "taxonomy": a.taxonomy,
                    "name": str(_VOCABULARIES[Taxonomy(a.taxonomy)](a.code).label)
                    if a.code in _VOCABULARIES[Taxonomy(a.taxonomy)].values
                    else a.code,
                },
            }
            for a in service.attributes.all()
            if a.taxonomy in Taxonomy.values
        ],
        "service_at_locations": [
            {
                "id": f"{sid}-at-location",
                "location": {
                    "id": f"{sid}-location",
                    "location_type": "physical",
                    "name": service.location_name or None,
                    "latitude": service.latitude,
                    "longitude": service.longitude,
                    "addresses": [
                        {
                            "id": f"{sid}-address",
                            "address_type": "physical",
                            "address_1": service.street,
                            "city": service.city,
                            "postal_code": service.plz,
                            "state_province": "",
                            "country": "DE",
                        }
                    ],
                    "accessibility": _accessibility(service),
                },
            }
        ],
        # Extensions (HSDS allows extra fields): what HSDS has no field for.
        "x_wegweiser": {
            "by_appointment_only": service.by_appointment_only,
            "hours_note": service.hours_note,
            "remote": service.remote,
        },
    }
    if distance is not None:
        data["x_wegweiser"]["distance_km"] = round(distance, 2)
    return data


def hsds_document(hits: Sequence[ServiceHit]) -> dict[str, Any]:
    return {
        "hsds_version": HSDS_VERSION,
        "generated_at": timezone.now().isoformat(),
        "attribution": "Postcode coordinates: GeoNames (CC BY 4.0)",
        "total_items": len(hits),
        "contents": [hsds_service(h.service, h.distance_km) for h in hits],
    }


def geojson_document(hits: Sequence[ServiceHit], *, detail_url: Any) -> dict[str, Any]:
    """A FeatureCollection of points ([longitude, latitude], RFC 7946)."""
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": h.service.external_id,
                "geometry": {
                    "type": "Point",
                    "coordinates": [round(h.service.longitude, 6), round(h.service.latitude, 6)],
                },
                "properties": {
                    "name": h.service.name,
                    "organisation": h.service.organisation.name,
                    "topics": h.service.topics,
                    "languages": h.service.languages,
                    "audiences": h.service.audiences,
                    "plz": h.service.plz,
                    "city": h.service.city,
                    "by_appointment_only": h.service.by_appointment_only,
                    "step_free_access": h.service.step_free_access,
                    "accessible_toilet": h.service.accessible_toilet,
                    "url": detail_url(h.service),
                    "distance_km": round(h.distance_km, 2) if h.distance_km is not None else None,
                },
            }
            for h in hits
        ],
    }

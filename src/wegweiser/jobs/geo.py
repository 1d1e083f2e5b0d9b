"""Coordinates of postcodes and the radius filter of offer lists.

Coordinates come from `core.PostalCode` (GeoNames, CC BY 4.0) once that table exists. Until then,
and for postcodes it does not know, the coordinates already stored on offers with the same postcode
are used, and otherwise none: offers without coordinates are still listed, but not by radius and
not by the matching engine.
"""

from __future__ import annotations

import math

from django.db.models import F, FloatField, QuerySet, Value
from django.db.models.functions import ASin, Cos, Power, Radians, Sin, Sqrt

from wegweiser.core.places import validate_plz
from wegweiser.core.selectors import postal_code_lookup
from wegweiser.jobs.models import Offer

EARTH_RADIUS_KM = 6371.0088
Coordinates = tuple[float, float]


def _postal_code_coordinates(plz: str) -> Coordinates | None:
    place = postal_code_lookup(plz)
    if place is None or place.latitude is None or place.longitude is None:
        return None
    return (float(place.latitude), float(place.longitude))


def coordinates_for_plz(plz: str) -> Coordinates | None:
    """(latitude, longitude) of a five-digit postcode, or None when unknown."""
    try:
        validate_plz(plz)
    except Exception:
        return None
    found = _postal_code_coordinates(plz)
    if found is not None:
        return found
    row = (
        Offer.objects.filter(plz=plz, latitude__isnull=False, longitude__isnull=False)
        .order_by("pk")
        .values_list("latitude", "longitude")
        .first()
    )
    if row is None or row[0] is None or row[1] is None:
        return None
    return (float(row[0]), float(row[1]))


def haversine_km(a: Coordinates, b: Coordinates) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def within_radius(
    offers: QuerySet[Offer], centre: Coordinates, radius_km: float
) -> QuerySet[Offer]:
    """Offers within `radius_km` of `centre`, annotated with `distance_km`.

    A bounding box (index-friendly) narrows the rows; the great-circle distance decides.
    """
    lat, lon = centre
    dlat = radius_km / 111.0
    dlon = radius_km / max(1.0, 111.0 * math.cos(math.radians(lat)))
    box = offers.filter(
        latitude__gte=lat - dlat,
        latitude__lte=lat + dlat,
        longitude__gte=lon - dlon,
        longitude__lte=lon + dlon,
    )
    lat_r, lon_r = math.radians(lat), math.radians(lon)
    half_dlat = (Radians(F("latitude")) - Value(lat_r)) / 2
    half_dlon = (Radians(F("longitude")) - Value(lon_r)) / 2
    h = Power(Sin(half_dlat), 2) + Value(math.cos(lat_r)) * Cos(Radians(F("latitude"))) * Power(
        Sin(half_dlon), 2
    )
    distance = Value(2 * EARTH_RADIUS_KM) * ASin(Sqrt(h))
    return box.annotate(distance_km=distance).filter(
        distance_km__lte=Value(float(radius_km), output_field=FloatField())
    )

"""Places in Germany: the Länder, five-digit postcodes (PLZ) and distances between places."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Protocol

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Bundesland(models.TextChoices):
    BW = "BW", "Baden-Württemberg"
    BY = "BY", "Bayern"
    BE = "BE", "Berlin"
    BB = "BB", "Brandenburg"
    HB = "HB", "Bremen"
    HH = "HH", "Hamburg"
    HE = "HE", "Hessen"
    MV = "MV", "Mecklenburg-Vorpommern"
    NI = "NI", "Niedersachsen"
    NW = "NW", "Nordrhein-Westfalen"
    RP = "RP", "Rheinland-Pfalz"
    SL = "SL", "Saarland"
    SN = "SN", "Sachsen"
    ST = "ST", "Sachsen-Anhalt"
    SH = "SH", "Schleswig-Holstein"
    TH = "TH", "Thüringen"


validate_plz = RegexValidator(
    regex=r"^\d{5}\Z",
    message=_("Enter a postcode of five digits, e.g. 10115."),
    code="invalid_plz",
)


def plz_field(*, blank: bool = False) -> models.CharField[str, str]:
    return models.CharField(_("postcode"), max_length=5, validators=[validate_plz], blank=blank)


# --- Distances ----------------------------------------------------------------------------

EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float


@dataclass(frozen=True)
class BoundingBox:
    min_latitude: float
    max_latitude: float
    min_longitude: float
    max_longitude: float

    def contains(self, point: Point) -> bool:
        return (
            self.min_latitude <= point.latitude <= self.max_latitude
            and self.min_longitude <= point.longitude <= self.max_longitude
        )


class HasCoordinates(Protocol):
    @property
    def latitude(self) -> float: ...
    @property
    def longitude(self) -> float: ...


def distance_km(a: HasCoordinates, b: HasCoordinates) -> float:
    """Great-circle distance in kilometres (haversine formula on a spherical Earth)."""
    lat1, lat2 = math.radians(a.latitude), math.radians(b.latitude)
    dlat = lat2 - lat1
    dlon = math.radians(b.longitude - a.longitude)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def bounding_box(centre: HasCoordinates, radius_km: float) -> BoundingBox:
    """A latitude/longitude box that holds every point within `radius_km` of `centre`.

    A cheap prefilter for an index on (latitude, longitude); the exact test is `distance_km`.
    The box is widened by a small margin so rounding never drops a point on the circle.
    """
    margin = 1.0001
    dlat = math.degrees(radius_km * margin / EARTH_RADIUS_KM)
    min_lat = max(-90.0, centre.latitude - dlat)
    max_lat = min(90.0, centre.latitude + dlat)
    # Longitude spread is widest at the box's pole-side latitude.
    widest = max(abs(min_lat), abs(max_lat))
    cos_lat = math.cos(math.radians(widest))
    if cos_lat < 1e-9 or max_lat >= 90.0 or min_lat <= -90.0:
        return BoundingBox(min_lat, max_lat, -180.0, 180.0)
    ratio = math.sin(radius_km * margin / EARTH_RADIUS_KM) / cos_lat
    if ratio >= 1.0:
        return BoundingBox(min_lat, max_lat, -180.0, 180.0)
    dlon = math.degrees(math.asin(ratio))
    min_lon, max_lon = centre.longitude - dlon, centre.longitude + dlon
    if min_lon < -180.0 or max_lon > 180.0:  # crosses the antimeridian: keep it simple
        return BoundingBox(min_lat, max_lat, -180.0, 180.0)
    return BoundingBox(min_lat, max_lat, min_lon, max_lon)

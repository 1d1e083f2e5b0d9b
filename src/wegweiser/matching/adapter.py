"""Between the database and `matching_engine`: columns in, engine records out.

Offers are read with one `values_list` query straight into NumPy columns (no model instances);
nothing is cached across requests yet (see ADR 0062).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.db.models import QuerySet

import matching_engine as me
from matching_engine.features import OPEN_START
from wegweiser.jobs.constants import GERMAN_ORDER, Licence, OfferType, WorkingTime
from wegweiser.jobs.models import Offer

GERMAN = {code: me.GermanLevel(index) for index, code in enumerate(GERMAN_ORDER)}
LICENCES = {
    Licence.B: me.Licence.B,
    Licence.BE: me.Licence.BE,
    Licence.C1: me.Licence.C1,
    Licence.C: me.Licence.C,
    Licence.CE: me.Licence.CE,
    Licence.D: me.Licence.D,
    Licence.FORKLIFT: me.Licence.FORKLIFT,
}
OFFER_TYPES = {
    OfferType.JOB: me.OfferType.JOB,
    OfferType.APPRENTICESHIP: me.OfferType.APPRENTICESHIP,
    OfferType.INTERNSHIP: me.OfferType.INTERNSHIP,
    OfferType.EQ: me.OfferType.EQ,
    OfferType.HELPER_JOB: me.OfferType.HELPER_JOB,
}
WORKING_TIMES = {
    WorkingTime.FULL: me.WorkingTime.FULL,
    WorkingTime.PART: me.WorkingTime.PART,
    WorkingTime.BOTH: me.WorkingTime.BOTH,
}


class Permission:
    ALLOWED = "allowed"
    NEEDS_PERMISSION = "needs_permission"
    NOT_ALLOWED = "not_allowed"


PERMISSIONS = {
    Permission.ALLOWED: me.WorkPermission.ALLOWED,
    Permission.NEEDS_PERMISSION: me.WorkPermission.NEEDS_PERMISSION,
    Permission.NOT_ALLOWED: me.WorkPermission.NOT_ALLOWED,
}


@dataclass(frozen=True)
class CandidateInput:
    """What the engine needs to know about a candidate; no names, no personal identifiers.

    The participants app builds it from a participant record (with consent); the try-matching
    page builds it from a form. `id` is the caller's key (0 when there is none).
    """

    latitude: float
    longitude: float
    occupations: tuple[str, ...] = ()  # five-digit KldB codes, most wanted first
    german: str = ""  # "" (none), "A1" .. "C2"
    licences: tuple[str, ...] = ()  # jobs.constants.Licence values
    radius_km: float = 25.0
    availability: str = WorkingTime.BOTH
    earliest_start: dt.date | None = None
    permission: str = Permission.ALLOWED
    no_shifts: bool = False
    offer_types: tuple[str, ...] = field(default=())
    id: int = 0


def licence_mask(codes: Iterable[str]) -> me.Licence:
    mask = me.Licence.NONE
    for code in codes:
        mask |= LICENCES[Licence(code)]
    return mask


def engine_candidate(profile: CandidateInput) -> me.Candidate:
    return me.Candidate(
        id=profile.id,
        wanted_kldb=tuple(profile.occupations[:8]),
        lat=profile.latitude,
        lon=profile.longitude,
        radius_km=float(profile.radius_km),
        german=GERMAN[profile.german],
        licences=licence_mask(profile.licences),
        availability=WORKING_TIMES[WorkingTime(profile.availability)],
        no_shifts=profile.no_shifts,
        earliest_start=profile.earliest_start,
        permission=PERMISSIONS[profile.permission],
        offer_types=tuple(OFFER_TYPES[OfferType(t)] for t in profile.offer_types),
    )


def engine_offer(offer: Offer) -> me.Offer:
    """One offer as an engine record (it must have an occupation and coordinates)."""
    if offer.occupation_id is None or offer.latitude is None or offer.longitude is None:
        raise ValueError("the offer needs an occupation and coordinates to be matched")
    return me.Offer(
        id=offer.pk,
        kldb=offer.occupation_id,
        lat=offer.latitude,
        lon=offer.longitude,
        german_min=GERMAN[offer.german_min],
        licences=licence_mask(offer.licences or []),
        working_time=WORKING_TIMES[WorkingTime(offer.working_time)],
        start=offer.start_date,
        shifts=offer.shifts,
        offer_type=OFFER_TYPES[OfferType(offer.offer_type)],
    )


MATRIX_COLUMNS = (
    "id",
    "occupation_id",
    "latitude",
    "longitude",
    "german_min",
    "licences",
    "working_time",
    "start_date",
    "shifts",
    "offer_type",
)


def offer_matrix(offers: QuerySet[Offer]) -> me.OfferMatrix:
    """The engine's offer matrix of the given offers that can be matched (one query).

    Offers without an occupation code or coordinates are left out: the engine needs both.
    """
    rows: Sequence[tuple[Any, ...]] = list(
        offers.filter(occupation__isnull=False, latitude__isnull=False, longitude__isnull=False)
        .order_by()
        .values_list(*MATRIX_COLUMNS)
    )
    if not rows:
        return me.OfferMatrix.from_offers([])
    ids, kldb, lat, lon, german, licences, working, start, shifts, types = zip(*rows, strict=True)
    german_codes = {code: int(level) for code, level in GERMAN.items()}
    masks: dict[tuple[str, ...], int] = {}

    def mask(value: Any) -> int:
        key = tuple(value or ())
        if key not in masks:
            masks[key] = int(licence_mask(key))
        return masks[key]

    return me.OfferMatrix.from_arrays(
        ids=np.fromiter(ids, dtype=np.int64, count=len(ids)),
        kldb=np.array([int(code) for code in kldb], dtype=np.int32),
        lat=np.array(lat, dtype=np.float64),
        lon=np.array(lon, dtype=np.float64),
        german_min=np.array([german_codes[g] for g in german], dtype=np.int8),
        licences=np.array([mask(v) for v in licences], dtype=np.int32),
        working_time=np.array([int(WORKING_TIMES[w]) for w in working], dtype=np.int8),
        start_day=np.array(
            [OPEN_START if s is None else s.toordinal() for s in start], dtype=np.int64
        ),
        shifts=np.array(shifts, dtype=np.bool_),
        offer_type=np.array([int(OFFER_TYPES[t]) for t in types], dtype=np.int8),
    )


def candidate_matrix(profiles: Sequence[CandidateInput]) -> me.CandidateMatrix:
    return me.CandidateMatrix.from_candidates([engine_candidate(p) for p in profiles])


# --- Participants as candidates ------------------------------------------------------------

# Participants' licence codes (AM and A do not matter for offers) to the offers' ones.
PARTICIPANT_LICENCES = {
    "B": Licence.B,
    "BE": Licence.BE,
    "C1": Licence.C1,
    "C": Licence.C,
    "CE": Licence.CE,
    "D": Licence.D,
    "forklift": Licence.FORKLIFT,
}
PARTICIPANT_AVAILABILITY = {"full_time": WorkingTime.FULL, "part_time": WorkingTime.PART}
PARTICIPANT_PERMISSION = {
    "allowed": Permission.ALLOWED,
    "needs_permission": Permission.NEEDS_PERMISSION,
    "not_allowed": Permission.NOT_ALLOWED,
}


def coordinates_for_plzs(plzs: Iterable[str]) -> dict[str, tuple[float, float]]:
    """Coordinates of many postcodes in at most two queries (GeoNames table, then the
    coordinates stored on offers with the same postcode)."""
    from wegweiser.core.models import PostalCode

    wanted = {p for p in plzs if p and len(p) == 5 and p.isdigit()}
    if not wanted:
        return {}
    found = {
        plz: (float(lat), float(lon))
        for plz, lat, lon in PostalCode.objects.filter(plz__in=wanted).values_list(
            "plz", "latitude", "longitude"
        )
    }
    missing = wanted - set(found)
    if missing:
        for plz, lat, lon in (
            Offer.objects.filter(plz__in=missing, latitude__isnull=False, longitude__isnull=False)
            .order_by("pk")
            .values_list("plz", "latitude", "longitude")
        ):
            if lat is not None and lon is not None:
                found.setdefault(plz, (float(lat), float(lon)))
    return found


def candidate_from_values(
    *,
    values: dict[str, Any],
    occupations: Sequence[str],
    fields: frozenset[str],
    coordinates: tuple[float, float] | None,
    id: int = 0,
) -> CandidateInput | None:
    """A candidate built from only the `fields` given (a participant's consented fields, or all
    of them for their own counsellor). A field that is not in `fields` takes the neutral default,
    so what the participant did not open cannot move the ranking. None without a place."""
    if "plz" not in fields or coordinates is None:
        return None
    german = values.get("german_level", "") if "german_level" in fields else ""
    licences = (
        tuple(
            sorted(
                {
                    str(PARTICIPANT_LICENCES[code])
                    for code in values.get("driving_licences") or []
                    if code in PARTICIPANT_LICENCES
                }
            )
        )
        if "driving_licences" in fields
        else ()
    )
    availability = (
        PARTICIPANT_AVAILABILITY.get(values.get("availability", ""), WorkingTime.BOTH)
        if "availability" in fields
        else WorkingTime.BOTH
    )
    permission = (
        PARTICIPANT_PERMISSION.get(values.get("work_permission", ""), Permission.NEEDS_PERMISSION)
        if "work_permission" in fields
        else Permission.NEEDS_PERMISSION
    )
    radius = values.get("travel_radius_km") if "travel_radius_km" in fields else None
    return CandidateInput(
        latitude=coordinates[0],
        longitude=coordinates[1],
        occupations=tuple(occupations) if "desired_occupations" in fields else (),
        german=german or "",
        licences=licences,
        radius_km=float(radius or 25),
        availability=availability,
        permission=permission,
        id=id,
    )

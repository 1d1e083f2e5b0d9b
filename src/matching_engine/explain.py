"""Machine-readable explanations: reason codes, reasons and match results.

Reason codes are stable strings; the presentation layer turns them into translated sentences. A
:class:`Match` carries the reasons in this order: occupation, requirement level, German, distance,
working time, start date, shifts, offer type, licences, work permission. ``exclusions`` lists the
hard constraints a pair violates (only for explicitly explained pairs; ranked results never
contain excluded pairs).

See :class:`ReasonCode` for every code and its parameters.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from types import MappingProxyType

import numpy as np
import numpy.typing as npt

from matching_engine.factors import (
    FACTORS,
    Weights,
    distance_contribution,
    german_contribution,
    licences_missing,
    occupation_match,
    offer_type_contribution,
    permission_contribution,
    shifts_contribution,
    start_date_contribution,
    within_radius,
    working_time_contribution,
)
from matching_engine.features import (
    NO_START_CONSTRAINT,
    OPEN_START,
    Candidate,
    CandidateMatrix,
    Offer,
    OfferMatrix,
    day_number,
    offer_types_mask,
)
from matching_engine.geo import earth_xyz, squared_distance_km2
from matching_engine.vocabulary import (
    GermanLevel,
    Licence,
    OfferType,
    RequirementLevel,
    WorkingTime,
    WorkPermission,
    licence_names,
    parse_kldb,
)

__all__ = [
    "CandidateRows",
    "Match",
    "OfferRows",
    "PairEvaluation",
    "ParamValue",
    "Reason",
    "ReasonCode",
    "evaluate_pairs",
]

ParamValue = str | int | float | tuple[str, ...]
"""Type of a reason parameter value."""

F32 = npt.NDArray[np.float32]


class ReasonCode(StrEnum):
    """Stable reason codes. Parameters are listed per code.

    Occupation (exactly one per match; ``offer`` and ``wanted`` are five-digit KldB codes,
    ``group`` is the shared prefix):

    - ``occupation_exact`` ``{"offer", "wanted"}``: the same five-digit code.
    - ``occupation_same_subgroup`` ``{"offer", "wanted", "group"}``: same 4-digit
      Berufsuntergruppe, other requirement level.
    - ``occupation_same_group`` ``{"offer", "wanted", "group"}``: same 3-digit Berufsgruppe.
    - ``occupation_same_main_group`` ``{"offer", "wanted", "group"}``: same 2-digit
      Berufshauptgruppe.
    - ``occupation_same_area`` ``{"offer", "wanted", "group"}``: same 1-digit Berufsbereich.
    - ``occupation_unrelated`` ``{"offer"}``: no shared prefix with any wanted occupation (or the
      candidate named none).
    - ``requirement_level_gap`` ``{"wanted", "offer"}``: requirement levels differ (values
      ``"helper"``, ``"skilled"``, ``"specialist"``, ``"expert"``); only with a related occupation.

    German (exactly one; levels are ``"none"``, ``"A1"`` .. ``"C2"``):

    - ``german_not_required`` ``{"have"}``
    - ``german_meets_minimum`` ``{"have", "need"}``
    - ``german_below_minimum`` ``{"have", "need", "levels_below"}`` (``levels_below`` is an int)

    Distance (exactly one; km are ints rounded to whole km, ``radius_km`` is a number):

    - ``distance_km`` ``{"km", "radius_km"}``: within the candidate's radius.
    - ``distance_beyond_radius`` ``{"km", "radius_km"}``: exclusion.

    Other factors:

    - ``working_time_fits`` / ``working_time_mismatch`` ``{"offer", "available"}`` (values
      ``"full"``, ``"part"``, ``"both"``).
    - ``start_date_fits`` ``{}``; ``start_date_late`` ``{"days"}``: the candidate can start
      ``days`` days after the offer's start.
    - ``shifts_conflict_childcare`` ``{}``: the offer has shifts, the candidate cannot work
      shifts (only emitted on conflict).
    - ``offer_type_wanted`` / ``offer_type_not_wanted`` ``{"offer_type"}`` (e.g.
      ``"apprenticeship"``); only when the candidate asked for specific offer types.
    - ``licences_held`` ``{"licences"}``: the offer requires licences and the candidate has them
      (tuple of names such as ``("B", "CE")``).
    - ``licence_missing`` ``{"missing"}``: exclusion, tuple of missing licence names.
    - ``permission_needed`` ``{}``: work needs approval by the immigration office (scored down).
    - ``work_not_allowed`` ``{}``: exclusion.
    """

    OCCUPATION_EXACT = "occupation_exact"
    OCCUPATION_SAME_SUBGROUP = "occupation_same_subgroup"
    OCCUPATION_SAME_GROUP = "occupation_same_group"
    OCCUPATION_SAME_MAIN_GROUP = "occupation_same_main_group"
    OCCUPATION_SAME_AREA = "occupation_same_area"
    OCCUPATION_UNRELATED = "occupation_unrelated"
    REQUIREMENT_LEVEL_GAP = "requirement_level_gap"
    GERMAN_NOT_REQUIRED = "german_not_required"
    GERMAN_MEETS_MINIMUM = "german_meets_minimum"
    GERMAN_BELOW_MINIMUM = "german_below_minimum"
    DISTANCE_KM = "distance_km"
    DISTANCE_BEYOND_RADIUS = "distance_beyond_radius"
    WORKING_TIME_FITS = "working_time_fits"
    WORKING_TIME_MISMATCH = "working_time_mismatch"
    START_DATE_FITS = "start_date_fits"
    START_DATE_LATE = "start_date_late"
    SHIFTS_CONFLICT_CHILDCARE = "shifts_conflict_childcare"
    OFFER_TYPE_WANTED = "offer_type_wanted"
    OFFER_TYPE_NOT_WANTED = "offer_type_not_wanted"
    LICENCES_HELD = "licences_held"
    LICENCE_MISSING = "licence_missing"
    PERMISSION_NEEDED = "permission_needed"
    WORK_NOT_ALLOWED = "work_not_allowed"


_OCCUPATION_CODES = {
    5: ReasonCode.OCCUPATION_EXACT,
    4: ReasonCode.OCCUPATION_SAME_SUBGROUP,
    3: ReasonCode.OCCUPATION_SAME_GROUP,
    2: ReasonCode.OCCUPATION_SAME_MAIN_GROUP,
    1: ReasonCode.OCCUPATION_SAME_AREA,
}


@dataclass(frozen=True, slots=True)
class Reason:
    """One machine-readable reason: a stable code and its parameters."""

    code: ReasonCode
    params: Mapping[str, ParamValue] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        """JSON-ready form: ``{"code": ..., "params": {...}}`` (tuples become lists)."""
        params = {
            key: list(value) if isinstance(value, tuple) else value
            for key, value in self.params.items()
        }
        return {"code": str(self.code), "params": params}


@dataclass(frozen=True, slots=True)
class Match:
    """A scored candidate/offer pair.

    Attributes:
        index: Row of the scored item (offer or candidate) in the matrix given.
        id: Caller's identifier of that row.
        total: Sum of ``contributions`` in :data:`~matching_engine.factors.FACTORS` order
            (float32 arithmetic).
        contributions: Factor name -> contribution.
        reasons: Explanation of the score, see :class:`ReasonCode`.
        excluded: Whether a hard constraint excludes the pair.
        exclusions: The violated hard constraints.
    """

    index: int
    id: int
    total: float
    contributions: Mapping[str, float]
    reasons: tuple[Reason, ...]
    excluded: bool = False
    exclusions: tuple[Reason, ...] = ()

    def as_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        return {
            "index": self.index,
            "id": self.id,
            "total": self.total,
            "contributions": dict(self.contributions),
            "reasons": [reason.as_dict() for reason in self.reasons],
            "excluded": self.excluded,
            "exclusions": [reason.as_dict() for reason in self.exclusions],
        }


@dataclass(frozen=True, slots=True)
class OfferRows:
    """Offer features for a batch of pairs, as broadcastable arrays (xyz in km)."""

    kldb: npt.NDArray[np.int32]
    german_min: npt.NDArray[np.int8]
    licences: npt.NDArray[np.int32]
    x: F32
    y: F32
    z: F32
    working_time: npt.NDArray[np.int8]
    start_day: npt.NDArray[np.int64]
    shifts: npt.NDArray[np.bool_]
    offer_type: npt.NDArray[np.int8]
    lat: float = 0.0
    lon: float = 0.0

    @classmethod
    def from_matrix(cls, offers: OfferMatrix, rows: npt.NDArray[np.intp]) -> OfferRows:
        """Rows ``rows`` of ``offers`` (caller order)."""
        packed = offers.packed
        at = packed.position[rows]
        return cls(
            kldb=offers.kldb[rows],
            german_min=offers.german_min[rows],
            licences=offers.licences[rows],
            x=packed.x[at],
            y=packed.y[at],
            z=packed.z[at],
            working_time=offers.working_time[rows],
            start_day=offers.start_day[rows],
            shifts=offers.shifts[rows],
            offer_type=offers.offer_type[rows],
        )

    @classmethod
    def from_record(cls, offer: Offer) -> OfferRows:
        """One offer as a one-row batch (validates the record)."""
        if not (-90.0 <= offer.lat <= 90.0 and -180.0 <= offer.lon <= 180.0):
            raise ValueError("offer coordinates out of range")
        x, y, z = earth_xyz(np.array([offer.lat]), np.array([offer.lon]))
        working_time = int(WorkingTime(offer.working_time))
        if working_time not in (1, 2, 3):
            raise ValueError("offer working_time must be FULL, PART or BOTH")
        return cls(
            kldb=np.array([parse_kldb(offer.kldb)], dtype=np.int32),
            german_min=np.array([int(GermanLevel(offer.german_min))], dtype=np.int8),
            licences=np.array([int(Licence(offer.licences))], dtype=np.int32),
            x=x,
            y=y,
            z=z,
            working_time=np.array([working_time], dtype=np.int8),
            start_day=np.array([day_number(offer.start, missing=OPEN_START)], dtype=np.int64),
            shifts=np.array([bool(offer.shifts)], dtype=np.bool_),
            offer_type=np.array([int(OfferType(offer.offer_type))], dtype=np.int8),
            lat=float(offer.lat),
            lon=float(offer.lon),
        )


@dataclass(frozen=True, slots=True)
class CandidateRows:
    """Candidate features for a batch of pairs; ``wanted`` has a trailing axis (-1 = padding)."""

    wanted: npt.NDArray[np.int32]
    german: npt.NDArray[np.int8]
    licences: npt.NDArray[np.int32]
    x: F32
    y: F32
    z: F32
    radius: F32
    availability: npt.NDArray[np.int8]
    no_shifts: npt.NDArray[np.bool_]
    earliest_start_day: npt.NDArray[np.int64]
    permission: npt.NDArray[np.int8]
    offer_types: npt.NDArray[np.int32]
    lat: float = 0.0
    lon: float = 0.0

    @classmethod
    def from_matrix(cls, candidates: CandidateMatrix, rows: npt.NDArray[np.intp]) -> CandidateRows:
        """Rows ``rows`` of ``candidates`` (caller order)."""
        packed = candidates.packed
        at = packed.position[rows]
        return cls(
            wanted=candidates.wanted_kldb[rows],
            german=candidates.german[rows],
            licences=candidates.licences[rows],
            x=packed.x[at],
            y=packed.y[at],
            z=packed.z[at],
            radius=candidates.radius_km[rows],
            availability=candidates.availability[rows],
            no_shifts=candidates.no_shifts[rows],
            earliest_start_day=candidates.earliest_start_day[rows],
            permission=candidates.permission[rows],
            offer_types=candidates.offer_types[rows],
        )

    @classmethod
    def from_record(cls, candidate: Candidate) -> CandidateRows:
        """One candidate as a one-row batch (validates the record)."""
        if not (-90.0 <= candidate.lat <= 90.0 and -180.0 <= candidate.lon <= 180.0):
            raise ValueError("candidate coordinates out of range")
        if not (math.isfinite(candidate.radius_km) and candidate.radius_km >= 0):
            raise ValueError("radius_km must be finite and >= 0")
        availability = int(WorkingTime(candidate.availability))
        if availability not in (1, 2, 3):
            raise ValueError("candidate availability must be FULL, PART or BOTH")
        codes = [parse_kldb(code) for code in candidate.wanted_kldb] or [-1]
        x, y, z = earth_xyz(np.array([candidate.lat]), np.array([candidate.lon]))
        return cls(
            wanted=np.array([codes], dtype=np.int32),
            german=np.array([int(GermanLevel(candidate.german))], dtype=np.int8),
            licences=np.array([int(Licence(candidate.licences))], dtype=np.int32),
            x=x,
            y=y,
            z=z,
            radius=np.array([candidate.radius_km], dtype=np.float32),
            availability=np.array([availability], dtype=np.int8),
            no_shifts=np.array([bool(candidate.no_shifts)], dtype=np.bool_),
            earliest_start_day=np.array(
                [day_number(candidate.earliest_start, missing=NO_START_CONSTRAINT)], np.int64
            ),
            permission=np.array([int(WorkPermission(candidate.permission))], dtype=np.int8),
            offer_types=np.array([offer_types_mask(candidate.offer_types)], dtype=np.int32),
            lat=float(candidate.lat),
            lon=float(candidate.lon),
        )


@dataclass(frozen=True, slots=True, eq=False)
class PairEvaluation:
    """Every factor of a batch of ``m`` pairs.

    ``contributions[f]`` is the contribution of factor ``FACTORS[f]`` (shape ``(len(FACTORS), m)``);
    every other array has shape ``(m,)``.
    """

    contributions: F32
    total: F32
    occupation_shared: npt.NDArray[np.int8]
    occupation_wanted: npt.NDArray[np.int32]
    d2_km2: F32
    in_radius: npt.NDArray[np.bool_]
    missing_licences: npt.NDArray[np.integer]
    candidate: CandidateRows
    offer: OfferRows


def _full[T: np.generic](array: npt.NDArray[T], m: int) -> npt.NDArray[T]:
    return array if array.shape == (m,) else np.broadcast_to(array, (m,))


def evaluate_pairs(candidate: CandidateRows, offer: OfferRows, weights: Weights) -> PairEvaluation:
    """Evaluate all factors and hard constraints for pairs (canonical, unoptimised path)."""
    c, o, w = candidate, offer, weights
    similarity, shared, best = occupation_match(c.wanted, o.kldb, w)
    m = similarity.shape[0]
    wanted_rows = np.arange(m) if c.wanted.shape[0] == m else np.zeros(m, dtype=np.intp)
    wanted_best = c.wanted[wanted_rows, best]
    d2 = squared_distance_km2(o.x, o.y, o.z, c.x, c.y, c.z)
    parts = np.empty((len(FACTORS), m), dtype=np.float32)
    parts[0] = german_contribution(c.german, o.german_min, w)
    parts[1] = working_time_contribution(c.availability, o.working_time, w)
    parts[2] = shifts_contribution(c.no_shifts, o.shifts, w)
    parts[3] = offer_type_contribution(c.offer_types, o.offer_type, w)
    parts[4] = np.float32(w.occupation) * similarity
    parts[5] = distance_contribution(d2, c.radius, w)
    parts[6] = start_date_contribution(c.earliest_start_day, o.start_day, w)
    parts[7] = permission_contribution(c.permission, w)
    total = parts[0].copy()
    for row in parts[1:]:
        total += row
    missing = licences_missing(c.licences, o.licences)
    return PairEvaluation(
        contributions=parts,
        total=total,
        occupation_shared=shared,
        occupation_wanted=wanted_best,
        d2_km2=_full(d2, m),
        in_radius=_full(within_radius(d2, c.radius), m),
        missing_licences=_full(missing, m),
        candidate=c,
        offer=o,
    )


# Reasons are immutable and recur across matches, so they are built once and shared. Their
# parameters are read-only mappings.
_GERMAN_LABELS = tuple(level.label for level in GermanLevel)
_REQUIREMENT_LABELS = ("", *(level.label for level in RequirementLevel))
_WORKING_TIME_LABELS = ("", "full", "part", "both")
_OFFER_TYPE_LABELS = tuple(offer_type.label for offer_type in OfferType)


def _reason(code: ReasonCode, params: Mapping[str, ParamValue] | None = None) -> Reason:
    return Reason(code, MappingProxyType(dict(params or {})))


@lru_cache(maxsize=1 << 16)
def _occupation_reasons(shared: int, offer_code: int, wanted_code: int) -> tuple[Reason, ...]:
    offer_text = f"{offer_code:05d}"
    if shared == 0:
        return (_reason(ReasonCode.OCCUPATION_UNRELATED, {"offer": offer_text}),)
    params: dict[str, ParamValue] = {"offer": offer_text, "wanted": f"{wanted_code:05d}"}
    if shared < 5:
        params["group"] = offer_text[:shared]
    reasons = [_reason(_OCCUPATION_CODES[shared], params)]
    if wanted_code % 10 != offer_code % 10:
        level_params: dict[str, ParamValue] = {
            "wanted": _REQUIREMENT_LABELS[wanted_code % 10],
            "offer": _REQUIREMENT_LABELS[offer_code % 10],
        }
        reasons.append(_reason(ReasonCode.REQUIREMENT_LEVEL_GAP, level_params))
    return tuple(reasons)


@lru_cache(maxsize=64)
def _german_reason(have: int, need: int) -> Reason:
    if need == 0:
        return _reason(ReasonCode.GERMAN_NOT_REQUIRED, {"have": _GERMAN_LABELS[have]})
    params: dict[str, ParamValue] = {"have": _GERMAN_LABELS[have], "need": _GERMAN_LABELS[need]}
    if have >= need:
        return _reason(ReasonCode.GERMAN_MEETS_MINIMUM, params)
    params["levels_below"] = need - have
    return _reason(ReasonCode.GERMAN_BELOW_MINIMUM, params)


def _tidy_km(value: float) -> int | float:
    rounded = round(value, 1)
    return int(rounded) if rounded == int(rounded) else rounded


@lru_cache(maxsize=1 << 16)
def _distance_reason(km: int, radius_km: float, inside: bool) -> Reason:
    code = ReasonCode.DISTANCE_KM if inside else ReasonCode.DISTANCE_BEYOND_RADIUS
    return _reason(code, {"km": km, "radius_km": _tidy_km(radius_km)})


@lru_cache(maxsize=64)
def _working_time_reason(available: int, offered: int) -> Reason:
    code = ReasonCode.WORKING_TIME_FITS if available & offered else ReasonCode.WORKING_TIME_MISMATCH
    params: dict[str, ParamValue] = {
        "offer": _WORKING_TIME_LABELS[offered],
        "available": _WORKING_TIME_LABELS[available],
    }
    return _reason(code, params)


@lru_cache(maxsize=4096)
def _start_reason(late_days: int) -> Reason:
    if late_days > 0:
        return _reason(ReasonCode.START_DATE_LATE, {"days": late_days})
    return _reason(ReasonCode.START_DATE_FITS)


@lru_cache(maxsize=1024)
def _offer_type_reason(types_mask: int, offer_type: int) -> Reason:
    wanted = types_mask >> offer_type & 1
    code = ReasonCode.OFFER_TYPE_WANTED if wanted else ReasonCode.OFFER_TYPE_NOT_WANTED
    return _reason(code, {"offer_type": _OFFER_TYPE_LABELS[offer_type]})


@lru_cache(maxsize=4096)
def _licence_reason(missing: int, required: int) -> Reason:
    if missing:
        return _reason(ReasonCode.LICENCE_MISSING, {"missing": licence_names(missing)})
    return _reason(ReasonCode.LICENCES_HELD, {"licences": licence_names(required)})


_SHIFTS_CONFLICT = _reason(ReasonCode.SHIFTS_CONFLICT_CHILDCARE)
_PERMISSION_NEEDED = _reason(ReasonCode.PERMISSION_NEEDED)
_WORK_NOT_ALLOWED = _reason(ReasonCode.WORK_NOT_ALLOWED)


def _contributions(
    german: float,
    working_time: float,
    shifts: float,
    offer_type: float,
    occupation: float,
    distance: float,
    start_date: float,
    permission: float,
) -> dict[str, float]:
    """Factor name -> contribution; the parameters follow :data:`FACTORS`."""
    return {
        "german": german,
        "working_time": working_time,
        "shifts": shifts,
        "offer_type": offer_type,
        "occupation": occupation,
        "distance": distance,
        "start_date": start_date,
        "permission": permission,
    }


def build_matches(
    evaluation: PairEvaluation, indices: Sequence[int], ids: Sequence[int]
) -> list[Match]:
    """One :class:`Match` per evaluated pair (``indices``/``ids`` name the scored rows)."""
    ev, c, o = evaluation, evaluation.candidate, evaluation.offer
    m = ev.total.shape[0]

    def column(array: npt.NDArray[np.generic]) -> list[int]:
        values: list[int] = array.reshape(-1).tolist()
        return values * m if len(values) == 1 else values

    offer_codes, shared_digits = column(o.kldb), ev.occupation_shared.tolist()
    wanted_codes = ev.occupation_wanted.tolist()
    german_have, german_need = column(c.german), column(o.german_min)
    km_values = np.floor(np.sqrt(ev.d2_km2) + np.float32(0.5)).astype(np.int64).tolist()
    radii: list[float] = c.radius.tolist()
    radii = radii * m if len(radii) == 1 else radii
    in_radius = ev.in_radius.tolist()
    available, offered = column(c.availability), column(o.working_time)
    earliest, starts = column(c.earliest_start_day), column(o.start_day)
    no_shifts, shifts = column(c.no_shifts), column(o.shifts)
    type_masks, offer_types = column(c.offer_types), column(o.offer_type)
    missing_masks, required_masks = ev.missing_licences.tolist(), column(o.licences)
    permissions = column(c.permission)
    totals: list[float] = ev.total.tolist()
    factor_rows: list[list[float]] = ev.contributions.T.tolist()

    matches = []
    for i in range(m):
        reasons = list(_occupation_reasons(shared_digits[i], offer_codes[i], wanted_codes[i]))
        reasons.append(_german_reason(german_have[i], german_need[i]))
        exclusions: list[Reason] = []
        distance = _distance_reason(km_values[i], radii[i], in_radius[i])
        (reasons if in_radius[i] else exclusions).append(distance)
        reasons.append(_working_time_reason(available[i], offered[i]))
        reasons.append(_start_reason(earliest[i] - starts[i]))
        if no_shifts[i] and shifts[i]:
            reasons.append(_SHIFTS_CONFLICT)
        if type_masks[i]:
            reasons.append(_offer_type_reason(type_masks[i], offer_types[i]))
        if missing_masks[i]:
            exclusions.append(_licence_reason(missing_masks[i], required_masks[i]))
        elif required_masks[i]:
            reasons.append(_licence_reason(0, required_masks[i]))
        permission = permissions[i]
        if permission == WorkPermission.NEEDS_PERMISSION:
            reasons.append(_PERMISSION_NEEDED)
        elif permission == WorkPermission.NOT_ALLOWED:
            exclusions.append(_WORK_NOT_ALLOWED)
        matches.append(
            Match(
                index=indices[i],
                id=ids[i],
                total=totals[i],
                contributions=_contributions(*factor_rows[i]),
                reasons=tuple(reasons),
                excluded=bool(exclusions),
                exclusions=tuple(exclusions),
            )
        )
    return matches

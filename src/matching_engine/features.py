"""Offer and candidate records, and their compact structure-of-arrays matrices.

:class:`Offer` and :class:`Candidate` are plain records for one entity. :class:`OfferMatrix` and
:class:`CandidateMatrix` hold the same features for many entities as NumPy columns in the caller's
order (row ``i`` is the ``i``-th record given), plus a private packed copy ordered by spatial cell
with small dictionary-encoded columns, which is what the scoring functions scan.

Dates are day numbers (``datetime.date.toordinal()``); see :func:`day_number`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from matching_engine.geo import GridIndex, earth_xyz
from matching_engine.vocabulary import (
    GermanLevel,
    Licence,
    OfferType,
    WorkingTime,
    WorkPermission,
    parse_kldb,
)

__all__ = [
    "NO_START_CONSTRAINT",
    "OPEN_START",
    "Candidate",
    "CandidateMatrix",
    "Offer",
    "OfferMatrix",
    "day_number",
]

OPEN_START = 4_000_000
"""Offer start day meaning "no fixed start": later than any real date, so never too early."""

NO_START_CONSTRAINT = 0
"""Candidate earliest-start day meaning "available now": earlier than any real date."""

MAX_WANTED_OCCUPATIONS = 8
DEFAULT_CELL_KM = 10.0

IntArray = npt.NDArray[np.integer]
F32 = npt.NDArray[np.float32]


def day_number(day: dt.date | None, *, missing: int) -> int:
    """Day number of ``day`` (its proleptic ordinal), or ``missing`` for ``None``."""
    return missing if day is None else day.toordinal()


def _smallest_uint(count: int) -> type[np.unsignedinteger]:
    if count <= 1 << 8:
        return np.uint8
    if count <= 1 << 16:
        return np.uint16
    return np.uint32


def _dictionary_encode(
    values: IntArray,
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.unsignedinteger]]:
    """Return ``(distinct_values, codes)`` with codes in the smallest unsigned dtype."""
    distinct, inverse = np.unique(np.asarray(values, dtype=np.int64), return_inverse=True)
    codes = inverse.reshape(-1).astype(_smallest_uint(max(distinct.size, 1)))
    return distinct, codes


def _column(values: npt.ArrayLike, dtype: npt.DTypeLike, name: str, n: int | None) -> np.ndarray:
    source = np.asarray(values)
    array = source.astype(dtype, copy=True)
    if array.dtype.kind in "biu" and not np.array_equal(array, source):
        raise ValueError(f"{name} has values that do not fit {array.dtype}")
    if array.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional")
    if n is not None and array.size != n:
        raise ValueError(f"{name} has {array.size} rows, expected {n}")
    array.setflags(write=False)
    return array


def _inverse_permutation(order: npt.NDArray[np.intp]) -> npt.NDArray[np.int32]:
    inverse = np.empty(order.size, dtype=np.int32)
    inverse[order] = np.arange(order.size, dtype=np.int32)
    return inverse


def _small_ints(values: npt.ArrayLike, dtype: type[np.int8], name: str) -> npt.NDArray[np.int8]:
    """Cast to a small integer dtype, refusing values the cast would wrap around."""
    wide = np.asarray(values, dtype=np.int64)
    info = np.iinfo(dtype)
    _check_range(wide, int(info.min), int(info.max), name)
    return wide.astype(dtype)


def _check_range(array: np.ndarray, low: int, high: int, name: str) -> None:
    if array.size and (int(array.min()) < low or int(array.max()) > high):
        raise ValueError(f"{name} must lie in {low}..{high}")


def _check_coordinates(lat: np.ndarray, lon: np.ndarray) -> None:
    if not (np.all(np.isfinite(lat)) and np.all(np.isfinite(lon))):
        raise ValueError("coordinates must be finite")
    if lat.size and (float(np.abs(lat).max()) > 90.0 or float(np.abs(lon).max()) > 180.0):
        raise ValueError("latitude must be within ±90 and longitude within ±180 degrees")


def _check_kldb_array(codes: np.ndarray, name: str, allow_padding: bool) -> None:
    real = codes[codes >= 0] if allow_padding else codes
    _check_range(real, 0, 99_999, name)
    if real.size and not np.all((real % 10 >= 1) & (real % 10 <= 4)):
        raise ValueError(f"{name}: KldB codes must end in a requirement level 1..4")


@dataclass(frozen=True, slots=True)
class Offer:
    """One offer (job, apprenticeship, internship, EQ, helper job).

    Attributes:
        id: Caller's identifier (e.g. a database key).
        kldb: Five-digit KldB 2010 code, e.g. ``"29302"``.
        lat: Latitude in degrees.
        lon: Longitude in degrees.
        german_min: Minimum German level.
        licences: Required licences.
        working_time: Full time, part time or both.
        start: Start date; ``None`` for no fixed start.
        shifts: Whether the work includes shifts.
        offer_type: Kind of offer.
    """

    id: int
    kldb: str
    lat: float
    lon: float
    german_min: GermanLevel = GermanLevel.NONE
    licences: Licence = Licence.NONE
    working_time: WorkingTime = WorkingTime.FULL
    start: dt.date | None = None
    shifts: bool = False
    offer_type: OfferType = OfferType.JOB


@dataclass(frozen=True, slots=True)
class Candidate:
    """One candidate (participant looking for an offer).

    Attributes:
        id: Caller's identifier.
        wanted_kldb: Desired occupations as five-digit KldB codes, most wanted first (up to 8).
        lat: Latitude in degrees.
        lon: Longitude in degrees.
        radius_km: Travel radius in km (hard limit).
        german: German level.
        licences: Licences held.
        availability: Full time, part time or both.
        no_shifts: Childcare (or similar) rules out shift work.
        earliest_start: Earliest start date; ``None`` when available now.
        permission: Work permission status.
        offer_types: Offer types asked for; empty means any.
    """

    id: int
    wanted_kldb: tuple[str, ...]
    lat: float
    lon: float
    radius_km: float
    german: GermanLevel = GermanLevel.NONE
    licences: Licence = Licence.NONE
    availability: WorkingTime = WorkingTime.BOTH
    no_shifts: bool = False
    earliest_start: dt.date | None = None
    permission: WorkPermission = WorkPermission.ALLOWED
    offer_types: tuple[OfferType, ...] = ()


def offer_types_mask(types: Sequence[OfferType | int]) -> int:
    """Bitmask of offer types (bit ``t`` set for type ``t``); 0 for "any"."""
    mask = 0
    for offer_type in types:
        mask |= 1 << int(OfferType(offer_type))
    return mask


@dataclass(frozen=True, slots=True, eq=False)
class PackedOffers:
    """Engine representation of offers, ordered by spatial cell (see :class:`GridIndex`).

    Internal to the engine; its layout may change at any time.
    """

    grid: GridIndex
    source: npt.NDArray[np.int32]
    position: npt.NDArray[np.int32]
    x: F32
    y: F32
    z: F32
    profile: npt.NDArray[np.unsignedinteger]
    occupation: npt.NDArray[np.unsignedinteger]
    start: npt.NDArray[np.unsignedinteger]
    # Distinct values referenced by the codes above.
    profile_german: npt.NDArray[np.int8]
    profile_licences: npt.NDArray[np.int32]
    profile_working_time: npt.NDArray[np.int8]
    profile_shifts: npt.NDArray[np.bool_]
    profile_offer_type: npt.NDArray[np.int8]
    occupation_codes: npt.NDArray[np.int32]
    start_days: npt.NDArray[np.int64]
    # Packed positions grouped by occupation code: by_occupation[occupation_starts[u]:
    # occupation_starts[u + 1]] are the offers with code occupation_codes[u], ascending.
    by_occupation: npt.NDArray[np.int32]
    occupation_starts: npt.NDArray[np.int64]

    @property
    def scanned_nbytes(self) -> int:
        """Bytes per full scan: the columns read for every offer in a radius query."""
        columns = (self.x, self.y, self.z, self.profile, self.occupation, self.start)
        return sum(column.nbytes for column in columns)


@dataclass(frozen=True, slots=True, eq=False)
class OfferMatrix:
    """Offers as NumPy columns (row ``i`` = ``i``-th offer given). Build with a class method.

    All arrays are read-only. Attribute meanings follow :class:`Offer`; dates are day numbers,
    ``start_day`` is :data:`OPEN_START` for offers without a fixed start.
    """

    ids: npt.NDArray[np.int64]
    kldb: npt.NDArray[np.int32]
    lat: npt.NDArray[np.float64]
    lon: npt.NDArray[np.float64]
    german_min: npt.NDArray[np.int8]
    licences: npt.NDArray[np.int32]
    working_time: npt.NDArray[np.int8]
    start_day: npt.NDArray[np.int64]
    shifts: npt.NDArray[np.bool_]
    offer_type: npt.NDArray[np.int8]
    cell_km: float = DEFAULT_CELL_KM
    packed: PackedOffers = field(init=False, repr=False)

    def __post_init__(self) -> None:
        n = None
        for name, dtype in (
            ("ids", np.int64),
            ("kldb", np.int32),
            ("lat", np.float64),
            ("lon", np.float64),
            ("german_min", np.int8),
            ("licences", np.int32),
            ("working_time", np.int8),
            ("start_day", np.int64),
            ("shifts", np.bool_),
            ("offer_type", np.int8),
        ):
            array = _column(getattr(self, name), dtype, name, n)
            n = array.size
            object.__setattr__(self, name, array)
        _check_kldb_array(self.kldb, "kldb", allow_padding=False)
        _check_range(self.german_min, 0, 6, "german_min")
        _check_range(self.licences, 0, 0xFFFF, "licences")
        _check_range(self.working_time, 1, 3, "working_time")
        _check_range(self.offer_type, 0, len(OfferType) - 1, "offer_type")
        _check_range(self.start_day, -(1 << 30), 1 << 30, "start_day")
        _check_coordinates(self.lat, self.lon)
        object.__setattr__(self, "packed", self._pack())

    @classmethod
    def from_arrays(
        cls,
        *,
        ids: npt.ArrayLike,
        kldb: npt.ArrayLike,
        lat: npt.ArrayLike,
        lon: npt.ArrayLike,
        german_min: npt.ArrayLike,
        licences: npt.ArrayLike,
        working_time: npt.ArrayLike,
        start_day: npt.ArrayLike,
        shifts: npt.ArrayLike,
        offer_type: npt.ArrayLike,
        cell_km: float = DEFAULT_CELL_KM,
    ) -> OfferMatrix:
        """Build a matrix from columns of any integer/float dtype (copied and validated).

        ``kldb`` holds five-digit codes as integers, ``start_day`` day numbers
        (:data:`OPEN_START` for no fixed start); the others follow :class:`Offer`.
        """
        return cls(
            ids=np.asarray(ids, dtype=np.int64),
            kldb=np.asarray(kldb, dtype=np.int32),
            lat=np.asarray(lat, dtype=np.float64),
            lon=np.asarray(lon, dtype=np.float64),
            german_min=_small_ints(german_min, np.int8, "german_min"),
            licences=np.asarray(licences, dtype=np.int32),
            working_time=_small_ints(working_time, np.int8, "working_time"),
            start_day=np.asarray(start_day, dtype=np.int64),
            shifts=np.asarray(shifts, dtype=np.bool_),
            offer_type=_small_ints(offer_type, np.int8, "offer_type"),
            cell_km=cell_km,
        )

    @classmethod
    def from_offers(
        cls, offers: Sequence[Offer], *, cell_km: float = DEFAULT_CELL_KM
    ) -> OfferMatrix:
        """Build a matrix from records (row ``i`` is ``offers[i]``)."""
        return cls(
            ids=np.array([o.id for o in offers], dtype=np.int64),
            kldb=np.array([parse_kldb(o.kldb) for o in offers], dtype=np.int32),
            lat=np.array([o.lat for o in offers], dtype=np.float64),
            lon=np.array([o.lon for o in offers], dtype=np.float64),
            german_min=np.array([int(o.german_min) for o in offers], dtype=np.int8),
            licences=np.array([int(o.licences) for o in offers], dtype=np.int32),
            working_time=np.array([int(o.working_time) for o in offers], dtype=np.int8),
            start_day=np.array(
                [day_number(o.start, missing=OPEN_START) for o in offers], dtype=np.int64
            ),
            shifts=np.array([o.shifts for o in offers], dtype=np.bool_),
            offer_type=np.array([int(o.offer_type) for o in offers], dtype=np.int8),
            cell_km=cell_km,
        )

    def __len__(self) -> int:
        return int(self.ids.size)

    def _pack(self) -> PackedOffers:
        grid = GridIndex.build(self.lat, self.lon, self.cell_km)
        order = grid.order
        x, y, z = earth_xyz(self.lat[order], self.lon[order])
        profile_key = (
            self.german_min.astype(np.int64)
            | (self.working_time.astype(np.int64) << 3)
            | (self.shifts.astype(np.int64) << 5)
            | (self.offer_type.astype(np.int64) << 6)
            | (self.licences.astype(np.int64) << 10)
        )
        profiles, profile_codes = _dictionary_encode(profile_key)
        codes, occupation_codes = _dictionary_encode(self.kldb)
        days, start_codes = _dictionary_encode(self.start_day)
        packed_occupation = occupation_codes[order]
        occupation_starts = np.zeros(codes.size + 1, dtype=np.int64)
        np.cumsum(np.bincount(packed_occupation, minlength=codes.size), out=occupation_starts[1:])
        return PackedOffers(
            grid=grid,
            source=order.astype(np.int32),
            position=_inverse_permutation(order),
            x=x,
            y=y,
            z=z,
            profile=profile_codes[order],
            occupation=packed_occupation,
            start=start_codes[order],
            profile_german=(profiles & 0b111).astype(np.int8),
            profile_working_time=((profiles >> 3) & 0b11).astype(np.int8),
            profile_shifts=((profiles >> 5) & 1).astype(np.bool_),
            profile_offer_type=((profiles >> 6) & 0b1111).astype(np.int8),
            profile_licences=(profiles >> 10).astype(np.int32),
            occupation_codes=codes.astype(np.int32),
            start_days=days,
            by_occupation=np.argsort(packed_occupation, kind="stable").astype(np.int32),
            occupation_starts=occupation_starts,
        )


@dataclass(frozen=True, slots=True, eq=False)
class PackedCandidates:
    """Engine representation of candidates, ordered by spatial cell (internal)."""

    grid: GridIndex
    source: npt.NDArray[np.int32]
    position: npt.NDArray[np.int32]
    x: F32
    y: F32
    z: F32
    radius: F32
    max_radius_km: float
    profile: npt.NDArray[np.unsignedinteger]
    wanted: npt.NDArray[np.unsignedinteger]
    start: npt.NDArray[np.unsignedinteger]
    permission: npt.NDArray[np.int8]
    profile_german: npt.NDArray[np.int8]
    profile_licences: npt.NDArray[np.int32]
    profile_availability: npt.NDArray[np.int8]
    profile_no_shifts: npt.NDArray[np.bool_]
    profile_offer_types: npt.NDArray[np.int32]
    profile_permission: npt.NDArray[np.int8]
    wanted_codes: npt.NDArray[np.int32]
    start_days: npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True, eq=False)
class CandidateMatrix:
    """Candidates as NumPy columns (row ``i`` = ``i``-th candidate given).

    ``wanted_kldb`` has shape ``(n, K)``; unused slots are ``-1``. ``earliest_start_day`` is
    :data:`NO_START_CONSTRAINT` for candidates available now. ``offer_types`` is a bitmask (bit
    ``t`` for :class:`OfferType` ``t``; 0 = any). Other attributes follow :class:`Candidate`.
    """

    ids: npt.NDArray[np.int64]
    wanted_kldb: npt.NDArray[np.int32]
    lat: npt.NDArray[np.float64]
    lon: npt.NDArray[np.float64]
    radius_km: npt.NDArray[np.float32]
    german: npt.NDArray[np.int8]
    licences: npt.NDArray[np.int32]
    availability: npt.NDArray[np.int8]
    no_shifts: npt.NDArray[np.bool_]
    earliest_start_day: npt.NDArray[np.int64]
    permission: npt.NDArray[np.int8]
    offer_types: npt.NDArray[np.int32]
    cell_km: float = DEFAULT_CELL_KM
    packed: PackedCandidates = field(init=False, repr=False)

    def __post_init__(self) -> None:
        ids = _column(self.ids, np.int64, "ids", None)
        n = ids.size
        object.__setattr__(self, "ids", ids)
        wanted = np.array(self.wanted_kldb, dtype=np.int32, copy=True)
        if wanted.ndim == 1 and n == 0:
            wanted = wanted.reshape(0, 0)
        if wanted.ndim != 2 or wanted.shape[0] != n:
            raise ValueError("wanted_kldb must have shape (n, K)")
        if wanted.shape[1] > MAX_WANTED_OCCUPATIONS:
            raise ValueError(f"at most {MAX_WANTED_OCCUPATIONS} wanted occupations")
        if wanted.shape[1] == 0:
            wanted = np.full((n, 1), -1, dtype=np.int32)
        wanted[wanted < 0] = -1
        wanted.setflags(write=False)
        object.__setattr__(self, "wanted_kldb", wanted)
        for name, dtype in (
            ("lat", np.float64),
            ("lon", np.float64),
            ("radius_km", np.float32),
            ("german", np.int8),
            ("licences", np.int32),
            ("availability", np.int8),
            ("no_shifts", np.bool_),
            ("earliest_start_day", np.int64),
            ("permission", np.int8),
            ("offer_types", np.int32),
        ):
            object.__setattr__(self, name, _column(getattr(self, name), dtype, name, n))
        _check_kldb_array(self.wanted_kldb, "wanted_kldb", allow_padding=True)
        _check_range(self.german, 0, 6, "german")
        _check_range(self.licences, 0, 0xFFFF, "licences")
        _check_range(self.availability, 1, 3, "availability")
        _check_range(self.permission, 0, 2, "permission")
        _check_range(self.offer_types, 0, (1 << len(OfferType)) - 1, "offer_types")
        _check_range(self.earliest_start_day, -(1 << 30), 1 << 30, "earliest_start_day")
        if not np.all(np.isfinite(self.radius_km) & (self.radius_km >= 0)):
            raise ValueError("radius_km must be finite and >= 0")
        _check_coordinates(self.lat, self.lon)
        object.__setattr__(self, "packed", self._pack())

    @classmethod
    def from_arrays(
        cls,
        *,
        ids: npt.ArrayLike,
        wanted_kldb: npt.ArrayLike,
        lat: npt.ArrayLike,
        lon: npt.ArrayLike,
        radius_km: npt.ArrayLike,
        german: npt.ArrayLike,
        licences: npt.ArrayLike,
        availability: npt.ArrayLike,
        no_shifts: npt.ArrayLike,
        earliest_start_day: npt.ArrayLike,
        permission: npt.ArrayLike,
        offer_types: npt.ArrayLike,
        cell_km: float = DEFAULT_CELL_KM,
    ) -> CandidateMatrix:
        """Build a matrix from columns of any integer/float dtype (copied and validated).

        ``wanted_kldb`` has shape ``(n, K)`` with ``-1`` for unused slots; ``offer_types`` is a
        bitmask (see :func:`offer_types_mask`); the others follow :class:`Candidate`.
        """
        return cls(
            ids=np.asarray(ids, dtype=np.int64),
            wanted_kldb=np.asarray(wanted_kldb, dtype=np.int32),
            lat=np.asarray(lat, dtype=np.float64),
            lon=np.asarray(lon, dtype=np.float64),
            radius_km=np.asarray(radius_km, dtype=np.float32),
            german=_small_ints(german, np.int8, "german"),
            licences=np.asarray(licences, dtype=np.int32),
            availability=_small_ints(availability, np.int8, "availability"),
            no_shifts=np.asarray(no_shifts, dtype=np.bool_),
            earliest_start_day=np.asarray(earliest_start_day, dtype=np.int64),
            permission=_small_ints(permission, np.int8, "permission"),
            offer_types=np.asarray(offer_types, dtype=np.int32),
            cell_km=cell_km,
        )

    @classmethod
    def from_candidates(
        cls, candidates: Sequence[Candidate], *, cell_km: float = DEFAULT_CELL_KM
    ) -> CandidateMatrix:
        """Build a matrix from records (row ``i`` is ``candidates[i]``)."""
        width = max((len(c.wanted_kldb) for c in candidates), default=0)
        width = max(width, 1)
        wanted = np.full((len(candidates), width), -1, dtype=np.int32)
        for row, candidate in enumerate(candidates):
            for col, code in enumerate(candidate.wanted_kldb):
                wanted[row, col] = parse_kldb(code)
        return cls(
            ids=np.array([c.id for c in candidates], dtype=np.int64),
            wanted_kldb=wanted,
            lat=np.array([c.lat for c in candidates], dtype=np.float64),
            lon=np.array([c.lon for c in candidates], dtype=np.float64),
            radius_km=np.array([c.radius_km for c in candidates], dtype=np.float32),
            german=np.array([int(c.german) for c in candidates], dtype=np.int8),
            licences=np.array([int(c.licences) for c in candidates], dtype=np.int32),
            availability=np.array([int(c.availability) for c in candidates], dtype=np.int8),
            no_shifts=np.array([c.no_shifts for c in candidates], dtype=np.bool_),
            earliest_start_day=np.array(
                [day_number(c.earliest_start, missing=NO_START_CONSTRAINT) for c in candidates],
                dtype=np.int64,
            ),
            permission=np.array([int(c.permission) for c in candidates], dtype=np.int8),
            offer_types=np.array([offer_types_mask(c.offer_types) for c in candidates], np.int32),
            cell_km=cell_km,
        )

    def __len__(self) -> int:
        return int(self.ids.size)

    def _pack(self) -> PackedCandidates:
        grid = GridIndex.build(self.lat, self.lon, self.cell_km)
        order = grid.order
        x, y, z = earth_xyz(self.lat[order], self.lon[order])
        profile_key = (
            self.german.astype(np.int64)
            | (self.availability.astype(np.int64) << 3)
            | (self.no_shifts.astype(np.int64) << 5)
            | (self.permission.astype(np.int64) << 6)
            | (self.offer_types.astype(np.int64) << 8)
            | (self.licences.astype(np.int64) << 16)
        )
        profiles, profile_codes = _dictionary_encode(profile_key)
        # Code -1 (padding) is kept as a distinct value; the factor functions ignore it.
        wanted_values, wanted_codes = _dictionary_encode(self.wanted_kldb.reshape(-1))
        days, start_codes = _dictionary_encode(self.earliest_start_day)
        max_radius = float(self.radius_km.max()) if self.radius_km.size else 0.0
        return PackedCandidates(
            grid=grid,
            source=order.astype(np.int32),
            position=_inverse_permutation(order),
            x=x,
            y=y,
            z=z,
            radius=self.radius_km[order],
            max_radius_km=max_radius,
            profile=profile_codes[order],
            wanted=wanted_codes.reshape(self.wanted_kldb.shape)[order],
            start=start_codes[order],
            permission=self.permission[order],
            profile_german=(profiles & 0b111).astype(np.int8),
            profile_availability=((profiles >> 3) & 0b11).astype(np.int8),
            profile_no_shifts=((profiles >> 5) & 1).astype(np.bool_),
            profile_permission=((profiles >> 6) & 0b11).astype(np.int8),
            profile_offer_types=((profiles >> 8) & 0xFF).astype(np.int32),
            profile_licences=(profiles >> 16).astype(np.int32),
            wanted_codes=wanted_values.astype(np.int32),
            start_days=days,
        )

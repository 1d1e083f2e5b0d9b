"""Geometry: Earth-centred coordinates, pair distances and a uniform grid for radius queries.

Distances are straight-line (chord) distances between points on a sphere of radius
:data:`EARTH_RADIUS_KM`, computed from Earth-centred x/y/z coordinates in kilometres stored as
``float32``. For the distances that matter here (up to a few hundred km) the chord is shorter than
the great-circle distance by less than 0.01 % (about 1 m at 100 km), and the computation is
symmetric and needs no trigonometry per pair: ``d**2 = dx**2 + dy**2 + dz**2``.

:class:`GridIndex` buckets points into cells of roughly ``cell_km`` by ``cell_km`` in latitude and
longitude and orders them cell by cell (row-major), so that the points in one latitude row of a
query rectangle form one contiguous run. A radius query returns a conservative superset (every
point whose stored coordinates lie within the radius is included); callers then apply the exact
``float32`` test, so pruning never changes a result.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

__all__ = [
    "EARTH_RADIUS_KM",
    "GridIndex",
    "earth_xyz",
    "squared_distance_km2",
]

EARTH_RADIUS_KM = 6371.0088
"""Mean Earth radius (IUGG) in kilometres."""

_KM_PER_DEGREE = EARTH_RADIUS_KM * math.pi / 180.0
_MAX_CELLS = 1 << 22
# Widen every query by this much so that float32 rounding of stored coordinates (well below 1 m)
# can never push a point that passes the exact test out of the candidate cells.
_QUERY_MARGIN_KM = 0.05
_QUERY_MARGIN_REL = 1e-6

FloatArray = npt.NDArray[np.float32]


def earth_xyz(
    lat_deg: npt.ArrayLike, lon_deg: npt.ArrayLike
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Earth-centred coordinates in km (``float32``) for latitudes/longitudes in degrees.

    The computation runs in ``float64`` and rounds once, so the same inputs always give the same
    ``float32`` outputs whichever side of a pair they belong to.
    """
    lat = np.radians(np.asarray(lat_deg, dtype=np.float64))
    lon = np.radians(np.asarray(lon_deg, dtype=np.float64))
    cos_lat = np.cos(lat)
    x = (EARTH_RADIUS_KM * cos_lat * np.cos(lon)).astype(np.float32)
    y = (EARTH_RADIUS_KM * cos_lat * np.sin(lon)).astype(np.float32)
    z = (EARTH_RADIUS_KM * np.sin(lat)).astype(np.float32)
    return x, y, z


def squared_distance_km2(
    ax: FloatArray,
    ay: FloatArray,
    az: FloatArray,
    bx: FloatArray,
    by: FloatArray,
    bz: FloatArray,
) -> FloatArray:
    """Squared chord distance in km² between broadcastable point sets ``a`` and ``b`` (float32).

    The operation order is fixed, so ``squared_distance_km2(a, b)`` equals
    ``squared_distance_km2(b, a)`` bit for bit.
    """
    dx = ax - bx
    dy = ay - by
    dz = az - bz
    d2: FloatArray = dx * dx
    d2 += dy * dy
    d2 += dz * dz
    return d2


def _cap_half_widths(lat_deg: float, radius_km: float) -> tuple[float, float | None]:
    """Half-widths in degrees (latitude, longitude) of a box around a spherical cap.

    ``radius_km`` is a chord distance. Returns ``None`` for the longitude when the cap reaches a
    pole (every longitude is possible).
    """
    chord = radius_km * (1.0 + _QUERY_MARGIN_REL) + _QUERY_MARGIN_KM
    if chord >= 2.0 * EARTH_RADIUS_KM:
        return 180.0, None
    angle = 2.0 * math.asin(chord / (2.0 * EARTH_RADIUS_KM))
    dlat = math.degrees(angle)
    if abs(lat_deg) + dlat >= 90.0:
        return dlat, None
    ratio = math.sin(angle) / math.cos(math.radians(lat_deg))
    if ratio >= 1.0:
        return dlat, None
    return dlat, math.degrees(math.asin(ratio))


@dataclass(frozen=True, slots=True, eq=False)
class GridIndex:
    """Points bucketed into latitude/longitude cells and ordered cell by cell.

    Attributes:
        lat0: Southern edge of the grid (degrees).
        lon0: Western edge of the grid (degrees).
        dlat: Cell height (degrees).
        dlon: Cell width (degrees).
        nlat: Number of cell rows.
        nlon: Number of cell columns.
        starts: ``starts[c]`` is the first ordered position of cell ``c`` (row-major);
            ``starts[-1]`` is the number of points.
        order: ``order[p]`` is the input position of the point at ordered position ``p``. Points of
            one cell keep their input order.
    """

    lat0: float
    lon0: float
    dlat: float
    dlon: float
    nlat: int
    nlon: int
    starts: npt.NDArray[np.int64]
    order: npt.NDArray[np.intp]

    @classmethod
    def build(cls, lat_deg: npt.ArrayLike, lon_deg: npt.ArrayLike, cell_km: float) -> GridIndex:
        """Bucket points into cells of about ``cell_km`` km (the cell count is capped)."""
        if not cell_km > 0:
            raise ValueError(f"cell_km must be positive, got {cell_km}")
        lat = np.asarray(lat_deg, dtype=np.float64)
        lon = np.asarray(lon_deg, dtype=np.float64)
        n = lat.size
        if n == 0:
            return cls(
                0.0,
                0.0,
                1.0,
                1.0,
                1,
                1,
                np.zeros(2, dtype=np.int64),
                np.zeros(0, dtype=np.intp),
            )
        lat0, lat1 = float(lat.min()), float(lat.max())
        lon0, lon1 = float(lon.min()), float(lon.max())
        mid_cos = max(math.cos(math.radians(0.5 * (lat0 + lat1))), 0.01)
        dlat = cell_km / _KM_PER_DEGREE
        dlon = cell_km / (_KM_PER_DEGREE * mid_cos)
        while True:
            nlat = int((lat1 - lat0) / dlat) + 1
            nlon = int((lon1 - lon0) / dlon) + 1
            if nlat * nlon <= _MAX_CELLS:
                break
            dlat *= 2.0
            dlon *= 2.0
        iy = np.clip(((lat - lat0) / dlat).astype(np.int64), 0, nlat - 1)
        ix = np.clip(((lon - lon0) / dlon).astype(np.int64), 0, nlon - 1)
        cell = iy * nlon + ix
        order = np.argsort(cell, kind="stable").astype(np.intp)
        counts = np.bincount(cell, minlength=nlat * nlon)
        starts = np.zeros(nlat * nlon + 1, dtype=np.int64)
        np.cumsum(counts, out=starts[1:])
        return cls(lat0, lon0, dlat, dlon, nlat, nlon, starts, order)

    @property
    def size(self) -> int:
        """Number of indexed points."""
        return int(self.starts[-1])

    def positions_within(
        self, lat_deg: float, lon_deg: float, radius_km: float
    ) -> npt.NDArray[np.intp] | None:
        """Ordered positions of all points that may lie within ``radius_km`` of a point.

        Returns ``None`` when the query box covers every point (use all positions), otherwise an
        ascending array of ordered positions (possibly empty).
        """
        n = self.size
        if n == 0:
            return np.zeros(0, dtype=np.intp)
        if not math.isfinite(radius_km):
            return None
        half_lat, half_lon = _cap_half_widths(lat_deg, max(radius_km, 0.0))
        iy0 = math.floor((lat_deg - half_lat - self.lat0) / self.dlat)
        iy1 = math.floor((lat_deg + half_lat - self.lat0) / self.dlat)
        if iy1 < 0 or iy0 >= self.nlat:
            return np.zeros(0, dtype=np.intp)
        iy0, iy1 = max(iy0, 0), min(iy1, self.nlat - 1)
        if half_lon is None or lon_deg - half_lon < -180.0 or lon_deg + half_lon > 180.0:
            ix0, ix1 = 0, self.nlon - 1
        else:
            ix0 = math.floor((lon_deg - half_lon - self.lon0) / self.dlon)
            ix1 = math.floor((lon_deg + half_lon - self.lon0) / self.dlon)
            if ix1 < 0 or ix0 >= self.nlon:
                return np.zeros(0, dtype=np.intp)
            ix0, ix1 = max(ix0, 0), min(ix1, self.nlon - 1)
        rows = np.arange(iy0, iy1 + 1, dtype=np.int64) * self.nlon
        begin = self.starts[rows + ix0]
        end = self.starts[rows + ix1 + 1]
        lengths = end - begin
        total = int(lengths.sum())
        if total == n:
            return None
        if total == 0:
            return np.zeros(0, dtype=np.intp)
        # Concatenate the runs [begin, end) without a Python loop over points.
        run_offsets = np.cumsum(lengths) - lengths
        shift = np.repeat(begin - run_offsets, lengths)
        positions: npt.NDArray[np.intp] = np.arange(total, dtype=np.intp) + shift
        return positions

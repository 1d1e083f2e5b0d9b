"""Geometry and input validation of the matching engine."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching_engine import (
    Candidate,
    CandidateMatrix,
    Offer,
    OfferMatrix,
    format_kldb,
    parse_kldb,
    score_offers_for_candidate,
)
from matching_engine.geo import EARTH_RADIUS_KM, GridIndex, earth_xyz, squared_distance_km2


def destination(lat, lon, bearing_deg, km):
    """Point reached from (lat, lon) along a great circle (spherical formula)."""
    phi, lam, theta = math.radians(lat), math.radians(lon), math.radians(bearing_deg)
    delta = km / EARTH_RADIUS_KM
    phi2 = math.asin(
        math.sin(phi) * math.cos(delta) + math.cos(phi) * math.sin(delta) * math.cos(theta)
    )
    lam2 = lam + math.atan2(
        math.sin(theta) * math.sin(delta) * math.cos(phi),
        math.cos(delta) - math.sin(phi) * math.sin(phi2),
    )
    return math.degrees(phi2), (math.degrees(lam2) + 540.0) % 360.0 - 180.0


@settings(max_examples=80, deadline=None)
@given(
    lat=st.floats(-70, 70),
    lon=st.floats(-179, 179),
    radius=st.floats(0.0, 300.0),
    cell_km=st.sampled_from([0.7, 5.0, 10.0, 40.0]),
    seed=st.integers(0, 2**32 - 1),
)
def test_radius_query_never_misses_a_point_near_the_boundary(lat, lon, radius, cell_km, seed):
    rng = np.random.default_rng(seed)
    bearings = rng.uniform(0, 360, 300)
    # Points just inside and just outside the circle, plus a few far away to widen the grid.
    distances = radius * rng.uniform(0.995, 1.005, 300)
    points = [destination(lat, lon, b, d) for b, d in zip(bearings, distances, strict=True)]
    points += [destination(lat, lon, b, 3 * radius + 50) for b in (0, 90, 180, 270)]
    plat = np.array([p[0] for p in points])
    plon = np.array([p[1] for p in points])
    grid = GridIndex.build(plat, plon, cell_km)
    x, y, z = earth_xyz(plat, plon)
    qx, qy, qz = earth_xyz(np.array([lat]), np.array([lon]))
    d2 = squared_distance_km2(x, y, z, qx, qy, qz)
    r = np.float32(radius)
    inside = set(np.flatnonzero(d2 <= r * r).tolist())
    positions = grid.positions_within(lat, lon, radius)
    found = set(range(len(points))) if positions is None else set(grid.order[positions].tolist())
    assert inside <= found


def test_pruned_engine_includes_offers_just_inside_the_radius():
    lat, lon, radius = 52.37, 9.73, 25.0
    offers = []
    for i, bearing in enumerate(range(0, 360, 5)):
        for j, fraction in enumerate((0.999, 1.001)):
            olat, olon = destination(lat, lon, bearing, radius * fraction)
            offers.append(Offer(id=2 * i + j, kldb="29302", lat=olat, lon=olon))
    matrix = OfferMatrix.from_offers(offers, cell_km=2.0)
    candidate = Candidate(id=1, wanted_kldb=("29302",), lat=lat, lon=lon, radius_km=radius)
    found = {m.id for m in score_offers_for_candidate(candidate, matrix, top_k=None)}
    assert found == {offer.id for offer in offers if offer.id % 2 == 0}


def test_chord_distance_close_to_great_circle():
    # Berlin Alexanderplatz to Potsdam Hauptbahnhof: about 27.6 km.
    x, y, z = earth_xyz(np.array([52.5219, 52.3917]), np.array([13.4132, 13.0669]))
    d = float(np.sqrt(squared_distance_km2(x[:1], y[:1], z[:1], x[1:], y[1:], z[1:]))[0])
    assert d == pytest.approx(27.5, abs=1.0)
    lat2, lon2 = destination(50.0, 8.0, 45.0, 100.0)
    x, y, z = earth_xyz(np.array([50.0, lat2]), np.array([8.0, lon2]))
    d = float(np.sqrt(squared_distance_km2(x[:1], y[:1], z[:1], x[1:], y[1:], z[1:]))[0])
    assert d == pytest.approx(100.0, abs=0.01)


def test_distance_is_symmetric_bit_for_bit():
    rng = np.random.default_rng(7)
    x, y, z = earth_xyz(rng.uniform(47, 55, 1000), rng.uniform(6, 15, 1000))
    forward = squared_distance_km2(x[:500], y[:500], z[:500], x[500:], y[500:], z[500:])
    backward = squared_distance_km2(x[500:], y[500:], z[500:], x[:500], y[:500], z[:500])
    assert np.array_equal(forward, backward)


def test_empty_matrices():
    offers = OfferMatrix.from_offers([])
    candidate = Candidate(id=1, wanted_kldb=(), lat=50.0, lon=8.0, radius_km=10.0)
    assert score_offers_for_candidate(candidate, offers) == []
    assert len(CandidateMatrix.from_candidates([])) == 0


@pytest.mark.parametrize(
    ("raw", "value", "text"),
    [("01104", 1104, "01104"), ("29302", 29302, "29302"), (94794, 94794, "94794")],
)
def test_parse_and_format_kldb(raw, value, text):
    assert parse_kldb(raw) == value
    assert format_kldb(value) == text
    assert format_kldb(value, 3) == text[:3]


@pytest.mark.parametrize("raw", ["2930", "293020", "2930x", "29300", "29305", -1, 100000])
def test_parse_kldb_rejects_invalid_codes(raw):
    with pytest.raises(ValueError, match="KldB"):
        parse_kldb(raw)


def test_matrix_validation():
    good: dict[str, Any] = {
        "ids": [1],
        "kldb": [29302],
        "lat": [50.0],
        "lon": [8.0],
        "german_min": [0],
        "licences": [0],
        "working_time": [1],
        "start_day": [0],
        "shifts": [False],
        "offer_type": [0],
    }
    assert len(OfferMatrix(**good)) == 1
    for key, bad in [
        ("german_min", [7]),
        ("working_time", [0]),
        ("lat", [91.0]),
        ("lon", [float("nan")]),
        ("kldb", [29300]),
        ("kldb", [29302.5]),
        ("ids", [1, 2]),
        ("german_min", np.array([300])),
        ("shifts", [2]),
    ]:
        with pytest.raises(ValueError, match=r"."):
            OfferMatrix(**{**good, key: bad})
    matrix = OfferMatrix(**good)
    with pytest.raises(ValueError, match="read-only"):
        matrix.kldb[0] = 29301


def test_from_arrays_accepts_wide_dtypes_and_rejects_overflow():
    columns: dict[str, Any] = {
        "ids": np.array([7, 8]),
        "kldb": np.array([29302, 1104]),
        "lat": [50.0, 51.0],
        "lon": [8.0, 9.0],
        "german_min": np.array([3, 0], dtype=np.int64),
        "licences": np.array([1, 0], dtype=np.int64),
        "working_time": [1, 3],
        "start_day": [0, 0],
        "shifts": [0, 1],
        "offer_type": [0, 4],
    }
    matrix = OfferMatrix.from_arrays(**columns)
    assert matrix.german_min.dtype == np.int8
    assert matrix.kldb.tolist() == [29302, 1104]
    with pytest.raises(ValueError, match="german_min"):
        OfferMatrix.from_arrays(**{**columns, "german_min": [3, 1000]})
    candidates = CandidateMatrix.from_arrays(
        ids=[1],
        wanted_kldb=[[29302, -1]],
        lat=[50.0],
        lon=[8.0],
        radius_km=[25],
        german=[3],
        licences=[0],
        availability=[3],
        no_shifts=[False],
        earliest_start_day=[0],
        permission=[1],
        offer_types=[0],
    )
    assert candidates.wanted_kldb.shape == (1, 2)

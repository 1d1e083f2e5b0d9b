"""Hypothesis strategies for matching-engine records."""

from __future__ import annotations

import dataclasses
import datetime as dt

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from matching_engine import (
    Candidate,
    GermanLevel,
    Licence,
    Offer,
    OfferType,
    WorkingTime,
    WorkPermission,
)

# Codes sharing prefixes at every level of the KldB hierarchy.
CODES = ["29302", "29301", "29304", "29312", "29322", "29202", "29101", "26212", "62102", "01104"]
LICENCES = [Licence.NONE, Licence.B, Licence.CE, Licence.FORKLIFT, Licence.B | Licence.CE]
# A few anchor points (so that equal distances and ties occur) plus free points.
ANCHORS = [(52.52, 13.40), (52.40, 13.05), (51.34, 12.37), (52.52, 13.40)]
DAYS = [None, dt.date(2026, 1, 1), dt.date(2026, 2, 15), dt.date(2026, 6, 1)]

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

locations = st.one_of(
    st.sampled_from(ANCHORS),
    st.tuples(st.floats(51.0, 53.0), st.floats(12.0, 14.5)),
)


@st.composite
def offers_st(draw, ident=0):
    lat, lon = draw(locations)
    return Offer(
        id=ident,
        kldb=draw(st.sampled_from(CODES)),
        lat=lat,
        lon=lon,
        german_min=draw(st.sampled_from(list(GermanLevel))),
        licences=draw(st.sampled_from(LICENCES)),
        working_time=draw(st.sampled_from(list(WorkingTime))),
        start=draw(st.sampled_from(DAYS)),
        shifts=draw(st.booleans()),
        offer_type=draw(st.sampled_from(list(OfferType))),
    )


@st.composite
def candidates_st(draw, ident=0):
    lat, lon = draw(locations)
    return Candidate(
        id=ident,
        wanted_kldb=tuple(draw(st.lists(st.sampled_from(CODES), max_size=3))),
        lat=lat,
        lon=lon,
        radius_km=draw(st.sampled_from([0.0, 5.0, 25.0, 60.0, 150.0, 400.0]) | st.floats(0, 200)),
        german=draw(st.sampled_from(list(GermanLevel))),
        licences=draw(st.sampled_from(LICENCES)),
        availability=draw(st.sampled_from(list(WorkingTime))),
        no_shifts=draw(st.booleans()),
        earliest_start=draw(st.sampled_from(DAYS)),
        permission=draw(st.sampled_from(list(WorkPermission))),
        offer_types=tuple(draw(st.lists(st.sampled_from(list(OfferType)), max_size=2))),
    )


@st.composite
def offer_lists(draw, min_size=1, max_size=40):
    size = draw(st.integers(min_size, max_size))
    base = [draw(offers_st(ident=1000 + i)) for i in range(size)]
    # Duplicate some offers (new ids) to force equal scores.
    duplicates = draw(st.lists(st.integers(0, size - 1), max_size=size))
    extra = [dataclasses.replace(base[i], id=5000 + j) for j, i in enumerate(duplicates)]
    order = draw(st.permutations(base + extra))
    return list(order)


cell_sizes = st.sampled_from([0.5, 3.0, 10.0, 50.0])

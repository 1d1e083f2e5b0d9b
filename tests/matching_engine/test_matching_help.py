"""``what_would_help`` against a brute-force count over explained pairs."""

from __future__ import annotations

import dataclasses

import numpy as np
from hypothesis import given

from matching_engine import (
    Candidate,
    GermanLevel,
    Licence,
    Offer,
    OfferMatrix,
    Suggestion,
    Weights,
    WorkPermission,
    explain_offer,
    what_would_help,
)
from matching_engine.factors import occupation_match
from tests.matching_engine.strategies import SETTINGS, candidates_st, offer_lists

STEPS = (10.0, 20.0, 50.0)
DEFAULT_WEIGHTS = Weights()


def fitting(candidate, matrix, weights=DEFAULT_WEIGHTS, threshold=0.5):
    """Offers that pass the hard constraints, meet the German minimum and are related."""
    count = 0
    wanted = np.array([[int(code) for code in candidate.wanted_kldb] or [-1]])
    for row in range(len(matrix)):
        match = explain_offer(candidate, matrix, row, weights)
        if match.excluded:
            continue
        if any(r.code.value == "german_below_minimum" for r in match.reasons):
            continue
        if candidate.wanted_kldb:
            similarity, _, _ = occupation_match(wanted, matrix.kldb[row : row + 1], weights)
            if similarity[0] < np.float32(threshold):
                continue
        count += 1
    return count


@SETTINGS
@given(candidate=candidates_st(), offers=offer_lists(max_size=30))
def test_what_would_help_matches_brute_force(candidate, offers):
    matrix = OfferMatrix.from_offers(offers)
    report = what_would_help(candidate, matrix, radius_steps_km=STEPS)
    now = fitting(candidate, matrix)
    by_code: dict[str, list[Suggestion]] = {}
    for suggestion in report.suggestions:
        assert suggestion.additional > 0
        by_code.setdefault(suggestion.code.value, []).append(suggestion)
    gains = [s.additional for s in report.suggestions]
    assert gains == sorted(gains, reverse=True)

    if candidate.permission == WorkPermission.NOT_ALLOWED:
        assert report.fitting == 0
        allowed = dataclasses.replace(candidate, permission=WorkPermission.ALLOWED)
        expected = fitting(allowed, matrix)
        assert [(s.code.value, s.additional) for s in report.suggestions] == (
            [("work_permission", expected)] if expected else []
        )
        return

    assert report.fitting == now
    reported_levels = {s.params["level"]: s.additional for s in by_code.get("german_level", [])}
    previous = now
    for level in range(int(candidate.german) + 1, 7):
        label = GermanLevel(level).label
        count = fitting(dataclasses.replace(candidate, german=GermanLevel(level)), matrix)
        if count > previous:
            assert reported_levels.pop(label) == count - now
        previous = count
    assert reported_levels == {}

    reported_licences = {s.params["licence"]: s.additional for s in by_code.get("licence", [])}
    for bit in Licence:
        if not bit or candidate.licences & bit:
            continue
        more = dataclasses.replace(candidate, licences=candidate.licences | bit)
        gain = fitting(more, matrix) - now
        assert reported_licences.pop(str(bit.name), 0) == gain
    assert reported_licences == {}

    reported_radius = {s.params["extra_km"]: s.additional for s in by_code.get("radius", [])}
    for step in STEPS:
        wider = dataclasses.replace(candidate, radius_km=candidate.radius_km + step)
        assert reported_radius.pop(int(step), 0) == fitting(wider, matrix) - now
    assert reported_radius == {}


def test_what_would_help_example():
    candidate = Candidate(
        id=1,
        wanted_kldb=("52122",),  # Berufskraftfahrer/in
        lat=51.0,
        lon=10.0,
        radius_km=20.0,
        german=GermanLevel.A2,
        licences=Licence.B,
    )
    offers = OfferMatrix.from_offers(
        [
            Offer(id=1, kldb="52122", lat=51.0, lon=10.0),  # fits now
            Offer(id=2, kldb="52122", lat=51.0, lon=10.0, german_min=GermanLevel.B1),
            Offer(id=3, kldb="52122", lat=51.0, lon=10.0, german_min=GermanLevel.B1),
            Offer(id=4, kldb="52122", lat=51.0, lon=10.0, licences=Licence.CE),
            Offer(id=5, kldb="52122", lat=51.25, lon=10.0),  # 27.8 km away
            Offer(id=6, kldb="62102", lat=51.0, lon=10.0),  # unrelated occupation
            Offer(id=7, kldb="52122", lat=51.0, lon=10.0, german_min=GermanLevel.C1),
        ]
    )
    report = what_would_help(candidate, offers)
    assert report.fitting == 1
    assert [(s.code.value, dict(s.params), s.additional) for s in report.suggestions] == [
        ("german_level", {"level": "C1"}, 3),
        ("german_level", {"level": "B1"}, 2),
        ("licence", {"licence": "CE"}, 1),
        ("radius", {"extra_km": 10, "radius_km": 30}, 1),
        ("radius", {"extra_km": 20, "radius_km": 40}, 1),
        ("radius", {"extra_km": 50, "radius_km": 70}, 1),
    ]

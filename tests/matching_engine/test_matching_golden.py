"""Hand-checked cases for the matching engine (default weights).

Default weights: occupation 4, German 2, distance 1.5, working time 1, start date 0.5, shifts 0.5,
offer type 0.5, permission penalty 1. Occupation similarity: exact 1, same 4-digit subgroup 0.8,
same 3-digit group 0.6, same 2-digit main group 0.35, same area 0.15, minus 0.1 per requirement
level of difference. German loses 0.25 of its value per level below the minimum. Distance value is
``1 - km / radius``. Start date loses ``days / 90`` of its value.

0.1 degree of latitude is 11.1195 km (chord 11.1195 km to 4 decimals).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from matching_engine import (
    Candidate,
    CandidateMatrix,
    GermanLevel,
    Licence,
    Offer,
    OfferMatrix,
    OfferType,
    WorkingTime,
    WorkPermission,
    explain_candidate,
    explain_offer,
    score_candidates_for_offer,
    score_offers_for_candidate,
)

KM_PER_TENTH_DEGREE = 11.1195

CANDIDATE = Candidate(
    id=100,
    wanted_kldb=("29302",),  # Köchin/Koch, skilled
    lat=52.0,
    lon=13.0,
    radius_km=30.0,
    german=GermanLevel.B1,
    licences=Licence.B,
    availability=WorkingTime.FULL,
    no_shifts=True,
    earliest_start=dt.date(2026, 3, 31),
)

OFFERS = [
    # 0: exact occupation, same place, B1 asked: every factor full -> 10.0
    Offer(id=10, kldb="29302", lat=52.0, lon=13.0, german_min=GermanLevel.B1),
    # 1: helper in the same subgroup, 11.1 km, B2 asked, shifts
    Offer(id=11, kldb="29301", lat=52.1, lon=13.0, german_min=GermanLevel.B2, shifts=True),
    # 2: same group, but licence CE required -> excluded
    Offer(id=12, kldb="29312", lat=52.0, lon=13.0, licences=Licence.CE),
    # 3: 44.5 km away with a 30 km radius -> excluded
    Offer(id=13, kldb="62102", lat=52.4, lon=13.0),
    # 4: same main group 29, part time only (candidate wants full time)
    Offer(id=14, kldb="29202", lat=52.0, lon=13.0, working_time=WorkingTime.PART),
    # 5: unrelated occupation, starts 30 days before the candidate can
    Offer(id=15, kldb="51312", lat=52.0, lon=13.0, start=dt.date(2026, 3, 1)),
    # 6: identical to offer 0 -> equal score, must come right after it
    Offer(id=16, kldb="29302", lat=52.0, lon=13.0, german_min=GermanLevel.B1),
    # 7: licence B required and held
    Offer(
        id=17,
        kldb="29302",
        lat=52.0,
        lon=13.0,
        licences=Licence.B,
        offer_type=OfferType.HELPER_JOB,
        start=dt.date(2026, 4, 1),
    ),
]

D1 = 1.5 * (1 - KM_PER_TENTH_DEGREE / 30.0)
EXPECTED = {
    0: 10.0,
    6: 10.0,
    7: 10.0,
    1: 1.5 + 1.0 + 0.0 + 0.5 + 4 * (0.8 - 0.1) + D1 + 0.5,
    4: 2.0 + 0.0 + 0.5 + 0.5 + 4 * 0.35 + 1.5 + 0.5,
    5: 2.0 + 1.0 + 0.5 + 0.5 + 0.0 + 1.5 + 0.5 * (1 - 30 / 90),
}


@pytest.fixture(scope="module")
def offers() -> OfferMatrix:
    return OfferMatrix.from_offers(OFFERS)


def codes(match):
    return [reason.code.value for reason in match.reasons]


def test_ranking_and_totals(offers):
    matches = score_offers_for_candidate(CANDIDATE, offers, top_k=None)
    assert [m.index for m in matches] == [0, 6, 7, 1, 4, 5]
    assert [m.id for m in matches] == [10, 16, 17, 11, 14, 15]
    for match in matches:
        assert match.total == pytest.approx(EXPECTED[match.index], abs=1e-4)
        assert match.total == pytest.approx(sum(match.contributions.values()), abs=1e-5)
        assert not match.excluded


def test_top_k_cuts_after_ties(offers):
    matches = score_offers_for_candidate(CANDIDATE, offers, top_k=2)
    assert [m.index for m in matches] == [0, 6]


def test_reasons_exact_match(offers):
    match = score_offers_for_candidate(CANDIDATE, offers, top_k=1)[0]
    assert [(r.code.value, dict(r.params)) for r in match.reasons] == [
        ("occupation_exact", {"offer": "29302", "wanted": "29302"}),
        ("german_meets_minimum", {"have": "B1", "need": "B1"}),
        ("distance_km", {"km": 0, "radius_km": 30}),
        ("working_time_fits", {"offer": "full", "available": "full"}),
        ("start_date_fits", {}),
    ]


def test_reasons_helper_job_with_shifts(offers):
    match = explain_offer(CANDIDATE, offers, 1)
    assert [(r.code.value, dict(r.params)) for r in match.reasons] == [
        ("occupation_same_subgroup", {"offer": "29301", "wanted": "29302", "group": "2930"}),
        ("requirement_level_gap", {"wanted": "skilled", "offer": "helper"}),
        ("german_below_minimum", {"have": "B1", "need": "B2", "levels_below": 1}),
        ("distance_km", {"km": 11, "radius_km": 30}),
        ("working_time_fits", {"offer": "full", "available": "full"}),
        ("start_date_fits", {}),
        ("shifts_conflict_childcare", {}),
    ]
    assert match.contributions["shifts"] == 0.0
    assert match.contributions["german"] == pytest.approx(1.5)
    assert match.contributions["occupation"] == pytest.approx(2.8)


def test_excluded_pairs_are_explained(offers):
    licence = explain_offer(CANDIDATE, offers, 2)
    assert licence.excluded
    assert [(r.code.value, dict(r.params)) for r in licence.exclusions] == [
        ("licence_missing", {"missing": ("CE",)})
    ]
    assert codes(licence)[0] == "occupation_same_group"
    far = explain_offer(CANDIDATE, offers, 3)
    assert far.excluded
    assert [(r.code.value, dict(r.params)) for r in far.exclusions] == [
        ("distance_beyond_radius", {"km": 44, "radius_km": 30})
    ]
    assert codes(far)[0] == "occupation_unrelated"


def test_reasons_other_factors(offers):
    part_time = explain_offer(CANDIDATE, offers, 4)
    assert codes(part_time) == [
        "occupation_same_main_group",
        "german_not_required",
        "distance_km",
        "working_time_mismatch",
        "start_date_fits",
    ]
    assert part_time.reasons[0].params["group"] == "29"
    late = explain_offer(CANDIDATE, offers, 5)
    assert late.reasons[0].params == {"offer": "51312"}
    assert (late.reasons[4].code.value, dict(late.reasons[4].params)) == (
        "start_date_late",
        {"days": 30},
    )
    licensed = explain_offer(CANDIDATE, offers, 7)
    assert (licensed.reasons[-1].code.value, dict(licensed.reasons[-1].params)) == (
        "licences_held",
        {"licences": ("B",)},
    )


def test_permission_needed_scores_down_and_explains(offers):
    needs = dataclasses.replace(CANDIDATE, permission=WorkPermission.NEEDS_PERMISSION)
    matches = score_offers_for_candidate(needs, offers, top_k=None)
    assert [m.index for m in matches] == [0, 6, 7, 1, 4, 5]
    for match in matches:
        assert match.total == pytest.approx(EXPECTED[match.index] - 1.0, abs=1e-4)
        assert match.reasons[-1].code.value == "permission_needed"
        assert match.contributions["permission"] == -1.0


def test_work_not_allowed_excludes_everything(offers):
    not_allowed = dataclasses.replace(CANDIDATE, permission=WorkPermission.NOT_ALLOWED)
    assert score_offers_for_candidate(not_allowed, offers) == []
    match = explain_offer(not_allowed, offers, 0)
    assert match.excluded
    assert [r.code.value for r in match.exclusions] == ["work_not_allowed"]


def test_offer_type_preference():
    wants_apprenticeship = dataclasses.replace(CANDIDATE, offer_types=(OfferType.APPRENTICESHIP,))
    offers = OfferMatrix.from_offers(
        [
            Offer(id=1, kldb="29302", lat=52.0, lon=13.0, offer_type=OfferType.JOB),
            Offer(id=2, kldb="29302", lat=52.0, lon=13.0, offer_type=OfferType.APPRENTICESHIP),
        ]
    )
    matches = score_offers_for_candidate(wants_apprenticeship, offers)
    assert [m.id for m in matches] == [2, 1]
    assert matches[0].total - matches[1].total == pytest.approx(0.5)
    assert matches[0].reasons[-1].code.value == "offer_type_wanted"
    assert dict(matches[1].reasons[-1].params) == {"offer_type": "job"}


def test_reverse_direction_golden(offers):
    others = [
        CANDIDATE,
        Candidate(id=101, wanted_kldb=("29302",), lat=52.0, lon=13.0, radius_km=5.0),
        Candidate(id=102, wanted_kldb=("29302",), lat=52.2, lon=13.0, radius_km=5.0),
        Candidate(
            id=103,
            wanted_kldb=("29302",),
            lat=52.0,
            lon=13.0,
            radius_km=5.0,
            permission=WorkPermission.NOT_ALLOWED,
        ),
    ]
    candidates = CandidateMatrix.from_candidates(others)
    matches = score_candidates_for_offer(OFFERS[1], candidates, top_k=None)
    # 101 and 102 are 11.1 km from offer 1 with a 5 km radius; 103 may not work.
    assert [m.id for m in matches] == [100]
    assert matches[0].total == pytest.approx(EXPECTED[1], abs=1e-4)
    assert explain_candidate(OFFERS[1], candidates, 1).exclusions[0].code.value == (
        "distance_beyond_radius"
    )
    exact = score_candidates_for_offer(OFFERS[0], candidates, top_k=None)
    # 100 (B1, full time) vs 101 (no German, both): 101 loses 0.75 * 2 German -> 100 first.
    assert [m.id for m in exact] == [100, 101]
    assert exact[1].total == pytest.approx(10.0 - 2 * 0.75, abs=1e-4)


def test_contributions_follow_factor_order(offers):
    from matching_engine import FACTORS

    match = score_offers_for_candidate(CANDIDATE, offers, top_k=1)[0]
    assert tuple(match.contributions) == FACTORS
    assert match.reasons[0].as_dict() == {
        "code": "occupation_exact",
        "params": {"offer": "29302", "wanted": "29302"},
    }
    assert match.as_dict()["id"] == 10

"""Property tests: monotonicity, hard constraints, stable ties, both directions, pruning."""

from __future__ import annotations

import dataclasses
import itertools
from unittest.mock import patch

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from matching_engine import (
    Candidate,
    CandidateMatrix,
    GermanLevel,
    Licence,
    Offer,
    OfferMatrix,
    Weights,
    WorkPermission,
    explain_offer,
    score_all_candidates,
    score_all_offers,
    score_candidates_for_offer,
    score_offers_for_candidate,
    scoring,
)
from matching_engine.factors import (
    distance_contribution,
    occupation_match,
    occupation_similarity_table,
)
from tests.matching_engine.strategies import (
    CODES,
    SETTINGS,
    candidates_st,
    cell_sizes,
    offer_lists,
    offers_st,
)

DEFAULT_WEIGHTS = Weights()


def brute_force(candidate, matrix, weights=DEFAULT_WEIGHTS):
    """Explain every offer; return {row: total} of admissible offers."""
    result = {}
    for row in range(len(matrix)):
        match = explain_offer(candidate, matrix, row, weights)
        if not match.excluded:
            result[row] = match.total
    return result


@SETTINGS
@given(candidate=candidates_st(), offers=offer_lists(), cell_km=cell_sizes)
def test_engine_equals_brute_force_and_ties_are_stable(candidate, offers, cell_km):
    matrix = OfferMatrix.from_offers(offers, cell_km=cell_km)
    expected = brute_force(candidate, matrix)
    ranked = sorted(expected, key=lambda row: (-expected[row], row))

    everything = score_offers_for_candidate(candidate, matrix, top_k=None)
    assert [m.index for m in everything] == ranked
    assert [m.total for m in everything] == [expected[row] for row in ranked]

    scored = score_all_offers(candidate, matrix)
    assert dict(zip(scored.rows.tolist(), scored.totals.tolist(), strict=True)) == expected

    for k in (1, 3, 10):
        top = score_offers_for_candidate(candidate, matrix, top_k=k)
        assert [m.index for m in top] == ranked[:k]
        again = score_offers_for_candidate(candidate, matrix, top_k=k)
        assert [(m.index, m.total, m.reasons) for m in again] == [
            (m.index, m.total, m.reasons) for m in top
        ]
    for first, second in itertools.pairwise(everything):
        assert first.total > second.total or (
            first.total == second.total and first.index < second.index
        )


@SETTINGS
@given(
    candidate=candidates_st(),
    offers=offer_lists(),
    better=st.integers(1, 6),
)
def test_better_german_never_lowers_a_score(candidate, offers, better):
    matrix = OfferMatrix.from_offers(offers)
    improved = dataclasses.replace(
        candidate, german=GermanLevel(min(6, int(candidate.german) + better))
    )
    for row in range(len(matrix)):
        before = explain_offer(candidate, matrix, row)
        after = explain_offer(improved, matrix, row)
        assert after.excluded == before.excluded
        assert after.total >= before.total
        assert after.contributions["german"] >= before.contributions["german"]
    before_scores = score_all_offers(candidate, matrix)
    after_scores = score_all_offers(improved, matrix)
    before_map = dict(zip(before_scores.rows.tolist(), before_scores.totals.tolist(), strict=True))
    after_map = dict(zip(after_scores.rows.tolist(), after_scores.totals.tolist(), strict=True))
    assert before_map.keys() == after_map.keys()
    assert all(after_map[row] >= total for row, total in before_map.items())


@SETTINGS
@given(
    candidate=candidates_st(),
    offer=offers_st(),
    steps=st.lists(st.integers(0, 3000), min_size=2, max_size=8, unique=True),
    bearing=st.sampled_from([(1, 0), (-1, 0), (0, 1), (0, -1), (1, 1)]),
)
def test_more_distance_never_raises_a_score(candidate, offer, steps, bearing):
    """Move the same offer away from the candidate in a straight line, step by step."""
    candidate = dataclasses.replace(candidate, permission=WorkPermission.ALLOWED)
    offsets = [step / 1000 for step in sorted(steps)]  # degrees, at least about 70 m apart
    placed = [
        dataclasses.replace(
            offer,
            id=i,
            lat=candidate.lat + bearing[0] * offset,
            lon=candidate.lon + bearing[1] * offset,
        )
        for i, offset in enumerate(offsets)
    ]
    matrix = OfferMatrix.from_offers(placed)
    matches = [explain_offer(candidate, matrix, row) for row in range(len(placed))]
    for nearer, farther in itertools.pairwise(matches):
        assert farther.contributions["distance"] <= nearer.contributions["distance"]
        assert farther.total <= nearer.total
        # Once out of reach, never back in.
        if not farther.excluded:
            assert not nearer.excluded


@given(
    d2=st.lists(st.floats(0, 1e6, width=32), min_size=2, max_size=50),
    radius=st.floats(0, 1000, width=32),
)
def test_distance_factor_is_monotone(d2, radius):
    ordered = np.sort(np.array(d2, dtype=np.float32))
    values = distance_contribution(ordered, np.array([radius], dtype=np.float32), Weights())
    assert np.all(np.diff(values) <= 0)
    assert np.all((values >= 0) & (values <= 1.5))


@SETTINGS
@given(candidate=candidates_st(), offers=offer_lists(), data=st.data())
def test_hard_constraints_always_exclude(candidate, offers, data):
    # Make one offer require a licence the candidate lacks.
    lacking = [bit for bit in Licence if bit and not candidate.licences & bit]
    row = data.draw(st.integers(0, len(offers) - 1))
    offers = list(offers)
    offers[row] = dataclasses.replace(
        offers[row], licences=offers[row].licences | data.draw(st.sampled_from(lacking))
    )
    matrix = OfferMatrix.from_offers(offers)
    admissible = set(score_all_offers(candidate, matrix).rows.tolist())
    assert row not in admissible
    assert row not in {m.index for m in score_offers_for_candidate(candidate, matrix, top_k=None)}
    for index in range(len(matrix)):
        match = explain_offer(candidate, matrix, index)
        codes = {r.code.value for r in match.exclusions}
        assert match.excluded == bool(codes)
        assert (index in admissible) == (not match.excluded)
        assert ("licence_missing" in codes) == bool(offers[index].licences & ~candidate.licences)
        assert ("work_not_allowed" in codes) == (candidate.permission == WorkPermission.NOT_ALLOWED)
        for reason in match.exclusions:
            if reason.code.value == "distance_beyond_radius":
                assert reason.params["km"] >= candidate.radius_km - 0.5
    far = dataclasses.replace(offers[0], lat=candidate.lat + 5.0)  # about 556 km north
    far_matrix = OfferMatrix.from_offers([far])
    if candidate.radius_km < 500:
        assert score_offers_for_candidate(candidate, far_matrix) == []
        assert explain_offer(candidate, far_matrix, 0).excluded


@SETTINGS
@given(
    candidates=st.lists(candidates_st(), min_size=1, max_size=12),
    offers=st.lists(offers_st(), min_size=1, max_size=12),
    cell_km=cell_sizes,
)
def test_both_directions_agree(candidates, offers, cell_km):
    candidates = [dataclasses.replace(c, id=i) for i, c in enumerate(candidates)]
    offers = [dataclasses.replace(o, id=100 + j) for j, o in enumerate(offers)]
    offer_matrix = OfferMatrix.from_offers(offers, cell_km=cell_km)
    candidate_matrix = CandidateMatrix.from_candidates(candidates, cell_km=cell_km)
    forward = {}
    for i, candidate in enumerate(candidates):
        scored = score_all_offers(candidate, offer_matrix)
        for j, total in zip(scored.rows.tolist(), scored.totals.tolist(), strict=True):
            forward[i, j] = total
    reverse = {}
    for j, offer in enumerate(offers):
        scored = score_all_candidates(offer, candidate_matrix)
        for i, total in zip(scored.rows.tolist(), scored.totals.tolist(), strict=True):
            reverse[i, j] = total
        ranked = score_candidates_for_offer(offer, candidate_matrix, top_k=None)
        assert [(m.index, m.total) for m in ranked] == sorted(
            ((i, t) for (i, jj), t in reverse.items() if jj == j),
            key=lambda item: (-item[1], item[0]),
        )
    assert forward == reverse


@given(
    scores=st.lists(st.sampled_from([0.0, 0.5, 1.0, 2.5, -1.0]), min_size=0, max_size=60),
    k=st.integers(0, 70),
    seed=st.integers(0, 2**32 - 1),
)
def test_top_k_stable_matches_sorting(scores, k, seed):
    from matching_engine.ranking import top_k_stable

    values = np.array(scores, dtype=np.float32)
    keys = np.random.default_rng(seed).permutation(values.size).astype(np.int32)
    expected = sorted(range(values.size), key=lambda p: (-values[p], keys[p]))[:k]
    assert top_k_stable(values, keys, k).tolist() == expected


@given(
    wanted=st.lists(st.sampled_from(CODES), min_size=1, max_size=3),
    offered=st.sampled_from(CODES),
)
def test_occupation_similarity_follows_hierarchy(wanted, offered):
    weights = Weights()
    similarity, shared, best = occupation_match(
        np.array([[int(c) for c in wanted]]), np.array([int(offered)]), weights
    )
    code = wanted[int(best[0])]
    prefix = next((n for n in range(5, -1, -1) if code[:n] == offered[:n]), 0)
    assert int(shared[0]) == prefix
    if offered in wanted:
        assert float(similarity[0]) == 1.0
    assert 0.0 <= float(similarity[0]) <= 1.0


@given(
    wanted=st.lists(st.sampled_from([*CODES, "01203", "29303"]), max_size=4),
    table=st.lists(st.sampled_from([*CODES, "01203", "29303", "29399", "30001"]), min_size=1),
    padding=st.booleans(),
)
def test_similarity_table_equals_occupation_match(wanted, table, padding):
    weights = Weights()
    codes = np.unique(np.array([int(c) for c in table] + ([-1] if padding else []), np.int32))
    wanted_codes = [int(c) for c in wanted] or [-1]
    fast = occupation_similarity_table(wanted_codes, codes, weights)
    reference, _, _ = occupation_match(np.array([wanted_codes]), codes, weights)
    assert np.array_equal(fast, reference)


@SETTINGS
@given(
    candidate=candidates_st(),
    offers=offer_lists(min_size=5),
    block=st.integers(1, 7),
    cell_km=cell_sizes,
)
def test_small_blocks_give_the_same_results(candidate, offers, block, cell_km):
    """Scoring in blocks (the cache-friendly path for big matrices) changes nothing."""
    offer_matrix = OfferMatrix.from_offers(offers, cell_km=cell_km)
    candidate_matrix = CandidateMatrix.from_candidates(
        [dataclasses.replace(candidate, id=i, lat=o.lat, lon=o.lon) for i, o in enumerate(offers)],
        cell_km=cell_km,
    )
    whole = score_offers_for_candidate(candidate, offer_matrix, top_k=None)
    reverse = score_candidates_for_offer(offers[0], candidate_matrix, top_k=None)
    with patch.object(scoring, "_BLOCK_ROWS", block):
        assert score_offers_for_candidate(candidate, offer_matrix, top_k=None) == whole
        assert score_candidates_for_offer(offers[0], candidate_matrix, top_k=None) == reverse


@SETTINGS
@given(
    candidate=candidates_st(),
    offers=offer_lists(min_size=5, max_size=60),
    k=st.integers(1, 12),
)
def test_occupation_first_search_gives_the_same_top_k(candidate, offers, k):
    """The wide-radius strategy (score by occupation, stop at a bound) changes no result."""
    matrix = OfferMatrix.from_offers(offers)
    expected = score_offers_for_candidate(candidate, matrix, top_k=k)
    with patch.object(scoring, "_OCCUPATION_FIRST_MIN_ROWS", -1):
        assert score_offers_for_candidate(candidate, matrix, top_k=k) == expected


def test_occupation_first_search_stops_early():
    from matching_engine.explain import CandidateRows

    cook = Candidate(id=1, wanted_kldb=("29302",), lat=50.0, lon=8.0, radius_km=2000.0)
    near = [Offer(id=i, kldb="29302", lat=50.0, lon=8.0 + i * 1e-3) for i in range(20)]
    unrelated = [Offer(id=100 + i, kldb="62102", lat=50.0, lon=8.0) for i in range(200)]
    matrix = OfferMatrix.from_offers(unrelated + near)
    rows = CandidateRows.from_record(cook)
    tables = scoring._OfferTables.build(rows, matrix.packed, Weights())
    found = scoring._occupation_first(rows, matrix.packed, tables, Weights(), 5)
    assert found is not None
    assert len(found) == 20  # only the cooks were scored
    with patch.object(scoring, "_OCCUPATION_FIRST_MIN_ROWS", -1):
        fast = score_offers_for_candidate(cook, matrix, top_k=5)
    assert [m.id for m in fast] == [0, 1, 2, 3, 4]
    assert fast == score_offers_for_candidate(cook, matrix, top_k=5)

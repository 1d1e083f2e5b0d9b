"""Vectorised scoring of one candidate against all offers and of one offer against all candidates.

Both directions work the same way and never loop over offers or candidates in Python:

1. A radius query on the spatial grid selects the contiguous runs of rows that can lie within
   reach (the candidate's radius; for the reverse direction the largest candidate radius).
2. Small lookup tables are computed for the query from the same factor functions the
   explanations use: one entry per distinct *profile* (German level, licences, working time,
   shifts, offer type, ...), per distinct KldB code and per distinct start day. Excluded profiles
   (missing licence, work not allowed) get ``-inf``.
3. One pass over the selected rows computes squared distances, applies the radius and profile
   exclusions and gathers the table entries; the total is summed in the canonical factor order,
   so ranked totals equal the totals of :func:`explain_offer` / :func:`explain_candidate` bit
   for bit.
4. :func:`~matching_engine.ranking.top_k_stable` picks the best ``k`` with ties broken by row.

When a candidate's radius leaves a large part of all offers in reach (e.g. "anywhere in
Germany"), step 1 prunes nothing; the ranked query then scores offers occupation by occupation,
from the most similar KldB code down, and stops as soon as no offer left can beat the ``k``-th
best total found (see :func:`_best_offers`). Large scans run in cache-sized blocks.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from matching_engine.explain import CandidateRows, Match, OfferRows, build_matches, evaluate_pairs
from matching_engine.factors import (
    Weights,
    distance_contribution,
    german_contribution,
    licences_missing,
    occupation_similarity_table,
    offer_type_contribution,
    permission_contribution,
    shifts_contribution,
    start_date_contribution,
    within_radius,
    working_time_contribution,
)
from matching_engine.features import (
    Candidate,
    CandidateMatrix,
    Offer,
    OfferMatrix,
    PackedOffers,
)
from matching_engine.geo import squared_distance_km2
from matching_engine.ranking import top_k_stable
from matching_engine.vocabulary import WorkPermission

__all__ = [
    "DEFAULT_WEIGHTS",
    "ScoredRows",
    "explain_candidate",
    "explain_offer",
    "score_all_candidates",
    "score_all_offers",
    "score_candidates_for_offer",
    "score_offers_for_candidate",
]

DEFAULT_WEIGHTS = Weights()
"""The default :class:`~matching_engine.factors.Weights`."""

F32 = npt.NDArray[np.float32]
_NEG_INF = np.float32(-np.inf)


class ScoredRows:
    """All pairs that pass the hard constraints: ``rows`` (caller order) and their ``totals``.

    Rows are in no particular order; use :func:`~matching_engine.ranking.top_k_stable` to rank.
    """

    __slots__ = ("rows", "totals")

    def __init__(self, rows: npt.NDArray[np.int32], totals: F32) -> None:
        self.rows = rows
        self.totals = totals

    def __len__(self) -> int:
        return int(self.rows.size)


def _empty() -> ScoredRows:
    return ScoredRows(np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32))


# Rows are scored in blocks small enough for the temporaries to stay in the CPU caches.
_BLOCK_ROWS = 1 << 15

Block = slice | npt.NDArray[np.intp]


def _blocks(positions: npt.NDArray[np.intp] | None, n: int) -> Iterator[Block]:
    """Blocks of packed positions: slices of all rows, or chunks of a position array."""
    if positions is None:
        for start in range(0, n, _BLOCK_ROWS):
            yield slice(start, min(start + _BLOCK_ROWS, n))
    else:
        for start in range(0, max(positions.size, 1), _BLOCK_ROWS):
            yield positions[start : start + _BLOCK_ROWS]


def _positions(block: Block, hits: npt.NDArray[np.intp]) -> npt.NDArray[np.intp]:
    if isinstance(block, slice):
        shifted: npt.NDArray[np.intp] = hits + block.start
        return shifted
    selected: npt.NDArray[np.intp] = block[hits]
    return selected


def _joined(rows: list[npt.NDArray[np.int32]], totals: list[F32]) -> ScoredRows:
    if len(rows) == 1:
        return ScoredRows(rows[0], totals[0])
    return ScoredRows(np.concatenate(rows), np.concatenate(totals))


@dataclass(frozen=True, slots=True, eq=False)
class _OfferTables:
    """Per-query lookup tables of the candidate -> offers direction."""

    profile: F32  # german + working time + shifts + offer type; -inf where a licence is missing
    occupation: F32  # occupation contribution per distinct KldB code
    start: F32  # start-date contribution per distinct start day
    permission: F32  # the candidate's permission contribution, shape (1,)

    @classmethod
    def build(cls, c: CandidateRows, p: PackedOffers, w: Weights) -> _OfferTables:
        profile = german_contribution(c.german, p.profile_german, w)
        profile += working_time_contribution(c.availability, p.profile_working_time, w)
        profile += shifts_contribution(c.no_shifts, p.profile_shifts, w)
        profile += offer_type_contribution(c.offer_types, p.profile_offer_type, w)
        profile[licences_missing(c.licences, p.profile_licences) != 0] = _NEG_INF
        similarity = occupation_similarity_table(c.wanted[0].tolist(), p.occupation_codes, w)
        return cls(
            profile=profile,
            occupation=np.float32(w.occupation) * similarity,
            start=start_date_contribution(c.earliest_start_day, p.start_days, w),
            permission=permission_contribution(c.permission, w),
        )


def _score_offer_positions(
    c: CandidateRows,
    p: PackedOffers,
    tables: _OfferTables,
    positions: npt.NDArray[np.intp] | None,
    w: Weights,
) -> ScoredRows:
    """Exact totals of the admissible offers among packed ``positions`` (``None``: all)."""
    rows, totals = [], []
    for block in _blocks(positions, p.source.size):
        d2 = squared_distance_km2(p.x[block], p.y[block], p.z[block], c.x, c.y, c.z)
        profile_part = tables.profile.take(p.profile[block])
        keep = within_radius(d2, c.radius)
        keep &= profile_part != _NEG_INF
        hits = np.flatnonzero(keep)
        at = _positions(block, hits)
        total = profile_part.take(hits)
        total += tables.occupation.take(p.occupation.take(at))
        total += distance_contribution(d2.take(hits), c.radius, w)
        total += tables.start.take(p.start.take(at))
        total += tables.permission
        rows.append(p.source.take(at))
        totals.append(total)
    return _joined(rows, totals)


def score_all_offers(
    candidate: Candidate | CandidateRows,
    offers: OfferMatrix,
    weights: Weights = DEFAULT_WEIGHTS,
) -> ScoredRows:
    """Totals of every offer that passes the hard constraints for ``candidate`` (vectorised)."""
    c = candidate if isinstance(candidate, CandidateRows) else CandidateRows.from_record(candidate)
    p = offers.packed
    if int(c.permission[0]) == WorkPermission.NOT_ALLOWED or len(offers) == 0:
        return _empty()
    tables = _OfferTables.build(c, p, weights)
    positions = p.grid.positions_within(c.lat, c.lon, float(c.radius[0]))
    return _score_offer_positions(c, p, tables, positions, weights)


# Use the occupation-first search when the radius query leaves more rows than this.
_OCCUPATION_FIRST_MIN_ROWS = 200_000
# Relative slack for float32 rounding when comparing upper bounds with float32 totals (a sum of
# five float32 terms is off by at most about 3e-7 of the sum of their magnitudes).
_BOUND_MARGIN = 1e-5


def _best_offers(c: CandidateRows, offers: OfferMatrix, w: Weights, k: int | None) -> ScoredRows:
    """A set of admissible offers that contains the best ``k`` (all admissible for ``None``).

    For a radius that leaves few rows, every row in reach is scored. For a wide radius, offers
    are first scored occupation by occupation, from the most to the least similar KldB code (an
    index of offers by code makes this cheap); as soon as the ``k``-th best total found exceeds
    an upper bound of every offer not yet scored, the rest cannot enter the top ``k`` and is
    skipped. The bound is the occupation contribution of the next code plus the largest
    profile, start-date and distance contributions (distance at most ``weights.distance``).
    """
    p = offers.packed
    if int(c.permission[0]) == WorkPermission.NOT_ALLOWED or len(offers) == 0:
        return _empty()
    tables = _OfferTables.build(c, p, w)
    positions = p.grid.positions_within(c.lat, c.lon, float(c.radius[0]))
    touched = p.source.size if positions is None else positions.size
    if k is not None and k > 0 and touched > _OCCUPATION_FIRST_MIN_ROWS:
        found = _occupation_first(c, p, tables, w, k)
        if found is not None:
            return found
    return _score_offer_positions(c, p, tables, positions, w)


def _occupation_first(
    c: CandidateRows, p: PackedOffers, tables: _OfferTables, w: Weights, k: int
) -> ScoredRows | None:
    """Score offers in descending occupation contribution until the rest cannot compete.

    Returns ``None`` when the bound never separates (the caller then scores every row).
    """
    profile_finite = tables.profile[tables.profile != _NEG_INF]
    if profile_finite.size == 0:
        return _empty()
    parts = (
        float(profile_finite.max()),
        float(w.distance),
        float(tables.start.max()),
        float(tables.permission[0]),
    )
    largest = float(tables.occupation.max()) + sum(abs(part) for part in parts)
    rest = sum(parts) + _BOUND_MARGIN * (1.0 + largest)
    occupation = tables.occupation
    codes = np.flatnonzero(occupation > 0)
    order = codes[np.argsort(-occupation[codes], kind="stable")]
    values = [*occupation[order].tolist(), 0.0]
    found: list[ScoredRows] = []
    admissible = 0
    begin = 0
    while begin < order.size:
        # One tier: all codes with the same contribution.
        end = begin + 1
        while end < order.size and values[end] == values[begin]:
            end += 1
        tier = order[begin:end]
        positions = _code_positions(p, tier)
        if positions.size:
            scored = _score_offer_positions(c, p, tables, positions, w)
            found.append(scored)
            admissible += len(scored)
        begin = end
        if admissible >= k:
            totals = np.concatenate([f.totals for f in found])
            kth_best = float(np.partition(totals, totals.size - k)[totals.size - k])
            if values[begin] + rest < kth_best:
                rows = np.concatenate([f.rows for f in found])
                return ScoredRows(rows, totals)
    return None


def _code_positions(p: PackedOffers, codes: npt.NDArray[np.intp]) -> npt.NDArray[np.intp]:
    """Packed positions of the offers whose occupation code index is in ``codes``."""
    begin = p.occupation_starts[codes]
    lengths = p.occupation_starts[codes + 1] - begin
    total = int(lengths.sum())
    run_offsets = np.cumsum(lengths) - lengths
    index = np.arange(total, dtype=np.intp) + np.repeat(begin - run_offsets, lengths)
    positions: npt.NDArray[np.intp] = p.by_occupation.take(index).astype(np.intp)
    return positions


def score_all_candidates(
    offer: Offer | OfferRows,
    candidates: CandidateMatrix,
    weights: Weights = DEFAULT_WEIGHTS,
) -> ScoredRows:
    """Totals of every candidate that passes the hard constraints for ``offer`` (vectorised)."""
    o = offer if isinstance(offer, OfferRows) else OfferRows.from_record(offer)
    p, w = candidates.packed, weights
    if len(candidates) == 0:
        return _empty()

    profile_table = german_contribution(p.profile_german, o.german_min, w)
    profile_table += working_time_contribution(p.profile_availability, o.working_time, w)
    profile_table += shifts_contribution(p.profile_no_shifts, o.shifts, w)
    profile_table += offer_type_contribution(p.profile_offer_types, o.offer_type, w)
    excluded = licences_missing(p.profile_licences, o.licences) != 0
    excluded |= p.profile_permission == WorkPermission.NOT_ALLOWED
    profile_table[excluded] = _NEG_INF
    similarity_table = occupation_similarity_table(o.kldb.tolist(), p.wanted_codes, w)
    start_table = start_date_contribution(p.start_days, o.start_day, w)
    permission_table = permission_contribution(np.arange(3), w)

    positions = p.grid.positions_within(o.lat, o.lon, p.max_radius_km)
    occupation_weight = np.float32(w.occupation)
    rows, totals = [], []
    for block in _blocks(positions, len(candidates)):
        radius = p.radius[block]
        d2 = squared_distance_km2(o.x, o.y, o.z, p.x[block], p.y[block], p.z[block])
        profile_part = profile_table.take(p.profile[block])
        keep = within_radius(d2, radius)
        keep &= profile_part != _NEG_INF
        hits = np.flatnonzero(keep)
        at = _positions(block, hits)
        total = profile_part.take(hits)
        total += occupation_weight * similarity_table.take(p.wanted.take(at, axis=0)).max(axis=1)
        total += distance_contribution(d2.take(hits), radius.take(hits), w)
        total += start_table.take(p.start.take(at))
        total += permission_table.take(p.permission.take(at))
        rows.append(p.source.take(at))
        totals.append(total)
    return _joined(rows, totals)


def score_offers_for_candidate(
    candidate: Candidate,
    offers: OfferMatrix,
    weights: Weights = DEFAULT_WEIGHTS,
    top_k: int | None = 50,
) -> list[Match]:
    """The best ``top_k`` offers for a candidate, best first, with explanations.

    Offers violating a hard constraint (work not allowed, missing licence, beyond the travel
    radius) never appear. Equal totals are ordered by ascending offer row. ``top_k=None``
    returns every admissible offer.
    """
    c = CandidateRows.from_record(candidate)
    scored = _best_offers(c, offers, weights, top_k)
    ranked = top_k_stable(scored.totals, scored.rows, top_k)
    rows = scored.rows[ranked].astype(np.intp)
    return _explain_offers(c, offers, rows, weights)


def score_candidates_for_offer(
    offer: Offer,
    candidates: CandidateMatrix,
    weights: Weights = DEFAULT_WEIGHTS,
    top_k: int | None = 50,
) -> list[Match]:
    """The best ``top_k`` candidates for an offer, best first, with explanations.

    The reverse of :func:`score_offers_for_candidate`: a pair has the same total and the same
    admissibility in both directions. Equal totals are ordered by ascending candidate row.
    """
    o = OfferRows.from_record(offer)
    scored = score_all_candidates(o, candidates, weights)
    ranked = top_k_stable(scored.totals, scored.rows, top_k)
    rows = scored.rows[ranked].astype(np.intp)
    return _explain_candidates(o, candidates, rows, weights)


def explain_offer(
    candidate: Candidate, offers: OfferMatrix, index: int, weights: Weights = DEFAULT_WEIGHTS
) -> Match:
    """Explain one candidate/offer pair, including violated hard constraints."""
    if not 0 <= index < len(offers):
        raise IndexError(f"offer row {index} out of range")
    rows = np.array([index], dtype=np.intp)
    return _explain_offers(CandidateRows.from_record(candidate), offers, rows, weights)[0]


def explain_candidate(
    offer: Offer, candidates: CandidateMatrix, index: int, weights: Weights = DEFAULT_WEIGHTS
) -> Match:
    """Explain one offer/candidate pair from the offer's side."""
    if not 0 <= index < len(candidates):
        raise IndexError(f"candidate row {index} out of range")
    rows = np.array([index], dtype=np.intp)
    return _explain_candidates(OfferRows.from_record(offer), candidates, rows, weights)[0]


def _explain_offers(
    c: CandidateRows, offers: OfferMatrix, rows: npt.NDArray[np.intp], weights: Weights
) -> list[Match]:
    if rows.size == 0:
        return []
    evaluation = evaluate_pairs(c, OfferRows.from_matrix(offers, rows), weights)
    return build_matches(evaluation, rows.tolist(), offers.ids[rows].tolist())


def _explain_candidates(
    o: OfferRows, candidates: CandidateMatrix, rows: npt.NDArray[np.intp], weights: Weights
) -> list[Match]:
    if rows.size == 0:
        return []
    evaluation = evaluate_pairs(CandidateRows.from_matrix(candidates, rows), o, weights)
    return build_matches(evaluation, rows.tolist(), candidates.ids[rows].tolist())

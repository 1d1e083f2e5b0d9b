"""Reads of the matching app: offers for a candidate profile, candidates for an offer.

Both build the engine's arrays from the database per call (nothing is cached across requests)
and return dataclasses with everything a page or the API shows, in a fixed number of queries.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import matching_engine as me
from wegweiser.jobs.models import Offer
from wegweiser.jobs.selectors import visible_published_q
from wegweiser.matching import explain
from wegweiser.matching.adapter import (
    CandidateInput,
    candidate_matrix,
    engine_candidate,
    engine_offer,
    offer_matrix,
)


@dataclass(frozen=True)
class Contribution:
    factor: str
    label: str
    value: float


@dataclass(frozen=True)
class OfferSuggestion:
    offer: Offer
    total: float
    contributions: tuple[Contribution, ...]
    sentences: tuple[str, ...]
    match: me.Match


@dataclass(frozen=True)
class ProfileResult:
    suggestions: tuple[OfferSuggestion, ...]
    considered: int  # offers the engine looked at (published, visible, matchable)
    fitting: int  # offers that fit (see matching_engine.what_would_help)
    what_would_help: tuple[str, ...]


def _contributions(match: me.Match) -> tuple[Contribution, ...]:
    return tuple(
        Contribution(name, explain.factor_label(name), round(float(match.contributions[name]), 3))
        for name in me.FACTORS
        if name in match.contributions
    )


def offers_for_profile(*, actor: Any, profile: CandidateInput, top_k: int = 10) -> ProfileResult:
    """The best published offers the actor may see for a profile, explained in sentences."""
    matrix = offer_matrix(Offer.objects.filter(visible_published_q(actor)))
    candidate = engine_candidate(profile)
    matches = me.score_offers_for_candidate(candidate, matrix, top_k=top_k) if len(matrix) else []
    report = me.what_would_help(candidate, matrix) if len(matrix) else None
    by_id = Offer.objects.select_related("organisation", "occupation").in_bulk(
        [m.id for m in matches]
    )
    suggestions = tuple(
        OfferSuggestion(
            offer=by_id[m.id],
            total=round(float(m.total), 3),
            contributions=_contributions(m),
            sentences=tuple(explain.reason_sentence(r) for r in m.reasons),
            match=m,
        )
        for m in matches
        if m.id in by_id
    )
    return ProfileResult(
        suggestions=suggestions,
        considered=len(matrix),
        fitting=report.fitting if report else 0,
        what_would_help=tuple(
            explain.suggestion_sentence(s) for s in (report.suggestions if report else ())
        ),
    )


@dataclass(frozen=True)
class CandidateSuggestion:
    candidate: CandidateInput
    total: float
    contributions: tuple[Contribution, ...]
    sentences: tuple[str, ...]


def candidates_for_offer(
    *, offer: Offer, candidates: Iterable[CandidateInput], top_k: int = 20
) -> list[CandidateSuggestion]:
    """The best candidates for an offer (the other direction; the participants app supplies the
    candidates, each with its `id`, after checking consent). No query of its own."""
    profiles = list(candidates)
    if not profiles:
        return []
    matches = me.score_candidates_for_offer(
        engine_offer(offer), candidate_matrix(profiles), top_k=top_k
    )
    return [
        CandidateSuggestion(
            candidate=profiles[m.index],
            total=round(float(m.total), 3),
            contributions=_contributions(m),
            sentences=tuple(explain.reason_sentence(r) for r in m.reasons),
        )
        for m in matches
    ]

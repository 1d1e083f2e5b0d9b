"""What would help: how many more offers would fit a candidate after one change.

An offer *fits* a candidate when it passes every hard constraint (work allowed, licences held,
within the travel radius), the candidate meets the offer's German minimum, and the offer's
occupation is similar enough to a wanted one (``min_occupation_similarity`` on the 0..1 similarity
scale of :func:`~matching_engine.factors.occupation_match`; ignored when the candidate named no
occupation). Each suggestion changes one thing and counts the offers that would fit in addition.

Suggestion codes (stable, like reason codes):

- ``german_level`` ``{"level": "B2"}``: with that German level.
- ``licence`` ``{"licence": "B"}``: with that licence (offers missing exactly that one).
- ``radius`` ``{"extra_km": 20, "radius_km": 50}``: with a radius larger by ``extra_km``.
- ``work_permission`` ``{}``: with work allowed (for candidates not allowed to work).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np

from matching_engine.explain import CandidateRows, ParamValue
from matching_engine.factors import Weights, licences_missing, occupation_match, within_radius
from matching_engine.features import Candidate, OfferMatrix
from matching_engine.geo import squared_distance_km2
from matching_engine.scoring import DEFAULT_WEIGHTS
from matching_engine.vocabulary import GermanLevel, Licence, WorkPermission

__all__ = ["HelpReport", "Suggestion", "SuggestionCode", "what_would_help"]

DEFAULT_RADIUS_STEPS_KM: tuple[float, ...] = (10.0, 20.0, 50.0)
DEFAULT_MIN_OCCUPATION_SIMILARITY = 0.5


class SuggestionCode(StrEnum):
    """Stable codes of counterfactual suggestions (see the module docstring)."""

    GERMAN_LEVEL = "german_level"
    LICENCE = "licence"
    RADIUS = "radius"
    WORK_PERMISSION = "work_permission"


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One change and the number of additional offers that would fit after it."""

    code: SuggestionCode
    additional: int
    params: Mapping[str, ParamValue] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class HelpReport:
    """Offers fitting now, and suggestions with a positive gain (largest gain first)."""

    fitting: int
    suggestions: tuple[Suggestion, ...]


def what_would_help(
    candidate: Candidate,
    offers: OfferMatrix,
    weights: Weights = DEFAULT_WEIGHTS,
    *,
    radius_steps_km: Sequence[float] = DEFAULT_RADIUS_STEPS_KM,
    min_occupation_similarity: float = DEFAULT_MIN_OCCUPATION_SIMILARITY,
) -> HelpReport:
    """Count fitting offers now and after each single improvement (vectorised over offers).

    Considered changes: each higher German level that adds offers over the level below, each
    licence the candidate lacks (counting offers that miss only that licence), each radius step,
    and work permission. Suggestions with no gain are left out; the rest are ordered by gain,
    then in the order just listed.
    """
    if any(step <= 0 for step in radius_steps_km):
        raise ValueError("radius steps must be positive")
    c = CandidateRows.from_record(candidate)
    p = offers.packed
    radius = c.radius
    widest = candidate.radius_km + max(radius_steps_km, default=0.0)

    positions = p.grid.positions_within(c.lat, c.lon, widest)
    if positions is None:
        positions = np.arange(len(offers), dtype=np.intp)
    d2 = squared_distance_km2(p.x[positions], p.y[positions], p.z[positions], c.x, c.y, c.z)
    if candidate.wanted_kldb:
        similarity, _, _ = occupation_match(c.wanted, p.occupation_codes, weights)
        related = (similarity >= np.float32(min_occupation_similarity))[p.occupation[positions]]
    else:
        related = np.ones(positions.size, dtype=np.bool_)
    profile = p.profile[positions]
    need_german = p.profile_german[profile]
    missing = licences_missing(c.licences, p.profile_licences)[profile]
    have_german = int(c.german[0])
    in_radius = within_radius(d2, radius)

    licence_ok = missing == 0
    german_ok = need_german <= have_german
    fitting_if_allowed = int(np.count_nonzero(related & in_radius & licence_ok & german_ok))
    permission = int(c.permission[0])
    if permission == WorkPermission.NOT_ALLOWED:
        gain = fitting_if_allowed
        suggestions = [Suggestion(SuggestionCode.WORK_PERMISSION, gain)] if gain else []
        return HelpReport(fitting=0, suggestions=tuple(suggestions))

    fitting = fitting_if_allowed
    found: list[Suggestion] = []

    # German: histogram of the minimum levels among offers that fit in every other respect.
    other_ok = related & in_radius & licence_ok
    by_level = np.bincount(need_german[other_ok].astype(np.intp), minlength=7)
    cumulative = np.cumsum(by_level)
    for level in range(have_german + 1, 7):
        if by_level[level] == 0:
            continue  # no gain over the level below; suggest the lowest level for each gain
        gain = int(cumulative[level] - cumulative[have_german])
        found.append(
            Suggestion(SuggestionCode.GERMAN_LEVEL, gain, {"level": GermanLevel(level).label})
        )

    # Licences: offers that miss exactly one licence and fit otherwise.
    other_ok = related & in_radius & german_ok
    single = missing[other_ok]
    single = single[(single != 0) & ((single & (single - 1)) == 0)]
    bits, counts = np.unique(single, return_counts=True)
    for bit, count in zip(bits.tolist(), counts.tolist(), strict=True):
        name = Licence(bit).name or str(bit)
        found.append(Suggestion(SuggestionCode.LICENCE, int(count), {"licence": name}))

    # Radius: offers just beyond the current radius.
    other_ok = related & licence_ok & german_ok
    for step in sorted(set(radius_steps_km)):
        wider = np.array([candidate.radius_km + step], dtype=np.float32)
        gain = int(np.count_nonzero(other_ok & within_radius(d2, wider))) - fitting
        params: dict[str, ParamValue] = {
            "extra_km": _tidy(step),
            "radius_km": _tidy(float(wider[0])),
        }
        found.append(Suggestion(SuggestionCode.RADIUS, gain, params))

    ranked = sorted((s for s in found if s.additional > 0), key=lambda s: -s.additional)
    return HelpReport(fitting=fitting, suggestions=tuple(ranked))


def _tidy(value: float) -> int | float:
    rounded = round(value, 1)
    return int(rounded) if rounded == int(rounded) else rounded

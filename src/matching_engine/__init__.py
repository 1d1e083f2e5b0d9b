"""Matching engine of the applicant exchange: candidates to offers and back (NumPy only).

This package never imports Django or Wegweiser. The web layer converts its models into
:class:`Offer` / :class:`Candidate` records (or directly into columns), builds an
:class:`OfferMatrix` / :class:`CandidateMatrix` once, and queries it:

>>> offers = OfferMatrix.from_offers([Offer(id=7, kldb="29302", lat=52.52, lon=13.40)])
>>> who = Candidate(id=1, wanted_kldb=("29302",), lat=52.50, lon=13.45, radius_km=25)
>>> [(m.id, [r.code.value for r in m.reasons][:2]) for m in score_offers_for_candidate(who, offers)]
[(7, ['occupation_exact', 'german_not_required'])]

Hard constraints exclude a pair: work not allowed, a required licence missing, distance beyond the
candidate's radius. Soft factors score it (see :class:`Weights` and
:mod:`matching_engine.factors`); each result carries per-factor contributions and reasons.

Reason codes (stable; parameters in braces; see :class:`ReasonCode` for details):

- occupation, exactly one: ``occupation_exact`` {offer, wanted}, ``occupation_same_subgroup``
  (4 digits) / ``occupation_same_group`` (3) / ``occupation_same_main_group`` (2) /
  ``occupation_same_area`` (1) {offer, wanted, group}, ``occupation_unrelated`` {offer};
  plus ``requirement_level_gap`` {wanted, offer} when requirement levels differ.
- German, exactly one: ``german_not_required`` {have}, ``german_meets_minimum`` {have, need},
  ``german_below_minimum`` {have, need, levels_below}; levels "none", "A1".."C2".
- distance: ``distance_km`` {km, radius_km}; exclusion ``distance_beyond_radius`` {km, radius_km}.
- ``working_time_fits`` / ``working_time_mismatch`` {offer, available}.
- ``start_date_fits`` {}; ``start_date_late`` {days}.
- ``shifts_conflict_childcare`` {} (only on conflict).
- ``offer_type_wanted`` / ``offer_type_not_wanted`` {offer_type} (only with stated preferences).
- ``licences_held`` {licences}; exclusion ``licence_missing`` {missing}.
- ``permission_needed`` {}; exclusion ``work_not_allowed`` {}.

Counterfactual suggestions of :func:`what_would_help`: ``german_level`` {level}, ``licence``
{licence}, ``radius`` {extra_km, radius_km}, ``work_permission`` {}; each with ``additional``,
the number of further offers that would fit.
"""

from matching_engine.counterfactuals import HelpReport, Suggestion, SuggestionCode, what_would_help
from matching_engine.explain import Match, ParamValue, Reason, ReasonCode
from matching_engine.factors import FACTORS, Weights
from matching_engine.features import (
    NO_START_CONSTRAINT,
    OPEN_START,
    Candidate,
    CandidateMatrix,
    Offer,
    OfferMatrix,
    offer_types_mask,
)
from matching_engine.geo import EARTH_RADIUS_KM
from matching_engine.scoring import (
    DEFAULT_WEIGHTS,
    ScoredRows,
    explain_candidate,
    explain_offer,
    score_all_candidates,
    score_all_offers,
    score_candidates_for_offer,
    score_offers_for_candidate,
)
from matching_engine.vocabulary import (
    GermanLevel,
    Licence,
    OfferType,
    RequirementLevel,
    WorkingTime,
    WorkPermission,
    format_kldb,
    parse_kldb,
)

__all__ = [
    "DEFAULT_WEIGHTS",
    "EARTH_RADIUS_KM",
    "FACTORS",
    "NO_START_CONSTRAINT",
    "OPEN_START",
    "Candidate",
    "CandidateMatrix",
    "GermanLevel",
    "HelpReport",
    "Licence",
    "Match",
    "Offer",
    "OfferMatrix",
    "OfferType",
    "ParamValue",
    "Reason",
    "ReasonCode",
    "RequirementLevel",
    "ScoredRows",
    "Suggestion",
    "SuggestionCode",
    "Weights",
    "WorkPermission",
    "WorkingTime",
    "explain_candidate",
    "explain_offer",
    "format_kldb",
    "offer_types_mask",
    "parse_kldb",
    "score_all_candidates",
    "score_all_offers",
    "score_candidates_for_offer",
    "score_offers_for_candidate",
    "what_would_help",
]

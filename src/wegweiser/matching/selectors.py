"""Reads of the matching app: offers for a candidate profile, candidates for an offer.

Both build the engine's arrays from the database per call (nothing is cached across requests)
and return dataclasses with everything a page or the API shows, in a fixed number of queries.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

import matching_engine as me
from wegweiser.jobs.constants import GERMAN_ORDER, OfferSource
from wegweiser.jobs.models import Offer
from wegweiser.jobs.selectors import visible_published_q
from wegweiser.matching import explain, policy
from wegweiser.matching.adapter import (
    GERMAN,
    CandidateInput,
    candidate_from_values,
    candidate_matrix,
    coordinates_for_plzs,
    engine_candidate,
    engine_offer,
    offer_matrix,
)
from wegweiser.matching.constants import Recipient, SuggestionStatus
from wegweiser.matching.models import ContactAgreement, Suggestion
from wegweiser.network.policy import actor_for
from wegweiser.participants.selectors import (
    CandidateProfile,
    ParticipantAccess,
    employer_candidate_profiles,
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


# --- Participants, suggestions and candidates -------------------------------------------------


@dataclass(frozen=True)
class ParticipantMatches:
    result: ProfileResult | None  # None: the record has no place (postcode) to match from
    suggested_offer_ids: frozenset[int]


def participant_candidate(access: ParticipantAccess) -> CandidateInput | None:
    """The participant's whole record as a candidate (their own counsellor sees everything)."""
    participant = access.participant
    coordinates = coordinates_for_plzs([participant.plz]).get(participant.plz)
    values = {name: getattr(participant, name) for name in PROFILE_VALUES}
    occupations = [o.code for o in participant.desired_occupations.all()]
    return candidate_from_values(
        values=values,
        occupations=occupations,
        fields=access.fields,
        coordinates=coordinates,
        id=participant.pk,
    )


PROFILE_VALUES = (
    "german_level",
    "driving_licences",
    "availability",
    "work_permission",
    "plz",
    "travel_radius_km",
)


def offers_for_participant(
    *, actor: Any, access: ParticipantAccess, top_k: int = 10
) -> ParticipantMatches:
    """The best offers for a participant of the actor's project, explained, with what would help
    and which offers were suggested already. A fixed number of queries."""
    candidate = participant_candidate(access)
    suggested = frozenset(
        Suggestion.objects.filter(participant_id=access.participant.pk).values_list(
            "offer_id", flat=True
        )
    )
    if candidate is None:
        return ParticipantMatches(None, suggested)
    return ParticipantMatches(
        offers_for_profile(actor=actor, profile=candidate, top_k=top_k), suggested
    )


@dataclass(frozen=True)
class CandidateRow:
    profile: CandidateProfile
    total: float
    contributions: tuple[Contribution, ...]
    sentences: tuple[str, ...]


@dataclass(frozen=True)
class OfferCandidates:
    rows: tuple[CandidateRow, ...]
    consented: int  # profiles shared with this employer
    without_place: int  # shared profiles that cannot be matched (no place opened)
    what_would_help: tuple[str, ...]


def _employer_inputs(
    profiles: list[CandidateProfile],
) -> tuple[dict[int, CandidateProfile], list[CandidateInput]]:
    coordinates = coordinates_for_plzs(str(p.values.get("plz") or "") for p in profiles)
    by_id: dict[int, CandidateProfile] = {}
    inputs: list[CandidateInput] = []
    for p in profiles:
        candidate = candidate_from_values(
            values=p.values,
            occupations=[o.code for o in p.occupations],
            fields=p.fields,
            coordinates=coordinates.get(str(p.values.get("plz") or "")),
            id=p.participant_id,
        )
        if candidate is not None:
            by_id[p.participant_id] = p
            inputs.append(candidate)
    return by_id, inputs


def _fitting(offer: me.Offer, inputs: list[CandidateInput]) -> set[int]:
    """Candidates that pass the hard constraints and meet the German minimum."""
    matches = me.score_candidates_for_offer(offer, candidate_matrix(inputs), top_k=None)
    german = {p.id: GERMAN[p.german] for p in inputs}
    return {m.id for m in matches if german[m.id] >= offer.german_min}


def _offer_help(offer: me.Offer, inputs: list[CandidateInput]) -> tuple[str, ...]:
    if not inputs:
        return ()
    now = _fitting(offer, inputs)
    hints: list[str] = []
    if offer.german_min > me.GermanLevel(0):
        lower = me.GermanLevel(int(offer.german_min) - 1)
        more = len(_fitting(replace(offer, german_min=lower), inputs) - now)
        if more:
            hints.append(explain.offer_help_german(GERMAN_ORDER[int(lower)], more))
    if offer.licences:
        more = len(_fitting(replace(offer, licences=me.Licence.NONE), inputs) - now)
        if more:
            hints.append(explain.offer_help_licences(more))
    return tuple(hints)


def candidates_for_employer_offer(*, actor: Any, offer: Offer, top_k: int = 20) -> OfferCandidates:
    """Consented, anonymous candidates for an offer of the actor's company, ranked and
    explained on the consented fields only. A fixed number of queries."""
    if offer.organisation_id is None:
        return OfferCandidates((), 0, 0, ())
    agreed = frozenset(
        ContactAgreement.objects.filter(employer_id=offer.organisation_id).values_list(
            "participant_id", flat=True
        )
    )
    profiles = employer_candidate_profiles(
        actor=actor, organisation_id=offer.organisation_id, contact_agreed_ids=agreed
    )
    by_id, inputs = _employer_inputs(profiles)
    if not inputs or offer.occupation_id is None or offer.latitude is None:
        return OfferCandidates((), len(profiles), len(profiles) - len(inputs), ())
    engine = engine_offer(offer)
    ranked = candidates_for_offer(offer=offer, candidates=inputs, top_k=top_k)
    rows = tuple(
        CandidateRow(
            profile=by_id[c.candidate.id],
            total=c.total,
            contributions=c.contributions,
            sentences=c.sentences,
        )
        for c in ranked
    )
    return OfferCandidates(
        rows, len(profiles), len(profiles) - len(inputs), _offer_help(engine, inputs)
    )


def suggestions_for_participant(*, access: ParticipantAccess) -> list[Suggestion]:
    """Suggestions of the participant (their own project's case workers)."""
    return list(
        Suggestion.objects.filter(participant_id=access.participant.pk)
        .select_related("offer", "offer__organisation")
        .order_by("-created_at", "-id")
    )


@dataclass(frozen=True)
class EmployerSuggestion:
    suggestion: Suggestion
    profile: CandidateProfile | None  # None: the participant no longer shares the profile


def suggestions_for_offer(*, actor: Any, offer: Offer) -> list[EmployerSuggestion]:
    """Suggestions sent to the offering company for this offer, with the anonymous profile
    (name and contact once the participant agreed). A fixed number of queries."""
    if offer.organisation_id is None or not policy.can_see_candidates(actor, offer):
        return []
    suggestions = list(
        Suggestion.objects.filter(offer=offer, recipient=Recipient.EMPLOYER)
        .exclude(status=SuggestionStatus.SUGGESTED)
        .select_related("offer")
        .order_by("-sent_at", "-id")
    )
    if not suggestions:
        return []
    agreed = frozenset(
        ContactAgreement.objects.filter(
            employer_id=offer.organisation_id,
            participant_id__in=[s.participant_id for s in suggestions],
        ).values_list("participant_id", flat=True)
    )
    profiles = {
        p.participant_id: p
        for p in employer_candidate_profiles(
            actor=actor,
            organisation_id=offer.organisation_id,
            contact_agreed_ids=agreed,
            participant_ids=frozenset(s.participant_id for s in suggestions),
        )
    }
    return [EmployerSuggestion(s, profiles.get(s.participant_id)) for s in suggestions]


def offers_for_candidates_of(*, actor: Any) -> QuerySet[Offer]:
    """The company's own offers whose candidates the actor may see (employer's entry page)."""
    organisations = actor_for(actor).organisations_with(*policy.CANDIDATE_ROLES)
    return (
        Offer.objects.filter(organisation_id__in=list(organisations), source=OfferSource.OWN)
        .select_related("organisation", "occupation")
        .order_by("-published_at", "-pk")
    )


@dataclass(frozen=True)
class SuggestionAccess:
    suggestion: Suggestion
    is_counsellor: bool
    is_employer: bool


def access_suggestion_by_id(*, actor: Any, suggestion_id: int) -> SuggestionAccess:
    """A suggestion for its participant's case workers or, once sent to it, the offering
    company's contacts; 404 for everyone else."""
    suggestion = (
        Suggestion.objects.select_related("offer", "offer__organisation")
        .filter(pk=suggestion_id)
        .first()
    )
    if suggestion is None:
        raise Http404
    is_counsellor = policy.is_case_worker(actor, suggestion.organisation_id)
    is_employer = policy.employer_sees(actor, suggestion)
    if not (is_counsellor or is_employer):
        raise Http404
    return SuggestionAccess(suggestion, is_counsellor, is_employer)


def organisations_that_hired(network_ids: Collection[int]) -> set[int]:
    """Companies of these networks that hired someone through a suggestion (engagement ladder;
    one query)."""
    return set(
        Suggestion.objects.filter(
            status=SuggestionStatus.HIRED,
            offer__organisation__memberships__network_id__in=list(network_ids),
        )
        .order_by()  # no default ordering: DISTINCT must see the id column only
        .values_list("offer__organisation_id", flat=True)
        .distinct()
    )


def score_for_offer(*, access: ParticipantAccess, offer: Offer) -> float:
    """The engine's total for one participant and one offer (0 when it cannot be scored)."""
    candidate = participant_candidate(access)
    if candidate is None:
        return 0.0
    matrix = offer_matrix(Offer.objects.filter(pk=offer.pk))
    if not len(matrix):
        return 0.0
    matches = me.score_offers_for_candidate(engine_candidate(candidate), matrix, top_k=1)
    return round(float(matches[0].total), 3) if matches else 0.0


def suggestions_for_portal(*, participant_id: int) -> list[Suggestion]:
    """Suggestions sent to the participant themselves (their portal overview)."""
    return list(
        Suggestion.objects.filter(participant_id=participant_id, recipient=Recipient.PARTICIPANT)
        .exclude(status=SuggestionStatus.SUGGESTED)
        .select_related("offer", "offer__organisation")
        .order_by("-sent_at", "-id")
    )

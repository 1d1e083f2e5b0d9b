"""API of matching: try a profile by hand (nothing is stored), offers for a participant,
candidates for an offer (consented, anonymous) and the suggestion workflow, with the same
selectors, services and policy as the pages."""

import datetime as dt
from typing import Any, Literal

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate
from pydantic import model_validator

from wegweiser.core.listing import ApiPagination
from wegweiser.jobs.geo import coordinates_for_plz
from wegweiser.jobs.models import Offer
from wegweiser.jobs.selectors import access_offer_by_id
from wegweiser.matching import policy, selectors, services
from wegweiser.matching.adapter import CandidateInput
from wegweiser.matching.exceptions import MatchingError
from wegweiser.matching.models import Suggestion
from wegweiser.participants.selectors import (
    CandidateProfile,
    access_participant_by_id,
    candidate_handle,
)

router = Router(tags=["matching"])


class TryIn(Schema):
    occupations: list[str] = Field(..., min_length=1, max_length=8)
    plz: str | None = Field(None, pattern=r"^\d{5}$")
    latitude: float | None = Field(None, ge=-90, le=90)
    longitude: float | None = Field(None, ge=-180, le=180)
    radius_km: float = Field(25, gt=0, le=300)
    german: Literal["", "A1", "A2", "B1", "B2", "C1", "C2"] = ""
    licences: list[Literal["B", "BE", "C1", "C", "CE", "D", "FORKLIFT"]] = Field(
        default_factory=list, max_length=7
    )
    availability: Literal["full", "part", "both"] = "both"
    earliest_start: dt.date | None = None
    permission: Literal["allowed", "needs_permission", "not_allowed"] = "allowed"
    no_shifts: bool = False
    offer_types: list[Literal["job", "apprenticeship", "internship", "eq", "helper_job"]] = Field(
        default_factory=list, max_length=5
    )
    top_k: int = Field(10, ge=1, le=50)

    @model_validator(mode="after")
    def _place(self) -> "TryIn":
        for code in self.occupations:
            if not (len(code) == 5 and code.isdigit() and code[4] in "1234"):
                raise ValueError(f"{code!r} is not a five-digit KldB 2010 occupation code")
        if self.plz is None and (self.latitude is None or self.longitude is None):
            raise ValueError("give a postcode (plz) or latitude and longitude")
        return self


class ContributionOut(Schema):
    factor: str
    label: str
    value: float


class SuggestionOut(Schema):
    offer_id: int
    title: str
    employer: str
    plz: str
    city: str
    total: float
    contributions: list[ContributionOut]
    sentences: list[str]
    reasons: list[dict[str, Any]]


class TryOut(Schema):
    considered: int
    fitting: int
    what_would_help: list[str]
    suggestions: list[SuggestionOut]


class Message(Schema):
    detail: str


@router.post(
    "/matching/try",
    response={200: TryOut, 400: Message, 404: Message},
    summary="Best offers for a candidate profile entered by hand (counsellors)",
)
def matching_try(request: HttpRequest, payload: TryIn) -> Any:
    if not policy.can_try_matching(request.user):
        raise Http404
    if payload.latitude is not None and payload.longitude is not None:
        coordinates: tuple[float, float] = (payload.latitude, payload.longitude)
    else:
        found = coordinates_for_plz(payload.plz or "")
        if found is None:
            return Status(400, Message(detail=_("No coordinates are known for this postcode yet.")))
        coordinates = found
    profile = CandidateInput(
        latitude=coordinates[0],
        longitude=coordinates[1],
        occupations=tuple(payload.occupations),
        german=payload.german,
        licences=tuple(payload.licences),
        radius_km=payload.radius_km,
        availability=payload.availability,
        earliest_start=payload.earliest_start,
        permission=payload.permission,
        no_shifts=payload.no_shifts,
        offer_types=tuple(payload.offer_types),
    )
    result = selectors.offers_for_profile(actor=request.user, profile=profile, top_k=payload.top_k)
    return TryOut(
        considered=result.considered,
        fitting=result.fitting,
        what_would_help=list(result.what_would_help),
        suggestions=_offer_suggestions(result),
    )


# --- Participants, candidates and suggestions ----------------------------------------------------


def _offer_suggestions(result: selectors.ProfileResult) -> list[SuggestionOut]:
    return [
        SuggestionOut(
            offer_id=s.offer.pk,
            title=s.offer.title,
            employer=s.offer.employer,
            plz=s.offer.plz,
            city=s.offer.city,
            total=s.total,
            contributions=[ContributionOut(**vars(c)) for c in s.contributions],
            sentences=list(s.sentences),
            reasons=[r.as_dict() for r in s.match.reasons],
        )
        for s in result.suggestions
    ]


class ParticipantOffersOut(Schema):
    place_missing: bool
    considered: int
    fitting: int
    what_would_help: list[str]
    suggested_offer_ids: list[int]
    suggestions: list[SuggestionOut]


@router.get(
    "/matching/participants/{participant_id}/offers",
    response={200: ParticipantOffersOut, 404: Message},
    summary="Best offers for a participant of my project, explained",
)
def participant_offers(request: HttpRequest, participant_id: int) -> Any:
    access = access_participant_by_id(
        actor=request.user, participant_id=participant_id, purpose="suggest"
    )
    matches = selectors.offers_for_participant(actor=request.user, access=access)
    result = matches.result
    return ParticipantOffersOut(
        place_missing=result is None,
        considered=result.considered if result else 0,
        fitting=result.fitting if result else 0,
        what_would_help=list(result.what_would_help) if result else [],
        suggested_offer_ids=sorted(matches.suggested_offer_ids),
        suggestions=_offer_suggestions(result) if result else [],
    )


class OccupationOut(Schema):
    code: str
    title: str


class ProfileOut(Schema):
    """A candidate as the employer may see them: only consented fields are present; name and
    contact only after the participant agreed to a contact with this employer."""

    handle: str
    fields: list[str]
    values: dict[str, Any]
    occupations: list[OccupationOut]
    contact_agreed: bool


class CandidateOut(Schema):
    profile: ProfileOut
    total: float
    contributions: list[ContributionOut]
    sentences: list[str]


class OfferCandidatesOut(Schema):
    consented: int
    without_place: int
    what_would_help: list[str]
    candidates: list[CandidateOut]


def _profile(profile: CandidateProfile) -> ProfileOut:
    return ProfileOut(
        handle=profile.handle,
        fields=sorted(f for f in profile.fields if f in profile.values or f == "code"),
        values={
            k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in profile.values.items()
        },
        occupations=[OccupationOut(code=o.code, title=o.title) for o in profile.occupations],
        contact_agreed=profile.contact_agreed,
    )


def _employer_offer(request: HttpRequest, offer_id: int) -> Offer:
    offer = access_offer_by_id(actor=request.user, offer_id=offer_id).offer
    if not policy.can_see_candidates(request.user, offer):
        raise Http404
    return offer


@router.get(
    "/matching/offers/{offer_id}/candidates",
    response={200: OfferCandidatesOut, 404: Message},
    summary="Consented, anonymous candidates for an offer of my company, explained",
)
def offer_candidates(request: HttpRequest, offer_id: int) -> Any:
    offer = _employer_offer(request, offer_id)
    result = selectors.candidates_for_employer_offer(actor=request.user, offer=offer)
    return OfferCandidatesOut(
        consented=result.consented,
        without_place=result.without_place,
        what_would_help=list(result.what_would_help),
        candidates=[
            CandidateOut(
                profile=_profile(row.profile),
                total=row.total,
                contributions=[ContributionOut(**vars(c)) for c in row.contributions],
                sentences=list(row.sentences),
            )
            for row in result.rows
        ],
    )


class SuggestionItemOut(Schema):
    id: int
    offer_id: int
    offer_title: str
    status: str
    recipient: str
    decline_reason: str
    score: float
    allowed: list[str]
    participant_id: int | None  # for the participant's project only
    handle: str | None  # for the employer only
    profile: ProfileOut | None  # for the employer, while the profile is shared


def _item(
    request: HttpRequest,
    suggestion: Suggestion,
    *,
    counsellor: bool,
    profile: CandidateProfile | None = None,
) -> SuggestionItemOut:
    handle = None
    if not counsellor and suggestion.offer.organisation_id is not None:
        handle = candidate_handle(suggestion.participant_id, suggestion.offer.organisation_id)
    return SuggestionItemOut(
        id=suggestion.pk,
        offer_id=suggestion.offer_id,
        offer_title=suggestion.offer.title,
        status=suggestion.status,
        recipient=suggestion.recipient,
        decline_reason=suggestion.decline_reason,
        score=suggestion.score,
        allowed=sorted(policy.allowed_targets(request.user, suggestion)),
        participant_id=suggestion.participant_id if counsellor else None,
        handle=handle,
        profile=_profile(profile) if profile else None,
    )


class SuggestionQuery(Schema):
    participant_id: int | None = Field(None, ge=1, le=2**31 - 1)
    offer_id: int | None = Field(None, ge=1, le=2**31 - 1)


@router.get(
    "/matching/suggestions",
    response={200: list[SuggestionItemOut], 400: Message, 404: Message},
    summary="Suggestions of a participant (their project) or for an offer (the company)",
)
@paginate(ApiPagination, page_size=50)
def suggestion_list(request: HttpRequest, query: Query[SuggestionQuery]) -> Any:
    participant_id, offer_id = query.participant_id, query.offer_id
    if (participant_id is None) == (offer_id is None):
        raise HttpError(400, _("Give either participant_id or offer_id."))
    if participant_id is not None:
        access = access_participant_by_id(
            actor=request.user, participant_id=participant_id, purpose="suggest"
        )
        return [
            _item(request, s, counsellor=True)
            for s in selectors.suggestions_for_participant(access=access)
        ]
    offer = _employer_offer(request, offer_id or 0)
    return [
        _item(request, item.suggestion, counsellor=False, profile=item.profile)
        for item in selectors.suggestions_for_offer(actor=request.user, offer=offer)
    ]


class SuggestionIn(Schema):
    participant_id: int = Field(..., ge=1, le=2**31 - 1)
    offer_id: int = Field(..., ge=1, le=2**31 - 1)


@router.post(
    "/matching/suggestions",
    response={201: SuggestionItemOut, 404: Message, 409: Message},
    summary="Suggest an offer to a participant of my project",
)
def suggestion_create(request: HttpRequest, payload: SuggestionIn) -> Any:
    access = access_participant_by_id(
        actor=request.user, participant_id=payload.participant_id, purpose="suggest"
    )
    offer = access_offer_by_id(actor=request.user, offer_id=payload.offer_id).offer
    try:
        suggestion = services.suggestion_create(
            actor=request.user,  # type: ignore[arg-type]
            participant=access.participant,
            offer=offer,
            score=selectors.score_for_offer(access=access, offer=offer),
        )
    except MatchingError as error:
        return Status(409, Message(detail=str(error.message)))
    return Status(201, _item(request, suggestion, counsellor=True))


class TransitionIn(Schema):
    to: Literal["suggested", "sent", "interested", "interview", "hired", "declined"]
    recipient: Literal["", "participant", "employer"] = ""
    reason: Literal["", "participant", "employer", "filled", "not_suitable", "other"] = ""
    note: str = Field("", max_length=500)


@router.post(
    "/matching/suggestions/{suggestion_id}/transition",
    response={200: SuggestionItemOut, 404: Message, 409: Message},
    summary="Move a suggestion on (sent, interested, interview, hired, or declined with a reason)",
)
def suggestion_transition(request: HttpRequest, suggestion_id: int, payload: TransitionIn) -> Any:
    found = selectors.access_suggestion_by_id(actor=request.user, suggestion_id=suggestion_id)
    try:
        suggestion = services.suggestion_transition(
            actor=request.user,  # type: ignore[arg-type]
            suggestion=found.suggestion,
            to=payload.to,
            recipient=payload.recipient,
            reason=payload.reason,
            note=payload.note,
        )
    except MatchingError as error:
        return Status(409, Message(detail=str(error.message)))
    return Status(200, _item(request, suggestion, counsellor=found.is_counsellor))

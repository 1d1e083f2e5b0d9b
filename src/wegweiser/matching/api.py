"""API of matching: try a candidate profile against the published offers (nothing is stored)."""

import datetime as dt
from typing import Any, Literal

from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema, Status
from pydantic import model_validator

from wegweiser.jobs.geo import coordinates_for_plz
from wegweiser.matching import policy, selectors
from wegweiser.matching.adapter import CandidateInput

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
            return Status(400, Message(detail="No coordinates are known for this postcode yet."))
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
        suggestions=[
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
        ],
    )

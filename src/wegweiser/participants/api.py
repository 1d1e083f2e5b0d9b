"""API of the participants: the same selectors as the pages, the same policy."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from wegweiser.core.listing import ApiPagination
from wegweiser.participants import selectors, services
from wegweiser.participants.constants import KLDB_SOURCE, RECORD_FIELDS

router = Router(tags=["participants"])


class ParticipantRowOut(Schema):
    id: int
    code: str
    organisation_id: int
    status: str
    enrolled_on: date


class ParticipantOut(Schema):
    """Only the fields the caller may see are filled; the rest stay null."""

    id: int
    code: str
    status: str
    organisation: str
    access: str
    fields: list[str]
    record: dict[str, Any]


class MilestoneOut(Schema):
    type: str
    label: str
    organisation: str
    occurred_on: date


class ConsentOut(Schema):
    id: int
    purpose: str
    recipient_id: int | None
    scope: list[str]
    valid_from: date
    valid_until: date | None
    state: str


class OccupationOut(Schema):
    code: str
    title: str
    level: int


@router.get("/participants", response=list[ParticipantRowOut], summary="Participants I may see")
@paginate(ApiPagination, page_size=50)
def participant_list(request: HttpRequest) -> Any:
    participants = selectors.participant_list_for(actor=request.user).order_by("-enrolled_on", "pk")
    # Pagination slices the queryset; the rows returned are logged by the selector.
    return _LoggingQuerySet(participants, request.user)


class _LoggingQuerySet:
    """Wraps the queryset so that the page that is actually returned is access-logged."""

    def __init__(self, queryset: Any, actor: Any) -> None:
        self.queryset = queryset
        self.actor = actor

    def count(self) -> int:
        return int(self.queryset.count())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item: Any) -> Any:
        rows = self.queryset[item]
        selectors.participant_rows(actor=self.actor, participants=rows)
        return list(rows)


@router.get("/participants/{participant_id}", response=ParticipantOut, summary="One participant")
def participant_detail(request: HttpRequest, participant_id: int) -> Any:
    access = selectors.access_participant_by_id(
        actor=request.user, participant_id=participant_id, purpose="view"
    )
    p = access.participant
    record = {name: getattr(p, name) if access.shows(name) else None for name in RECORD_FIELDS}
    if access.shows("desired_occupations"):
        record["desired_occupations"] = list(p.desired_occupations.values_list("code", flat=True))
    return {
        "id": p.pk,
        "code": p.code,
        "status": p.status,
        "organisation": p.organisation.name,
        "access": access.mode,
        "fields": sorted(access.fields),
        "record": record,
    }


@router.get(
    "/participants/{participant_id}/timeline",
    response=list[MilestoneOut],
    summary="The pathway as far as I may see it",
)
def participant_timeline(request: HttpRequest, participant_id: int) -> Any:
    access = selectors.access_participant_by_id(
        actor=request.user, participant_id=participant_id, purpose="view"
    )
    return [
        {
            "type": e.milestone.milestone_type.key,
            "label": e.milestone.milestone_type.label,
            "organisation": e.milestone.organisation.name,
            "occurred_on": e.milestone.occurred_on,
        }
        for e in selectors.timeline_for(access)
    ]


@router.get(
    "/participants/{participant_id}/consents",
    response=list[ConsentOut],
    summary="Consents (owning project only)",
)
def participant_consents(request: HttpRequest, participant_id: int) -> Any:
    access = selectors.access_participant_by_id(
        actor=request.user, participant_id=participant_id, purpose="consents"
    )
    return [
        {
            "id": c.pk,
            "purpose": c.purpose,
            "recipient_id": c.recipient_id,
            "scope": c.scope,
            "valid_from": c.valid_from,
            "valid_until": c.valid_until,
            "state": c.state,
        }
        for c in access.consents
    ]


@router.post(
    "/participants/{participant_id}/consents/{consent_id}/withdraw",
    response=ConsentOut,
    summary="Withdraw a consent now",
)
def consent_withdraw(request: HttpRequest, participant_id: int, consent_id: int) -> Any:
    from ninja.errors import HttpError

    from wegweiser.participants.exceptions import ParticipantError

    access = selectors.access_participant_by_id(
        actor=request.user, participant_id=participant_id, purpose="consents"
    )
    consent = selectors.access_consent(access=access, consent_id=consent_id)
    try:
        consent = services.consent_withdraw(actor=request.user, consent=consent)  # type: ignore[arg-type]
    except ParticipantError as error:
        raise HttpError(409, str(error.message)) from error
    return {
        "id": consent.pk,
        "purpose": consent.purpose,
        "recipient_id": consent.recipient_id,
        "scope": consent.scope,
        "valid_from": consent.valid_from,
        "valid_until": consent.valid_until,
        "state": consent.state,
    }


@router.get(
    "/occupations",
    response=list[OccupationOut],
    summary=f"Search KldB 2010 occupations ({KLDB_SOURCE})",
)
def occupation_search(request: HttpRequest, q: str = "") -> Any:
    return selectors.occupation_search(q=q[:100])

"""API of events: visible events, one's own registrations, and the coordinator's list."""

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from wegweiser.accounts.api import api_user
from wegweiser.core.listing import ApiPagination
from wegweiser.events import selectors, services
from wegweiser.events.constants import RegistrationStatus
from wegweiser.events.exceptions import EventError
from wegweiser.events.models import Registration

router = Router(tags=["events"])


class EventOut(Schema):
    id: int
    title: str
    event_type: str
    format: str
    visibility: str
    status: str
    starts_at: datetime
    ends_at: datetime
    venue: str
    plz: str
    city: str
    capacity: int | None
    registration_deadline: datetime | None
    network_id: int
    series_id: int | None
    host_organisation_id: int | None


class EventDetailOut(EventOut):
    description: str
    street: str
    seats_taken: int
    waiting: int
    my_status: str | None
    meeting_url: str | None = Field(
        None, description="Only for people with a confirmed seat and the organisers."
    )


class EventQuery(Schema):
    when: str = Field("upcoming", pattern="^(upcoming|past|all)$")
    event_type: str = Field("", max_length=30)
    q: str = Field("", max_length=100)


class RegistrationIn(Schema):
    accessibility_needs: str = Field("", max_length=1000)
    dietary_wishes: str = Field("", max_length=500)
    language: str = Field("", max_length=10)


class RegistrationOut(Schema):
    id: int
    event_id: int
    status: str
    offer_expires_at: datetime | None = None


class RegistrationAdminOut(Schema):
    id: int
    status: str
    name: str
    email: str
    organisation: str
    accessibility_needs: str
    dietary_wishes: str
    language: str
    checked_in_at: datetime | None


class Message(Schema):
    detail: str


def _registration_out(registration: Registration) -> RegistrationOut:
    offer = registration.offers.filter(status="open").first()
    return RegistrationOut(
        id=registration.pk,
        event_id=registration.event_id,
        status=registration.status,
        offer_expires_at=offer.expires_at if offer else None,
    )


@router.get("/events", response=list[EventOut], summary="Events I may see")
@paginate(ApiPagination, page_size=50)
def event_list(request: HttpRequest, filters: Query[EventQuery]) -> Any:
    return selectors.event_list_for(
        actor=request.user, filters=selectors.EventFilters(**filters.dict())
    ).order_by("starts_at", "pk")


@router.get("/events/{event_id}", response=EventDetailOut, summary="One event")
def event_detail(request: HttpRequest, event_id: int) -> Any:
    access = selectors.access_event_by_id(actor=request.user, event_id=event_id)
    event = access.event
    data = {name: getattr(event, name) for name in EventOut.model_fields}
    return EventDetailOut(
        **data,
        description=event.description,
        street=event.street,
        seats_taken=access.seats_taken,
        waiting=access.waiting,
        my_status=access.my_registration.status if access.my_registration else None,
        meeting_url=event.meeting_url if access.show_meeting_link else None,
    )


@router.post(
    "/events/{event_id}/registrations",
    response={201: RegistrationOut, 400: Message},
    summary="Register myself (confirmed seat or waiting list)",
)
def registration_create(request: HttpRequest, event_id: int, payload: RegistrationIn) -> Any:
    access = selectors.access_event_by_id(actor=request.user, event_id=event_id)
    if not access.can_register:
        raise Http404
    try:
        registration = services.registration_create(
            actor=api_user(request), event=access.event, **payload.dict()
        )
    except EventError as error:
        return Status(400, Message(detail=str(error)))
    except ValidationError as error:  # e.g. an unknown language
        return Status(400, Message(detail=" ".join(error.messages)))
    return Status(201, _registration_out(registration))


@router.get(
    "/events/{event_id}/registrations",
    response=list[RegistrationAdminOut],
    summary="Everyone registered (coordinators; access is logged)",
)
def registration_list(request: HttpRequest, event_id: int) -> Any:
    access = selectors.access_event_by_id(actor=request.user, event_id=event_id, purpose="manage")
    return [
        RegistrationAdminOut(
            id=r.pk,
            status=r.status,
            name=r.user.get_full_name(),
            email=r.user.email,
            organisation=r.organisation.name if r.organisation else "",
            accessibility_needs=r.accessibility_needs,
            dietary_wishes=r.dietary_wishes,
            language=r.language,
            checked_in_at=r.checked_in_at,
        )
        for r in selectors.registration_list_for(actor=request.user, access=access)
    ]


@router.get("/registrations", response=list[RegistrationOut], summary="My registrations")
def my_registrations(request: HttpRequest) -> Any:
    return [
        _registration_out(r)
        for r in selectors.my_registrations(actor=request.user).prefetch_related("offers")
    ]


def _my_registration(request: HttpRequest, registration_id: int) -> Registration:
    registration = (
        Registration.objects.filter(pk=registration_id, user=api_user(request))
        .select_related("event")
        .first()
    )
    if registration is None:
        raise Http404
    return registration


@router.delete(
    "/registrations/{registration_id}",
    response={200: RegistrationOut, 400: Message},
    summary="Cancel my registration",
)
def registration_cancel(request: HttpRequest, registration_id: int) -> Any:
    registration = _my_registration(request, registration_id)
    try:
        registration = services.registration_cancel(
            actor=api_user(request), registration=registration
        )
    except EventError as error:
        return Status(400, Message(detail=str(error)))
    return Status(200, _registration_out(registration))


@router.post(
    "/registrations/{registration_id}/accept-offer",
    response={200: RegistrationOut, 400: Message},
    summary="Take the seat offered to me from the waiting list",
)
def offer_accept(request: HttpRequest, registration_id: int) -> Any:
    registration = _my_registration(request, registration_id)
    offer = registration.offers.filter(status="open").first()
    if offer is None or registration.status != RegistrationStatus.WAITLISTED:
        return Status(400, Message(detail=_("No open offer for this registration.")))
    try:
        registration = services.offer_accept(actor=api_user(request), offer=offer)
    except EventError as error:
        return Status(400, Message(detail=str(error)))
    return Status(200, _registration_out(registration))

"""API of offers: browse with filters, one offer, create and update (own organisation)."""

import datetime as dt
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from wegweiser.accounts.api import api_user
from wegweiser.core.listing import ApiPagination
from wegweiser.jobs import policy, selectors, services
from wegweiser.jobs.exceptions import OfferError
from wegweiser.jobs.models import Offer
from wegweiser.network.models import Organisation

router = Router(tags=["jobs"])

OfferTypeIn = Literal["job", "apprenticeship", "internship", "eq", "helper_job"]
GermanIn = Literal["", "A1", "A2", "B1", "B2", "C1", "C2"]
LicenceIn = Literal["B", "BE", "C1", "C", "CE", "D", "FORKLIFT"]
WorkingTimeIn = Literal["full", "part", "both"]


class OfferOut(Schema):
    id: int
    offer_type: str
    title: str
    status: str
    source: str
    employer: str
    organisation_id: int | None
    occupation_code: str
    german_min: str
    licences: list[str]
    plz: str
    city: str
    latitude: float | None
    longitude: float | None
    working_time: str
    start_date: dt.date | None
    end_date: dt.date | None
    shifts: bool
    housing_help: bool
    open_to_refugees: bool
    is_public: bool
    external_url: str


class OfferDetailOut(OfferOut):
    description: str
    contact_name: str
    contact_email: str
    contact_phone: str


class OfferQuery(Schema):
    offer_type: str = Field("", max_length=20)
    occupation_group: str = Field("", pattern=r"^\d{0,5}$")
    plz: str = Field("", pattern=r"^\d{0,5}$")
    radius_km: int = Field(25, ge=1, le=300)
    german_max: GermanIn = ""
    working_time: Literal["", "full", "part"] = ""
    q: str = Field("", max_length=100)


class OfferIn(Schema):
    offer_type: OfferTypeIn
    title: str = Field(..., min_length=1, max_length=200)
    occupation: str = Field(..., pattern=r"^\d{5}$")
    description: str = Field("", max_length=5000)
    german_min: GermanIn = ""
    licences: list[LicenceIn] = Field(default_factory=list, max_length=7)
    plz: str = Field(..., max_length=5)
    city: str = Field("", max_length=100)
    working_time: WorkingTimeIn = "full"
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    shifts: bool = False
    housing_help: bool = False
    open_to_refugees: bool = True
    contact_name: str = Field("", max_length=200)
    contact_email: str = Field("", max_length=254)
    contact_phone: str = Field("", max_length=40)
    is_public: bool = False


class OfferCreateIn(OfferIn):
    organisation_id: int
    publish: bool = False


class OfferPatchIn(Schema):
    offer_type: OfferTypeIn | None = None
    title: str | None = Field(None, min_length=1, max_length=200)
    occupation: str | None = Field(None, pattern=r"^\d{5}$")
    description: str | None = Field(None, max_length=5000)
    german_min: GermanIn | None = None
    licences: list[LicenceIn] | None = Field(None, max_length=7)
    plz: str | None = Field(None, max_length=5)
    city: str | None = Field(None, max_length=100)
    working_time: WorkingTimeIn | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    shifts: bool | None = None
    housing_help: bool | None = None
    open_to_refugees: bool | None = None
    contact_name: str | None = Field(None, max_length=200)
    contact_email: str | None = Field(None, max_length=254)
    contact_phone: str | None = Field(None, max_length=40)
    is_public: bool | None = None
    status: Literal["draft", "published", "filled"] | None = None


class Message(Schema):
    detail: str


def _out(offer: Offer, schema: type[OfferOut] = OfferOut) -> Any:
    data = {name: getattr(offer, name) for name in schema.model_fields}
    return schema(**data)


def _detail(offer: Offer) -> OfferDetailOut:
    out: OfferDetailOut = _out(offer, OfferDetailOut)
    return out


def _problem(error: Exception) -> Message:
    if isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            return Message(
                detail=" ".join(
                    f"{field}: {' '.join(messages)}"
                    for field, messages in error.message_dict.items()
                )
            )
        return Message(detail=" ".join(error.messages))
    return Message(detail=str(error))


@router.get("/offers", response=list[OfferOut], summary="Published offers I may see")
@paginate(ApiPagination, page_size=50)
def offer_list(request: HttpRequest, filters: Query[OfferQuery]) -> Any:
    found = selectors.offer_list_for(
        actor=request.user, filters=selectors.OfferFilters(**filters.dict())
    )
    return found.offers.order_by("-published_at", "pk")


@router.get("/offers/{offer_id}", response=OfferDetailOut, summary="One offer")
def offer_detail(request: HttpRequest, offer_id: int) -> Any:
    return _detail(selectors.access_offer_by_id(actor=request.user, offer_id=offer_id).offer)


@router.post(
    "/offers",
    response={201: OfferDetailOut, 400: Message, 404: Message},
    summary="Post an offer of my organisation",
)
def offer_create(request: HttpRequest, payload: OfferCreateIn) -> Any:
    user = api_user(request)
    organisation = Organisation.objects.filter(pk=payload.organisation_id).first()
    if organisation is None or not policy.can_post_offers(user, organisation):
        raise Http404
    data = payload.dict(exclude={"organisation_id", "publish"})
    try:
        offer = services.offer_create(
            actor=user, organisation=organisation, data=data, publish=payload.publish
        )
    except (ValidationError, OfferError) as error:
        return Status(400, _problem(error))
    return Status(201, _detail(offer))


@router.patch(
    "/offers/{offer_id}",
    response={200: OfferDetailOut, 400: Message, 404: Message},
    summary="Change an offer of my organisation (or moderate one of my networks)",
)
def offer_update(request: HttpRequest, offer_id: int, payload: OfferPatchIn) -> Any:
    user = api_user(request)
    access = selectors.access_offer_by_id(actor=user, offer_id=offer_id, purpose="manage")
    data = payload.dict(exclude_unset=True)
    status = data.pop("status", None)
    try:
        offer = access.offer
        if data:
            offer = services.offer_update(actor=user, offer=offer, data=data)
        if status and status != offer.status:
            offer = services.offer_status_set(actor=user, offer=offer, status=status)
    except (ValidationError, OfferError) as error:
        return Status(400, _problem(error))
    return _detail(offer)

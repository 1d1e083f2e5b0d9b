"""API of the network: the organisations the caller may see."""

from typing import Any

from django.http import HttpRequest
from ninja import Field, FilterSchema, Query, Router, Schema
from ninja.pagination import paginate

from wegweiser.core.listing import ApiPagination
from wegweiser.network import selectors

router = Router(tags=["network"])


class OrganisationOut(Schema):
    id: int
    name: str
    org_type: str
    size_band: str
    sector: str
    plz: str
    city: str
    bundesland: str
    district: str
    website: str


class OrganisationQuery(FilterSchema):
    q: str = Field("", max_length=100)
    bundesland: str = Field("", max_length=2)
    org_type: str = Field("", max_length=30)
    sector: str = Field("", max_length=20)
    size_band: str = Field("", max_length=10)


class MembershipOut(Schema):
    network_id: int
    network: str = Field(..., alias="network.name")
    status: str
    joined_on: Any = None
    left_on: Any = None


class OrganisationDetailOut(OrganisationOut):
    street: str
    email: str
    phone: str
    description: str
    memberships: list[MembershipOut]


@router.get(
    "/organisations", response=list[OrganisationOut], summary="Organisations of my networks"
)
@paginate(ApiPagination, page_size=50)
def organisation_list(request: HttpRequest, filters: Query[OrganisationQuery]) -> Any:
    query = filters.dict()
    return selectors.organisation_list_for(
        actor=request.user, filters=selectors.OrganisationFilters(**query)
    ).order_by("name", "pk")


@router.get(
    "/organisations/{organisation_id}", response=OrganisationDetailOut, summary="One organisation"
)
def organisation_detail(request: HttpRequest, organisation_id: int) -> Any:
    return selectors.access_organisation_by_id(
        actor=request.user, organisation_id=organisation_id
    ).organisation

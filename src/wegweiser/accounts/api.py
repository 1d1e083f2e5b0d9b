"""API authentication (personal tokens, browser session) and the `/me` endpoint."""

from datetime import datetime
from typing import Any, Literal

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth

from wegweiser.accounts import selectors, services
from wegweiser.accounts.models import ApiTokenScope, User
from wegweiser.accounts.selectors import signed_in_user
from wegweiser.accounts.services import api_token_authenticate

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def api_user(request: HttpRequest) -> User:
    """The signed-in user of an API call on a route that also answers anonymous readers."""
    if not isinstance(request.user, User):
        raise HttpError(401, _("Sign in first."))
    return request.user


class ApiTokenAuth(HttpBearer):
    """`Authorization: Bearer ww_…` with a personal token; read tokens may only read."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        api_token = api_token_authenticate(token)
        if api_token is None:
            return None
        if request.method not in SAFE_METHODS and api_token.scope != ApiTokenScope.WRITE:
            return None
        request.user = api_token.user
        return api_token.user


class BrowserSessionAuth(SessionAuth):
    """The signed-in browser session (with CSRF protection for writes)."""


router = Router(tags=["accounts"])


class MeOut(Schema):
    id: int
    email: str
    first_name: str
    last_name: str
    preferred_language: str


@router.get("/me", response=MeOut, summary="The signed-in user")
def me(request: HttpRequest) -> Any:
    return request.user


class TokenIn(Schema):
    name: str = Field(..., min_length=1, max_length=100, pattern=r"\S")
    scope: Literal["read", "write"] = "read"
    valid_days: int = Field(365, ge=1, le=730)


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    scope: str
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None
    revoked_at: datetime | None


class IssuedTokenOut(TokenOut):
    secret: str


@router.get("/me/tokens", response=list[TokenOut], summary="My API tokens")
def token_list(request: HttpRequest) -> Any:
    return selectors.api_token_list_for(actor=signed_in_user(request))


@router.post("/me/tokens", response={201: IssuedTokenOut}, summary="Create an API token")
def token_create(request: HttpRequest, data: TokenIn) -> Any:
    issued = services.api_token_create(
        actor=signed_in_user(request), name=data.name, scope=data.scope, valid_days=data.valid_days
    )
    token = issued.token
    return Status(201, {**TokenOut.from_orm(token).dict(), "secret": issued.secret})


@router.delete("/me/tokens/{token_id}", response={204: None}, summary="Revoke an API token")
def token_revoke(request: HttpRequest, token_id: int) -> Any:
    token = selectors.api_token_get_for(actor=signed_in_user(request), token_id=token_id)
    if token is None:
        raise Http404
    services.api_token_revoke(actor=signed_in_user(request), token=token)
    return Status(204, None)

"""Reads of the accounts app."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest

from wegweiser.accounts.models import ApiToken, User


def api_token_list_for(*, actor: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=actor)


def api_token_get_for(*, actor: User, token_id: int) -> ApiToken | None:
    return ApiToken.objects.filter(user=actor, pk=token_id).first()


def signed_in_user(request: HttpRequest) -> User:
    """The request's user, behind the login that LoginRequiredMiddleware enforces on views."""
    assert isinstance(request.user, User)
    return request.user

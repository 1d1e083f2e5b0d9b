"""Writes of the accounts app."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from wegweiser.accounts.exceptions import AccountError
from wegweiser.accounts.models import ApiToken, ApiTokenScope, User
from wegweiser.core.services import audit_entry_create

TOKEN_PREFIX = "ww_"  # noqa: S105 - a public prefix, not a secret


def _hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def user_create(
    *,
    actor: User | None,
    email: str,
    password: str | None,
    first_name: str = "",
    last_name: str = "",
    language: str = "",
    email_verified: bool = False,
) -> User:
    email = email.strip().lower()
    with transaction.atomic():
        if User.objects.filter(email__iexact=email).exists():
            raise AccountError("exists")
        user = User.objects.create_user(
            email=email,
            password=password,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            preferred_language=language or settings.LANGUAGE_CODE,
        )
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=email_verified)
        audit_entry_create(
            actor=actor or user,
            action="user.create",
            obj=user,
            changed_fields=["email", "first_name", "last_name"],
        )
    return user


def user_set_language(*, actor: User, language: str) -> User:
    if language not in dict(settings.LANGUAGES):
        raise AccountError("unknown language")
    with transaction.atomic():
        if actor.preferred_language != language:
            actor.preferred_language = language
            actor.save(update_fields=["preferred_language"])
            audit_entry_create(
                actor=actor,
                action="user.set_language",
                obj=actor,
                changed_fields=["preferred_language"],
            )
    return actor


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str  # shown once, never stored


def api_token_create(
    *, actor: User, name: str, scope: str = ApiTokenScope.READ, valid_days: int | None = 365
) -> IssuedToken:
    name = name.strip()
    if not name:
        raise AccountError("name required")
    if scope not in ApiTokenScope.values:
        raise AccountError("unknown scope")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=actor,
            name=name[:100],
            prefix=secret[:12],
            secret_hash=_hash_secret(secret),
            scope=scope,
            expires_at=timezone.now() + timedelta(days=valid_days) if valid_days else None,
        )
        audit_entry_create(
            actor=actor,
            action="api_token.create",
            obj=token,
            changed_fields=["name", "scope", "expires_at"],
        )
    return IssuedToken(token=token, secret=secret)


def api_token_revoke(*, actor: User, token: ApiToken) -> ApiToken:
    if token.user_id != actor.pk:
        raise AccountError("not yours")
    with transaction.atomic():
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            audit_entry_create(
                actor=actor, action="api_token.revoke", obj=token, changed_fields=["revoked_at"]
            )
    return token


def api_token_authenticate(secret: str) -> ApiToken | None:
    """The active token for a presented secret, or None. Marks it used (at most once a minute)."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(secret_hash=_hash_secret(secret), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.is_active or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token

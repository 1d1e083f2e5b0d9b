"""Deny by default: every URL and API route refuses anonymous requests unless listed as public."""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

# Routes anyone may open, by name. Adding a name here is a decision a reviewer must see.
PUBLIC_ROUTES = {
    "core:home",
    "core:about",
    "core:health",
    "accounts:set_language",
    "network:invitation_accept",
    "api_docs",
    "api:openapi-json",
    "api:openapi-view",
    # allauth: signing in, recovering access, and the second factor step of signing in
    "account_login",
    "account_logout",
    "account_signup",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key",
    "account_reset_password_from_key_done",
    "account_confirm_email",
    "account_email_verification_sent",
    "account_inactive",
    "account_login_code_confirm",
    "account_request_login_code",
    "account_confirm_login_code",
    "account_reauthenticate",
    "mfa_authenticate",
    "mfa_reauthenticate",
    "account_reset_password_code_confirm",
    "account_reset_password_code",
    "account_email_verification_sent_code",
    "account_confirm_email_code",
    "mfa_login_webauthn",
    "mfa_signup_webauthn",
    "mfa_trust",
    # newsletter: sign-up, confirmation link, personal preferences and one-click unsubscribe links
    "comms:public_subscribe",
    "comms:public_confirm",
    "comms:public_preferences",
    "comms:public_unsubscribe",
}
# Views meant for everyone say so in their name: `public_…` (e.g. "events:public_list").


def _is_public(name: str) -> bool:
    return name in PUBLIC_ROUTES or name.rpartition(":")[2].startswith("public_")


def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}{pattern.name}" if pattern.name else ""
            yield prefix + str(pattern.pattern), name, pattern


def _concrete(route: str) -> str:
    route = route.lstrip("^").rstrip("$").replace("\\Z", "")
    route = re.sub(r"<int:\w+>", "1", route)
    route = re.sub(r"<(?:str|slug|path):\w+>", "x", route)
    route = re.sub(r"<uuid:\w+>", "00000000-0000-0000-0000-000000000000", route)
    route = re.sub(r"<\w+>", "x", route)
    route = re.sub(r"\(\?P<\w+>[^)]+\)", "x", route)
    return "/" + route.replace("\\.", ".").replace("\\", "")


def _routes():
    return sorted({(route, name) for route, name, _p in _walk(get_resolver().url_patterns)})


def test_inventory_is_not_empty():
    assert len(_routes()) > 20


@pytest.mark.parametrize(("route", "name"), _routes())
def test_anonymous_is_refused_unless_public(client, route, name):
    if _is_public(name):
        return
    url = _concrete(route)
    for method in ("get", "post"):
        response = getattr(client, method)(url)
        if url.startswith("/api/"):
            assert response.status_code in {401, 404, 405}, (method, url, response.status_code)
        else:
            allowed = {302, 404, 405}
            assert response.status_code in allowed, (method, url, response.status_code)
            if response.status_code == 302:
                assert "/accounts/login/" in response["Location"], (method, url)

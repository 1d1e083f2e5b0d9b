"""The JSON API: personal tokens (hashed, scoped, revocable), session, and first endpoints."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from wegweiser.accounts.models import ApiToken
from wegweiser.accounts.services import api_token_create, api_token_revoke

pytestmark = pytest.mark.django_db


def _bearer(secret):
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_token_is_stored_hashed_and_authenticates(world):
    issued = api_token_create(actor=world.staff, name="CRM")
    token = ApiToken.objects.get()
    assert issued.secret not in (token.secret_hash, token.prefix)
    response = Client().get("/api/v1/me", **_bearer(issued.secret))
    assert response.status_code == 200
    assert response.json()["email"] == world.staff.email


def test_revoked_expired_and_unknown_tokens_are_refused(world):
    issued = api_token_create(actor=world.staff, name="CRM")
    api_token_revoke(actor=world.staff, token=issued.token)
    assert Client().get("/api/v1/me", **_bearer(issued.secret)).status_code == 401
    assert Client().get("/api/v1/me", **_bearer("ww_nonsense")).status_code == 401
    assert Client().get("/api/v1/me").status_code == 401


def test_session_works_for_the_browser(world, client_for):
    assert client_for(world.staff).get("/api/v1/me").json()["email"] == world.staff.email


def test_organisations_endpoint_lists_only_visible_ones_and_404s_others(world):
    issued = api_token_create(actor=world.staff, name="CRM")
    client = Client()
    data = client.get("/api/v1/organisations", **_bearer(issued.secret)).json()
    names = {item["name"] for item in data["items"]}
    assert {"Backstube Test", "Andere Firma"} <= names
    assert "Fremde Firma" not in names
    other = client.get(f"/api/v1/organisations/{world.foreign.pk}", **_bearer(issued.secret))
    assert other.status_code == 404
    own = client.get(f"/api/v1/organisations/{world.company.pk}", **_bearer(issued.secret))
    assert own.json()["memberships"][0]["network"] == "Region Ost"


def test_bad_query_input_gives_4xx_not_500(world):
    issued = api_token_create(actor=world.staff, name="CRM")
    response = Client().get("/api/v1/organisations?page=abc", **_bearer(issued.secret))
    assert 400 <= response.status_code < 500
    response = Client().get("/api/v1/organisations/abc", **_bearer(issued.secret))
    assert 400 <= response.status_code < 500


def test_settings_page_creates_shows_once_and_revokes(world, client_for):
    client = client_for(world.staff)
    response = client.post(
        reverse("accounts:api_token_create"), {"name": "Sync", "scope": "read", "valid_days": 30}
    )
    secret = response.context["new_secret"]
    assert secret.startswith("ww_") and secret in response.content.decode()
    token = ApiToken.objects.get()
    assert secret not in client.get(reverse("accounts:settings")).content.decode()
    client.post(reverse("accounts:api_token_revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None
    # Someone else's token id gives 404.
    other = client_for(world.org_admin).post(reverse("accounts:api_token_revoke", args=[token.pk]))
    assert other.status_code == 404


def test_token_form_rejects_bad_input(world, client_for):
    response = client_for(world.staff).post(
        reverse("accounts:api_token_create"), {"name": "", "scope": "root", "valid_days": 0}
    )
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_tokens_are_managed_through_the_api_with_write_scope(world):
    write = api_token_create(actor=world.staff, name="admin", scope="write")
    read = api_token_create(actor=world.staff, name="reader")
    client = Client()
    created = client.post(
        "/api/v1/me/tokens",
        {"name": "Sync", "scope": "read"},
        content_type="application/json",
        **_bearer(write.secret),
    )
    assert created.status_code == 201
    body = created.json()
    assert body["secret"].startswith("ww_")
    assert client.get("/api/v1/me", **_bearer(body["secret"])).status_code == 200
    # A read token cannot write.
    denied = client.post(
        "/api/v1/me/tokens", {"name": "x"}, content_type="application/json", **_bearer(read.secret)
    )
    assert denied.status_code == 401
    listed = client.get("/api/v1/me/tokens", **_bearer(read.secret)).json()
    assert {t["name"] for t in listed} == {"admin", "reader", "Sync"}
    assert all("secret" not in t for t in listed)
    revoked = client.delete(f"/api/v1/me/tokens/{body['id']}", **_bearer(write.secret))
    assert revoked.status_code == 204
    assert client.get("/api/v1/me", **_bearer(body["secret"])).status_code == 401
    # Someone else's token id is unknown.
    other = api_token_create(actor=world.org_admin, name="x", scope="write")
    response = client.delete(f"/api/v1/me/tokens/{body['id']}", **_bearer(other.secret))
    assert response.status_code == 404


def test_token_api_refuses_bad_input_with_4xx(world):
    write = api_token_create(actor=world.staff, name="admin", scope="write")
    for payload in (
        {"name": ""},
        {"name": "   "},
        {"name": "x" * 101},
        {"name": "ok", "scope": "root"},
        {"name": "ok", "valid_days": 0},
    ):
        response = Client().post(
            "/api/v1/me/tokens", payload, content_type="application/json", **_bearer(write.secret)
        )
        assert 400 <= response.status_code < 500, payload


def test_absurd_page_numbers_are_refused_not_crashed(world):
    issued = api_token_create(actor=world.staff, name="CRM")
    for url in (
        "/api/v1/organisations?page=18989711696793613111008885446017024",
        "/api/v1/organisations?page_size=100000",
        "/api/v1/events?page=99999999999",
    ):
        response = Client().get(url, **_bearer(issued.secret))
        assert response.status_code == 422, url

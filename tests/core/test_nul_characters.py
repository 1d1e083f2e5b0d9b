"""A NUL character in an address or an API body is a clear 400, never a server error."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/events/?q=%00", "/knowledge/?q=a%00b", "/api/v1/offers?q=%00"])
def test_nul_in_the_query_string_is_refused(client, url):
    response = client.get(url)
    assert response.status_code == 400


def test_nul_in_a_json_body_is_refused_before_it_reaches_the_database(client, world):
    from wegweiser.accounts.models import ApiToken

    client.force_login(world.org_admin)
    before = ApiToken.objects.count()
    response = client.post(
        "/api/v1/me/tokens",
        data='{"name": "a\\u0000b", "scope": "read"}',
        content_type="application/json",
    )
    assert response.status_code == 400
    assert ApiToken.objects.count() == before


def test_an_ordinary_query_passes(client):
    assert client.get("/events/?q=Werkstatt").status_code in {200, 302}

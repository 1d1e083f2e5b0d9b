"""The knowledge API: authenticated, visibility-filtered, 404 for what one may not read."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_anonymous_gets_401(client_for, articles):
    assert client_for(None).get("/api/v1/knowledge/articles").status_code == 401


def test_search_and_detail(world, articles, client_for):
    client = client_for(world.other_admin)
    response = client.get("/api/v1/knowledge/articles", {"q": "Mitglieder"})
    assert response.status_code == 200
    assert [h["title"] for h in response.json()] == ["Für Mitglieder"]
    assert client.get(f"/api/v1/knowledge/articles/{articles.members.pk}").status_code == 200
    assert client.get(f"/api/v1/knowledge/articles/{articles.organisation.pk}").status_code == 404
    assert client.get(f"/api/v1/knowledge/articles/{articles.draft.pk}").status_code == 404
    assert client.get("/api/v1/knowledge/articles/999999").status_code == 404


def test_bad_query_is_4xx(world, client_for):
    response = client_for(world.staff).get("/api/v1/knowledge/articles", {"q": "x" * 300})
    assert response.status_code == 422


def test_vocabulary(world, vocabulary, client_for):
    response = client_for(world.staff).get("/api/v1/knowledge/vocabulary/elektrotechnik")
    assert response.status_code == 200
    data = response.json()
    assert data["kldb_groups"] == ["262", "263"]
    assert len(data["terms"]) >= 40
    assert client_for(world.staff).get("/api/v1/knowledge/vocabulary/nope").status_code == 404

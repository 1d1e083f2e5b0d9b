from __future__ import annotations

import json

import pytest

from tests.jobs.conftest import MUENCHEN, make_offer
from wegweiser.jobs.models import Offer

pytestmark = pytest.mark.django_db


def post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def patch(client, url, data):
    return client.patch(url, json.dumps(data), content_type="application/json")


NEW = {
    "offer_type": "job",
    "title": "Elektroniker/in",
    "occupation": "26212",
    "plz": "39104",
    "german_min": "B1",
    "licences": ["B"],
}


def test_anonymous_is_refused(client, world):
    offer = make_offer(world.company, is_public=True)
    assert client.get("/api/v1/offers").status_code == 401
    assert client.get(f"/api/v1/offers/{offer.pk}").status_code == 401
    assert post(client, "/api/v1/offers", NEW).status_code == 401
    assert post(client, "/api/v1/matching/try", {"occupations": ["26212"]}).status_code == 401


def test_list_and_detail_follow_visibility(world, client_for):
    mine = make_offer(world.company)
    draft = make_offer(world.company, publish=False)
    foreign = make_offer(world.foreign, coordinates=MUENCHEN, plz="80331")
    client = client_for(world.counsellor)
    ids = {o["id"] for o in client.get("/api/v1/offers").json()["items"]}
    assert ids == {mine.pk}
    assert client.get(f"/api/v1/offers/{mine.pk}").json()["occupation_code"] == "26212"
    assert client.get(f"/api/v1/offers/{draft.pk}").status_code == 404
    assert client.get(f"/api/v1/offers/{foreign.pk}").status_code == 404
    filtered = client.get("/api/v1/offers", {"offer_type": "job"}).json()["items"]
    assert filtered == []
    assert client.get("/api/v1/offers", {"plz": "abc"}).status_code == 422


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("employer", 201),
        ("org_admin", 201),
        ("staff", 404),
        ("coordinator", 404),
        ("other_admin", 404),
        ("foreign_admin", 404),
        ("counsellor", 404),
    ],
)
def test_create_only_for_own_company(world, client_for, role, expected):
    client = client_for(getattr(world, role))
    response = post(client, "/api/v1/offers", NEW | {"organisation_id": world.company.pk})
    assert response.status_code == expected, response.content
    assert Offer.objects.count() == (1 if expected == 201 else 0)


@pytest.mark.parametrize(
    ("changes", "status"),
    [
        ({"plz": "1234"}, 400),
        ({"occupation": "99999"}, 400),
        ({"start_date": "2020-01-01"}, 400),
        ({"start_date": "2099-02-01", "end_date": "2099-01-01"}, 400),
        ({"licences": ["Z"]}, 422),
        ({"title": "x" * 201}, 422),
    ],
)
def test_create_bad_input(world, client_for, changes, status):
    response = post(
        client_for(world.employer),
        "/api/v1/offers",
        NEW | {"organisation_id": world.company.pk} | changes,
    )
    assert response.status_code == status
    assert "detail" in response.json()
    assert not Offer.objects.exists()


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("employer", 200),
        ("org_admin", 200),
        ("coordinator", 200),
        ("staff", 404),
        ("other_admin", 404),
        ("foreign_admin", 404),
    ],
)
def test_update_matrix(world, client_for, role, expected):
    offer = make_offer(world.company)
    response = patch(
        client_for(getattr(world, role)),
        f"/api/v1/offers/{offer.pk}",
        {"title": "Neu", "status": "filled"},
    )
    assert response.status_code == expected
    offer.refresh_from_db()
    assert (offer.title == "Neu") is (expected == 200)
    if expected == 200:
        assert offer.status == "filled"


def test_matching_try_api(world, client_for):
    make_offer(world.company, title="Elektro", german_min="A2")
    body = {
        "occupations": ["26212"],
        "plz": "39104",
        "german": "A2",
        "permission": "needs_permission",
    }
    response = post(client_for(world.counsellor), "/api/v1/matching/try", body)
    assert response.status_code == 200
    data = response.json()
    assert data["suggestions"][0]["title"] == "Elektro"
    assert data["suggestions"][0]["reasons"][0]["code"] == "occupation_exact"
    assert post(client_for(world.employer), "/api/v1/matching/try", body).status_code == 404
    unknown = post(client_for(world.counsellor), "/api/v1/matching/try", body | {"plz": "99999"})
    assert unknown.status_code == 400
    bad = post(client_for(world.counsellor), "/api/v1/matching/try", {"occupations": ["262"]})
    assert bad.status_code == 422

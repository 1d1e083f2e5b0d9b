"""The matching API: offers for a participant, candidates for an offer, suggestions."""

from __future__ import annotations

from typing import Any

import pytest

from tests.jobs.conftest import make_offer
from tests.matching.conftest import candidate, profile_consent
from wegweiser.accounts.models import ApiTokenScope
from wegweiser.accounts.services import api_token_create
from wegweiser.core.models import AuditEntry
from wegweiser.matching import services
from wegweiser.matching.models import ContactAgreement, Suggestion
from wegweiser.participants.constants import FieldGroup

pytestmark = pytest.mark.django_db


def headers(user: Any) -> dict[str, str]:
    issued = api_token_create(actor=user, name="test", scope=ApiTokenScope.WRITE)
    return {"Authorization": f"Bearer {issued.secret}"}


def test_offers_for_a_participant(world, client):
    offer = make_offer(world.company, title="Elektro", german_min="B2")
    person = candidate(world, german_level="B1")
    url = f"/api/v1/matching/participants/{person.pk}/offers"
    response = client.get(url, headers=headers(world.counsellor))
    assert response.status_code == 200
    data = response.json()
    assert [s["offer_id"] for s in data["suggestions"]] == [offer.pk]
    assert data["suggestions"][0]["sentences"]
    assert data["what_would_help"]
    assert not data["place_missing"]
    for user in (world.employer, world.coordinator, world.foreign_admin):
        assert client.get(url, headers=headers(user)).status_code == 404
    assert client.get(url).status_code == 401


def test_candidates_for_an_offer_are_consented_and_anonymous(world, client):
    offer = make_offer(world.company)
    shown = candidate(world, first_name="Leyla", german_level="B2")
    profile_consent(world, shown, [FieldGroup.MOBILITY, FieldGroup.OCCUPATIONS])
    candidate(world)  # no consent
    url = f"/api/v1/matching/offers/{offer.pk}/candidates"
    response = client.get(url, headers=headers(world.employer))
    assert response.status_code == 200
    data = response.json()
    assert data["consented"] == 1
    [row] = data["candidates"]
    assert row["profile"]["handle"].startswith("K-")
    assert "german_level" not in row["profile"]["values"]
    assert "first_name" not in row["profile"]["values"]
    assert "Leyla" not in response.content.decode()
    assert row["sentences"]
    ContactAgreement.objects.create(participant=shown, employer=world.company)
    data = client.get(url, headers=headers(world.employer)).json()
    assert data["candidates"][0]["profile"]["values"]["first_name"] == "Leyla"
    for user in (world.counsellor, world.other_admin, world.staff, world.coordinator):
        assert client.get(url, headers=headers(user)).status_code == 404


def test_suggestion_create_list_and_transition(world, client):
    offer = make_offer(world.company)
    person = candidate(world)
    profile_consent(world, person)
    counsellor = headers(world.counsellor)
    response = client.post(
        "/api/v1/matching/suggestions",
        {"participant_id": person.pk, "offer_id": offer.pk},
        content_type="application/json",
        headers=counsellor,
    )
    assert response.status_code == 201
    created = response.json()
    assert created["status"] == "suggested" and set(created["allowed"]) == {"sent", "declined"}
    again = client.post(
        "/api/v1/matching/suggestions",
        {"participant_id": person.pk, "offer_id": offer.pk},
        content_type="application/json",
        headers=counsellor,
    )
    assert again.status_code == 409
    transition = f"/api/v1/matching/suggestions/{created['id']}/transition"
    # an employer cannot see it before it is sent
    employer = headers(world.employer)
    response = client.post(
        transition, {"to": "declined", "reason": "employer"}, "application/json", headers=employer
    )
    assert response.status_code == 404
    response = client.post(
        transition, {"to": "declined"}, content_type="application/json", headers=counsellor
    )
    assert response.status_code == 409  # no reason
    response = client.post(
        transition,
        {"to": "sent", "recipient": "employer"},
        content_type="application/json",
        headers=counsellor,
    )
    assert response.status_code == 200 and response.json()["status"] == "sent"
    listed = client.get(f"/api/v1/matching/suggestions?offer_id={offer.pk}", headers=employer)
    assert listed.status_code == 200
    [item] = listed.json()["items"]
    assert item["participant_id"] is None and item["handle"].startswith("K-")
    assert item["profile"] is not None
    mine = client.get(
        f"/api/v1/matching/suggestions?participant_id={person.pk}", headers=counsellor
    )
    assert mine.json()["items"][0]["participant_id"] == person.pk
    assert client.get("/api/v1/matching/suggestions", headers=counsellor).status_code == 400
    assert (
        client.get(
            f"/api/v1/matching/suggestions?participant_id={person.pk}", headers=employer
        ).status_code
        == 404
    )
    response = client.post(
        transition, {"to": "interested"}, content_type="application/json", headers=employer
    )
    assert response.status_code == 200
    assert AuditEntry.objects.filter(action="suggestion.interested").count() == 1
    assert Suggestion.objects.get().status == "interested"


def test_api_refuses_a_suggestion_for_another_projects_participant(world, client):
    from tests.conftest import make_organisation, make_user
    from wegweiser.network.constants import OrganisationType, RoleKind

    offer = make_offer(world.company)
    person = candidate(world)
    project = make_organisation(
        world.region, name="Zweites Projekt", org_type=OrganisationType.COUNSELLING_PROJECT
    )
    other = make_user(email="api-other@example.org")
    world.grant(other, project, RoleKind.COUNSELLOR)
    response = client.post(
        "/api/v1/matching/suggestions",
        {"participant_id": person.pk, "offer_id": offer.pk},
        content_type="application/json",
        headers=headers(other),
    )
    assert response.status_code == 404
    assert not Suggestion.objects.exists()
    suggestion = services.suggestion_create(actor=world.counsellor, participant=person, offer=offer)
    response = client.post(
        f"/api/v1/matching/suggestions/{suggestion.pk}/transition",
        {"to": "declined", "reason": "other"},
        content_type="application/json",
        headers=headers(other),
    )
    assert response.status_code == 404


def test_api_errors_speak_the_reader_s_language(world, client_for):
    url = "/api/v1/matching/suggestions"
    world.counsellor.preferred_language = "de"
    world.counsellor.save(update_fields=["preferred_language"])
    german = client_for(world.counsellor).get(url)
    assert german.status_code == 400
    assert german.json()["detail"] == "Geben Sie entweder participant_id oder offer_id an."
    world.counsellor.preferred_language = "uk"
    world.counsellor.save(update_fields=["preferred_language"])
    ukrainian = client_for(world.counsellor).get(url)
    assert ukrainian.json()["detail"] == "Вкажіть participant_id або offer_id."

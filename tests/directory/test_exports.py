"""Open-data exports: HSDS-style JSON and GeoJSON."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_hsds_export_shape(world, client_for, make_service):
    make_service(
        world.counselling,
        name="Lotsenhaus",
        external_id="lotse-1",
        plz="06108",
        languages=["de", "prs"],
        topics=["recognition"],
        hours="Mon 09:00-12:00",
        by_appointment_only=True,
    )
    response = client_for(None).get(reverse("directory:public_export_hsds"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    document = json.loads(response.content)
    assert document["hsds_version"] == "3.0"
    assert document["total_items"] == 1
    assert "GeoNames" in document["attribution"]
    service = document["contents"][0]
    assert service["id"] == "lotse-1"
    assert service["name"] == "Lotsenhaus"
    assert service["organization"] == {"id": world.counselling.slug, "name": world.counselling.name}
    assert [lang["code"] for lang in service["languages"]] == ["de", "prs"]
    assert service["schedules"] == [
        {
            "id": "lotse-1-hours-0-0900",
            "freq": "WEEKLY",
            "byday": "MO",
            "opens_at": "09:00",
            "closes_at": "12:00",
        }
    ]
    terms = {
        (a["taxonomy_term"]["taxonomy"], a["taxonomy_term"]["code"]) for a in service["attributes"]
    }
    assert ("topic", "recognition") in terms
    assert ("language", "prs") in terms
    location = service["service_at_locations"][0]["location"]
    assert location["addresses"][0]["postal_code"] == "06108"
    assert location["addresses"][0]["country"] == "DE"
    assert location["latitude"] == pytest.approx(51.483)
    assert service["x_wegweiser"]["by_appointment_only"] is True
    assert [a["description"] for a in location["accessibility"]] == ["step_free_access"]


def test_geojson_export_shape_and_filters(world, client_for, make_service):
    make_service(world.counselling, name="Halle", plz="06108", languages=["prs"])
    make_service(world.counselling, name="München", plz="80331", languages=["prs"])
    make_service(world.counselling, name="Magdeburg", plz="39104", languages=["ar"])
    response = client_for(None).get(
        reverse("directory:public_export_geojson"),
        {"plz": "39104", "radius": "150", "language": "prs"},
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    document = json.loads(response.content)
    assert document["type"] == "FeatureCollection"
    (feature,) = document["features"]
    assert feature["properties"]["name"] == "Halle"
    lon, lat = feature["geometry"]["coordinates"]
    assert (lat, lon) == pytest.approx((51.483, 11.972))
    assert feature["properties"]["distance_km"] > 50
    assert feature["properties"]["url"].startswith("http")


def test_archived_services_are_not_exported(world, client_for, make_service):
    from wegweiser.directory.models import Service

    service = make_service(world.counselling)
    Service.objects.filter(pk=service.pk).update(status="archived", archived_at="2026-01-01T00:00Z")
    document = json.loads(client_for(None).get(reverse("directory:public_export_geojson")).content)
    assert document["features"] == []


@pytest.mark.parametrize(
    "route", ["directory:public_export_hsds", "directory:public_export_geojson"]
)
def test_export_bad_input_is_a_400_with_a_message(world, client_for, postcodes, route):
    response = client_for(None).get(reverse(route), {"plz": "0000x", "radius": "900"})
    assert response.status_code == 400
    detail = json.loads(response.content)["detail"]
    assert set(detail) == {"plz", "radius"}


def test_api_search_is_public_and_sorted(world, client_for, make_service):
    make_service(world.counselling, name="Halle", plz="06108", languages=["prs"])
    make_service(world.counselling, name="Magdeburg", plz="39104", languages=["prs"])
    make_service(world.counselling, name="München", plz="80331", languages=["prs"])
    response = client_for(None).get(
        "/api/v1/directory/services", {"plz": "39104", "radius": 150, "language": "prs"}
    )
    assert response.status_code == 200
    names = [s["name"] for s in response.json()]
    assert names == ["Magdeburg", "Halle"]
    assert response.json()[0]["languages"] == ["prs"]


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"plz": "12a45"}, 400),
        ({"plz": "99999"}, 400),
        ({"plz": "39104", "radius": 0}, 422),
        ({"plz": "39104", "radius": 201}, 422),
        ({"topic": "astrology"}, 400),
        ({"language": "xx"}, 400),
    ],
)
def test_api_search_bad_input(world, client_for, postcodes, params, status):
    response = client_for(None).get("/api/v1/directory/services", params)
    assert response.status_code == status
    assert response.json()["detail"]

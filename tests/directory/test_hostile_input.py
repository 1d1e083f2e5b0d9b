"""Hostile input: markup, bidi controls, zero-width characters and very long text."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wegweiser.directory.models import Service

pytestmark = pytest.mark.django_db

HOSTILE = [
    "<script>alert(1)</script>",
    "\u202eevil\u202c Beratung",
    "Zero\u200bwidth\u200dname",
    "مرکز مشاوره <b>bold</b>",
]


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_are_stored_and_escaped(world, client_for, postcodes, name):
    client = client_for(world.counsellor)
    data = {
        "organisation": world.counselling.pk,
        "name": name,
        "description": name * 3,
        "topics": ["recognition"],
        "languages": ["de"],
        "plz": "39104",
    }
    response = client.post(reverse("directory:service_create"), data)
    assert response.status_code == 302
    service = Service.objects.get()
    assert service.name == name
    page = client_for(None).get(reverse("directory:public_service_detail", args=[service.pk]))
    content = page.content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "<b>bold</b>" not in content


def test_ten_thousand_characters_are_refused_cleanly(world, client_for, postcodes):
    client = client_for(world.counsellor)
    data = {
        "organisation": world.counselling.pk,
        "name": "x" * 10_000,
        "description": "y" * 10_000,
        "topics": ["recognition"],
        "languages": ["de"],
        "plz": "39104",
        "opening_hours": "Mo 09:00-10:00\n" * 700,
    }
    response = client.post(reverse("directory:service_create"), data)
    assert response.status_code == 400
    assert set(response.context["form"].errors) >= {"name", "description", "opening_hours"}
    assert not Service.objects.exists()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    plz=st.text(max_size=12),
    radius=st.text(max_size=8),
    topic=st.text(max_size=20),
    language=st.sampled_from(["", "prs", "xx", "<b>"]),
)
def test_search_never_fails_on_random_input(postcodes, plz, radius, topic, language):
    response = Client().get(
        reverse("directory:public_map"),
        {"plz": plz, "radius": radius, "topic": topic, "language": language},
    )
    assert response.status_code in {200, 400}
    export = Client().get(
        reverse("directory:public_export_geojson"), {"plz": plz, "radius": radius}
    )
    assert export.status_code in {200, 400}

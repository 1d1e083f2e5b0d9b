"""Organisation and membership routes: the role × organisation matrix."""

from __future__ import annotations

import pytest
from django.urls import reverse

from wegweiser.core.models import AuditEntry

pytestmark = pytest.mark.django_db

# (user attribute, organisation attribute, route) -> expected status
VIEW = "network:organisation_detail"
EDIT = "network:organisation_edit"
PEOPLE = "network:organisation_people"

MATRIX = [
    # The coordinator sees and manages every organisation of the networks they coordinate.
    ("coordinator", "company", VIEW, 200),
    ("coordinator", "company", EDIT, 200),
    ("coordinator", "company", PEOPLE, 200),
    ("coordinator", "foreign", VIEW, 404),
    ("coordinator", "foreign", EDIT, 404),
    ("coordinator", "foreign", PEOPLE, 404),
    # An organisation admin manages their own organisation and sees the others of the network.
    ("org_admin", "company", VIEW, 200),
    ("org_admin", "company", EDIT, 200),
    ("org_admin", "company", PEOPLE, 200),
    ("org_admin", "other_company", VIEW, 200),
    ("org_admin", "other_company", EDIT, 404),
    ("org_admin", "other_company", PEOPLE, 404),
    ("org_admin", "foreign", VIEW, 404),
    ("org_admin", "foreign", EDIT, 404),
    # Staff, counsellors and employer contacts read the directory but change nothing.
    ("staff", "company", VIEW, 200),
    ("staff", "company", EDIT, 404),
    ("staff", "company", PEOPLE, 404),
    ("counsellor", "company", VIEW, 200),
    ("counsellor", "company", EDIT, 404),
    ("employer", "company", EDIT, 404),
    ("employer", "company", PEOPLE, 404),
    ("counsellor", "foreign", VIEW, 404),
    # Another network's admin sees nothing of this network.
    ("foreign_admin", "company", VIEW, 404),
    ("foreign_admin", "company", EDIT, 404),
    ("foreign_admin", "foreign", EDIT, 200),
    # A signed-in person without a role sees nothing.
    ("outsider", "company", VIEW, 404),
    ("outsider", "company", EDIT, 404),
]


@pytest.mark.parametrize(("who", "which", "route", "expected"), MATRIX)
def test_organisation_route_matrix(world, client_for, who, which, route, expected):
    organisation = getattr(world, which)
    response = client_for(getattr(world, who)).get(reverse(route, args=[organisation.pk]))
    assert response.status_code == expected


@pytest.mark.parametrize("route", [VIEW, EDIT, PEOPLE])
def test_anonymous_is_sent_to_login(world, client_for, route):
    response = client_for(None).get(reverse(route, args=[world.company.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_unknown_id_gives_404(world, client_for):
    response = client_for(world.coordinator).get(reverse(VIEW, args=[999_999]))
    assert response.status_code == 404


def test_directory_lists_only_own_federation(world, client_for):
    response = client_for(world.staff).get(reverse("network:organisation_list"))
    names = [o.name for o in response.context["listing"].page.object_list]
    assert "Andere Firma" in names
    assert "Fremde Firma" not in names


def test_directory_filters_and_htmx_partial(world, client_for):
    client = client_for(world.coordinator)
    response = client.get(
        reverse("network:organisation_list"), {"q": "Halle"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Backstube Test" in content
    assert "Beratung Test" not in content
    assert "<html" not in content  # only the partial


def test_edit_writes_through_service_with_audit(world, client_for):
    client = client_for(world.org_admin)
    data = {
        "name": "Backstube Neu",
        "org_type": "company",
        "plz": "06108",
        "city": "Halle (Saale)",
        "bundesland": "ST",
        "size_band": "",
        "sector": "",
        "street": "",
        "district": "",
        "website": "",
        "email": "",
        "phone": "",
        "description": "",
    }
    response = client.post(reverse(EDIT, args=[world.company.pk]), data)
    assert response.status_code == 302
    world.company.refresh_from_db()
    assert world.company.name == "Backstube Neu"
    entry = AuditEntry.objects.filter(action="organisation.update").get()
    assert entry.actor == world.org_admin
    assert entry.changed_fields == ["name"]
    assert "Backstube Neu" not in str(entry.changed_fields)


def test_edit_with_bad_postcode_is_refused_and_changes_nothing(world, client_for):
    client = client_for(world.org_admin)
    data = {"name": "X", "org_type": "company", "plz": "1234", "city": "Halle", "bundesland": "ST"}
    response = client.post(reverse(EDIT, args=[world.company.pk]), data)
    assert response.status_code == 400
    assert "five digits" in response.content.decode() or "fünf" in response.content.decode()
    world.company.refresh_from_db()
    assert world.company.name == "Backstube Test"
    assert not AuditEntry.objects.filter(action="organisation.update").exists()

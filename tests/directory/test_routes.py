"""Advisory map routes: public reads, the maintainer matrix, validation and audit entries."""

from __future__ import annotations

import pytest
from django.urls import reverse

from wegweiser.core.models import AuditEntry
from wegweiser.core.navigation import nav_links_for
from wegweiser.directory.models import Service

pytestmark = pytest.mark.django_db

PUBLIC = ["directory:public_map", "directory:public_export_hsds", "directory:public_export_geojson"]
EDIT = "directory:service_edit"
ARCHIVE = "directory:service_archive"
RESTORE = "directory:service_restore"

# (user, organisation owning the service) -> may maintain it
MATRIX = [
    ("coordinator", "counselling", True),
    ("coordinator", "company", True),
    ("coordinator", "foreign", False),
    ("counsellor", "counselling", True),
    ("counsellor", "company", False),
    ("org_admin", "company", True),
    ("org_admin", "counselling", False),
    ("org_admin", "other_company", False),
    ("staff", "company", True),
    ("staff", "counselling", False),
    ("employer", "company", False),
    ("other_admin", "company", False),
    ("foreign_admin", "company", False),
    ("foreign_admin", "foreign", True),
    ("funder", "counselling", False),
    ("outsider", "counselling", False),
]


@pytest.mark.parametrize("route", PUBLIC)
def test_public_routes_need_no_login(world, client_for, make_service, route):
    make_service(world.counselling)
    assert client_for(None).get(reverse(route)).status_code == 200


def test_public_detail_and_archived_detail(world, client_for, make_service):
    service = make_service(world.counselling, name="Offene Tür")
    url = reverse("directory:public_service_detail", args=[service.pk])
    response = client_for(None).get(url)
    assert response.status_code == 200
    assert "Offene Tür" in response.content.decode()
    Service.objects.filter(pk=service.pk).update(status="archived", archived_at="2026-01-01T00:00Z")
    assert client_for(None).get(url).status_code == 404
    assert client_for(world.org_admin).get(url).status_code == 404
    assert client_for(world.counsellor).get(url).status_code == 200
    assert (
        client_for(None).get(reverse("directory:public_service_detail", args=[999_999])).status_code
        == 404
    )


@pytest.mark.parametrize(("who", "which", "allowed"), MATRIX)
def test_maintainer_matrix(world, client_for, make_service, who, which, allowed):
    service = make_service(getattr(world, which))
    client = client_for(getattr(world, who))
    assert client.get(reverse(EDIT, args=[service.pk])).status_code == (200 if allowed else 404)
    response = client.post(reverse(ARCHIVE, args=[service.pk]))
    assert response.status_code == (302 if allowed else 404)
    service.refresh_from_db()
    assert service.status == ("archived" if allowed else "active")
    response = client.post(reverse(RESTORE, args=[service.pk]))
    assert response.status_code == (302 if allowed else 404)


@pytest.mark.parametrize("route", [EDIT, ARCHIVE, RESTORE])
def test_anonymous_is_sent_to_login(world, client_for, make_service, route):
    service = make_service(world.counselling)
    client = client_for(None)
    response = client.post(reverse(route, args=[service.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize(
    "route",
    ["directory:service_manage_list", "directory:service_create", "directory:service_import"],
)
def test_manage_pages_refuse_anonymous(world, client_for, route):
    response = client_for(None).get(reverse(route))
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("who", "manage", "create", "import_"),
    [
        ("coordinator", 200, 200, 200),
        ("org_admin", 200, 200, 404),
        ("staff", 200, 200, 404),
        ("counsellor", 200, 200, 404),
        ("employer", 404, 404, 404),
        ("funder", 404, 404, 404),
        ("outsider", 404, 404, 404),
    ],
)
def test_manage_pages_by_role(world, client_for, postcodes, who, manage, create, import_):
    client = client_for(getattr(world, who))
    assert client.get(reverse("directory:service_manage_list")).status_code == manage
    assert client.get(reverse("directory:service_create")).status_code == create
    assert client.get(reverse("directory:service_import")).status_code == import_


def test_manage_list_shows_only_own_services(world, client_for, make_service):
    make_service(world.company, name="Eigener Dienst")
    make_service(world.counselling, name="Fremder Dienst")
    response = client_for(world.staff).get(reverse("directory:service_manage_list"))
    names = {s.name for s in response.context["listing"].page.object_list}
    assert names == {"Eigener Dienst"}


def _form(**overrides):
    data = {
        "organisation": "",
        "name": "Sprechstunde Anerkennung",
        "description": "",
        "topics": ["recognition"],
        "languages": ["prs", "de"],
        "audiences": ["refugees"],
        "plz": "06108",
        "city": "",
        "opening_hours": "Mo 09:00-12:00\nMi 14:00-18:00",
        "by_appointment_only": "on",
        "step_free_access": "on",
    }
    data.update(overrides)
    return data


def test_create_writes_service_and_one_audit_entry(world, client_for, postcodes):
    client = client_for(world.counsellor)
    response = client.post(
        reverse("directory:service_create"), _form(organisation=world.counselling.pk)
    )
    assert response.status_code == 302
    service = Service.objects.get(name="Sprechstunde Anerkennung")
    assert service.organisation == world.counselling
    assert service.city == "Halle"  # from the postcode
    assert service.languages == ["de", "prs"]
    assert service.by_appointment_only
    assert [(h.weekday, h.opens_at.hour) for h in service.opening_hours.all()] == [(0, 9), (2, 14)]
    entries = AuditEntry.objects.filter(action="service.create", object_id=str(service.pk))
    assert entries.count() == 1
    assert entries[0].organisation_id == world.counselling.pk
    assert "plz" in entries[0].changed_fields


def test_create_for_a_foreign_organisation_is_refused(world, client_for, postcodes):
    client = client_for(world.counsellor)
    response = client.post(
        reverse("directory:service_create"), _form(organisation=world.company.pk)
    )
    assert response.status_code == 400
    assert not Service.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"plz": "1234"}, "plz", "five digits"),
        ({"plz": "99999"}, "plz", "We do not know the postcode 99999"),
        ({"opening_hours": "Montag früh"}, "opening_hours", "Could not read"),
        ({"opening_hours": "Mo 12:00-09:00"}, "opening_hours", "closing time"),
        ({"topics": []}, "topics", "required"),
        ({"name": "x" * 201}, "name", "200"),
        ({"website": "javascript:alert(1)"}, "website", "URL"),
    ],
)
def test_create_with_bad_input_writes_nothing(
    world, client_for, postcodes, overrides, field, message
):
    world.counsellor.preferred_language = "en"
    world.counsellor.save(update_fields=["preferred_language"])
    client = client_for(world.counsellor)
    data = _form(organisation=world.counselling.pk, **overrides)
    response = client.post(
        reverse("directory:service_create"), data, headers={"Accept-Language": "en"}
    )
    assert response.status_code == 400
    errors = " ".join(str(e) for e in response.context["form"].errors[field])
    assert message in errors
    assert not Service.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="service.").exists()


def test_edit_changes_and_audits_only_what_changed(world, client_for, make_service):
    service = make_service(world.company, name="Alt", plz="39104")
    client = client_for(world.org_admin)
    url = reverse(EDIT, args=[service.pk])
    initial = client.get(url).context["form"].initial
    assert initial["opening_hours"] == "Mon 09:00-12:00"
    data = _form(
        name="Neu",
        plz="39104",
        languages=["de", "ar"],
        opening_hours="Mon 09:00-12:00",
        by_appointment_only="",
        audiences=["refugees"],
    )
    response = client.post(url, data)
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.name == "Neu"
    entry = AuditEntry.objects.get(action="service.update")
    assert entry.changed_fields == ["name"]
    # The organisation cannot be changed by editing (the field is disabled).
    client.post(url, data | {"organisation": world.other_company.pk})
    service.refresh_from_db()
    assert service.organisation == world.company


def test_archive_and_restore_write_audit_entries(world, client_for, make_service):
    service = make_service(world.company)
    client = client_for(world.org_admin)
    client.post(reverse(ARCHIVE, args=[service.pk]))
    client.post(reverse(ARCHIVE, args=[service.pk]))  # twice: no second entry
    client.post(reverse(RESTORE, args=[service.pk]))
    actions = list(
        AuditEntry.objects.filter(action__in=["service.archive", "service.restore"])
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["service.archive", "service.restore"]


def test_get_on_archive_is_not_allowed(world, client_for, make_service):
    service = make_service(world.company)
    assert client_for(world.org_admin).get(reverse(ARCHIVE, args=[service.pk])).status_code == 405


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"plz": "12a45"}, "five digits"),
        ({"plz": "123456"}, "five digits"),
        ({"plz": "99999"}, "We do not know the postcode 99999"),
        ({"plz": "39104", "radius": "0"}, "between 1 and 200 km"),
        ({"plz": "39104", "radius": "201"}, "between 1 and 200 km"),
        ({"plz": "39104", "radius": "zehn"}, "between 1 and 200 km"),
        ({"topic": "astrology"}, "valid choice"),
    ],
)
def test_search_form_errors(world, client_for, postcodes, params, message):
    response = client_for(None).get(
        reverse("directory:public_map"), params, headers={"Accept-Language": "en"}
    )
    assert response.status_code == 400
    assert message in response.content.decode()


def test_search_form_errors_in_german(world, client_for, postcodes):
    client = client_for(None)
    client.cookies["wegweiser_language"] = "de"
    response = client.get(
        reverse("directory:public_map"),
        {"plz": "39104", "radius": "500"},
        headers={"Accept-Language": "de"},
    )
    assert response.status_code == 400
    assert "zwischen 1 und 200 km" in response.content.decode()


def test_search_page_lists_by_distance_and_feeds_the_map(world, client_for, make_service):
    make_service(world.counselling, name="Halle-Dienst", plz="06108")
    make_service(world.counselling, name="Magdeburg-Dienst", plz="39104")
    make_service(world.counselling, name="Münchner Dienst", plz="80331")
    response = client_for(None).get(
        reverse("directory:public_map"), {"plz": "39104", "radius": "100"}
    )
    assert response.status_code == 200
    hits = response.context["listing"].page.object_list
    assert [h.service.name for h in hits] == ["Magdeburg-Dienst", "Halle-Dienst"]
    content = response.content.decode()
    assert 'id="directory-map-data" type="application/json"' in content
    assert "vendor/leaflet/leaflet.css" in content
    assert "<script>" not in content  # no inline scripts
    markers = response.context["map_data"]["markers"]
    assert [m["name"] for m in markers] == ["Magdeburg-Dienst", "Halle-Dienst"]


def test_search_htmx_partial(world, client_for, make_service):
    make_service(world.counselling, name="Dari-Dienst", languages=["prs"])
    response = client_for(None).get(
        reverse("directory:public_map"), {"language": "prs"}, headers={"HX-Request": "true"}
    )
    content = response.content.decode()
    assert "Dari-Dienst" in content
    assert "<html" not in content
    assert "directory-map-data" in content
    # The same URL gives a partial or a page: caches (and the back button) must tell them apart.
    assert "HX-Request" in response["Vary"]
    restore = client_for(None).get(
        reverse("directory:public_map"),
        {"language": "prs"},
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    assert "<html" in restore.content.decode()


def test_search_page_query_count_is_fixed(
    world, client_for, make_service, django_assert_max_num_queries
):
    for _ in range(3):
        make_service(world.counselling)
    client = client_for(None)
    url = reverse("directory:public_map")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url, {"plz": "39104", "radius": "50"})
    for _ in range(12):
        make_service(world.company)
    with CaptureQueriesContext(connection) as many:
        client.get(url, {"plz": "39104", "radius": "50"})
    assert len(many) == len(few)


def test_nav_item_is_public(world, rf):
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/")
    request.user = AnonymousUser()
    assert "advisory_map" in {link.key for link in nav_links_for(request)}
    assert "advisory_map_manage" not in {link.key for link in nav_links_for(request)}

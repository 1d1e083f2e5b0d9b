"""Every route of the jobs app: role × organisation × object, filters, bad input, query counts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import make_user
from tests.jobs.conftest import HALLE, MUENCHEN, make_offer
from wegweiser.jobs.constants import OfferStatus
from wegweiser.jobs.models import Offer
from wegweiser.network.constants import RoleKind

ROLES = [
    "coordinator",
    "org_admin",
    "staff",
    "counsellor",
    "employer",
    "other_admin",
    "foreign_admin",
    "funder",
    "outsider",
    None,
]


def user_of(world, role):
    return getattr(world, role) if role else None


@pytest.fixture
def offers(world):
    return {
        "published": make_offer(world.company, title="Veröffentlicht"),
        "public": make_offer(world.company, title="Öffentlich", is_public=True),
        "draft": make_offer(world.company, title="Entwurf", publish=False),
        "foreign": make_offer(world.foreign, title="Fremd", coordinates=MUENCHEN, plz="80331"),
    }


# Expected status of GET on each route, by role (anonymous: redirect to login = 302).
DETAIL_VIEW = {
    # role: (published, public, draft, foreign)
    "coordinator": (200, 200, 200, 404),
    "org_admin": (200, 200, 200, 404),
    "staff": (200, 200, 404, 404),
    "counsellor": (200, 200, 404, 404),
    "employer": (200, 200, 200, 404),
    "other_admin": (200, 200, 404, 404),
    "foreign_admin": (404, 200, 404, 200),
    "funder": (200, 200, 404, 404),
    "outsider": (404, 200, 404, 404),
    None: (302, 302, 302, 302),
}
EDIT = {
    "coordinator": (200, 200, 200, 404),
    "org_admin": (200, 200, 200, 404),
    "staff": (404, 404, 404, 404),
    "counsellor": (404, 404, 404, 404),
    "employer": (200, 200, 200, 404),
    "other_admin": (404, 404, 404, 404),
    "foreign_admin": (404, 404, 404, 200),
    "funder": (404, 404, 404, 404),
    "outsider": (404, 404, 404, 404),
    None: (302, 302, 302, 302),
}
KEYS = ("published", "public", "draft", "foreign")


@pytest.mark.parametrize("role", ROLES)
def test_detail_and_edit_matrix(world, offers, client_for, role):
    client = client_for(user_of(world, role))
    for key, expected in zip(KEYS, DETAIL_VIEW[role], strict=True):
        url = reverse("jobs:offer_detail", args=[offers[key].pk])
        assert client.get(url).status_code == expected, (role, key, "view")
    for key, expected in zip(KEYS, EDIT[role], strict=True):
        url = reverse("jobs:offer_edit", args=[offers[key].pk])
        assert client.get(url).status_code == expected, (role, key, "edit")
        status_url = reverse("jobs:offer_status", args=[offers[key].pk])
        response = client.post(status_url, {"status": "filled"})
        assert response.status_code == (302 if expected == 200 else expected), (role, key)
    assert client.get(reverse("jobs:offer_detail", args=[999999])).status_code in {302, 404}


@pytest.mark.parametrize("role", ROLES)
def test_public_routes_show_public_published_offers_only(world, offers, client_for, role):
    client = client_for(user_of(world, role))
    response = client.get(reverse("jobs:public_offer_list"))
    assert response.status_code == 200
    assert [o.pk for o in response.context["listing"].page.object_list] == [offers["public"].pk]
    for key in KEYS:
        url = reverse("jobs:public_offer_detail", args=[offers[key].pk])
        assert client.get(url).status_code == (200 if key == "public" else 404)


LIST_SEES = {
    "coordinator": {"published", "public"},
    "org_admin": {"published", "public"},
    "staff": {"published", "public"},
    "counsellor": {"published", "public"},
    "employer": {"published", "public"},
    "other_admin": {"published", "public"},
    "foreign_admin": {"public", "foreign"},
    "funder": {"published", "public"},
    "outsider": {"public"},
}


@pytest.mark.parametrize("role", [r for r in ROLES if r])
def test_network_list_matrix(world, offers, client_for, role):
    response = client_for(user_of(world, role)).get(reverse("jobs:offer_list"))
    assert response.status_code == 200
    seen = {o.pk for o in response.context["listing"].page.object_list}
    assert seen == {offers[k].pk for k in LIST_SEES[role]}


def test_anonymous_network_routes_redirect_to_login(client, offers):
    for name in ("jobs:offer_list", "jobs:offer_create", "jobs:offer_manage_list"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    ("role", "create", "manage"),
    [
        ("coordinator", 404, 200),
        ("org_admin", 200, 200),
        ("employer", 200, 200),
        ("staff", 404, 404),
        ("counsellor", 404, 404),
        ("funder", 404, 404),
        ("outsider", 404, 404),
        ("foreign_admin", 200, 200),
    ],
)
def test_create_and_manage_list_access(world, offers, client_for, role, create, manage):
    client = client_for(user_of(world, role))
    assert client.get(reverse("jobs:offer_create")).status_code == create
    response = client.get(reverse("jobs:offer_manage_list"))
    assert response.status_code == manage
    if role == "employer":
        seen = {o.pk for o in response.context["listing"].page.object_list}
        assert seen == {offers["published"].pk, offers["public"].pk, offers["draft"].pk}
    if role == "coordinator":
        seen = {o.pk for o in response.context["listing"].page.object_list}
        assert offers["foreign"].pk not in seen and offers["draft"].pk in seen


def test_org_admin_of_a_counselling_project_cannot_post(world, client_for):
    admin = make_user()
    world.grant(admin, world.counselling, RoleKind.ORG_ADMIN)
    assert client_for(admin).get(reverse("jobs:offer_create")).status_code == 404


def form_data(world, **changes):
    return {
        "organisation": world.company.pk,
        "offer_type": "apprenticeship",
        "title": "Ausbildung Bäcker/in",
        "occupation": "29302 Berufe in der Herstellung von Backwaren",
        "plz": "06108",
        "city": "Halle (Saale)",
        "working_time": "full",
        "german_min": "A2",
        "licences": ["B"],
        "open_to_refugees": "on",
        "publish": "1",
    } | changes


def test_employer_posts_an_offer(world, client_for):
    response = client_for(world.employer).post(reverse("jobs:offer_create"), form_data(world))
    offer = Offer.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("jobs:offer_detail", args=[offer.pk])
    assert offer.organisation == world.company
    assert offer.occupation_id == "29302"
    assert offer.status == OfferStatus.PUBLISHED
    assert offer.licences == ["B"]
    assert offer.created_by == world.employer


def test_employer_cannot_post_for_another_organisation(world, client_for):
    response = client_for(world.employer).post(
        reverse("jobs:offer_create"), form_data(world, organisation=world.other_company.pk)
    )
    assert response.status_code == 400
    assert not Offer.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "text"),
    [
        ({"plz": "123"}, "plz", "five digits"),
        ({"occupation": "99999"}, "occupation", "Choose an occupation"),
        ({"occupation": "Bäcker"}, "occupation", "Choose an occupation"),
        ({"start_date": "2020-01-01"}, "start_date", "past"),
        ({"start_date": "2099-05-01", "end_date": "2099-04-01"}, "end_date", "before the start"),
        ({"title": ""}, "title", "required"),
    ],
)
def test_bad_input_gets_clear_messages(world, client_for, changes, field, text, settings):
    settings.LANGUAGE_CODE = "en"
    client = client_for(world.employer)
    response = client.post(
        reverse("jobs:offer_create"), form_data(world, **changes), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert field in errors, errors
    assert not Offer.objects.exists()


def test_edit_keeps_organisation_and_audits(world, offers, client_for):
    offer = offers["draft"]
    data = form_data(world, title="Geändert")
    data.pop("organisation")
    response = client_for(world.org_admin).post(reverse("jobs:offer_edit", args=[offer.pk]), data)
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.title == "Geändert" and offer.organisation == world.company


def test_filters(world, client_for):
    make_offer(world.company, title="Nah", offer_type="job", german_min="A2")
    make_offer(
        world.company,
        title="Halle",
        plz="06108",
        city="Halle",
        coordinates=HALLE,
        offer_type="internship",
        working_time="part",
        german_min="C1",
        occupation="29302",
    )
    make_offer(world.company, title="Ohne Ort", plz="01067", coordinates=None)
    client = client_for(world.counsellor)

    def titles(**params):
        response = client.get(reverse("jobs:offer_list"), params)
        assert response.status_code == 200
        return {o.title for o in response.context["listing"].page.object_list}

    assert titles(offer_type="internship") == {"Halle"}
    assert titles(occupation_group="29") == {"Halle"}
    assert titles(german_max="B1") == {"Nah", "Ohne Ort"}
    assert titles(working_time="part") == {"Halle"}
    assert titles(plz="39104", radius_km=20) == {"Nah"}
    assert titles(plz="39104", radius_km=100) == {"Nah", "Halle"}
    assert titles(plz="010") == {"Ohne Ort"}  # a prefix without coordinates
    assert titles(q="halle") == {"Halle"}
    response = client.get(reverse("jobs:offer_list"), {"plz": "39104", "radius_km": 100})
    distances = [round(o.distance_km) for o in response.context["listing"].page.object_list]
    assert distances == [0, 76]  # nearest first; Magdeburg–Halle is about 76 km


def test_htmx_filtering_renders_the_partial(world, offers, client_for):
    response = client_for(world.staff).get(reverse("jobs:offer_list"), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert b"<h1>" not in response.content and b'id="results"' in response.content


@pytest.mark.parametrize("count", [3, 12])
def test_list_pages_have_a_fixed_query_count(world, client_for, django_assert_num_queries, count):
    for index in range(count):
        make_offer(world.company, title=f"Angebot {index}", is_public=index % 2 == 0)
    client = client_for(world.counsellor)
    client.get(reverse("jobs:offer_list"))  # warm the session
    with django_assert_num_queries(11):
        client.get(reverse("jobs:offer_list"), {"plz": "39104", "radius_km": 50})
    anonymous = client_for(None)
    with django_assert_num_queries(3):
        anonymous.get(reverse("jobs:public_offer_list"))

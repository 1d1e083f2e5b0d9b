"""Routes of members, projects, sponsorships, ambassadors, slots and news.

A role × organisation × object matrix for every new route, anonymous access, the public
directory, bad input, and fixed query counts on the list pages.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wegweiser.core.models import AuditEntry
from wegweiser.network import services
from wegweiser.network.constants import MembershipStatus, SponsorshipKind
from wegweiser.network.models import MemberProject, Membership, SocialMediaSlot

from .conftest import png_upload

pytestmark = pytest.mark.django_db

EVERYONE = [
    "coordinator",
    "org_admin",
    "staff",
    "counsellor",
    "employer",
    "other_admin",
    "foreign_admin",
    "funder",
    "outsider",
]
READERS = {"coordinator", "org_admin", "staff", "counsellor", "employer", "other_admin", "funder"}
COORDINATOR = {"coordinator"}
COMPANY_ADMIN = {"org_admin"}


def _url(name, world, work):
    membership = Membership.objects.get(organisation=world.company, network=world.region)
    args = {
        "growth": [],
        "membership_create": [world.company.pk],
        "membership_status": [membership.pk],
        "project_detail": [work.project.pk],
        "project_edit": [work.project.pk],
        "project_create": [world.company.pk],
        "sponsorship_edit": [work.sponsorship.pk],
        "sponsorship_create": [world.company.pk],
        "ambassador_detail": [work.term.pk],
        "ambassador_appoint": [],
        "ambassador_extend": [work.term.pk],
        "ambassador_end": [work.term.pk],
        "ambassador_handover": [work.term.pk],
        "handover_notes": [work.successor.pk],
        "slot_swap": [work.slots[0].pk],
        "news_create": [],
        "news_image": [work.news.pk],
    }[name]
    return reverse(f"network:{name}", args=args)


# Object routes: who gets 200; everyone else gets 404 (never 403).
OBJECT_ROUTES = {
    "growth": COORDINATOR,
    "membership_create": COORDINATOR,
    "membership_status": COORDINATOR,
    "project_detail": READERS,
    "project_edit": COMPANY_ADMIN,
    "project_create": COMPANY_ADMIN,
    "sponsorship_edit": COMPANY_ADMIN,
    "sponsorship_create": COMPANY_ADMIN,
    "ambassador_detail": READERS,
    "ambassador_appoint": COORDINATOR,
    "ambassador_extend": COORDINATOR,
    "ambassador_end": COORDINATOR,
    "ambassador_handover": COORDINATOR,
    # Handover notes of other_company's term: written by the coordinator or the predecessor's
    # admin; the predecessor (counselling) has only a counsellor, so only the coordinator.
    "handover_notes": COORDINATOR,
    "slot_swap": COORDINATOR,
    # Admins of organisations in office as ambassadors: company and other_company here, and
    # the foreign organisation in its own network (it can only choose its own term).
    "news_create": {"org_admin", "other_admin", "foreign_admin"},
    "news_image": READERS,
}
MATRIX = [
    (route, who, 200 if who in allowed else 404)
    for route, allowed in OBJECT_ROUTES.items()
    for who in EVERYONE
]


@pytest.fixture
def news_with_image(world, work):
    return services.news_create(
        actor=world.org_admin,
        term=work.term,
        title="Mit Bild",
        text="Text",
        image=png_upload(),
        image_alt="Foto",
    )


@pytest.mark.parametrize(("route", "who", "expected"), MATRIX)
def test_object_route_matrix(world, work, news_with_image, client_for, route, who, expected):
    work.news = news_with_image
    response = client_for(getattr(world, who)).get(_url(route, world, work))
    assert response.status_code == expected


LIST_ROUTES = [
    "project_list",
    "sponsorship_list",
    "ambassador_list",
    "slot_calendar",
    "news_list",
]


@pytest.mark.parametrize("route", LIST_ROUTES)
@pytest.mark.parametrize("who", EVERYONE)
def test_list_routes_show_only_the_own_federation(world, work, client_for, route, who):
    response = client_for(getattr(world, who)).get(reverse(f"network:{route}"))
    if who == "outsider":
        assert response.status_code == 404
        return
    assert response.status_code == 200
    content = response.content.decode()
    if who == "foreign_admin":
        assert "Backstube Test" not in content
    elif route in ("ambassador_list", "sponsorship_list"):
        assert "Backstube Test" in content
    if route == "ambassador_list" and who != "foreign_admin":
        assert "Fremde Firma" not in content


ALL_NEW_ROUTES = [*OBJECT_ROUTES, *LIST_ROUTES]


@pytest.mark.parametrize("route", ALL_NEW_ROUTES)
def test_anonymous_is_sent_to_login(world, work, client_for, route):
    url = reverse(f"network:{route}") if route in LIST_ROUTES else _url(route, world, work)
    response = client_for(None).get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


POST_ROUTES = ["slot_skip", "slot_plan"]


@pytest.mark.parametrize("who", EVERYONE)
def test_post_routes_only_for_coordinators(world, work, client_for, who):
    client = client_for(getattr(world, who))
    slot = work.slots[1]
    skip = client.post(reverse("network:slot_skip", args=[slot.pk]))
    plan = client.post(reverse("network:slot_plan", args=[world.national.pk]), {"periods": 2})
    expected = 302 if who == "coordinator" else 404
    assert (skip.status_code, plan.status_code) == (expected, expected)
    slot.refresh_from_db()
    assert (slot.status == "skipped") == (who == "coordinator")


def test_post_routes_refuse_get_and_anonymous(world, work, client_for):
    assert (
        client_for(world.coordinator)
        .get(reverse("network:slot_skip", args=[work.slots[0].pk]))
        .status_code
        == 405
    )
    response = client_for(None).post(reverse("network:slot_skip", args=[work.slots[0].pk]))
    assert response.status_code == 302


def test_unknown_ids_give_404(world, work, client_for):
    client = client_for(world.coordinator)
    for name in ("project_detail", "ambassador_detail", "slot_swap", "news_image"):
        assert client.get(reverse(f"network:{name}", args=[999_999])).status_code == 404


def test_foreign_objects_give_404_to_coordinator(world, work, client_for):
    client = client_for(world.coordinator)
    assert (
        client.get(reverse("network:ambassador_detail", args=[work.foreign_term.pk])).status_code
        == 404
    )
    assert (
        client.get(reverse("network:membership_create", args=[world.foreign.pk])).status_code == 404
    )


# --- Public directory -----------------------------------------------------------------------


def test_public_directory_shows_only_opted_in_members(world, client_for):
    world.company.public_listing = True
    world.company.save()
    world.counselling.public_listing = True  # opted in, but only a prospect now
    world.counselling.save()
    Membership.objects.filter(organisation=world.counselling).update(
        status=MembershipStatus.PROSPECT
    )
    world.foreign.public_listing = True  # member of another federation, opted in: listed
    world.foreign.save()
    response = client_for(None).get(reverse("network:public_directory"))
    assert response.status_code == 200
    names = [o.name for o in response.context["listing"].page.object_list]
    assert sorted(names) == ["Backstube Test", "Fremde Firma"]
    content = response.content.decode()
    assert "Andere Firma" not in content  # not opted in
    assert "Beratung Test" not in content
    assert "admin@example.org" not in content


def test_public_directory_filters(world, client_for):
    for organisation, district in ((world.company, "Halle (Saale)"), (world.foreign, "München")):
        organisation.public_listing = True
        organisation.district = district
        organisation.sector = "crafts" if organisation == world.company else "it"
        organisation.save()
    client = client_for(None)

    def names(**params):
        response = client.get(reverse("network:public_directory"), params)
        assert response.status_code == 200
        return [o.name for o in response.context["listing"].page.object_list]

    assert names(bundesland="BY") == ["Fremde Firma"]
    assert names(district="Halle (Saale)") == ["Backstube Test"]
    assert names(sector="it") == ["Fremde Firma"]
    assert names(q="061") == ["Backstube Test"]
    assert names(org_type="chamber") == []
    assert sorted(names(bundesland="XX")) == ["Backstube Test", "Fremde Firma"]  # ignored


def test_public_directory_htmx_partial(world, client_for):
    response = client_for(None).get(
        reverse("network:public_directory"), headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert "<html" not in response.content.decode()


def test_internal_directory_filters_by_district_and_status(world, client_for):
    world.company.district = "Halle (Saale)"
    world.company.save()
    Membership.objects.filter(organisation=world.counselling).update(
        status=MembershipStatus.PROSPECT
    )
    client = client_for(world.coordinator)
    response = client.get(reverse("network:organisation_list"), {"district": "Halle (Saale)"})
    assert [o.name for o, _s in response.context["rows"]] == ["Backstube Test"]
    response = client.get(reverse("network:organisation_list"), {"status": "prospect"})
    assert [o.name for o, _s in response.context["rows"]] == ["Beratung Test"]
    assert "Prospect" in response.content.decode() or "Interessent" in response.content.decode()


# --- Writes through the views ---------------------------------------------------------------


def test_membership_status_change_through_the_view(world, client_for):
    membership = Membership.objects.get(organisation=world.company, network=world.region)
    client = client_for(world.coordinator)
    url = reverse("network:membership_status", args=[membership.pk])
    response = client.post(url, {"status": "prospect"})
    assert response.status_code == 400
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.MEMBER
    response = client.post(url, {"status": "left", "on": "2000-01-01"})
    assert response.status_code == 400  # before joining
    response = client.post(url, {"status": "paused"})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.PAUSED


def test_membership_create_through_the_view(world, client_for):
    client = client_for(world.coordinator)
    url = reverse("network:membership_create", args=[world.company.pk])
    response = client.post(url, {"network": world.national.pk, "status": "prospect"})
    assert response.status_code == 302
    assert Membership.objects.filter(organisation=world.company, network=world.national).exists()
    response = client.post(url, {"network": world.other_network.pk, "status": "member"})
    assert response.status_code == 400  # not a network the coordinator runs


def test_project_form_bad_input_is_refused_without_a_record(world, client_for):
    client = client_for(world.org_admin)
    url = reverse("network:project_create", args=[world.company.pk])
    before = MemberProject.objects.count()
    response = client.post(
        url,
        {
            "network": world.region.pk,
            "title": "x" * 500,
            "status": "active",
            "starts_on": "2026-05-01",
            "ends_on": "2026-01-01",
        },
    )
    assert response.status_code == 400
    response = client.post(
        url,
        {
            "network": world.region.pk,
            "title": "Ok",
            "status": "active",
            "starts_on": "2026-05-01",
            "ends_on": "2026-01-01",
        },
    )
    assert response.status_code == 400
    assert MemberProject.objects.count() == before
    response = client.post(
        url,
        {
            "network": world.region.pk,
            "title": "Werkstatttag \u200f<b>RTL</b>",
            "status": "active",
            "starts_on": "2026-01-01",
        },
    )
    assert response.status_code == 302
    detail = client.get(response["Location"]).content.decode()
    assert "&lt;b&gt;RTL&lt;/b&gt;" in detail


def test_sponsorship_form_refuses_overfulfilment(world, work, client_for):
    client = client_for(world.org_admin)
    url = reverse("network:sponsorship_edit", args=[work.sponsorship.pk])
    data = {
        "kind": SponsorshipKind.TRAINING_PLACES,
        "places": 3,
        "places_filled": 4,
        "starts_on": work.today.isoformat(),
        "status": "active",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    work.sponsorship.refresh_from_db()
    assert work.sponsorship.places_filled == 1


def test_appoint_extend_and_handover_through_the_views(world, work, client_for):
    client = client_for(world.coordinator)
    until = work.term.ends_on + timedelta(days=30)
    response = client.post(
        reverse("network:ambassador_extend", args=[work.term.pk]), {"until": until.isoformat()}
    )
    assert response.status_code == 302
    response = client.post(
        reverse("network:ambassador_extend", args=[work.term.pk]), {"until": "2000-01-01"}
    )
    assert response.status_code == 400
    response = client.post(
        reverse("network:ambassador_handover", args=[work.term.pk]),
        {
            "successor": world.counselling.pk,
            "starts_on": (work.today + timedelta(days=10)).isoformat(),
            "notes": "Ordner liegt im Büro.",
        },
    )
    assert response.status_code == 302
    successor_url = response["Location"]
    # The successor's admin… counselling has only a counsellor; the predecessor's admin reads:
    page = client_for(world.org_admin).get(successor_url).content.decode()
    assert "Ordner liegt im Büro." in page
    # Staff of a third organisation do not see the notes.
    assert (
        "Ordner liegt im Büro."
        not in client_for(world.other_admin).get(successor_url).content.decode()
    )


def test_successor_reads_handover_notes_and_others_do_not(world, work, client_for):
    url = reverse("network:ambassador_detail", args=[work.successor.pk])
    note = "Kontakt zur Kammer"
    assert note in client_for(world.other_admin).get(url).content.decode()
    assert note in client_for(world.coordinator).get(url).content.decode()
    for who in ("org_admin", "staff", "counsellor", "funder"):
        assert note not in client_for(getattr(world, who)).get(url).content.decode()


def test_slot_swap_through_the_view(world, work, client_for):
    client = client_for(world.coordinator)
    first, second = work.slots[0], work.slots[1]
    response = client.post(reverse("network:slot_swap", args=[first.pk]), {"other": second.pk})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.term_id == work.slots[1].term_id
    foreign = client.post(reverse("network:slot_swap", args=[first.pk]), {"other": 999_999})
    assert foreign.status_code == 400


def test_news_upload_through_the_view(world, work, client_for, settings):
    client = client_for(world.org_admin)
    url = reverse("network:news_create")
    response = client.post(
        url,
        {"term": work.term.pk, "title": "Bild", "text": "Text", "image": png_upload()},
    )
    assert response.status_code == 400  # the image needs a description
    response = client.post(
        url,
        {
            "term": work.term.pk,
            "title": "Falsch",
            "text": "Text",
            "image_alt": "x",
            "image": SimpleUploadedFile("x.png", b"GIF89a not an image"),
        },
    )
    assert response.status_code == 400
    response = client.post(
        url,
        {
            "term": work.term.pk,
            "title": "Bild",
            "text": "Text",
            "image": png_upload(),
            "image_alt": "Gruppenfoto",
        },
    )
    assert response.status_code == 302
    # Another organisation's term cannot be chosen.
    response = client.post(url, {"term": work.successor.pk, "title": "X", "text": "Y"})
    assert response.status_code == 400
    image = client.get(reverse("network:news_list")).content.decode()
    assert "/network/news/" in image
    assert not (settings.MEDIA_ROOT / "network" / "news").is_relative_to(settings.STATIC_ROOT)


def test_news_image_is_served_with_its_type(world, work, client_for):
    news = services.news_create(
        actor=world.org_admin,
        term=work.term,
        title="Bild",
        text="Text",
        image=png_upload(),
        image_alt="Foto",
    )
    response = client_for(world.counsellor).get(reverse("network:news_image", args=[news.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_growth_page_has_svg_charts_and_tables(world, work, client_for):
    response = client_for(world.coordinator).get(reverse("network:growth"))
    content = response.content.decode()
    assert content.count("<svg") == 3
    # SVG numbers never take the German decimal comma.
    assert not re.search(r'(x|y|width|height)="-?\d+,\d', content)
    assert content.count("<table") >= 4
    growth = response.context["growth"]
    assert growth.members == 4  # office, company, counselling, other company; not foreign
    assert dict(growth.by_region.rows)["Sachsen-Anhalt"] == 4
    assert growth.funnel[0].reached == 4
    assert growth.over_time.rows[-1][1] == 4
    assert AuditEntry.objects.filter(action="slot.plan").exists()


def test_calendar_is_an_accessible_month_table(world, work, client_for):
    slot = work.slots[0]
    response = client_for(world.staff).get(
        reverse("network:slot_calendar"),
        {"network": world.national.pk, "month": slot.starts_on.strftime("%Y-%m")},
    )
    content = response.content.decode()
    assert 'class="month-grid"' in content
    assert '<th scope="col"><abbr' in content
    assert slot.term.organisation.name in content
    # A month parameter that is not a month falls back to the current month.
    assert (
        client_for(world.staff)
        .get(reverse("network:slot_calendar"), {"month": "13-2026x"})
        .status_code
        == 200
    )
    assert (
        client_for(world.staff)
        .get(reverse("network:slot_calendar"), {"network": world.other_network.pk})
        .status_code
        == 404
    )


# --- Query counts ---------------------------------------------------------------------------


def _more_data(world, work, n):
    for i in range(n):
        services.project_create(
            actor=world.org_admin,
            organisation=world.company,
            network=world.region,
            data={"title": f"Projekt {i}", "status": "active"},
        )
        services.sponsorship_create(
            actor=world.org_admin,
            organisation=world.company,
            network=world.region,
            data={"kind": "mentoring", "starts_on": work.today},
        )
        services.news_create(actor=world.org_admin, term=work.term, title=f"N{i}", text="T")
    services.slot_plan(actor=world.coordinator, network=world.national, periods=n)


PAGES = [
    ("network:project_list", {}),
    ("network:sponsorship_list", {}),
    ("network:ambassador_list", {"when": "all"}),
    ("network:news_list", {}),
    ("network:slot_calendar", {}),
    ("network:organisation_list", {}),
    ("network:growth", {}),
    ("network:public_directory", {}),
]


@pytest.mark.parametrize(("route", "params"), PAGES)
def test_list_pages_have_a_fixed_query_count(world, work, client_for, route, params):
    client = client_for(world.coordinator)
    url = reverse(route)
    client.get(url, params)  # warm up the session
    with CaptureQueriesContext(connection) as small:
        assert client.get(url, params).status_code == 200
    _more_data(world, work, 6)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url, params).status_code == 200
    assert len(large) == len(small), [q["sql"] for q in large.captured_queries]


def test_organisation_detail_shows_the_engagement_stage(world, work, client_for):
    response = client_for(world.staff).get(
        reverse("network:organisation_detail", args=[world.company.pk])
    )
    assert response.context["work"].stage_label
    assert SocialMediaSlot.objects.exists()


def test_dashboard_panel_for_coordinators(world, work, client_for):
    content = client_for(world.coordinator).get(reverse("core:dashboard")).content.decode()
    assert reverse("network:growth") in content
    assert work.slots[0].term.organisation.name in content
    assert "4 member organisations" in content or "4 Mitgliedsorganisationen" in content
    assert "Bundesnetz" in content  # the network summary panel shows its networks
    staff_page = client_for(world.staff).get(reverse("core:dashboard")).content.decode()
    assert reverse("network:growth") not in staff_page

"""The role × object matrix of the funding pages, the exports and the funder's view."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.conftest import make_organisation, make_user
from tests.funding.conftest import TODAY, enter
from wegweiser.core.models import AccessLogEntry
from wegweiser.funding.models import EsfRecord, FundedProject
from wegweiser.network.constants import OrganisationType, RoleKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(world, project, person):
    other_project = make_organisation(
        world.region, name="Anderes Projekt", org_type=OrganisationType.COUNSELLING_PROJECT
    )
    other_counsellor = world.grant(
        make_user(email="other-counsellor@example.org"), other_project, RoleKind.COUNSELLOR
    )
    foreign_funder = world.grant(
        make_user(email="foreign-funder@example.org", mfa=False), world.foreign, RoleKind.FUNDER
    )
    participants = [person(last_name=f"Geheim{i}") for i in range(6)]
    records = [
        enter(world, project, p, entry_on=TODAY() - timedelta(days=90)) for p in participants
    ]
    return {
        "project": project,
        "record": records[0],
        "participants": participants,
        "other_counsellor": other_counsellor,
        "foreign_funder": foreign_funder,
    }


ROLES = [
    "coordinator",
    "counsellor",
    "funder",
    "org_admin",
    "employer",
    "other_counsellor",
    "foreign_funder",
    "foreign_admin",
    "outsider",
]
PROJECT_ROUTES = {
    "funding:project_detail": {"coordinator", "counsellor", "funder"},
    "funding:export_csv": {"coordinator", "counsellor"},
    "funding:export_xlsx": {"coordinator", "counsellor"},
    "funding:record_create": {"counsellor"},
}
RECORD_ROUTES = {
    "funding:record_edit": {"counsellor"},
    "funding:record_exit": {"counsellor"},
    "funding:record_follow_up": {"counsellor"},
}


def _user(world, scene, role):
    return scene[role] if role in scene else getattr(world, role)


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(world, scene, client_for, role):
    client = client_for(_user(world, scene, role))
    unexpected = []
    for name, allowed in PROJECT_ROUTES.items():
        status = client.get(reverse(name, args=[scene["project"].pk])).status_code
        if status != (200 if role in allowed else 404):
            unexpected.append((name, status))
    for name, allowed in RECORD_ROUTES.items():
        status = client.get(reverse(name, args=[scene["record"].pk])).status_code
        if status != (200 if role in allowed else 404):
            unexpected.append((name, status))
    assert unexpected == []


def test_anonymous_is_sent_to_sign_in(scene, client_for):
    response = client_for(None).get(reverse("funding:project_detail", args=[scene["project"].pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_funder_sees_aggregates_only_and_nothing_personal(world, scene, client_for):
    client = client_for(world.funder)
    listing = client.get(reverse("funding:project_list"))
    assert scene["project"].name in listing.content.decode()
    page = client.get(reverse("funding:project_detail", args=[scene["project"].pk]))
    html = page.content.decode()
    assert 'data-indicator="participants"' in html
    for participant in scene["participants"]:
        assert participant.code not in html
        assert participant.last_name not in html
    assert "export.csv" not in html
    assert 'data-indicator="incomplete"' not in html
    # participants' pages stay closed to funders
    for participant in scene["participants"][:2]:
        url = reverse("participants:detail", args=[participant.pk])
        assert client.get(url).status_code == 404
    assert client.get(reverse("participants:list")).status_code == 404


def test_funder_page_in_german_suppresses_small_cells(world, scene, client_for):
    html = (
        client_for(world.funder)
        .get(reverse("funding:project_detail", args=[scene["project"].pk]))
        .content.decode()
    )
    assert "Teilnehmende (insgesamt)" in html
    # 6 women, all long-term unemployed: shown; no men (0): shown as 0
    assert 'data-indicator="sex_female"><td>Frauen</td><td>6</td>' in html
    assert 'data-indicator="sex_male"><td>Männer</td><td>0</td>' in html


def test_bad_period_is_a_clear_error(world, scene, client_for):
    client = client_for(world.counsellor)
    url = reverse("funding:project_detail", args=[scene["project"].pk])
    response = client.get(url, {"period": "1999-Q1"})
    assert response.status_code == 400
    assert "indicators" not in response.content.decode()
    assert client.get(url.replace("/", "/", 1) + "export.csv", {"period": "x"}).status_code == 404


def _csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_csv_export_is_pseudonymised(world, scene, client_for):
    response = client_for(world.coordinator).get(
        reverse("funding:export_csv", args=[scene["project"].pk]), {"period": "to-date"}
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = _csv_rows(response)
    header, body = rows[0], rows[1:]
    assert "code" in header and "age_band" in header
    assert "date_of_birth" not in header and "first_name" not in header
    codes = {row[header.index("code")] for row in body}
    assert codes == {p.code for p in scene["participants"]}
    text = response.content.decode()
    for participant in scene["participants"]:
        assert participant.last_name not in text
        assert participant.email not in text
        assert participant.date_of_birth.isoformat() not in text
    assert {row[header.index("age_band")] for row in body} == {"30_54"}
    # each exported participant's read is logged
    logged = AccessLogEntry.objects.filter(purpose="esf_export", actor=world.coordinator)
    assert logged.count() == len(scene["participants"])


def test_xlsx_export_parses_back(world, scene, client_for):
    response = client_for(world.counsellor).get(
        reverse("funding:export_xlsx", args=[scene["project"].pk]), {"period": "to-date"}
    )
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[c if c is not None else "" for c in row] for row in sheet.iter_rows(values_only=True)]
    header = rows[0]
    assert {r[header.index("code")] for r in rows[1:]} == {p.code for p in scene["participants"]}
    flat = " ".join(str(c) for row in rows for c in row)
    for participant in scene["participants"]:
        assert participant.last_name not in flat and participant.first_name not in flat


def test_counsellor_of_another_project_cannot_enter_foreign_participants(world, scene, client_for):
    client = client_for(scene["other_counsellor"])
    url = reverse("funding:record_create", args=[scene["project"].pk])
    response = client.post(url, {"participant": scene["participants"][0].pk})
    assert response.status_code == 404
    assert EsfRecord.objects.count() == 6


def test_record_create_form_round_trip(world, project, person, client_for):
    participant = person()
    client = client_for(world.counsellor)
    url = reverse("funding:record_create", args=[project.pk])
    assert participant.code in client.get(url).content.decode()
    data = {
        "participant": participant.pk,
        "entry_on": (TODAY() - timedelta(days=10)).isoformat(),
        "contact_hours": "12",
        "sex": "male",
        "employment_status": "inactive",
        "education": "",
        "rural": "no",
        "complete": "on",
    }
    refused = client.post(url, data)
    assert refused.status_code == 400
    assert "Bildung" in refused.content.decode()
    assert not EsfRecord.objects.exists()
    data["education"] = "isced_3_4"
    response = client.post(url, data)
    assert response.status_code == 302
    record = EsfRecord.objects.get()
    assert record.is_entry_complete and record.participant == participant
    assert FundedProject.objects.count() == 1


def test_funders_need_no_mfa_and_reach_no_participants(world, client_for):
    from wegweiser.network.policy import requires_mfa

    assert not requires_mfa(world.funder)
    assert requires_mfa(world.counsellor)
    client = client_for(world.funder)
    assert client.get(reverse("funding:project_list")).status_code == 200
    assert client.get(reverse("participants:list")).status_code == 404


def test_project_page_queries_do_not_grow_with_records(
    world, project, person, client_for, django_assert_max_num_queries
):
    for _ in range(3):
        enter(world, project, person())
    client = client_for(world.counsellor)
    url = reverse("funding:project_detail", args=[project.pk])
    client.get(url)
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    for _ in range(5):
        enter(world, project, person())
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)

"""The role × organisation × object matrix over every participant route and API endpoint."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import make_user
from tests.participants.conftest import make_participant, share_consent
from wegweiser.core.models import AccessLogEntry
from wegweiser.network.constants import RoleKind
from wegweiser.participants import services
from wegweiser.participants.constants import ConsentMethod, ConsentPurpose
from wegweiser.participants.models import MilestoneType

pytestmark = pytest.mark.django_db

# Routes on one participant: (url name, extra args builder key, method)
PARTICIPANT_GET = [
    "participants:detail",
    "participants:edit",
    "participants:qualification_add",
    "participants:consent_add",
    "participants:consent_form_pdf",
    "participants:milestone_add",
    "participants:referral_add",
    "participants:note_add",
    "participants:task_add",
    "participants:export_json",
    "participants:export_pdf",
    "participants:erase",
]
PARTICIPANT_POST = ["participants:portal_invite"]
CONSENT_ROUTES = [("participants:consent_file", "GET"), ("participants:consent_withdraw", "POST")]
API = [
    "/api/v1/participants/{id}",
    "/api/v1/participants/{id}/timeline",
    "/api/v1/participants/{id}/consents",
]
PARTNER_ALLOWED = {
    "participants:detail",
    "participants:milestone_add",
    "/api/v1/participants/{id}",
    "/api/v1/participants/{id}/timeline",
}
OWNER_STAFF_DENIED = {"participants:erase"}


@pytest.fixture
def scene(world, partner):
    """A participant of the counselling project; a partner with an accepted referral."""
    owner_staff = world.grant(
        make_user(email="owner-staff@example.org"), world.counselling, RoleKind.STAFF
    )
    participant = make_participant(world)
    consent = services.consent_give(
        actor=world.counsellor,
        participant=participant,
        purpose=ConsentPurpose.PHOTOS,
        scope=["identity"],
        method=ConsentMethod.SIGNED_FORM,
        form_file=__import__("django.core.files.uploadedfile", fromlist=["x"]).SimpleUploadedFile(
            "f.pdf", b"%PDF-1.4 test", content_type="application/pdf"
        ),
        form_content_type="application/pdf",
    )
    share_consent(world, participant, partner[0], scope=["identity", "pathway"])
    referral = services.referral_send(
        actor=world.counsellor,
        participant=participant,
        to_organisation=partner[0],
        field_groups=["identity", "pathway"],
    )
    services.referral_accept(actor=partner[1], referral=referral)
    unreferred = world.grant(
        make_user(email="unreferred@example.org"), make_partner_org(world), RoleKind.COUNSELLOR
    )
    portal_user = make_user(email="portal@example.org", mfa=False)
    participant.portal_user = portal_user
    participant.save(update_fields=["portal_user"])
    return {
        "participant": participant,
        "consent": consent,
        "referral": referral,
        "owner_staff": owner_staff,
        "partner": partner[1],
        "unreferred": unreferred,
        "portal": portal_user,
    }


def make_partner_org(world):
    from tests.conftest import make_organisation
    from wegweiser.network.constants import OrganisationType

    return make_organisation(
        world.region, name="Unbeteiligtes Projekt", org_type=OrganisationType.COUNSELLING_PROJECT
    )


WHO = [
    "counsellor",
    "owner_staff",
    "partner",
    "unreferred",
    "coordinator",
    "org_admin",
    "staff",
    "employer",
    "other_admin",
    "foreign_admin",
    "funder",
    "outsider",
    "portal",
]


def _user(world, scene, who):
    return scene[who] if who in scene else getattr(world, who)


def _expected(who, route):
    if who == "counsellor":
        return 200
    if who == "owner_staff":
        return 404 if route in OWNER_STAFF_DENIED else 200
    if who == "partner":
        return 200 if route in PARTNER_ALLOWED else 404
    return 404


def _request(client, route, pk, method, **extra):
    if route.startswith("/api/"):
        return client.get(route.format(id=pk))
    url = reverse(route, args=[pk, *extra.values()])
    return client.post(url) if method == "POST" else client.get(url)


@pytest.mark.parametrize("who", WHO)
def test_participant_route_matrix(world, scene, client_for, who):
    client = client_for(_user(world, scene, who))
    pk = scene["participant"].pk
    unexpected = []
    for route in PARTICIPANT_GET + API:
        status = _request(client, route, pk, "GET").status_code
        if status != _expected(who, route):
            unexpected.append((route, status))
    for route in PARTICIPANT_POST:
        status = _request(client, route, pk, "POST").status_code
        allowed = who == "counsellor" or who == "owner_staff"
        if (status == 302) != allowed or (not allowed and status != 404):
            unexpected.append((route, status))
    for route, method in CONSENT_ROUTES:
        url = reverse(route, args=[pk, scene["consent"].pk])
        status = (client.post(url) if method == "POST" else client.get(url)).status_code
        allowed = who in ("counsellor", "owner_staff")
        if allowed != (status in (200, 302)) or (not allowed and status != 404):
            unexpected.append((route, status))
    assert unexpected == []


@pytest.mark.parametrize("route", PARTICIPANT_GET)
def test_anonymous_is_sent_to_login(world, scene, client_for, route):
    response = client_for(None).get(reverse(route, args=[scene["participant"].pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("path", [*API, "/api/v1/participants"])
def test_api_anonymous_gets_401(world, scene, client_for, path):
    assert client_for(None).get(path.format(id=scene["participant"].pk)).status_code == 401


def test_unknown_and_foreign_ids_give_404(world, scene, client_for):
    client = client_for(world.foreign_admin)
    assert client.get(reverse("participants:detail", args=[999_999])).status_code == 404
    foreign_participant = make_participant(world, first_name="Olena")
    assert (
        client.get(reverse("participants:detail", args=[foreign_participant.pk])).status_code == 404
    )


def test_partner_sees_only_consented_fields(world, scene, client_for):
    client = client_for(scene["partner"])
    body = client.get(
        reverse("participants:detail", args=[scene["participant"].pk])
    ).content.decode()
    assert "Amira" in body  # identity was consented
    assert "amira@example.org" not in body  # contact was not
    assert "Syrien" not in body
    data = client.get(f"/api/v1/participants/{scene['participant'].pk}").json()
    assert data["access"] == "partner"
    assert data["record"]["first_name"] == "Amira"
    assert data["record"]["email"] is None
    assert data["record"]["country_of_origin"] is None


def test_withdrawal_ends_partner_access_at_once(world, scene, client_for):
    from wegweiser.participants.models import Consent

    client = client_for(scene["partner"])
    url = reverse("participants:detail", args=[scene["participant"].pk])
    assert client.get(url).status_code == 200
    share = Consent.objects.get(participant=scene["participant"], purpose="share_case")
    portal = client_for(scene["portal"])
    response = portal.post(reverse("portal:consent_withdraw", args=[share.pk]))
    assert response.status_code == 302
    assert client.get(url).status_code == 404
    listed = client.get(reverse("participants:list")).content.decode()
    assert scene["participant"].code not in listed


def test_portal_routes(world, scene, client_for):
    portal = client_for(scene["portal"])
    assert portal.get(reverse("portal:home")).status_code == 200
    assert portal.get(reverse("portal:profile")).status_code == 200
    for who in ("counsellor", "partner", "coordinator", "employer", "outsider"):
        assert client_for(_user(world, scene, who)).get(reverse("portal:home")).status_code == 404
    assert client_for(None).get(reverse("portal:home")).status_code == 302
    # a portal user cannot withdraw someone else's consent
    other = make_participant(world, first_name="Yusuf")
    c = share_consent(world, other, scene["partner"].roles.first().organisation)
    assert portal.post(reverse("portal:consent_withdraw", args=[c.pk])).status_code == 404


def test_referral_routes(world, scene, client_for):
    referral = scene["referral"]
    detail = reverse("participants:referral_detail", args=[referral.pk])
    for who, expected in [
        ("counsellor", 200),
        ("partner", 200),
        ("unreferred", 404),
        ("coordinator", 404),
        ("employer", 404),
        ("portal", 404),
        ("foreign_admin", 404),
    ]:
        assert client_for(_user(world, scene, who)).get(detail).status_code == expected, who
    # deciding is the receiver's, and only while the referral is open
    for route in ("participants:referral_accept", "participants:referral_decline"):
        url = reverse(route, args=[referral.pk])
        assert client_for(world.counsellor).post(url).status_code == 404
        assert client_for(scene["unreferred"]).post(url).status_code == 404
    assert (
        client_for(scene["partner"])
        .post(reverse("participants:referral_withdraw", args=[referral.pk]))
        .status_code
        == 404
    )
    assert (
        client_for(world.coordinator)
        .post(reverse("participants:referral_override", args=[referral.pk]))
        .status_code
        == 404
    )


def test_list_routes(world, scene, client_for):
    for who, expected in [
        ("counsellor", 200),
        ("partner", 200),
        ("coordinator", 404),
        ("employer", 404),
        ("funder", 404),
        ("outsider", 404),
        ("portal", 404),
    ]:
        response = client_for(_user(world, scene, who)).get(reverse("participants:list"))
        assert response.status_code == expected, who
    assert (
        client_for(world.coordinator).get(reverse("participants:referral_list")).status_code == 200
    )
    assert client_for(world.employer).get(reverse("participants:referral_list")).status_code == 404
    assert (
        client_for(world.coordinator).get(reverse("participants:milestone_types")).status_code
        == 200
    )
    assert (
        client_for(world.counsellor).get(reverse("participants:milestone_types")).status_code == 404
    )
    assert (
        client_for(world.counsellor)
        .get(reverse("participants:occupation_search"), {"q": "Bäcker"})
        .status_code
        == 200
    )
    assert (
        client_for(world.employer).get(reverse("participants:occupation_search")).status_code == 404
    )
    task = services.task_create(
        actor=world.counsellor,
        participant=scene["participant"],
        organisation_id=world.counselling.pk,
        title="Anrufen",
        due_on=__import__("datetime").date(2030, 1, 1),
    )
    url = reverse("participants:task_done", args=[task.pk])
    assert client_for(scene["partner"]).post(url).status_code == 404
    assert client_for(world.counsellor).post(url).status_code == 302


def test_every_route_is_in_the_matrix():
    covered = (
        {r.split(":")[1] for r in PARTICIPANT_GET + PARTICIPANT_POST}
        | {r.split(":")[1] for r, _m in CONSENT_ROUTES}
        | {
            "list",
            "create",
            "occupation_search",
            "milestone_types",
            "referral_list",
            "referral_detail",
            "referral_accept",
            "referral_decline",
            "referral_withdraw",
            "referral_override",
            "task_done",
            "milestone_evidence",
        }
    )
    from wegweiser.participants import urls

    names = {p.name for p in urls.urlpatterns}
    assert names <= covered, names - covered


def test_each_read_writes_one_access_log_row(world, scene, client_for):
    pk = scene["participant"].pk
    client = client_for(world.counsellor)
    for route in ["participants:detail", "participants:edit", "participants:export_json"]:
        before = AccessLogEntry.objects.filter(object_id=str(pk)).count()
        assert client.get(reverse(route, args=[pk])).status_code == 200
        rows = AccessLogEntry.objects.filter(object_id=str(pk)).order_by("-id")
        assert rows.count() == before + 1, route
        assert rows[0].actor == world.counsellor
    before = AccessLogEntry.objects.count()
    client_for(world.coordinator).get(reverse("participants:detail", args=[pk]))
    assert AccessLogEntry.objects.count() == before  # refused reads are not "reads"
    body = client.get(reverse("participants:detail", args=[pk])).content.decode()
    assert "Who looked at this record" in body or "Wer diesen Datensatz" in body


def test_list_logs_each_participant_shown_with_fixed_queries(
    world, scene, client_for, django_assert_max_num_queries
):
    for i in range(5):
        make_participant(world, first_name=f"Name{i}")
    client = client_for(world.counsellor)
    client.get(reverse("participants:list"))
    with django_assert_max_num_queries(30) as small:
        client.get(reverse("participants:list"))
    for i in range(10):
        make_participant(world, first_name=f"More{i}")
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse("participants:list"))
    shown = len(response.context["rows"])
    assert shown == 16
    milestone_types = MilestoneType.objects.count()
    assert milestone_types >= 11


def test_api_list_is_scoped_and_logged(world, scene, client_for):
    response = client_for(world.counsellor).get("/api/v1/participants")
    assert response.status_code == 200
    codes = [item["code"] for item in response.json()["items"]]
    assert codes == [scene["participant"].code]
    assert AccessLogEntry.objects.filter(purpose="list", actor=world.counsellor).count() == 1
    assert client_for(world.employer).get("/api/v1/participants").json()["items"] == []
    partner_items = client_for(scene["partner"]).get("/api/v1/participants").json()["items"]
    assert [item["code"] for item in partner_items] == [scene["participant"].code]


def test_portal_offers_easy_language_and_remembers_it(world, scene, client_for):
    portal = client_for(scene["portal"])
    home = reverse("portal:home")
    standard = portal.get(home, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "welche Einwilligungen Sie gegeben haben" in standard
    assert "Auf dieser Seite sehen Sie Ihre Daten." not in standard
    easy = portal.get(home + "?easy=1").content.decode()
    assert "Auf dieser Seite sehen Sie Ihre Daten." in easy
    assert "Sie können ein Ja jederzeit zurücknehmen." in easy
    # remembered for the visit, until switched back
    assert "Auf dieser Seite sehen Sie Ihre Daten." in portal.get(home).content.decode()
    assert "Auf dieser Seite" not in portal.get(home + "?easy=0").content.decode()


def test_consent_form_in_easy_language(world, scene, client_for):
    from io import BytesIO

    from pypdf import PdfReader

    url = reverse("participants:consent_form_pdf", args=[scene["participant"].pk])
    client = client_for(world.counsellor)

    def text(query: str) -> str:
        response = client.get(url + query)
        assert response.status_code == 200
        reader = PdfReader(BytesIO(response.content))
        return " ".join((page.extract_text() or "") for page in reader.pages)

    easy = " ".join(text("?easy=1&language=de").split())
    assert "Sie können Nein sagen." in easy
    assert "mit Wirkung für die Zukunft" not in easy
    standard = " ".join(text("?language=de").split())
    assert "Sie können Nein sagen." not in standard
    assert "mit Wirkung für die Zukunft" in standard

"""Candidate profiles (field-level consent, anonymity), the match pages and the suggestion
workflow (transitions, audit, milestone, engagement stage)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.conftest import make_organisation, make_user
from tests.jobs.conftest import make_offer
from tests.matching.conftest import candidate, profile_consent
from wegweiser.core.models import AccessLogEntry, AuditEntry
from wegweiser.matching import selectors, services
from wegweiser.matching.constants import SuggestionStatus
from wegweiser.matching.exceptions import MatchingError
from wegweiser.matching.models import ContactAgreement, Suggestion
from wegweiser.network import engagement
from wegweiser.network.constants import EngagementStage, OrganisationType, RoleKind
from wegweiser.participants import services as participant_services
from wegweiser.participants.constants import FieldGroup
from wegweiser.participants.models import Milestone

pytestmark = pytest.mark.django_db


def ranking(world: Any, offer: Any) -> list[tuple[int, float]]:
    result = selectors.candidates_for_employer_offer(actor=world.employer, offer=offer)
    return [(row.profile.participant_id, row.total) for row in result.rows]


# --- Profiles and field-level consent --------------------------------------------------------


def test_employer_sees_only_consented_fields_and_no_name(world, client_for):
    offer = make_offer(world.company, german_min="A2")
    person = candidate(world, german_level="B2", residence_status="duldung")
    profile_consent(world, person, [FieldGroup.LANGUAGES, FieldGroup.MOBILITY])
    [row] = selectors.candidates_for_employer_offer(actor=world.employer, offer=offer).rows
    profile = row.profile
    assert profile.values["german_level"] == "B2"
    assert "work_permission" not in profile.values
    assert "residence_status" not in profile.values
    assert "first_name" not in profile.values and "email" not in profile.values
    assert profile.occupations == ()  # occupations not opened
    assert profile.handle.startswith("K-") and person.code not in profile.handle
    response = client_for(world.employer).get(reverse("matching:offer_candidates", args=[offer.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert profile.handle in content
    for secret in (person.first_name, person.last_name, person.email, person.code, "Duldung"):
        assert secret not in content
    # each profile shown is a logged read of personal data
    assert AccessLogEntry.objects.filter(
        object_id=str(person.pk), purpose="employer_profile"
    ).exists()


def test_handle_is_stable_and_differs_between_employers(world):
    from wegweiser.participants.selectors import candidate_handle

    assert candidate_handle(5, world.company.pk) == candidate_handle(5, world.company.pk)
    assert candidate_handle(5, world.company.pk) != candidate_handle(5, world.other_company.pk)


@pytest.mark.parametrize(
    ("hidden_group", "change"),
    [
        (FieldGroup.RESIDENCE, {"work_permission": "not_allowed"}),
        (FieldGroup.LANGUAGES, {"german_level": "C2"}),
        (FieldGroup.OCCUPATIONS, {"desired_occupations": ["29302"]}),
        (FieldGroup.AVAILABILITY, {"availability": "part_time"}),
    ],
)
def test_a_field_not_opened_does_not_change_the_ranking(world, hidden_group, change):
    offer = make_offer(world.company, german_min="A2", working_time="full")
    groups = [
        FieldGroup.LANGUAGES,
        FieldGroup.OCCUPATIONS,
        FieldGroup.MOBILITY,
        FieldGroup.AVAILABILITY,
        FieldGroup.RESIDENCE,
    ]
    scope = [g for g in groups if g != hidden_group]
    first = candidate(world, german_level="A2", work_permission="allowed", availability="either")
    second = candidate(world, german_level="B1", work_permission="allowed", availability="either")
    profile_consent(world, first, scope)
    profile_consent(world, second, scope)
    before = ranking(world, offer)
    participant_services.participant_update(actor=world.counsellor, participant=first, data=change)
    after = ranking(world, offer)
    assert before == after
    assert {pid for pid, _ in after} == {first.pk, second.pk}


def test_an_opened_field_does_change_the_ranking(world):
    offer = make_offer(world.company, german_min="B1")
    person = candidate(world, german_level="A1", work_permission="allowed")
    profile_consent(world, person)
    before = ranking(world, offer)
    participant_services.participant_update(
        actor=world.counsellor, participant=person, data={"german_level": "B2"}
    )
    assert ranking(world, offer) != before


def test_withdrawn_consent_removes_the_candidate(world):
    offer = make_offer(world.company)
    person = candidate(world)
    consent = profile_consent(world, person)
    assert [pid for pid, _ in ranking(world, offer)] == [person.pk]
    participant_services.consent_withdraw(actor=world.counsellor, consent=consent)
    assert ranking(world, offer) == []


def test_without_consent_nobody_is_a_candidate(world):
    offer = make_offer(world.company)
    candidate(world)
    assert ranking(world, offer) == []


def test_name_and_contact_show_only_after_the_contact_agreement(world, client_for):
    offer = make_offer(world.company)
    person = candidate(world, first_name="Samira", last_name="Kaya", email="samira@example.org")
    profile_consent(world, person)
    url = reverse("matching:offer_candidates", args=[offer.pk])
    client = client_for(world.employer)
    assert "Samira" not in client.get(url).content.decode()
    suggestion = services.suggestion_create(actor=world.counsellor, participant=person, offer=offer)
    response = client_for(world.counsellor).post(
        reverse("matching:contact_agree", args=[suggestion.pk])
    )
    assert response.status_code == 302
    assert ContactAgreement.objects.filter(participant=person, employer=world.company).exists()
    content = client.get(url).content.decode()
    assert "Samira Kaya" in content and "samira@example.org" in content
    # another employer still sees nothing of the name
    other_offer = make_offer(world.other_company)
    rows = selectors.candidates_for_employer_offer(actor=world.other_admin, offer=other_offer).rows
    assert [r.profile.name for r in rows] == [""]
    assert AuditEntry.objects.filter(action="contact_agreement.record").count() == 1


def test_contact_agreement_needs_the_profile_consent(world):
    offer = make_offer(world.company)
    person = candidate(world)
    with pytest.raises(MatchingError):
        services.contact_agree(
            actor=world.counsellor, participant=person, employer=world.company, offer=offer
        )
    assert not ContactAgreement.objects.exists()


# --- Permissions -------------------------------------------------------------------------------


@pytest.fixture
def other_project(world):
    organisation = make_organisation(
        world.region, name="Anderes Projekt", org_type=OrganisationType.COUNSELLING_PROJECT
    )
    counsellor = make_user(email="other-counsellor@example.org")
    world.grant(counsellor, organisation, RoleKind.COUNSELLOR)
    return counsellor


SUGGESTIONS_MATRIX = {
    "counsellor": 200,
    "coordinator": 404,
    "org_admin": 404,
    "employer": 404,
    "staff": 404,  # staff of the company, not of the project
    "foreign_admin": 404,
    "funder": 404,
    "outsider": 404,
}


@pytest.mark.parametrize("role", [*SUGGESTIONS_MATRIX, "other_counsellor"])
def test_participant_suggestions_permissions(world, client_for, other_project, role):
    person = candidate(world)
    user = other_project if role == "other_counsellor" else getattr(world, role)
    response = client_for(user).get(reverse("matching:participant_suggestions", args=[person.pk]))
    assert response.status_code == SUGGESTIONS_MATRIX.get(role, 404)


CANDIDATES_MATRIX = {
    "employer": 200,
    "org_admin": 200,
    "staff": 404,
    "counsellor": 404,
    "coordinator": 404,
    "other_admin": 404,
    "foreign_admin": 404,
    "outsider": 404,
}


@pytest.mark.parametrize("role", CANDIDATES_MATRIX)
def test_offer_candidates_permissions(world, client_for, role):
    offer = make_offer(world.company)
    response = client_for(getattr(world, role)).get(
        reverse("matching:offer_candidates", args=[offer.pk])
    )
    assert response.status_code == CANDIDATES_MATRIX[role]


def test_counsellor_of_another_project_cannot_touch_a_suggestion(world, client_for, other_project):
    offer = make_offer(world.company)
    person = candidate(world)
    suggestion = services.suggestion_create(actor=world.counsellor, participant=person, offer=offer)
    client = client_for(other_project)
    url = reverse("matching:suggestion_transition", args=[suggestion.pk])
    response = client.post(url, {f"s{suggestion.pk}-to": "declined"})
    assert response.status_code == 404
    assert client.post(reverse("matching:contact_agree", args=[suggestion.pk])).status_code == 404
    # the employer does not see a suggestion that was not sent to it
    response = client_for(world.employer).post(url, {f"s{suggestion.pk}-to": "declined"})
    assert response.status_code == 404
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.SUGGESTED


# --- The workflow ------------------------------------------------------------------------------


def test_the_path_to_hired_records_milestone_engagement_and_audit(world, client_for):
    offer = make_offer(world.company, offer_type="apprenticeship")
    person = candidate(world)
    profile_consent(world, person)
    client = client_for(world.counsellor)
    response = client.post(
        reverse("matching:suggestion_add", args=[person.pk]), {"offer": offer.pk}
    )
    assert response.status_code == 302
    suggestion = Suggestion.objects.get(participant_id=person.pk, offer=offer)
    assert suggestion.score > 0
    url = reverse("matching:suggestion_transition", args=[suggestion.pk])
    prefix = f"s{suggestion.pk}"
    client.post(url, {f"{prefix}-to": "sent", f"{prefix}-recipient": "employer"})
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.SENT and suggestion.sent_at is not None
    # the company now sees it and answers
    employer = client_for(world.employer)
    page = employer.get(reverse("matching:offer_candidates", args=[offer.pk])).content.decode()
    assert 'data-testid="sent-suggestion"' in page
    for status in ("interested", "interview", "hired"):
        response = employer.post(url, {f"{prefix}-to": status})
        assert response.status_code == 302
        suggestion.refresh_from_db()
        assert suggestion.status == status
    milestone = Milestone.objects.get(participant=person)
    assert milestone.milestone_type.key == "apprenticeship_started"
    assert milestone.occurred_on == timezone.localdate()
    stages = engagement.stages_for({world.region.pk, world.national.pk})
    assert stages[world.company.pk] == EngagementStage.HIRED
    actions = list(
        AuditEntry.objects.filter(object_id=str(suggestion.pk), action__startswith="suggestion.")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "suggestion.create",
        "suggestion.sent",
        "suggestion.interested",
        "suggestion.interview",
        "suggestion.hired",
    ]


@pytest.mark.parametrize(
    ("start", "target"),
    [
        ("suggested", "hired"),
        ("suggested", "interview"),
        ("suggested", "interested"),
        ("sent", "suggested"),
        ("hired", "declined"),
        ("declined", "sent"),
    ],
)
def test_forbidden_transitions_are_refused(world, start, target):
    offer = make_offer(world.company)
    person = candidate(world)
    suggestion = services.suggestion_create(actor=world.counsellor, participant=person, offer=offer)
    Suggestion.objects.filter(pk=suggestion.pk).update(
        status=start, recipient="participant", decline_reason="other"
    )
    count = AuditEntry.objects.count()
    with pytest.raises(MatchingError):
        services.suggestion_transition(
            actor=world.counsellor,
            suggestion=suggestion,
            to=target,
            recipient="participant",
            reason="other",
        )
    suggestion.refresh_from_db()
    assert suggestion.status == start
    assert AuditEntry.objects.count() == count


def test_declining_needs_a_reason(world, client_for):
    offer = make_offer(world.company)
    person = candidate(world)
    suggestion = services.suggestion_create(actor=world.counsellor, participant=person, offer=offer)
    with pytest.raises(MatchingError):
        services.suggestion_transition(
            actor=world.counsellor, suggestion=suggestion, to="declined", reason=""
        )
    response = client_for(world.counsellor).post(
        reverse("matching:suggestion_transition", args=[suggestion.pk]),
        {f"s{suggestion.pk}-to": "declined"},
        HTTP_ACCEPT_LANGUAGE="de",
        follow=True,
    )
    assert "Bitte geben Sie den Grund an" in response.content.decode()
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.SUGGESTED
    services.suggestion_transition(
        actor=world.counsellor, suggestion=suggestion, to="declined", reason="participant"
    )
    suggestion.refresh_from_db()
    assert suggestion.status == "declined" and suggestion.decline_reason == "participant"


def test_sending_to_the_employer_needs_the_profile_consent(world):
    offer = make_offer(world.company)
    person = candidate(world)
    suggestion = services.suggestion_create(actor=world.counsellor, participant=person, offer=offer)
    with pytest.raises(MatchingError):
        services.suggestion_transition(
            actor=world.counsellor, suggestion=suggestion, to="sent", recipient="employer"
        )
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.SUGGESTED and suggestion.recipient == ""


def test_sending_to_the_participant_mails_the_offer_in_their_language(
    world, django_capture_on_commit_callbacks
):
    offer = make_offer(world.company, title="Ausbildung Elektronik")
    person = candidate(world, languages=["ru", "en"])
    suggestion = services.suggestion_create(actor=world.counsellor, participant=person, offer=offer)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.suggestion_transition(
            actor=world.counsellor, suggestion=suggestion, to="sent", recipient="participant"
        )
    [message] = mail.outbox
    assert message.to == [person.email]
    assert "Your counsellor suggests this offer to you" in message.body
    assert "Ausbildung Elektronik" in message.subject


def test_employer_may_not_send_or_act_for_the_counsellor(world):
    offer = make_offer(world.company)
    person = candidate(world)
    profile_consent(world, person)
    suggestion = services.suggestion_create(actor=world.counsellor, participant=person, offer=offer)
    with pytest.raises(MatchingError):
        services.suggestion_transition(
            actor=world.employer, suggestion=suggestion, to="sent", recipient="employer"
        )


def test_the_same_offer_is_suggested_once(world):
    offer = make_offer(world.company)
    person = candidate(world)
    services.suggestion_create(actor=world.counsellor, participant=person, offer=offer)
    with pytest.raises(MatchingError):
        services.suggestion_create(actor=world.counsellor, participant=person, offer=offer)
    assert Suggestion.objects.count() == 1


def test_german_suggestions_page(world, client_for):
    make_offer(world.company, title="Elektro", german_min="B2")
    person = candidate(world, german_level="B1")
    response = client_for(world.counsellor).get(
        reverse("matching:participant_suggestions", args=[person.pk]), HTTP_ACCEPT_LANGUAGE="de"
    )
    content = response.content.decode()
    assert "Vorschläge" in content
    assert "B1, wo B2 verlangt wird." in content
    assert "Mit Deutsch B2" in content  # what would help


def test_record_page_links_to_the_suggestions(world, client_for):
    person = candidate(world)
    response = client_for(world.counsellor).get(reverse("participants:detail", args=[person.pk]))
    assert (
        reverse("matching:participant_suggestions", args=[person.pk]) in response.content.decode()
    )


# --- Fixed query counts ------------------------------------------------------------------------


@pytest.mark.parametrize("count", [3, 30])
def test_participant_suggestions_page_has_a_fixed_query_count(
    world, client_for, django_assert_max_num_queries, count
):
    person = candidate(world)
    offers = [make_offer(world.company, title=f"Angebot {i}") for i in range(count)]
    for offer in offers[:3]:
        services.suggestion_create(actor=world.counsellor, participant=person, offer=offer)
    client = client_for(world.counsellor)
    url = reverse("matching:participant_suggestions", args=[person.pk])
    client.get(url)
    # the same bound for 3 and 30 offers (17 queries today)
    with django_assert_max_num_queries(17):
        response = client.get(url)
    assert len(response.context["matches"].result.suggestions) == min(count, 10)


@pytest.mark.parametrize("count", [3, 30])
def test_offer_candidates_page_has_a_fixed_query_count(
    world, client_for, django_assert_max_num_queries, count
):
    offer = make_offer(world.company)
    people = [candidate(world) for _ in range(count)]
    for person in people:
        profile_consent(world, person)
    for person in people[:3]:
        suggestion = services.suggestion_create(
            actor=world.counsellor, participant=person, offer=offer
        )
        services.suggestion_transition(
            actor=world.counsellor, suggestion=suggestion, to="sent", recipient="employer"
        )
    ContactAgreement.objects.create(participant=people[0], employer=world.company)
    client = client_for(world.employer)
    url = reverse("matching:offer_candidates", args=[offer.pk])
    client.get(url)
    # the same bound for 3 and 30 candidates (24 queries today)
    with django_assert_max_num_queries(24):
        response = client.get(url)
    assert len(response.context["result"].rows) == min(count, 20)
    assert len(response.context["rows"]) == 3


def test_the_participant_sees_suggestions_sent_to_them_in_the_portal(world, client_for):
    offer = make_offer(world.company, title="Praktikum Lager")
    hidden = make_offer(world.company, title="Noch nicht gesendet")
    person = candidate(world)
    portal_user = make_user(email="portal-candidate@example.org", mfa=False)
    participant_services.portal_link(actor=None, participant=person, user=portal_user)
    sent = services.suggestion_create(actor=world.counsellor, participant=person, offer=offer)
    services.suggestion_transition(
        actor=world.counsellor, suggestion=sent, to="sent", recipient="participant"
    )
    services.suggestion_create(actor=world.counsellor, participant=person, offer=hidden)
    response = client_for(portal_user).get(reverse("portal:home"), HTTP_ACCEPT_LANGUAGE="de")
    content = response.content.decode()
    assert response.status_code == 200
    assert "Mir vorgeschlagene Angebote" in content
    assert "Praktikum Lager" in content
    assert "Noch nicht gesendet" not in content


def test_candidates_of_an_unrelated_network_stay_invisible(world):
    offer = make_offer(world.company)
    elsewhere = make_organisation(
        world.other_network, name="Fernes Projekt", org_type=OrganisationType.COUNSELLING_PROJECT
    )
    far = candidate(world, elsewhere)
    profile_consent(world, far)
    near = candidate(world)
    profile_consent(world, near)
    assert [pid for pid, _ in ranking(world, offer)] == [near.pk]


def test_the_employer_mail_names_the_handle_only(world, django_capture_on_commit_callbacks):
    offer = make_offer(world.company, contact_email="jobs@backstube.example")
    person = candidate(world, first_name="Rana", last_name="Aziz")
    profile_consent(world, person)
    suggestion = services.suggestion_create(actor=world.counsellor, participant=person, offer=offer)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.suggestion_transition(
            actor=world.counsellor, suggestion=suggestion, to="sent", recipient="employer"
        )
    [message] = mail.outbox
    assert message.to == ["jobs@backstube.example"]
    from wegweiser.participants.selectors import candidate_handle

    assert candidate_handle(person.pk, world.company.pk) in message.body
    for secret in ("Rana", "Aziz", person.email, person.code):
        assert secret not in message.body and secret not in message.subject


def test_the_employer_learns_what_would_help_in_german(world):
    from django.utils import translation

    german = make_offer(world.company, german_min="B2")
    licence = make_offer(world.company, german_min="A1", licences=["B"])
    person = candidate(world, german_level="B1", driving_licences=[])
    profile_consent(world, person)
    with translation.override("de"):
        first = selectors.candidates_for_employer_offer(actor=world.employer, offer=german)
        second = selectors.candidates_for_employer_offer(actor=world.employer, offer=licence)
    assert first.what_would_help == ("Wenn Deutsch B1 genügte, würde 1 weitere Person passen.",)
    assert second.what_would_help == (
        "Ohne die verlangten Führerscheine würde 1 weitere Person passen.",
    )
    assert second.rows == ()  # the missing licence excludes the candidate

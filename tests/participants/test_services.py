"""Service rules: duplicates, pathway, referrals, notes, tasks, export, erasure, retention."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from tests.participants.conftest import make_participant, share_consent
from wegweiser.core.models import AccessLogEntry, AuditEntry
from wegweiser.participants import selectors, services
from wegweiser.participants.constants import ParticipantStatus, TaskKind
from wegweiser.participants.exceptions import DuplicateParticipant, ParticipantError
from wegweiser.participants.models import (
    CaseNote,
    Consent,
    FollowUpTask,
    Milestone,
    MilestoneType,
    Participant,
    Referral,
)

pytestmark = pytest.mark.django_db


def _type(key):
    return MilestoneType.objects.get(key=key)


def test_duplicate_within_project_is_refused_with_the_existing_code(world):
    first = make_participant(world)
    with pytest.raises(DuplicateParticipant) as error:
        make_participant(world, first_name=" amira", last_name="HADDAD")
    assert first.code in str(error.value.message)
    assert Participant.objects.count() == 1


def test_duplicate_form_error_is_400_and_writes_nothing(world, client_for):
    make_participant(world)
    data = {
        "organisation": world.counselling.pk,
        "first_name": "Amira",
        "last_name": "Haddad",
        "date_of_birth": "1994-03-12",
        "plz": "39104",
        "travel_radius_km": 25,
    }
    response = client_for(world.counsellor).post(reverse("participants:create"), data)
    assert response.status_code == 400
    assert (
        "already has a participant" in response.content.decode()
        or "bereits" in response.content.decode()
    )
    assert Participant.objects.count() == 1


@pytest.mark.parametrize(
    "bad",
    [
        {"plz": "1234"},
        {"last_name": ""},
        {"date_of_birth": "2999-01-01"},
        {"desired_occupations": "99999"},
        {"travel_radius_km": "-3"},
        {"last_name": "x" * 10_000},
    ],
)
def test_bad_input_gives_400(world, client_for, bad):
    data = {
        "organisation": world.counselling.pk,
        "first_name": "A",
        "last_name": "B",
        "travel_radius_km": 25,
    } | bad
    response = client_for(world.counsellor).post(reverse("participants:create"), data)
    assert response.status_code == 400
    assert Participant.objects.count() == 0


def test_hostile_text_is_stored_and_escaped(world, client_for):
    data = {
        "organisation": world.counselling.pk,
        "first_name": "<script>x</script>\u202e",
        "last_name": "\u200bحداد",
        "travel_radius_km": 25,
        "desired_occupations": "29302",
    }
    response = client_for(world.counsellor).post(reverse("participants:create"), data)
    assert response.status_code == 302
    participant = Participant.objects.get()
    assert participant.last_name == "حداد"
    body = client_for(world.counsellor).get(response["Location"]).content.decode()
    assert "<script>x</script>" not in body
    assert list(participant.desired_occupations.values_list("code", flat=True)) == ["29302"]


def test_upload_type_is_checked_on_content(world, client_for, participant):
    url = reverse("participants:consent_add", args=[participant.pk])
    fake = SimpleUploadedFile("form.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    data = {
        "purpose": "photos",
        "scope": ["identity"],
        "valid_from": "2026-01-01",
        "method": "signed_form",
        "form_file": fake,
    }
    response = client_for(world.counsellor).post(url, data)
    assert response.status_code == 400
    assert not Consent.objects.exists()


def test_leaving_schedules_six_month_follow_up(world, participant):
    services.milestone_record(
        actor=world.counsellor,
        participant=participant,
        organisation_id=world.counselling.pk,
        milestone_type=_type("left_programme"),
        occurred_on=timezone.localdate(),
        leave_reason="employment",
    )
    participant.refresh_from_db()
    assert participant.status == ParticipantStatus.LEFT
    task = FollowUpTask.objects.get(participant=participant)
    assert task.kind == TaskKind.SIX_MONTH
    assert task.due_on == timezone.localdate() + timedelta(days=183)
    with pytest.raises(ParticipantError):
        services.milestone_record(
            actor=world.counsellor,
            participant=participant,
            organisation_id=world.counselling.pk,
            milestone_type=_type("left_programme"),
            occurred_on=timezone.localdate(),
            leave_reason="moved",
        )


def test_exit_needs_reason(world, participant):
    with pytest.raises(ParticipantError):
        services.milestone_record(
            actor=world.counsellor,
            participant=participant,
            organisation_id=world.counselling.pk,
            milestone_type=_type("left_programme"),
            occurred_on=timezone.localdate(),
        )


def test_timeline_shows_other_projects_only_as_far_as_consent_reaches(world, partner, participant):
    consent = share_consent(world, participant, partner[0], scope=["identity", "pathway"])
    referral = services.referral_send(
        actor=world.counsellor,
        participant=participant,
        to_organisation=partner[0],
        field_groups=["pathway"],
    )
    services.referral_accept(actor=partner[1], referral=referral)
    today = timezone.localdate()
    services.milestone_record(
        actor=world.counsellor,
        participant=participant,
        organisation_id=world.counselling.pk,
        milestone_type=_type("counselling_started"),
        occurred_on=today,
    )
    services.milestone_record(
        actor=partner[1],
        participant=participant,
        organisation_id=partner[0].pk,
        milestone_type=_type("language_course_started"),
        occurred_on=today,
    )
    owner = selectors.access_participant_by_id(
        actor=world.counsellor, participant_id=participant.pk, purpose="view"
    )
    assert len(selectors.timeline_for(owner)) == 2
    services.consent_withdraw(actor=world.counsellor, consent=consent)
    owner = selectors.access_participant_by_id(
        actor=world.counsellor, participant_id=participant.pk, purpose="view"
    )
    keys = [e.milestone.milestone_type.key for e in selectors.timeline_for(owner)]
    assert keys == ["counselling_started"]
    with pytest.raises(Http404):
        selectors.access_participant_by_id(
            actor=partner[1], participant_id=participant.pk, purpose="view"
        )


def test_referral_without_consent_is_blocked_and_decline_needs_reason(
    world, partner, participant, client_for
):
    url = reverse("participants:referral_add", args=[participant.pk])
    response = client_for(world.counsellor).post(
        url, {"to_organisation": partner[0].pk, "field_groups": ["identity"]}
    )
    assert response.status_code == 400
    assert not Referral.objects.exists()
    share_consent(world, participant, partner[0], scope=["identity"])
    response = client_for(world.counsellor).post(
        url, {"to_organisation": partner[0].pk, "field_groups": ["identity"], "summary": "Übergabe"}
    )
    assert response.status_code == 302
    referral = Referral.objects.get()
    decline = reverse("participants:referral_decline", args=[referral.pk])
    assert client_for(partner[1]).post(decline, {"reason": ""}).status_code == 400
    assert client_for(partner[1]).post(decline, {"reason": "Keine Kapazität"}).status_code == 302
    referral.refresh_from_db()
    assert referral.status == "declined"


def test_referral_notifies_both_sides(
    world, partner, participant, mailoutbox, django_capture_on_commit_callbacks
):
    share_consent(world, participant, partner[0], scope=["identity"])
    with django_capture_on_commit_callbacks(execute=True):
        referral = services.referral_send(
            actor=world.counsellor,
            participant=participant,
            to_organisation=partner[0],
            field_groups=["identity"],
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.referral_accept(actor=partner[1], referral=referral)
    recipients = [m.to[0] for m in mailoutbox]
    assert partner[1].email in recipients
    assert world.counsellor.email in recipients
    assert all("Amira" not in m.body for m in mailoutbox)


def test_notes_are_per_project_and_audited_without_values(world, participant):
    services.note_add(
        actor=world.counsellor,
        participant=participant,
        organisation_id=world.counselling.pk,
        body="Vertraulicher Vermerk",
    )
    entry = AuditEntry.objects.get(action="case_note.create")
    assert "Vertraulich" not in json.dumps(entry.changed_fields) + entry.reason
    assert CaseNote.objects.get().body == "Vertraulicher Vermerk"


def test_export_contains_everything(world, partner, participant, client_for):
    share_consent(world, participant, partner[0])
    services.note_add(
        actor=world.counsellor,
        participant=participant,
        organisation_id=world.counselling.pk,
        body="Notiz 1",
    )
    services.milestone_record(
        actor=world.counsellor,
        participant=participant,
        organisation_id=world.counselling.pk,
        milestone_type=_type("arrival"),
        occurred_on=date(2023, 5, 1),
    )
    services.task_create(
        actor=world.counsellor,
        participant=participant,
        organisation_id=world.counselling.pk,
        title="Anruf",
        due_on=date(2030, 1, 1),
    )
    services.participant_update(
        actor=world.counsellor, participant=participant, data={"desired_occupations": ["29302"]}
    )
    response = client_for(world.counsellor).get(
        reverse("participants:export_json", args=[participant.pk])
    )
    data = json.loads(response.content)
    record = data["participant"]
    # every stored field of the model is in the export
    model_fields = {f.name for f in Participant._meta.concrete_fields} - {
        "id",
        "organisation",
        "portal_user",
        "portal_nonce",
        "dedupe_key",
        "first_name_index",
        "last_name_index",
        "created_by",
        "erased_at",
        "portal_invited_at",
    }
    assert model_fields <= set(record)
    assert record["last_name"] == "Haddad"
    assert data["case_notes"][0]["body"] == "Notiz 1"
    assert data["milestones"][0]["type"] == "arrival"
    assert data["consents"][0]["purpose"] == "share_case"
    assert data["follow_up_tasks"][0]["title"] == "Anruf"
    assert data["desired_occupations"][0]["code"] == "29302"
    assert data["access_log"]
    pdf = client_for(world.counsellor).get(
        reverse("participants:export_pdf", args=[participant.pk])
    )
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")


def test_consent_form_pdf_is_bilingual(world, participant, client_for):
    response = client_for(world.counsellor).get(
        reverse("participants:consent_form_pdf", args=[participant.pk]), {"language": "ar"}
    )
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    from io import BytesIO

    from pypdf import PdfReader

    assert len(PdfReader(BytesIO(response.content)).pages) >= 2


def _all_text_in_db() -> str:
    chunks: list[str] = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if not table.startswith("participants_") or table in (
                "participants_occupation",
                "participants_milestonetype",
            ):
                continue
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608
            chunks.extend(str(v) for row in cursor.fetchall() for v in row)
    return " ".join(chunks)


def test_erasure_leaves_no_trace_but_statistics_count(
    world, partner, participant, settings, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("f.pdf", b"%PDF-1.4 signed", content_type="application/pdf")
    consent = services.consent_give(
        actor=world.counsellor,
        participant=participant,
        purpose="photos",
        scope=["identity"],
        method="signed_form",
        form_file=upload,
        form_content_type="application/pdf",
    )
    evidence = SimpleUploadedFile("e.png", b"\x89PNG\r\n\x1a\nxxxx", content_type="image/png")
    services.milestone_record(
        actor=world.counsellor,
        participant=participant,
        organisation_id=world.counselling.pk,
        milestone_type=_type("b1_reached"),
        occurred_on=date(2024, 1, 2),
        note="Zertifikat liegt vor",
        evidence=evidence,
    )
    share_consent(world, participant, partner[0])
    services.referral_send(
        actor=world.counsellor,
        participant=participant,
        to_organisation=partner[0],
        field_groups=["identity"],
        summary="Geheime Übergabe",
    )
    services.note_add(
        actor=world.counsellor,
        participant=participant,
        organisation_id=world.counselling.pk,
        body="Vermerk",
    )
    files = [Path(consent.form_file.path), Path(Milestone.objects.get().evidence.path)]
    assert all(f.exists() for f in files)
    original_code = participant.code
    with pytest.raises(ParticipantError):
        services.participant_erase(actor=world.counsellor, participant=participant, reason="")
    with django_capture_on_commit_callbacks(execute=True):
        services.participant_erase(
            actor=world.counsellor, participant=participant, reason="Antrag vom 1.3."
        )
    assert not any(f.exists() for f in files)
    assert not Consent.objects.exists()
    assert not Referral.objects.exists()
    assert not CaseNote.objects.exists()
    assert not FollowUpTask.objects.exists()
    stub = Participant.objects.get()
    # the stub's new random code (hex) may by chance contain "B1": leave it out of the search
    everything = _all_text_in_db().replace(stub.code, "ERASED")
    for trace in (original_code, "v1:", "Zertifikat", "39104", "B1", "Geheime"):
        assert trace not in everything, trace
    # statistics: the person and their milestone kinds still count
    assert stub.status == ParticipantStatus.ERASED
    assert stub.organisation_id == world.counselling.pk
    assert Milestone.objects.filter(participant=stub, milestone_type__key="b1_reached").count() == 1
    # audit and access logs hold no personal values
    for entry in AuditEntry.objects.all():
        assert "Haddad" not in str(entry.changed_fields) + entry.reason
    assert AccessLogEntry.objects.filter(object_id=str(stub.pk)).count() >= 0


def test_erased_record_is_gone_for_everyone(world, participant, client_for):
    services.participant_erase(actor=world.counsellor, participant=participant, reason="Antrag")
    assert (
        client_for(world.counsellor)
        .get(reverse("participants:detail", args=[participant.pk]))
        .status_code
        == 404
    )


def test_retention_erases_what_is_due(world, settings):
    settings.PARTICIPANT_RETENTION_DAYS = {"participant_after_leaving": 30}
    participant = make_participant(world, enrolled_on=timezone.localdate() - timedelta(days=400))
    services.milestone_record(
        actor=world.counsellor,
        participant=participant,
        organisation_id=world.counselling.pk,
        milestone_type=_type("left_programme"),
        occurred_on=timezone.localdate() - timedelta(days=40),
        leave_reason="moved",
    )
    fresh = make_participant(world, first_name="Bleibt")
    counts = services.retention_apply()
    assert counts["participants"] == 1
    participant.refresh_from_db()
    assert participant.status == ParticipantStatus.ERASED
    fresh.refresh_from_db()
    assert fresh.status == ParticipantStatus.ACTIVE
    assert Participant.objects.count() == 2  # still countable


def test_consented_fields_for_the_applicant_exchange(world, participant):
    assert selectors.consented_fields(participant, "employer_profile", None) == frozenset()
    services.consent_give(
        actor=world.counsellor,
        participant=participant,
        purpose="employer_profile",
        scope=["occupations", "languages"],
        method="in_person",
        witnessed_by=world.counsellor,
    )
    fields = selectors.consented_fields(participant, "employer_profile", world.company.pk)
    assert "desired_occupations" in fields
    assert "german_level" in fields
    assert "last_name" not in fields


def test_dashboard_panels(world, partner, participant, client_for):
    share_consent(world, participant, partner[0], scope=["identity"])
    services.referral_send(
        actor=world.counsellor,
        participant=participant,
        to_organisation=partner[0],
        field_groups=["identity"],
    )
    services.task_create(
        actor=world.counsellor,
        participant=participant,
        organisation_id=world.counselling.pk,
        title="Rückruf",
        due_on=date(2030, 1, 1),
    )
    body = client_for(partner[1]).get(reverse("core:dashboard")).content.decode()
    assert participant.code in body
    body = client_for(world.counsellor).get(reverse("core:dashboard")).content.decode()
    assert "Rückruf" in body

"""Writes: consent, bad input, exit with its scheduled follow-up, audit entries."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import translation

from tests.funding.conftest import TODAY, access_for, enter, esf_participant, make_project
from wegweiser.core.dates import add_months
from wegweiser.core.models import AuditEntry
from wegweiser.funding import selectors, services
from wegweiser.funding.exceptions import FundingError
from wegweiser.funding.models import EsfRecord, FundedProject
from wegweiser.participants import services as participant_services
from wegweiser.participants.constants import TaskKind
from wegweiser.participants.models import FollowUpTask

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in English here (German: see the German tests)."""
    with translation.override("en"):
        yield


def test_project_create_writes_one_audit_entry(world):
    project = make_project(world)
    entries = AuditEntry.objects.filter(action="funded_project.create", object_id=str(project.pk))
    assert entries.count() == 1
    assert entries.get().network_id == world.region.pk
    assert list(project.organisations.all()) == [world.counselling]


@pytest.mark.parametrize(
    ("data", "organisations"),
    [
        ({"name": "", "funding_reference": "X"}, "counselling"),
        ({"ends_on": date(2000, 1, 1)}, "counselling"),
        ({}, "company"),
        ({}, None),
    ],
)
def test_bad_projects_leave_nothing_written(world, data, organisations):
    fields = {
        "name": "P",
        "funding_reference": "R-1",
        "starts_on": date(2025, 1, 1),
        "ends_on": date(2026, 12, 31),
    } | data
    orgs = [getattr(world, organisations)] if organisations else []
    with pytest.raises(FundingError):
        services.project_create(
            actor=world.coordinator, network=world.region, data=fields, organisations=orgs
        )
    assert not FundedProject.objects.exists()
    assert not AuditEntry.objects.filter(action="funded_project.create").exists()


def test_only_coordinators_create_projects(world):
    with pytest.raises(FundingError):
        services.project_create(
            actor=world.counsellor,
            network=world.region,
            data={
                "name": "P",
                "funding_reference": "R",
                "starts_on": date(2025, 1, 1),
                "ends_on": date(2025, 12, 31),
            },
            organisations=[world.counselling],
        )
    assert not FundedProject.objects.exists()


def test_entry_needs_esf_consent(world, project):
    participant = esf_participant(world, consent=False, first_name="Ohne")
    with pytest.raises(FundingError) as refused:
        enter(world, project, participant)
    assert "consent" in str(refused.value)
    assert not EsfRecord.objects.exists()


def test_withdrawn_consent_blocks_entry(world, project):
    participant = esf_participant(world, first_name="Zurück")
    consent = participant.consents.get()
    participant_services.consent_withdraw(actor=world.counsellor, consent=consent)
    with pytest.raises(FundingError):
        enter(world, project, participant)
    assert not EsfRecord.objects.exists()


@pytest.mark.parametrize(
    "bad",
    [
        {"sex": "robot"},
        {"contact_hours": "-1"},
        {"contact_hours": "NaN"},
        {"entry_on": TODAY() + timedelta(days=1)},
        {"entry_on": date(2000, 1, 1)},  # before the project
    ],
)
def test_bad_entries_leave_nothing_written(world, project, person, bad):
    participant = person()
    with pytest.raises(FundingError):
        enter(world, project, participant, **bad)
    assert not EsfRecord.objects.exists()
    assert not AuditEntry.objects.filter(action="esf_record.create").exists()


def test_missing_core_data_names_what_is_missing(world, project, person):
    participant = person(date_of_birth=None)
    with pytest.raises(FundingError) as refused:
        enter(world, project, participant, sex="", rural="")
    message = str(refused.value)
    assert "sex" in message and "date of birth" in message and "rural area" in message
    assert "education" not in message
    assert not EsfRecord.objects.exists()


def test_missing_core_data_message_in_german(world, project, person):
    from django.utils import translation

    participant = person()
    with translation.override("de"), pytest.raises(FundingError) as refused:
        enter(world, project, participant, education="")
    assert "Bildung" in str(refused.value)
    assert "kann nicht abgeschlossen werden" in str(refused.value)


def test_a_completed_record_cannot_lose_its_core_data(world, project, person):
    participant = person()
    record = enter(world, project, participant)
    with pytest.raises(FundingError):
        services.record_update(
            actor=world.counsellor,
            record=record,
            access=access_for(world, participant),
            data={"sex": ""},
        )
    record.refresh_from_db()
    assert record.sex == "female"


def test_completing_later_writes_one_audit_entry(world, project, person):
    participant = person()
    record = enter(world, project, participant, complete=False, education="")
    services.record_update(
        actor=world.counsellor,
        record=record,
        access=access_for(world, participant),
        data={"education": "isced_5_8"},
        complete=True,
    )
    record.refresh_from_db()
    assert record.is_entry_complete
    entry = AuditEntry.objects.get(action="esf_record.update", object_id=str(record.pk))
    assert {"education", "entry_completed_at"} <= set(entry.changed_fields)
    assert entry.organisation_id == world.counselling.pk


def test_exit_schedules_the_follow_up_six_months_later(world, project, person):
    participant = person()
    record = enter(world, project, participant, entry_on=TODAY() - timedelta(days=400))
    exit_on = TODAY() - timedelta(days=200)
    services.exit_record(
        actor=world.counsellor,
        record=record,
        exit_on=exit_on,
        results={"result_employment": True, "result_unknown": True},
        contact_hours=Decimal("42.5"),
    )
    record.refresh_from_db()
    assert record.follow_up_due_on == add_months(exit_on, 6)
    assert record.result_employment and not record.result_education
    task = FollowUpTask.objects.get(participant=participant)
    assert task.due_on == record.follow_up_due_on
    assert task.kind == TaskKind.MANUAL
    assert (
        AuditEntry.objects.filter(action="esf_record.exit", object_id=str(record.pk)).count() == 1
    )
    # the project's counsellors see it in their list of due follow-ups
    access = selectors.access_project_by_id(actor=world.counsellor, project_id=project.pk)
    assert selectors.due_follow_ups_for(actor=world.counsellor, access=access) == [record]
    services.follow_up_record(actor=world.counsellor, record=record, employment=True, improved=True)
    assert selectors.due_follow_ups_for(actor=world.counsellor, access=access) == []
    period = selectors.period_grid(project=project)[0]
    values = selectors.indicator_values(project=project, period=period)
    assert values["followed_up"] == 1 and values["follow_up_employment"] == 1


def test_add_months_keeps_the_end_of_month():
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2026, 3, 15), 6) == date(2026, 9, 15)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)


def test_follow_up_before_its_due_date_is_refused(world, project, person):
    record = enter(world, project, person(), entry_on=TODAY() - timedelta(days=30))
    services.exit_record(actor=world.counsellor, record=record, exit_on=TODAY(), results={})
    with pytest.raises(FundingError):
        services.follow_up_record(
            actor=world.counsellor, record=record, employment=True, improved=False
        )
    record.refresh_from_db()
    assert record.follow_up_done_at is None


@pytest.mark.parametrize(
    "exit_on", [lambda: TODAY() + timedelta(days=1), lambda: TODAY() - timedelta(days=3000)]
)
def test_bad_exits_leave_nothing_written(world, project, person, exit_on):
    record = enter(world, project, person(), entry_on=TODAY() - timedelta(days=30))
    with pytest.raises(FundingError):
        services.exit_record(actor=world.counsellor, record=record, exit_on=exit_on(), results={})
    record.refresh_from_db()
    assert record.exit_on is None and record.follow_up_due_on is None
    assert not FollowUpTask.objects.exists()
    assert not AuditEntry.objects.filter(action="esf_record.exit").exists()


def test_incomplete_records_cannot_exit(world, project, person):
    record = enter(world, project, person(), complete=False)
    with pytest.raises(FundingError):
        services.exit_record(actor=world.counsellor, record=record, exit_on=TODAY(), results={})
    assert not FollowUpTask.objects.exists()

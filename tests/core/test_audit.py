"""The audit trail and the access log: append-only, names not values, visible to coordinators."""

from __future__ import annotations

import pytest
from django.urls import reverse

from wegweiser.core.models import AccessLogEntry, AppendOnlyError, AuditEntry
from wegweiser.network.services import organisation_update

pytestmark = pytest.mark.django_db


def test_service_write_leaves_one_entry_with_field_names_only(world):
    before = AuditEntry.objects.count()
    organisation_update(
        actor=world.org_admin,
        organisation=world.company,
        data={"phone": "+49 345 1234567", "city": "Halle"},
    )
    assert AuditEntry.objects.count() == before + 1
    entry = AuditEntry.objects.first()
    assert entry.action == "organisation.update"
    assert entry.changed_fields == ["city", "phone"]
    assert entry.organisation_id == world.company.pk
    assert entry.network_id == world.region.pk
    assert "1234567" not in repr(entry.__dict__)


def test_no_entry_when_nothing_changed(world):
    before = AuditEntry.objects.count()
    organisation_update(
        actor=world.org_admin, organisation=world.company, data={"city": world.company.city}
    )
    assert AuditEntry.objects.count() == before


def test_logs_are_append_only(world):
    entry = AuditEntry.objects.first()
    entry.action = "tampered"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AccessLogEntry.objects.all().update(purpose="x")


def test_coordinator_browses_and_filters_the_trail_of_their_network(world, client_for):
    organisation_update(actor=world.org_admin, organisation=world.company, data={"city": "Halle"})
    client = client_for(world.coordinator)
    response = client.get(reverse("network:audit_trail"), {"action": "organisation.update"})
    assert response.status_code == 200
    entries = list(response.context["listing"].page.object_list)
    assert entries and all(e.action == "organisation.update" for e in entries)
    # Entries of an unrelated network are not shown.
    organisation_update(actor=world.foreign_admin, organisation=world.foreign, data={"city": "X"})
    response = client.get(reverse("network:audit_trail"), {"action": "organisation.update"})
    assert all(e.organisation_id != world.foreign.pk for e in response.context["listing"].page)


@pytest.mark.parametrize(
    "who", ["org_admin", "staff", "counsellor", "employer", "funder", "outsider"]
)
def test_only_coordinators_see_the_audit_trail(world, client_for, who):
    assert client_for(getattr(world, who)).get(reverse("network:audit_trail")).status_code == 404


def test_people_list_writes_the_access_log(world, client_for):
    before = AccessLogEntry.objects.count()
    client_for(world.org_admin).get(reverse("network:organisation_people", args=[world.company.pk]))
    rows = AccessLogEntry.objects.count() - before
    assert rows == 3  # admin, staff and employer contact of the company
    entry = AccessLogEntry.objects.first()
    assert entry.actor == world.org_admin and entry.purpose == "organisation_people"

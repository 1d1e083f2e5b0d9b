"""Membership, project and sponsorship services: rules, audit entries, no half-written records."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from wegweiser.core.models import AuditEntry
from wegweiser.network import services
from wegweiser.network.constants import (
    MembershipStatus,
    SponsorshipKind,
    SponsorshipStatus,
)
from wegweiser.network.exceptions import NetworkError
from wegweiser.network.models import MemberProject, Membership, Sponsorship

pytestmark = pytest.mark.django_db


def _membership(world, organisation=None, network=None):
    return Membership.objects.get(
        organisation=organisation or world.company, network=network or world.region
    )


def test_membership_create_as_prospect_has_no_joining_date(world):
    membership = services.membership_create(
        actor=world.coordinator,
        organisation=world.company,
        network=world.national,
        status=MembershipStatus.PROSPECT,
    )
    assert membership.status == MembershipStatus.PROSPECT
    assert membership.joined_on is None
    entry = AuditEntry.objects.get(action="membership.create", object_id=str(membership.pk))
    assert entry.network_id == world.national.pk
    assert entry.organisation_id == world.company.pk
    assert entry.reason == "→ prospect"


def test_membership_create_twice_is_refused(world):
    with pytest.raises(NetworkError) as error:
        services.membership_create(
            actor=world.coordinator, organisation=world.company, network=world.region
        )
    assert error.value.field == "network"


def test_membership_create_as_left_is_refused(world):
    with pytest.raises(NetworkError):
        services.membership_create(
            actor=world.coordinator,
            organisation=world.company,
            network=world.national,
            status=MembershipStatus.LEFT,
        )


def test_status_history_is_written_to_the_audit_trail(world):
    membership = services.membership_create(
        actor=world.coordinator,
        organisation=world.company,
        network=world.national,
        status=MembershipStatus.PROSPECT,
    )
    day = date(2025, 3, 1)
    services.membership_change_status(
        actor=world.coordinator, membership=membership, status=MembershipStatus.MEMBER, on=day
    )
    services.membership_change_status(
        actor=world.coordinator, membership=membership, status=MembershipStatus.PAUSED
    )
    services.membership_change_status(
        actor=world.coordinator, membership=membership, status=MembershipStatus.MEMBER
    )
    membership.refresh_from_db()
    assert membership.joined_on == day  # resuming after a pause keeps the joining date
    reasons = list(
        AuditEntry.objects.filter(object_id=str(membership.pk), action__startswith="membership.")
        .order_by("id")
        .values_list("reason", flat=True)
    )
    assert reasons == ["→ prospect", "prospect → member", "member → paused", "paused → member"]


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (MembershipStatus.PROSPECT, MembershipStatus.PAUSED),
        (MembershipStatus.MEMBER, MembershipStatus.PROSPECT),
        (MembershipStatus.MEMBER, MembershipStatus.MEMBER),
        (MembershipStatus.MEMBER, MembershipStatus.LEFT),  # leaving has its own service
        (MembershipStatus.MEMBER, "nonsense"),
    ],
)
def test_forbidden_status_changes_change_nothing(world, start, target):
    membership = _membership(world)
    if start == MembershipStatus.PROSPECT:
        Membership.objects.filter(pk=membership.pk).update(status=start, joined_on=None)
    before = AuditEntry.objects.count()
    with pytest.raises(NetworkError):
        services.membership_change_status(
            actor=world.coordinator, membership=membership, status=target
        )
    membership.refresh_from_db()
    assert membership.status == start
    assert AuditEntry.objects.count() == before


def test_leave_sets_date_and_ends_ambassador_terms(world):
    today = timezone.localdate()
    term = services.ambassador_appoint(
        actor=world.coordinator,
        organisation=world.company,
        network=world.region,
        region="Halle",
        starts_on=today - timedelta(days=20),
    )
    membership = services.membership_leave(
        actor=world.coordinator, membership=_membership(world), on=today
    )
    assert membership.status == MembershipStatus.LEFT
    assert membership.left_on == today
    term.refresh_from_db()
    assert term.ends_on == today
    entry = AuditEntry.objects.get(action="membership.leave")
    assert entry.changed_fields == ["left_on", "status"]
    assert "member → left" in entry.reason


def test_leave_before_joining_or_twice_is_refused(world):
    membership = _membership(world)
    with pytest.raises(NetworkError):
        services.membership_leave(
            actor=world.coordinator,
            membership=membership,
            on=membership.joined_on - timedelta(days=1),
        )
    services.membership_leave(actor=world.coordinator, membership=membership)
    with pytest.raises(NetworkError):
        services.membership_leave(actor=world.coordinator, membership=membership)


def test_rejoining_after_leaving_starts_a_new_period(world):
    membership = services.membership_leave(actor=world.coordinator, membership=_membership(world))
    later = timezone.localdate() + timedelta(days=5)
    membership = services.membership_change_status(
        actor=world.coordinator, membership=membership, status=MembershipStatus.MEMBER, on=later
    )
    assert (membership.joined_on, membership.left_on) == (later, None)


# --- Projects and sponsorships --------------------------------------------------------------


def test_project_needs_membership_of_the_network(world):
    with pytest.raises(NetworkError):
        services.project_create(
            actor=world.org_admin,
            organisation=world.company,
            network=world.other_network,
            data={"title": "X"},
        )
    assert not MemberProject.objects.exists()


def test_project_update_audits_only_changed_field_names(world):
    project = services.project_create(
        actor=world.org_admin,
        organisation=world.company,
        network=world.region,
        data={"title": "Sprachcafé", "summary": "Geheim 123", "mass": "assignment"},
    )
    services.project_update(actor=world.org_admin, project=project, data={"title": "Sprachtreff"})
    entry = AuditEntry.objects.get(action="project.update")
    assert entry.changed_fields == ["title"]
    assert "Sprach" not in str(entry.changed_fields) + entry.reason


def test_project_end_before_start_is_refused(world):
    today = timezone.localdate()
    with pytest.raises(NetworkError) as error:
        services.project_create(
            actor=world.org_admin,
            organisation=world.company,
            network=world.region,
            data={"title": "X", "starts_on": today, "ends_on": today - timedelta(days=1)},
        )
    assert error.value.field == "ends_on"


def _sponsorship(world, **data):
    return services.sponsorship_create(
        actor=world.org_admin,
        organisation=world.company,
        network=world.region,
        data={"kind": SponsorshipKind.MENTORING, "starts_on": timezone.localdate()} | data,
    )


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"places": 0}, "places"),
        ({"places": 2, "places_filled": 3}, "places_filled"),
        ({"places": 2, "places_filled": 1, "status": SponsorshipStatus.FULFILLED}, "status"),
        ({"ends_on": date(2000, 1, 1)}, "ends_on"),
    ],
)
def test_sponsorship_rules(world, data, field):
    with pytest.raises(NetworkError) as error:
        _sponsorship(world, **data)
    assert error.value.field == field
    assert not Sponsorship.objects.exists()


def test_sponsorship_fulfilment(world):
    sponsorship = _sponsorship(world, places=2)
    assert sponsorship.fulfilment_percent == 0
    with pytest.raises(NetworkError):
        services.sponsorship_update(
            actor=world.org_admin, sponsorship=sponsorship, data={"places_filled": 3}
        )
    sponsorship.refresh_from_db()
    services.sponsorship_update(
        actor=world.org_admin,
        sponsorship=sponsorship,
        data={"places_filled": 2, "status": SponsorshipStatus.FULFILLED},
    )
    sponsorship.refresh_from_db()
    assert sponsorship.fulfilment_percent == 100
    assert sponsorship.status == SponsorshipStatus.FULFILLED
    assert AuditEntry.objects.filter(action="sponsorship.update").count() == 1

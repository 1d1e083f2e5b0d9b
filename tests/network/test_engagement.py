"""The engagement ladder: stages from the network's own data and from registered providers."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.conftest import make_organisation
from wegweiser.network import engagement, services
from wegweiser.network.constants import EngagementStage, MembershipStatus, SponsorshipKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def hosts():
    """A higher app (events) registering its signal, removed again after the test."""
    hosted: set[int] = set()
    calls: list[frozenset[int]] = []

    def event_hosts(network_ids: frozenset[int]) -> set[int]:
        calls.append(network_ids)
        return set(hosted)

    engagement.register_engagement_signal(EngagementStage.EVENT_HOST, event_hosts, key="test")
    yield hosted, calls
    engagement.unregister_engagement_signal(EngagementStage.EVENT_HOST, "test")


def test_stages_follow_what_organisations_do(world, hosts):
    hosted, calls = hosts
    network_ids = {world.national.pk, world.region.pk}
    prospect = make_organisation(world.region, name="Interessent")
    prospect.memberships.update(status=MembershipStatus.PROSPECT, joined_on=None)
    assert engagement.stages_for(network_ids)[prospect.pk] == EngagementStage.PROSPECT
    assert engagement.stages_for(network_ids)[world.company.pk] == EngagementStage.MEMBER

    services.project_create(
        actor=world.org_admin,
        organisation=world.company,
        network=world.region,
        data={"title": "Projekt", "status": "active"},
    )
    assert engagement.stages_for(network_ids)[world.company.pk] == EngagementStage.PROJECT

    services.ambassador_appoint(
        actor=world.coordinator,
        organisation=world.company,
        network=world.region,
        region="Halle",
        starts_on=timezone.localdate() - timedelta(days=1),
    )
    assert engagement.stages_for(network_ids)[world.company.pk] == EngagementStage.AMBASSADOR

    hosted.add(world.company.pk)
    assert engagement.stages_for(network_ids)[world.company.pk] == EngagementStage.EVENT_HOST
    assert calls[-1] == frozenset(network_ids)

    services.sponsorship_create(
        actor=world.org_admin,
        organisation=world.counselling,
        network=world.region,
        data={
            "kind": SponsorshipKind.INTERNSHIP_PLACES,
            "starts_on": timezone.localdate(),
            "status": "active",
        },
    )
    stages = engagement.stages_for(network_ids)
    assert stages[world.counselling.pk] == EngagementStage.OFFERS_PLACES
    assert world.foreign.pk not in stages


def test_funnel_counts_each_stage_or_higher(world, hosts, monkeypatch):
    hosted, _calls = hosts
    # A stage nobody provides is "not yet recorded": hide matching's "hired" signal for that.
    monkeypatch.setitem(engagement._PROVIDERS, int(EngagementStage.HIRED), {})
    hosted.add(world.company.pk)
    funnel = {step.stage: step for step in engagement.funnel_for({world.region.pk})}
    assert funnel[EngagementStage.MEMBER].reached == 3
    assert funnel[EngagementStage.EVENT_HOST].reached == 1
    assert funnel[EngagementStage.EVENT_HOST].known
    assert not funnel[EngagementStage.HIRED].known
    assert funnel[EngagementStage.HIRED].reached == 0


def test_registering_twice_under_one_key_replaces(world):
    engagement.register_engagement_signal(EngagementStage.HIRED, lambda ids: {1}, key="dup")
    engagement.register_engagement_signal(EngagementStage.HIRED, lambda ids: {2}, key="dup")
    try:
        assert engagement.organisations_per_stage({world.region.pk})[EngagementStage.HIRED] == {2}
    finally:
        engagement.unregister_engagement_signal(EngagementStage.HIRED, "dup")


def test_unknown_stage_is_refused():
    with pytest.raises(ValueError, match="99"):
        engagement.register_engagement_signal(99, lambda ids: set())


def test_ladder_has_no_n_plus_one(world):
    network_ids = {world.national.pk, world.region.pk}
    with CaptureQueriesContext(connection) as small:
        engagement.stages_for(network_ids)
    for i in range(8):
        organisation = make_organisation(world.region, name=f"Mehr {i}")
        services.project_create(
            actor=None,
            organisation=organisation,
            network=world.region,
            data={"title": "P", "status": "active"},
        )
    with CaptureQueriesContext(connection) as large:
        stages = engagement.stages_for(network_ids)
    assert len(large) == len(small)
    assert sum(1 for s in stages.values() if s == EngagementStage.PROJECT) == 8

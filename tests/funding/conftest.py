"""Fixtures of the funding tests: an ESF Plus project run by the world's counselling project."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from tests.conftest import World
from tests.participants.conftest import make_participant
from wegweiser.funding import services
from wegweiser.funding.models import EsfRecord, FundedProject
from wegweiser.participants import selectors as participant_selectors
from wegweiser.participants import services as participant_services
from wegweiser.participants.constants import ConsentMethod, ConsentPurpose
from wegweiser.participants.models import Participant

TODAY = timezone.localdate


def years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def make_project(world: World, name: str = "WIR – Wege in Arbeit", **data: Any) -> FundedProject:
    today = TODAY()
    fields = {
        "name": name,
        "funding_reference": data.pop("funding_reference", f"ESF-{name[:20]}"),
        "starts_on": today - timedelta(days=730),
        "ends_on": today + timedelta(days=365),
    } | data
    return services.project_create(
        actor=world.coordinator,
        network=world.region,
        data=fields,
        organisations=[world.counselling],
    )


def esf_participant(world: World, consent: bool = True, **data: Any) -> Participant:
    participant = make_participant(world, **data)
    if consent:
        participant_services.consent_give(
            actor=world.counsellor,
            participant=participant,
            purpose=ConsentPurpose.ESF_REPORTING,
            scope=["identity", "origin"],
            method=ConsentMethod.IN_PERSON,
            witnessed_by=world.counsellor,
        )
    return participant


def access_for(world: World, participant: Participant) -> Any:
    return participant_selectors.access_participant_by_id(
        actor=world.counsellor, participant_id=participant.pk, purpose="edit"
    )


CORE = {
    "sex": "female",
    "employment_status": "long_term_unemployed",
    "education": "isced_0_2",
    "rural": "no",
    "disability": "no",
    "third_country_national": "yes",
    "foreign_background": "yes",
    "homeless": "no",
    "contact_hours": 20,
}


def enter(
    world: World,
    project: FundedProject,
    participant: Participant,
    complete: bool = True,
    **data: Any,
) -> EsfRecord:
    return services.record_create(
        actor=world.counsellor,
        project=project,
        access=access_for(world, participant),
        data=CORE | {"entry_on": TODAY() - timedelta(days=300)} | data,
        complete=complete,
    )


@pytest.fixture
def project(world: World) -> FundedProject:
    return make_project(world)


_names = iter(f"Person{i}" for i in range(10_000))


@pytest.fixture
def person(world: World):
    def make(**data: Any) -> Participant:
        # distinct names keep the duplicate check quiet
        return esf_participant(world, first_name=next(_names), **data)

    return make

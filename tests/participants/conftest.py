"""Fixtures of the participants tests: a second counselling project and participants."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.conftest import World, make_organisation, make_user
from wegweiser.network.constants import OrganisationType, RoleKind
from wegweiser.participants import services
from wegweiser.participants.constants import ConsentMethod, ConsentPurpose, FieldGroup
from wegweiser.participants.models import Participant


def make_participant(world: Any, organisation: Any = None, **data: Any) -> Participant:
    fields = {
        "first_name": "Amira",
        "last_name": "Haddad",
        "date_of_birth": date(1994, 3, 12),
        "email": "amira@example.org",
        "phone": "+49 391 1234567",
        "plz": "39104",
        "languages": ["ar", "en"],
        "german_level": "B1",
        "country_of_origin": "Syrien",
        "residence_status": "ae_protection",
        "childcare_constraints": "Kita bis 15 Uhr",
    } | data
    return services.participant_create(
        actor=world.counsellor, organisation=organisation or world.counselling, data=fields
    )


@pytest.fixture
def partner(world: World) -> Any:
    """A second counselling project in the same region, with its counsellor."""
    organisation = make_organisation(
        world.region, name="Partnerprojekt", org_type=OrganisationType.COUNSELLING_PROJECT
    )
    counsellor = make_user(email="partner-counsellor@example.org")
    world.grant(counsellor, organisation, RoleKind.COUNSELLOR)
    return organisation, counsellor


@pytest.fixture
def participant(world: World) -> Participant:
    return make_participant(world)


def share_consent(
    world: Any, participant: Participant, recipient: Any, scope: Any = None, **extra: Any
):
    return services.consent_give(
        actor=world.counsellor,
        participant=participant,
        purpose=ConsentPurpose.SHARE_CASE,
        recipient=recipient,
        scope=scope or [FieldGroup.IDENTITY, FieldGroup.LANGUAGES, FieldGroup.PATHWAY],
        method=ConsentMethod.IN_PERSON,
        witnessed_by=world.counsellor,
        **extra,
    )

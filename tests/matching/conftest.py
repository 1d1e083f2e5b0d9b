"""Fixtures of the suggestion tests: consented participants and offers of the company."""

from __future__ import annotations

import itertools
from typing import Any

from tests.participants.conftest import make_participant
from wegweiser.participants import services as participant_services
from wegweiser.participants.constants import ConsentMethod, ConsentPurpose, FieldGroup
from wegweiser.participants.models import Consent, Participant

_names = itertools.count(1)

# What most demo candidates open to employers (no identity, no contact, no residence).
OPEN_GROUPS = [
    FieldGroup.LANGUAGES,
    FieldGroup.OCCUPATIONS,
    FieldGroup.MOBILITY,
    FieldGroup.AVAILABILITY,
]


def candidate(world: Any, organisation: Any = None, **data: Any) -> Participant:
    number = next(_names)
    fields = {
        "first_name": f"Vorname{number}",
        "last_name": f"Nachname{number}",
        "email": f"candidate{number}@example.org",
        "desired_occupations": ["26212"],
        "travel_radius_km": 100,
    } | data
    return make_participant(world, organisation, **fields)


def profile_consent(world: Any, participant: Participant, scope: Any = None) -> Consent:
    return participant_services.consent_give(
        actor=world.counsellor,
        participant=participant,
        purpose=ConsentPurpose.EMPLOYER_PROFILE,
        scope=scope or OPEN_GROUPS,
        method=ConsentMethod.IN_PERSON,
        witnessed_by=world.counsellor,
    )

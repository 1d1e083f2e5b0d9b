"""A fictional ESF Plus project in the demo network: a dozen of the demo participants of
"Brückenschlag Plus" with entry questionnaires, some exits and follow-ups. The demo funder
login (foerderung@demo.wegweiser.invalid, created by the network demo) sees its aggregates."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from wegweiser.accounts.models import User
from wegweiser.funding import services
from wegweiser.funding.constants import Answer, Education, EmploymentStatus, Sex
from wegweiser.funding.exceptions import FundingError
from wegweiser.funding.models import FundedProject
from wegweiser.network.constants import RoleKind
from wegweiser.network.models import Membership, Organisation
from wegweiser.participants import selectors as participant_selectors
from wegweiser.participants.constants import ParticipantStatus
from wegweiser.participants.models import Participant

REFERENCE = "ESF-DEMO-2025-0001"
PROJECT_NAME = "WIR – Wege in Arbeit (Demo)"
MAIN_PROJECT = "Brückenschlag Plus"


def load(rng: random.Random) -> None:
    if FundedProject.objects.filter(funding_reference=REFERENCE).exists():
        return
    main = Organisation.objects.filter(name=MAIN_PROJECT).first()
    if main is None:
        return
    membership = Membership.objects.filter(organisation=main).order_by("pk").first()
    counsellor = User.objects.filter(
        roles__organisation=main, roles__kind=RoleKind.COUNSELLOR
    ).first()
    coordinator = User.objects.filter(roles__kind=RoleKind.COORDINATOR).order_by("pk").first()
    if membership is None or counsellor is None or coordinator is None:
        return
    today = timezone.localdate()
    project = services.project_create(
        actor=coordinator,
        network=membership.network,
        data={
            "name": PROJECT_NAME,
            "funding_reference": REFERENCE,
            "starts_on": today - timedelta(days=800),
            "ends_on": today + timedelta(days=400),
        },
        organisations=[main],
    )
    participants = list(
        Participant.objects.filter(organisation=main)
        .exclude(status=ParticipantStatus.ERASED)
        .order_by("pk")[:12]
    )
    for index, participant in enumerate(participants):
        access = participant_selectors.access_participant_by_id(
            actor=counsellor, participant_id=participant.pk, purpose="edit"
        )
        entry_on = max(participant.enrolled_on, project.starts_on)
        data = {
            "entry_on": entry_on,
            "contact_hours": Decimal(5 if index == 11 else rng.randint(12, 120)),
            "sex": rng.choice([Sex.FEMALE, Sex.MALE, Sex.FEMALE, Sex.MALE, Sex.NON_BINARY]),
            "employment_status": rng.choice(EmploymentStatus.values),
            "education": "" if index == 10 else rng.choice(Education.values),
            "disability": rng.choice([Answer.NO, Answer.NO, Answer.NO, Answer.YES]),
            "third_country_national": Answer.YES,
            "foreign_background": Answer.YES,
            "homeless": rng.choice([Answer.NO, Answer.NO, Answer.DECLINED, Answer.YES]),
            "rural": rng.choice([Answer.NO, Answer.YES]),
        }
        try:
            record = services.record_create(
                actor=counsellor, project=project, access=access, data=data, complete=True
            )
        except FundingError:
            # one record lacks core data on purpose: it stays a draft
            record = services.record_create(
                actor=counsellor, project=project, access=access, data=data, complete=False
            )
            continue
        if index % 3 != 0:
            continue
        exit_on = participant.left_on or today - timedelta(days=rng.randint(190, 300))
        if exit_on < entry_on:
            exit_on = min(today, entry_on + timedelta(days=60))
        services.exit_record(
            actor=counsellor,
            record=record,
            exit_on=exit_on,
            results={
                "result_employment": index % 2 == 0,
                "result_education": index % 2 == 1,
                "result_qualification": index % 4 == 0,
                "result_job_searching": index % 2 == 1,
            },
        )
        if record.follow_up_due_on and record.follow_up_due_on <= today and index % 2 == 0:
            services.follow_up_record(
                actor=counsellor, record=record, employment=True, improved=True
            )

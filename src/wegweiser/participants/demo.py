"""Fictional demo participants: about 60 people across the demo counselling projects, with
consents, referrals, pathways at different stages and a few who left the programme.

All names are invented; postcodes are real places. Loading twice changes nothing.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from functools import cache

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from wegweiser.accounts.models import User
from wegweiser.accounts.services import user_create
from wegweiser.network import services as network_services
from wegweiser.network.constants import OrganisationType, RoleKind
from wegweiser.network.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET
from wegweiser.network.models import Organisation
from wegweiser.participants import services
from wegweiser.participants.constants import (
    Availability,
    ConsentMethod,
    ConsentPurpose,
    FieldGroup,
    GermanLevel,
    LeaveReason,
    RecognitionStatus,
    ResidenceStatus,
)
from wegweiser.participants.models import MilestoneType, Participant

PORTAL_EMAIL = "teilnehmerin@demo.wegweiser.invalid"
PARTNER_EMAIL = "beratung.kompass@demo.wegweiser.invalid"
FIRST = [
    "Amal",
    "Bashir",
    "Darya",
    "Elif",
    "Farah",
    "Ghulam",
    "Hanna",
    "Ibrahim",
    "Jana",
    "Kateryna",
    "Laila",
    "Mahmoud",
    "Nour",
    "Oksana",
    "Parisa",
    "Rami",
    "Samira",
    "Taras",
    "Umar",
    "Wafa",
    "Yasin",
    "Zainab",
    "Ali",
    "Bohdan",
    "Dalia",
    "Emre",
    "Fatima",
    "Hamid",
]
LAST = [
    "Abadi",
    "Barakzai",
    "Chalabi",
    "Dovzhenko",
    "Ebrahimi",
    "Farouk",
    "Ghani",
    "Hosseini",
    "Ismail",
    "Jaber",
    "Kovalenko",
    "Latifi",
    "Mansour",
    "Nazari",
    "Omari",
    "Petrenko",
    "Qasemi",
    "Rahman",
    "Saleh",
    "Tkachenko",
    "Usmani",
    "Wardak",
    "Yilmaz",
    "Zaher",
]
ORIGINS = [
    ("Syrien", ["ar"], ResidenceStatus.AE_PROTECTION),
    ("Afghanistan", ["fa", "ps"], ResidenceStatus.GESTATTUNG),
    ("Ukraine", ["uk", "ru"], ResidenceStatus.TEMPORARY_PROTECTION),
    ("Irak", ["ar", "ku"], ResidenceStatus.DULDUNG),
    ("Iran", ["fa"], ResidenceStatus.AE_PROTECTION),
    ("Eritrea", ["ti"], ResidenceStatus.AE_PROTECTION),
    ("Türkei", ["tr", "ku"], ResidenceStatus.AE_EMPLOYMENT),
]
PLACES = [
    "20095",
    "24103",
    "30159",
    "28195",
    "39104",
    "06108",
    "01067",
    "04109",
    "10115",
    "80331",
    "90402",
    "70173",
    "50667",
    "44135",
]
OCCUPATIONS = [
    "29302",
    "26212",
    "52122",
    "81302",
    "51312",
    "34212",
    "63302",
    "82102",
    "25212",
    "43412",
    "62102",
    "71402",
]
STAGES = [
    "arrival",
    "counselling_started",
    "language_course_started",
    "b1_reached",
    "recognition_applied",
    "recognition_decided",
    "internship_or_eq_started",
    "apprenticeship_started",
    "job_started",
    "employed_after_6_months",
]


@cache
def _password_hash() -> str:
    return make_password(DEMO_PASSWORD)


def _user(email: str, first: str, last: str, *, mfa: bool) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = user_create(
            actor=None,
            email=email,
            password=None,
            first_name=first,
            last_name=last,
            email_verified=True,
        )
        user.password = _password_hash()
        user.save(update_fields=["password"])
        if mfa:
            from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
            from allauth.mfa.totp.internal.auth import TOTP

            TOTP.activate(user, DEMO_TOTP_SECRET)
            RecoveryCodes.activate(user)
    return user


def load(rng: random.Random) -> None:
    projects = list(
        Organisation.objects.filter(org_type=OrganisationType.COUNSELLING_PROJECT).order_by("name")
    )
    if not projects or Participant.objects.filter(organisation__in=projects).exists():
        return
    counsellors = {
        p.pk: User.objects.filter(roles__organisation=p, roles__kind=RoleKind.COUNSELLOR).first()
        or User.objects.filter(roles__organisation=p).first()
        for p in projects
    }
    kompass = next(p for p in projects if p.name == "Anerkennungsberatung Kompass")
    partner = _user(PARTNER_EMAIL, "Kai", "Kompass", mfa=True)
    network_services.role_grant(
        actor=None, user=partner, organisation=kompass, kind=RoleKind.COUNSELLOR
    )
    counsellors[kompass.pk] = partner
    main = next(p for p in projects if p.name == "Brückenschlag Plus")
    types = {t.key: t for t in MilestoneType.objects.filter(network__isnull=True)}
    today = timezone.localdate()
    for index in range(60):
        project = main if index < 20 else projects[index % len(projects)]
        counsellor = counsellors[project.pk]
        if counsellor is None:
            continue
        origin, languages, residence = ORIGINS[index % len(ORIGINS)]
        enrolled = today - timedelta(days=rng.randint(60, 900))
        participant = services.participant_create(
            actor=counsellor,
            organisation=project,
            data={
                "first_name": FIRST[index % len(FIRST)],
                "last_name": LAST[(index * 7) % len(LAST)],
                "date_of_birth": date(1975 + index % 28, 1 + index % 12, 1 + index % 27),
                "email": f"tn{index + 1}@demo.wegweiser.invalid",
                "phone": f"+49 160 {1000000 + index * 7919}",
                "languages": languages,
                "german_level": rng.choice(GermanLevel.values[:4]),
                "country_of_origin": origin,
                "residence_status": residence,
                "residence_valid_until": today + timedelta(days=rng.randint(30, 900)),
                "plz": rng.choice(PLACES),
                "travel_radius_km": rng.choice([10, 25, 40, 60]),
                "driving_licences": ["B"] if index % 3 == 0 else [],
                "availability": rng.choice(Availability.values),
                "childcare_constraints": "Kita bis 15 Uhr" if index % 5 == 0 else "",
                "enrolled_on": enrolled,
                "desired_occupations": rng.sample(OCCUPATIONS, k=1 + index % 3),
            },
        )
        if index % 4 == 0:
            services.qualification_add(
                actor=counsellor,
                participant=participant,
                data={
                    "title": "Berufsabschluss aus dem Herkunftsland",
                    "country": origin,
                    "recognition_status": rng.choice(RecognitionStatus.values),
                },
            )
        stage = index % len(STAGES)
        for step, key in enumerate(STAGES[: stage + 1]):
            when = min(enrolled + timedelta(days=40 * step), today)
            services.milestone_record(
                actor=counsellor,
                participant=participant,
                organisation_id=project.pk,
                milestone_type=types[key],
                occurred_on=when,
            )
        services.consent_give(
            actor=counsellor,
            participant=participant,
            purpose=ConsentPurpose.ESF_REPORTING,
            scope=[FieldGroup.IDENTITY, FieldGroup.ORIGIN, FieldGroup.PATHWAY],
            method=ConsentMethod.IN_PERSON,
            witnessed_by=counsellor,
            valid_from=enrolled,
        )
        if index % 3 == 0:
            services.consent_give(
                actor=counsellor,
                participant=participant,
                purpose=ConsentPurpose.EMPLOYER_PROFILE,
                scope=[FieldGroup.LANGUAGES, FieldGroup.OCCUPATIONS, FieldGroup.MOBILITY],
                method=ConsentMethod.IN_PERSON,
                witnessed_by=counsellor,
                valid_from=enrolled,
                valid_until=today + timedelta(days=365),
            )
        if project == main and index % 2 == 0:
            services.consent_give(
                actor=counsellor,
                participant=participant,
                purpose=ConsentPurpose.SHARE_CASE,
                recipient=kompass,
                scope=[
                    FieldGroup.IDENTITY,
                    FieldGroup.LANGUAGES,
                    FieldGroup.QUALIFICATIONS,
                    FieldGroup.PATHWAY,
                ],
                method=ConsentMethod.IN_PERSON,
                witnessed_by=counsellor,
                valid_from=enrolled,
            )
            referral = services.referral_send(
                actor=counsellor,
                participant=participant,
                to_organisation=kompass,
                field_groups=[FieldGroup.IDENTITY, FieldGroup.QUALIFICATIONS, FieldGroup.PATHWAY],
                summary="Bitte Anerkennung des Berufsabschlusses prüfen.",
            )
            if index % 4 == 0:
                services.referral_accept(actor=partner, referral=referral)
            elif index % 8 == 2:
                services.referral_decline(
                    actor=partner, referral=referral, reason="Derzeit keine freien Termine."
                )
        if index % 10 == 0:
            services.note_add(
                actor=counsellor,
                participant=participant,
                organisation_id=project.pk,
                body="Erstgespräch geführt, Unterlagen vollständig.",
            )
        if index % 7 == 6:
            services.task_create(
                actor=counsellor,
                participant=participant,
                organisation_id=project.pk,
                title="Termin zur Bewerbung",
                due_on=today + timedelta(days=7 + index % 20),
            )
        if index % 12 == 11:
            services.milestone_record(
                actor=counsellor,
                participant=participant,
                organisation_id=project.pk,
                milestone_type=types["left_programme"],
                occurred_on=today - timedelta(days=10),
                leave_reason=rng.choice(LeaveReason.values),
            )
        if index == 0:
            # The demo participant who can sign in to the portal.
            portal_user = _user(PORTAL_EMAIL, participant.first_name, "", mfa=False)
            services.portal_link(actor=counsellor, participant=participant, user=portal_user)

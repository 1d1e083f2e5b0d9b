"""Demo services for the advisory map: about 150 fictional counselling services.

Names are invented; postcodes are real, so distances and the map work. Loading twice changes
nothing (the services have stable external ids). Needs the postcode table: loads it if empty.
"""

from __future__ import annotations

import random

from wegweiser.core.models import PostalCode
from wegweiser.core.services import postal_codes_load
from wegweiser.directory.constants import Audience, Language, Topic
from wegweiser.directory.hours import Slot
from wegweiser.directory.models import Service
from wegweiser.directory.services import ServiceInput, service_create
from wegweiser.network.constants import OrganisationType
from wegweiser.network.models import Organisation

SERVICE_COUNT = 150
EXTERNAL_ID = "demo-service-{:03d}"

# Real postcodes of the demo network's places and of Germany's larger cities.
_PLZ_TABLE = (
    "20095 24103 30159 28195 26122 49074 29221 39104 06108 06844 01067 04109 10115 14467 99084 "
    "80331 90402 70173 68159 60311 50667 44135 10117 10178 10243 10961 12043 13353 22765 21073 "
    "80335 81667 50674 51063 60313 65929 70372 40210 40213 04315 44137 45127 28199 01099 30161 "
    "90443 47051 44787 42103 33602 53111 48143 76133 86150 65183 41061 45879 52062 38100 09111 "
    "79098 47798 55116 23552 46045 18055 34117 58095 66111 59065 67059 51373 64283 69117 42651 "
    "93047 44623 33098 41460 85049 63065 97070 89073 74072 75175 38440 37073 46236 72764 56068 "
    "27570 91052 51465 07743 42853 54290 38226 47441 57072 31134 03046 19053 07545"
)
PLZ = tuple(_PLZ_TABLE.split(" "))

KINDS = (
    # (name stem, topics, audiences)
    ("Anerkennungsberatung", (Topic.RECOGNITION,), (Audience.IMMIGRANTS, Audience.REFUGEES)),
    ("Sprachkursberatung", (Topic.LANGUAGE_COURSES,), (Audience.REFUGEES, Audience.IMMIGRANTS)),
    ("Jobwerkstatt", (Topic.JOB_SEARCH,), (Audience.REFUGEES, Audience.YOUNG_PEOPLE)),
    ("Aufenthaltsrechtliche Beratung", (Topic.RESIDENCE_LAW,), (Audience.REFUGEES,)),
    ("Arbeitgeberlotsen", (Topic.EMPLOYER_ADVICE, Topic.FUNDING), (Audience.EMPLOYERS,)),
    ("Förderlotse", (Topic.FUNDING, Topic.JOB_SEARCH), (Audience.EMPLOYERS, Audience.IMMIGRANTS)),
    ("Sozialberatung", (Topic.SOCIAL_COUNSELLING,), (Audience.REFUGEES, Audience.WOMEN)),
    ("Frauentreff Beruf", (Topic.JOB_SEARCH, Topic.LANGUAGE_COURSES), (Audience.WOMEN,)),
    ("Ausbildungslotsen", (Topic.JOB_SEARCH, Topic.RECOGNITION), (Audience.YOUNG_PEOPLE,)),
)
MOTIFS = (
    "Kompass", "Brückenbogen", "Leuchtfeuer", "Morgenstern", "Ankerplatz", "Lindenhof",
    "Sonnenuhr", "Weitsicht", "Rosengarten", "Kranich", "Quelle", "Nordlicht",
)  # fmt: skip
STREETS = ("Hauptstraße", "Am Markt", "Bahnhofstraße", "Lindenweg", "Schulstraße", "Gartenweg")
LANGUAGE_POOL = (
    Language.ARABIC, Language.DARI, Language.FARSI, Language.PASHTO, Language.TIGRINYA,
    Language.UKRAINIAN, Language.RUSSIAN, Language.TURKISH, Language.ENGLISH, Language.KURDISH,
    Language.FRENCH,
)  # fmt: skip
WEEKDAY_HOURS = ((9, 12), (13, 16), (10, 14), (14, 18))
COUNSELLING_TYPES = (
    OrganisationType.COUNSELLING_PROJECT,
    OrganisationType.EDUCATION_PROVIDER,
    OrganisationType.CHAMBER,
    OrganisationType.JOB_CENTRE,
    OrganisationType.EMPLOYMENT_AGENCY,
    OrganisationType.MUNICIPALITY,
    OrganisationType.ASSOCIATION,
)

# The first services are fixed so that guided tours and browser tests can rely on them.
FIXED = (
    # (postcode, name, languages, topics, by appointment only)
    (
        "20095",
        "Lotsenhaus Kompass Hamburg",
        ("de", "fa", "prs", "en"),
        ("recognition", "job_search"),
        False,
    ),
    (
        "10115",
        "Anlaufstelle Brückenbogen Berlin",
        ("de", "ar", "uk", "ru"),
        ("residence_law", "social_counselling"),
        False,
    ),
    (
        "04109",
        "Sprechstunde Morgenstern Leipzig",
        ("de", "prs", "ps", "fa"),
        ("language_courses",),
        True,
    ),
)


def _organisations() -> list[Organisation]:
    preferred = list(
        Organisation.objects.filter(org_type__in=COUNSELLING_TYPES).order_by("name", "pk")
    )
    return preferred or list(Organisation.objects.order_by("name", "pk"))


def _hours(rng: random.Random) -> tuple[Slot, ...]:
    from datetime import time

    days = sorted(rng.sample(range(5), rng.randint(2, 4)))
    slots = []
    for day in days:
        start, end = rng.choice(WEEKDAY_HOURS)
        slots.append(Slot(day, time(start), time(end)))
    return tuple(slots)


def load(rng: random.Random) -> None:
    """Create the demo services once; later runs leave them as they are."""
    if not PostalCode.objects.exists():
        postal_codes_load()
    if Service.objects.filter(external_id=EXTERNAL_ID.format(1)).exists():
        return
    organisations = _organisations()
    if not organisations:
        return
    places = {p.plz: p for p in PostalCode.objects.filter(plz__in=PLZ)}
    counselling = Organisation.objects.filter(name="Brückenschlag Plus").first()
    for index in range(SERVICE_COUNT):
        number = index + 1
        kind, topics, audiences = KINDS[index % len(KINDS)]
        plz = PLZ[index % len(PLZ)]
        by_appointment = index % 5 == 4
        languages = {Language.GERMAN.value, *rng.sample(LANGUAGE_POOL, rng.randint(1, 4))}
        topic_codes: tuple[str, ...] = tuple(topics)
        if index < len(FIXED):
            plz, name, fixed_languages, topic_codes, by_appointment = FIXED[index]
            languages = set(fixed_languages)
        place = places.get(plz)
        if place is None:
            continue
        if index >= len(FIXED):
            name = f"{kind} {MOTIFS[index % len(MOTIFS)]} {place.place}"
        organisation = organisations[index % len(organisations)]
        if counselling is not None and index % 10 == 1:
            organisation = counselling
        # Spread services of one postcode a little (up to about 800 m) so markers don't overlap.
        latitude = place.latitude + rng.uniform(-0.007, 0.007)
        longitude = place.longitude + rng.uniform(-0.011, 0.011)
        service_create(
            actor=None,
            organisation=organisation,
            external_id=EXTERNAL_ID.format(number),
            data=ServiceInput(
                fields={
                    "name": name,
                    "description": "Kostenlose und vertrauliche Beratung (Demo-Eintrag, erfunden).",
                    "street": f"{rng.choice(STREETS)} {rng.randint(1, 90)}",
                    "plz": plz,
                    "city": place.place,
                    "phone": f"+49 30 {1000000 + number * 7919 % 8999999}",
                    "email": f"beratung{number}@demo.wegweiser.invalid",
                    "remote": index % 3 == 0,
                    "by_appointment_only": by_appointment,
                    "hours_note": "Termine auch nach Vereinbarung." if not by_appointment else "",
                    "step_free_access": index % 2 == 0,
                    "accessible_toilet": index % 4 == 0,
                },
                topics=topic_codes,
                audiences=tuple(audiences),
                languages=tuple(sorted(languages)),
                hours=() if by_appointment else _hours(rng),
                latitude=round(latitude, 6),
                longitude=round(longitude, 6),
            ),
        )

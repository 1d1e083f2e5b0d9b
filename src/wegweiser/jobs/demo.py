"""Demo offers: about 120 across the demo companies, at real postcodes of the demo places."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from wegweiser.jobs import services
from wegweiser.jobs.models import Offer
from wegweiser.network.constants import OrganisationType, Sector
from wegweiser.network.models import Organisation

# Centre coordinates of the demo postcodes (GeoNames, CC BY 4.0), until core.PostalCode lands.
COORDINATES: dict[str, tuple[float, float]] = {
    "20095": (53.5507, 10.0015),
    "24103": (54.3213, 10.1349),
    "30159": (52.3746, 9.7386),
    "28195": (53.0786, 8.8072),
    "26122": (53.1433, 8.2146),
    "49074": (52.2789, 8.0431),
    "29221": (52.6226, 10.0805),
    "39104": (52.1277, 11.6292),
    "06108": (51.4825, 11.9697),
    "06844": (51.8333, 12.2458),
    "01067": (51.0576, 13.7270),
    "04109": (51.3397, 12.3731),
    "10115": (52.5323, 13.3846),
    "14467": (52.4009, 13.0591),
    "99084": (50.9787, 11.0328),
    "80331": (48.1351, 11.5720),
    "90402": (49.4486, 11.0775),
    "70173": (48.7784, 9.1800),
    "68159": (49.4891, 8.4669),
    "60311": (50.1109, 8.6821),
    "50667": (50.9375, 6.9603),
    "44135": (51.5136, 7.4653),
}
CITIES = {
    "20095": "Hamburg", "24103": "Kiel", "30159": "Hannover", "28195": "Bremen",
    "26122": "Oldenburg", "49074": "Osnabrück", "29221": "Celle", "39104": "Magdeburg",
    "06108": "Halle (Saale)", "06844": "Dessau-Roßlau", "01067": "Dresden", "04109": "Leipzig",
    "10115": "Berlin", "14467": "Potsdam", "99084": "Erfurt", "80331": "München",
    "90402": "Nürnberg", "70173": "Stuttgart", "68159": "Mannheim",
    "60311": "Frankfurt am Main", "50667": "Köln", "44135": "Dortmund",
}  # fmt: skip
OCCUPATIONS: dict[str, list[tuple[str, str]]] = {
    Sector.CRAFTS: [("26212", "Elektroniker/in"), ("34212", "Anlagenmechaniker/in SHK"),
                    ("29202", "Fachkraft Lebensmittelherstellung")],
    Sector.LOGISTICS: [("52122", "Berufskraftfahrer/in"), ("51312", "Fachkraft für Lagerlogistik")],
    Sector.HEALTH_CARE: [("81302", "Pflegefachkraft"), ("82102", "Altenpfleger/in")],
    Sector.MANUFACTURING: [("24412", "Metallbauer/in"), ("26112", "Mechatroniker/in")],
    Sector.HOSPITALITY: [("29302", "Koch/Köchin"), ("63302", "Fachkraft im Gastgewerbe")],
    Sector.IT: [("43412", "Fachinformatiker/in Anwendungsentwicklung")],
    Sector.CONSTRUCTION: [("32122", "Maurer/in")],
    Sector.RETAIL: [("62102", "Verkäufer/in")],
    Sector.SERVICES: [("54112", "Gebäudereiniger/in")],
    Sector.OTHER: [("11712", "Forstwirt/in")],
}  # fmt: skip
TYPES = ["job", "apprenticeship", "internship", "eq", "helper_job"]
TYPE_PREFIX = {
    "job": "",
    "apprenticeship": "Ausbildung ",
    "internship": "Praktikum ",
    "eq": "Einstiegsqualifizierung ",
    "helper_job": "Helfer/in – ",
}
GERMAN = ["", "A2", "B1", "B1", "B2"]
PER_COMPANY = 7


def load(rng: random.Random) -> None:
    """Create the demo offers once; a second run changes nothing."""
    if Offer.objects.filter(contact_email__endswith="@demo.wegweiser.invalid").exists():
        return
    companies = list(
        Organisation.objects.filter(org_type=OrganisationType.COMPANY, memberships__isnull=False)
        .distinct()
        .order_by("name")
    )
    today = timezone.localdate()
    places = list(COORDINATES)
    for index, company in enumerate(companies):
        choices = OCCUPATIONS.get(company.sector, OCCUPATIONS[Sector.OTHER])
        for number in range(PER_COMPANY):
            code, title = choices[number % len(choices)]
            offer_type = TYPES[(index + number) % len(TYPES)]
            plz = (
                company.plz if number < 4 or company.plz not in COORDINATES else rng.choice(places)
            )
            licences = ["B", "CE"] if code == "52122" else (["FORKLIFT"] if code == "51312" else [])
            services.offer_create(
                actor=None,
                organisation=company,
                data={
                    "offer_type": offer_type,
                    "title": f"{TYPE_PREFIX[offer_type]}{title}",
                    "occupation": code,
                    "description": "Wir freuen uns auf Menschen, die bei uns ankommen wollen.",
                    "german_min": GERMAN[(index + number) % len(GERMAN)],
                    "licences": licences,
                    "plz": plz,
                    "city": CITIES.get(plz, company.city),
                    "working_time": ["full", "part", "both"][number % 3],
                    "start_date": today + dt.timedelta(days=rng.randint(7, 120))
                    if number % 4
                    else None,
                    "end_date": today + dt.timedelta(days=rng.randint(150, 300)),
                    "shifts": code in ("81302", "82102", "29302", "52122"),
                    "housing_help": number % 5 == 0,
                    "open_to_refugees": True,
                    "contact_name": "Personalabteilung",
                    "contact_email": f"jobs.{company.slug}@demo.wegweiser.invalid"[:254],
                    "is_public": number % 3 == 0,
                },
                publish=number != PER_COMPANY - 1,
                coordinates=COORDINATES.get(plz),
            )

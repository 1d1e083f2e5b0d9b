"""Fictional demo network: one national network, three regions, about 40 organisations.

All names are invented. Postcodes and cities are real places so that maps and distances work.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from allauth.mfa.utils import is_mfa_enabled
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from wegweiser.accounts.models import User
from wegweiser.accounts.services import user_create
from wegweiser.network import services
from wegweiser.network.constants import (
    MembershipStatus,
    NetworkKind,
    OrganisationType,
    ProjectStatus,
    RoleKind,
    Sector,
    SizeBand,
    SponsorshipKind,
    SponsorshipStatus,
)
from wegweiser.network.models import AmbassadorTerm, Membership, Network, Organisation

NATIONAL_SLUG = "netzwerk-demo"
DEMO_PASSWORD = "Wegweiser-Demo-2026"  # noqa: S105 - published demo password
# Published demo TOTP secret (base32): add it to any authenticator app, or run
# `oathtool --totp -b JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP`.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105

# (postcode, city, federal state, district)
PLACES = {
    "nord": [
        ("20095", "Hamburg", "HH", "Hamburg"),
        ("24103", "Kiel", "SH", "Kiel"),
        ("30159", "Hannover", "NI", "Region Hannover"),
        ("28195", "Bremen", "HB", "Bremen"),
        ("26122", "Oldenburg", "NI", "Oldenburg"),
        ("49074", "Osnabrück", "NI", "Osnabrück"),
        ("29221", "Celle", "NI", "Celle"),
    ],
    "ost": [
        ("39104", "Magdeburg", "ST", "Magdeburg"),
        ("06108", "Halle (Saale)", "ST", "Halle (Saale)"),
        ("06844", "Dessau-Roßlau", "ST", "Dessau-Roßlau"),
        ("01067", "Dresden", "SN", "Dresden"),
        ("04109", "Leipzig", "SN", "Leipzig"),
        ("10115", "Berlin", "BE", "Berlin-Mitte"),
        ("14467", "Potsdam", "BB", "Potsdam"),
        ("99084", "Erfurt", "TH", "Erfurt"),
    ],
    "sued": [
        ("80331", "München", "BY", "München"),
        ("90402", "Nürnberg", "BY", "Nürnberg"),
        ("70173", "Stuttgart", "BW", "Stuttgart"),
        ("68159", "Mannheim", "BW", "Mannheim"),
        ("60311", "Frankfurt am Main", "HE", "Frankfurt am Main"),
        ("50667", "Köln", "NW", "Köln"),
        ("44135", "Dortmund", "NW", "Dortmund"),
    ],
}
REGIONS = {
    "nord": "Regionalnetzwerk Nord",
    "ost": "Regionalnetzwerk Ost",
    "sued": "Regionalnetzwerk Süd-West",
}
ORGANISATIONS: list[tuple[str, str, str, str]] = [
    # (name, type, sector, size)
    ("Backstube Morgenrot", OrganisationType.COMPANY, Sector.CRAFTS, SizeBand.SMALL),
    ("Elektrotechnik Funkenflug GmbH", OrganisationType.COMPANY, Sector.CRAFTS, SizeBand.SMALL),
    ("Spedition Weitblick", OrganisationType.COMPANY, Sector.LOGISTICS, SizeBand.MEDIUM),
    ("Pflegedienst Lebensfreude", OrganisationType.COMPANY, Sector.HEALTH_CARE, SizeBand.MEDIUM),
    ("Metallbau Kranichfeld", OrganisationType.COMPANY, Sector.MANUFACTURING, SizeBand.MEDIUM),
    ("Gasthaus Zum Goldenen Löffel", OrganisationType.COMPANY, Sector.HOSPITALITY, SizeBand.MICRO),
    ("Kabelwerk Auenland AG", OrganisationType.COMPANY, Sector.MANUFACTURING, SizeBand.LARGE),
    ("Softwarehaus Leuchtturm", OrganisationType.COMPANY, Sector.IT, SizeBand.SMALL),
    ("Gartenbau Grünspecht", OrganisationType.COMPANY, Sector.OTHER, SizeBand.MICRO),
    ("Bauunternehmung Felsenfest", OrganisationType.COMPANY, Sector.CONSTRUCTION, SizeBand.MEDIUM),
    ("Kaufhaus Sternschnuppe", OrganisationType.COMPANY, Sector.RETAIL, SizeBand.LARGE),
    ("Klinikum Am Lindenhain", OrganisationType.COMPANY, Sector.HEALTH_CARE, SizeBand.LARGE),
    ("Logistikzentrum Drehkreuz", OrganisationType.COMPANY, Sector.LOGISTICS, SizeBand.LARGE),
    ("Malerbetrieb Farbenfroh", OrganisationType.COMPANY, Sector.CRAFTS, SizeBand.MICRO),
    ("Druckerei Letterwerk", OrganisationType.COMPANY, Sector.MANUFACTURING, SizeBand.SMALL),
    ("Hotel Seeblick am Deich", OrganisationType.COMPANY, Sector.HOSPITALITY, SizeBand.MEDIUM),
    ("Fleischerei Gutwetter", OrganisationType.COMPANY, Sector.CRAFTS, SizeBand.MICRO),
    ("Dienstleistungen Ordnungsliebe", OrganisationType.COMPANY, Sector.SERVICES, SizeBand.MEDIUM),
    ("Kammer für Handwerk Elbtal", OrganisationType.CHAMBER, Sector.PUBLIC, SizeBand.MEDIUM),
    ("Handelskammer Nordküste", OrganisationType.CHAMBER, Sector.PUBLIC, SizeBand.MEDIUM),
    ("Handelskammer Südhang", OrganisationType.CHAMBER, Sector.PUBLIC, SizeBand.MEDIUM),
    ("Jobcenter Auenkreis", OrganisationType.JOB_CENTRE, Sector.PUBLIC, SizeBand.LARGE),
    ("Jobcenter Hafenstadt", OrganisationType.JOB_CENTRE, Sector.PUBLIC, SizeBand.LARGE),
    (
        "Agentur für Arbeit Mittelland",
        OrganisationType.EMPLOYMENT_AGENCY,
        Sector.PUBLIC,
        SizeBand.LARGE,
    ),
    (
        "Agentur für Arbeit Rheinebene",
        OrganisationType.EMPLOYMENT_AGENCY,
        Sector.PUBLIC,
        SizeBand.LARGE,
    ),
    (
        "Integrationszentrum Stadt Wiesengrund",
        OrganisationType.MUNICIPALITY,
        Sector.PUBLIC,
        SizeBand.MEDIUM,
    ),
    ("Kreisverwaltung Birkenland", OrganisationType.MUNICIPALITY, Sector.PUBLIC, SizeBand.LARGE),
    ("Brückenschlag Plus", OrganisationType.COUNSELLING_PROJECT, Sector.SOCIAL, SizeBand.SMALL),
    ("Ankommen und Arbeiten", OrganisationType.COUNSELLING_PROJECT, Sector.SOCIAL, SizeBand.SMALL),
    ("Fachkräfte im Blick", OrganisationType.COUNSELLING_PROJECT, Sector.SOCIAL, SizeBand.SMALL),
    (
        "Anerkennungsberatung Kompass",
        OrganisationType.COUNSELLING_PROJECT,
        Sector.SOCIAL,
        SizeBand.MICRO,
    ),
    (
        "Weitblick Migrationsberatung",
        OrganisationType.COUNSELLING_PROJECT,
        Sector.SOCIAL,
        SizeBand.SMALL,
    ),
    (
        "Bildungswerk Lernweg",
        OrganisationType.EDUCATION_PROVIDER,
        Sector.EDUCATION,
        SizeBand.MEDIUM,
    ),
    (
        "Sprachschule Wortschatz",
        OrganisationType.EDUCATION_PROVIDER,
        Sector.EDUCATION,
        SizeBand.SMALL,
    ),
    (
        "Berufsschulzentrum Am Ring",
        OrganisationType.EDUCATION_PROVIDER,
        Sector.EDUCATION,
        SizeBand.LARGE,
    ),
    ("Verein Nachbarschaft verbindet", OrganisationType.ASSOCIATION, Sector.SOCIAL, SizeBand.MICRO),
    (
        "Unternehmerverband Mittelstand Ost",
        OrganisationType.ASSOCIATION,
        Sector.SERVICES,
        SizeBand.SMALL,
    ),
    ("Stiftung Chancengleich", OrganisationType.OTHER, Sector.SOCIAL, SizeBand.SMALL),
    ("Ehrenamtsbüro Hand in Hand", OrganisationType.ASSOCIATION, Sector.SOCIAL, SizeBand.MICRO),
    ("Transportgesellschaft Flinkrad", OrganisationType.COMPANY, Sector.LOGISTICS, SizeBand.SMALL),
]
STREETS = ["Hauptstraße", "Am Markt", "Industriestraße", "Bahnhofstraße", "Lindenweg"]
FIRST_NAMES = [
    "Amira",
    "Jonas",
    "Leyla",
    "Mehmet",
    "Sofia",
    "Tobias",
    "Nadia",
    "Karim",
    "Greta",
    "Yusuf",
    "Olena",
    "Paul",
    "Farida",
    "Lukas",
    "Mina",
    "Henrik",
    "Soraya",
    "Emil",
    "Dilan",
    "Marta",
    "Reza",
    "Clara",
    "Samir",
    "Ida",
]
LAST_NAMES = [
    "Albers",
    "Brandt",
    "Celik",
    "Dorn",
    "Engel",
    "Falk",
    "Gerber",
    "Hadid",
    "Imhof",
    "Jansen",
    "Kaya",
    "Lorenz",
    "Meyerhoff",
    "Nowak",
    "Osei",
    "Petersen",
    "Quandt",
    "Rahimi",
    "Sauer",
    "Thiel",
    "Uhland",
    "Voigt",
    "Wendt",
    "Zeller",
]


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str


DEMO_LOGINS: list[DemoLogin] = []


@cache
def _demo_password_hash() -> str:
    return make_password(DEMO_PASSWORD)


def _demo_user(email: str, first: str, last: str, *, mfa: bool) -> User:
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
        # One PBKDF2 hash for every demo login keeps loading fast.
        user.password = _demo_password_hash()
        user.save(update_fields=["password"])
    if mfa and not is_mfa_enabled(user):
        TOTP.activate(user, DEMO_TOTP_SECRET)
        RecoveryCodes.activate(user)
    return user


def load(rng: random.Random) -> list[DemoLogin]:
    """Create the demo network once; later runs leave it as it is."""
    logins = [
        DemoLogin(str(RoleKind.COORDINATOR.label), "koordination@demo.wegweiser.invalid"),
        DemoLogin(str(RoleKind.ORG_ADMIN.label), "admin.backstube@demo.wegweiser.invalid"),
        DemoLogin(str(RoleKind.STAFF.label), "team.backstube@demo.wegweiser.invalid"),
        DemoLogin(str(RoleKind.COUNSELLOR.label), "beratung@demo.wegweiser.invalid"),
        DemoLogin(
            str(RoleKind.EMPLOYER_CONTACT.label), "personal.funkenflug@demo.wegweiser.invalid"
        ),
        DemoLogin(str(RoleKind.FUNDER.label), "foerderung@demo.wegweiser.invalid"),
    ]
    if not Network.objects.filter(slug=NATIONAL_SLUG).exists():
        _load_network(rng, logins)
    _load_members_and_ambassadors(rng)
    return logins


def _load_network(rng: random.Random, logins: list[DemoLogin]) -> None:

    office = Organisation(
        name="Netzwerkbüro Wir gestalten Zukunft",
        slug="netzwerkbuero",
        org_type=OrganisationType.ASSOCIATION,
        sector=Sector.SOCIAL,
        size_band=SizeBand.SMALL,
        street="Lindenallee 1",
        plz="10115",
        city="Berlin",
        bundesland="BE",
        district="Berlin-Mitte",
        public_listing=True,
    )
    national = services.network_create(
        actor=None,
        name="Bundesnetzwerk Wir gestalten Zukunft (Demo)",
        kind=NetworkKind.NATIONAL,
        slug=NATIONAL_SLUG,
    )
    office = services.organisation_create(
        actor=None,
        network=national,
        data={f: getattr(office, f) for f in services.ORGANISATION_EDITABLE_FIELDS}
        | {"slug": "netzwerkbuero"},
        joined_on=date(2024, 1, 1),
    )
    national.office = office
    national.save(update_fields=["office"])
    regions = {
        key: services.network_create(
            actor=None,
            name=name,
            kind=NetworkKind.REGIONAL,
            parent=national,
            office=office,
            bundesland=PLACES[key][0][2],
        )
        for key, name in REGIONS.items()
    }

    coordinator = _demo_user(logins[0].email, "Kim", "Koordinatorin", mfa=True)
    services.role_grant(
        actor=None, user=coordinator, organisation=office, kind=RoleKind.COORDINATOR
    )
    funder = _demo_user(logins[5].email, "Frieda", "Förderreferat", mfa=False)
    services.role_grant(actor=None, user=funder, organisation=office, kind=RoleKind.FUNDER)

    # Members joined over the last two years: the growth dashboard has a history to show.
    start = timezone.localdate() - timedelta(days=730)
    region_keys = list(REGIONS)
    used_emails: set[str] = set()
    for index, (name, org_type, sector, size) in enumerate(ORGANISATIONS):
        region = region_keys[index % len(region_keys)]
        plz, city, land, district = PLACES[region][index % len(PLACES[region])]
        status = MembershipStatus.PROSPECT if index % 13 == 12 else MembershipStatus.MEMBER
        organisation = services.organisation_create(
            actor=coordinator,
            network=regions[region],
            data={
                "name": name,
                "org_type": org_type,
                "sector": sector,
                "size_band": size,
                "street": f"{rng.choice(STREETS)} {rng.randint(1, 120)}",
                "plz": plz,
                "city": city,
                "bundesland": land,
                "district": district,
                "email": f"kontakt@org{index + 1}.demo.wegweiser.invalid",
                "description": "",
                "public_listing": index % 3 == 0,
            },
            status=status,
            joined_on=start + timedelta(days=17 * index)
            if status == MembershipStatus.MEMBER
            else None,
        )
        people = 2 + (index % 2)
        for person in range(people):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            email = f"{first}.{last}.{index + 1}.{person}@demo.wegweiser.invalid".lower()
            if email in used_emails:
                continue
            used_emails.add(email)
            if person == 0:
                kind = RoleKind.ORG_ADMIN
            elif org_type == OrganisationType.COUNSELLING_PROJECT:
                kind = RoleKind.COUNSELLOR
            elif org_type == OrganisationType.COMPANY:
                kind = RoleKind.EMPLOYER_CONTACT
            else:
                kind = RoleKind.STAFF
            user = _demo_user(email, first, last, mfa=True)
            services.role_grant(actor=coordinator, user=user, organisation=organisation, kind=kind)

    backstube = Organisation.objects.get(name="Backstube Morgenrot")
    funkenflug = Organisation.objects.get(name="Elektrotechnik Funkenflug GmbH")
    counselling = Organisation.objects.get(name="Brückenschlag Plus")
    for login, first, last, organisation, kind in (
        (logins[1], "Anton", "Backhaus", backstube, RoleKind.ORG_ADMIN),
        (logins[2], "Bea", "Teig", backstube, RoleKind.STAFF),
        (logins[3], "Cem", "Beratung", counselling, RoleKind.COUNSELLOR),
        (logins[4], "Dana", "Personal", funkenflug, RoleKind.EMPLOYER_CONTACT),
    ):
        user = _demo_user(login.email, first, last, mfa=True)
        services.role_grant(actor=coordinator, user=user, organisation=organisation, kind=kind)


# --- Members and ambassadors ----------------------------------------------------------------

PROJECTS = [
    ("Backstube Morgenrot", "Backen und Deutsch: Ausbildungsvorbereitung in der Backstube"),
    (
        "Elektrotechnik Funkenflug GmbH",
        "Einstiegsqualifizierung Elektrotechnik mit Sprachpatenschaft",
    ),
    ("Spedition Weitblick", "Führerschein-Paten: vom Beifahrer zum Berufskraftfahrer"),
    ("Pflegedienst Lebensfreude", "Pflegeroutinen in Skizzen erklärt"),
    ("Metallbau Kranichfeld", "Schnupperwochen in der Werkhalle"),
    ("Kabelwerk Auenland AG", "Mentoring-Programm für neue Kolleginnen und Kollegen"),
    ("Klinikum Am Lindenhain", "Anerkennungslotsen für Pflegefachkräfte"),
    ("Hotel Seeblick am Deich", "Ausbildung im Gastgewerbe mit Wohnangebot"),
    ("Softwarehaus Leuchtturm", "Coding-Werkstatt für Geflüchtete"),
    ("Bauunternehmung Felsenfest", "Baustellen-Deutsch am Morgen"),
    ("Fleischerei Gutwetter", "Handwerk erleben: Praktikum in der Fleischerei"),
    ("Druckerei Letterwerk", "Praktikumsbörse Medientechnik"),
]
SPONSORSHIPS = [
    ("Backstube Morgenrot", SponsorshipKind.TRAINING_PLACES, 2, 2),
    ("Backstube Morgenrot", SponsorshipKind.LANGUAGE_SUPPORT, 4, 3),
    ("Elektrotechnik Funkenflug GmbH", SponsorshipKind.INTERNSHIP_PLACES, 3, 1),
    ("Spedition Weitblick", SponsorshipKind.MENTORING, 5, 5),
    ("Pflegedienst Lebensfreude", SponsorshipKind.TRAINING_PLACES, 4, 2),
    ("Kabelwerk Auenland AG", SponsorshipKind.MENTORING, 10, 6),
    ("Klinikum Am Lindenhain", SponsorshipKind.INTERNSHIP_PLACES, 6, 6),
    ("Hotel Seeblick am Deich", SponsorshipKind.TRAINING_PLACES, 3, 0),
    ("Kaufhaus Sternschnuppe", SponsorshipKind.INTERNSHIP_PLACES, 4, 2),
    ("Sprachschule Wortschatz", SponsorshipKind.LANGUAGE_SUPPORT, 12, 9),
    ("Gasthaus Zum Goldenen Löffel", SponsorshipKind.MENTORING, 1, 1),
    ("Malerbetrieb Farbenfroh", SponsorshipKind.INTERNSHIP_PLACES, 2, 1),
]
# (predecessor, current ambassador, region label, topics); both members of the same region
AMBASSADORS = [
    (
        "Pflegedienst Lebensfreude",
        "Backstube Morgenrot",
        "Hamburg und Schleswig-Holstein",
        "Ausbildung, Sprache im Betrieb",
    ),
    (
        "Metallbau Kranichfeld",
        "Elektrotechnik Funkenflug GmbH",
        "Sachsen-Anhalt und Sachsen",
        "Einstiegsqualifizierung, Handwerk",
    ),
    (
        "Spedition Weitblick",
        "Klinikum Am Lindenhain",
        "Bayern und Baden-Württemberg",
        "Pflege, Anerkennung",
    ),
]
NEWS = [
    (
        "Backstube Morgenrot",
        "Zwei neue Auszubildende in der Backstube",
        "Seit September lernen zwei junge Frauen aus Eritrea bei uns das Bäckerhandwerk. "
        "Der Vokabel-Flyer Bäckerei hilft jeden Morgen.",
    ),
    (
        "Elektrotechnik Funkenflug GmbH",
        "Mentoring-Tandems ziehen Bilanz",
        "Zehn Tandems aus Produktion und Verwaltung haben sich ein halbes Jahr lang begleitet. "
        "Acht Teilnehmende haben inzwischen einen festen Vertrag.",
    ),
    (
        "Klinikum Am Lindenhain",
        "Anerkennung in sechs Monaten",
        "Mit den Anerkennungslotsen hat unsere erste Pflegefachkraft aus Syrien ihre "
        "Anerkennung erhalten. Wir berichten im nächsten Webinar aus der Praxis.",
    ),
]


def _demo_png() -> bytes:
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (320, 180), (236, 240, 250))
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 100, 300, 160), fill=(32, 84, 147))
    draw.ellipse((120, 20, 200, 90), fill=(240, 180, 60))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _load_members_and_ambassadors(rng: random.Random) -> None:
    """Projects, sponsorships, ambassadors with terms, a slot calendar and news (once)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    national = Network.objects.get(slug=NATIONAL_SLUG)
    if AmbassadorTerm.objects.filter(network__parent=national).exists():
        return
    coordinator = User.objects.get(email="koordination@demo.wegweiser.invalid")
    today = timezone.localdate()
    organisations = {o.name: o for o in Organisation.objects.all()}
    memberships = {
        m.organisation.name: m
        for m in Membership.objects.filter(network__parent=national).select_related(
            "organisation", "network"
        )
    }

    def admin_of(organisation: Organisation) -> User:
        role = organisation.roles.filter(kind=RoleKind.ORG_ADMIN).select_related("user").first()
        return role.user if role else coordinator

    # Growth has its ups and downs: two members left, one pauses.
    for name in ("Transportgesellschaft Flinkrad", "Ehrenamtsbüro Hand in Hand"):
        membership = memberships[name]
        if membership.status == MembershipStatus.MEMBER and membership.joined_on:
            services.membership_leave(
                actor=coordinator,
                membership=membership,
                on=max(membership.joined_on, today - timedelta(days=rng.randint(20, 120))),
            )
    services.membership_change_status(
        actor=coordinator,
        membership=memberships["Gartenbau Grünspecht"],
        status=MembershipStatus.PAUSED,
    )

    for index, (name, title) in enumerate(PROJECTS):
        membership = memberships[name]
        starts = today - timedelta(days=30 * (index + 1))
        services.project_create(
            actor=admin_of(membership.organisation),
            organisation=membership.organisation,
            network=membership.network,
            data={
                "title": title,
                "summary": "Ein Integrationsprojekt unseres Mitglieds (Demo).",
                "status": ProjectStatus.COMPLETED if index % 5 == 4 else ProjectStatus.ACTIVE,
                "starts_on": starts,
                "ends_on": starts + timedelta(days=365),
            },
        )
    for index, (name, kind, places, filled) in enumerate(SPONSORSHIPS):
        membership = memberships[name]
        status = (
            SponsorshipStatus.FULFILLED
            if filled == places
            else SponsorshipStatus.ACTIVE
            if filled
            else SponsorshipStatus.PROMISED
        )
        services.sponsorship_create(
            actor=admin_of(membership.organisation),
            organisation=membership.organisation,
            network=membership.network,
            data={
                "kind": kind,
                "description": "Verbindliche Zusage für dieses Jahr.",
                "places": places,
                "places_filled": filled,
                "starts_on": today - timedelta(days=20 * index + 10),
                "ends_on": today + timedelta(days=200),
                "status": status,
            },
        )

    current_terms = []
    for before, now, region_label, topics in AMBASSADORS:
        region = memberships[before].network
        old = services.ambassador_appoint(
            actor=coordinator,
            organisation=organisations[before],
            network=region,
            region=region_label,
            topics=topics,
            starts_on=today - timedelta(days=300),
        )
        current_terms.append(
            services.ambassador_handover(
                actor=coordinator,
                term=old,
                successor=organisations[now],
                starts_on=today - timedelta(days=60),
                notes="Kontakte: Kammer und Jobcenter der Region. Offene Zusage: "
                "Werkstatt im Frühjahr ausrichten. Unterlagen im gemeinsamen Ordner.",
            )
        )
    services.slot_plan(
        actor=coordinator, network=national, periods=12, start=today - timedelta(days=42)
    )
    for name, title, text in NEWS:
        term = next(t for t in current_terms if t.organisation.name == name)
        image = (
            SimpleUploadedFile("backstube.png", _demo_png())
            if name == "Backstube Morgenrot"
            else None
        )
        services.news_create(
            actor=admin_of(term.organisation),
            term=term,
            title=title,
            text=text,
            image=image,
            image_alt="Zeichnung: Sonne über einem Dach" if image else "",
        )

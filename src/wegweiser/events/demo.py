"""Demo events: a monthly webinar series and a quarterly Werkstatt with a rotating host.

Past and upcoming events, minutes with open action items, a network plan, and registrations
with one fully booked Werkstatt and its waiting list. Created once; a second run changes
nothing. All names are invented.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from django.utils import timezone

from wegweiser.accounts.models import User
from wegweiser.events import services
from wegweiser.events.constants import (
    ActionItemStatus,
    EventFormat,
    EventType,
    Recurrence,
    RegistrationStatus,
    SlotKind,
    Visibility,
)
from wegweiser.events.models import Event, EventSeries, Registration
from wegweiser.network.constants import RoleKind
from wegweiser.network.demo import NATIONAL_SLUG
from wegweiser.network.models import Network, Organisation, Role

WEBINAR_TITLE = "Webinar „Praxis im Blick“"
WERKSTATT_TITLE = "Betriebliche Werkstatt"
COORDINATOR_EMAIL = "koordination@demo.wegweiser.invalid"
HOSTS = [
    "Backstube Morgenrot",
    "Metallbau Kranichfeld",
    "Spedition Weitblick",
    "Pflegedienst Lebensfreude",
]
WEBINAR_TOPICS = [
    "Ausbildung mit Duldung: was Betriebe wissen sollten",
    "Anerkennung ausländischer Berufsabschlüsse",
    "Sprachförderung im Betrieb",
    "Einstiegsqualifizierung als Brücke in die Ausbildung",
    "Mentoring für neue Auszubildende",
    "Fachkräfte aus dem Ausland gewinnen",
]


def _month_start(offset: int) -> datetime:
    """Ten o'clock, `offset` months from a day one week ahead (local time)."""
    base = timezone.localtime() + timedelta(days=7)
    index = base.month - 1 + offset
    year, month = base.year + index // 12, index % 12 + 1
    day = min(base.day, 28)
    return base.replace(year=year, month=month, day=day, hour=10, minute=0, second=0, microsecond=0)


def _past_registration(event: Event, user: User, organisation: Organisation, present: bool) -> None:
    """History for past events (registration is closed for them, so no service applies)."""
    Registration.objects.create(
        event=event,
        user=user,
        organisation=organisation,
        status=RegistrationStatus.CONFIRMED,
        confirmed_at=event.starts_at - timedelta(days=10),
        checked_in_at=event.starts_at if present else None,
    )


def load(rng: random.Random) -> None:
    national = Network.objects.filter(slug=NATIONAL_SLUG).first()
    coordinator = User.objects.filter(email=COORDINATOR_EMAIL).first()
    if national is None or coordinator is None:
        return
    if EventSeries.objects.filter(network=national, title=WERKSTATT_TITLE).exists():
        return

    members = list(
        Role.objects.filter(organisation__memberships__network__parent=national)
        .exclude(kind=RoleKind.FUNDER)
        .select_related("user", "organisation")
        .order_by("user__email")
    )
    hosts = {o.name: o for o in Organisation.objects.filter(name__in=HOSTS)}

    # --- Monthly webinar: public, online, with a report from practice -----------------------------
    webinar = services.series_create(
        actor=coordinator,
        network=national,
        data={
            "title": WEBINAR_TITLE,
            "event_type": EventType.WEBINAR,
            "recurrence": Recurrence.MONTHLY,
            "description": "Monatliches Webinar mit einem Bericht aus der Praxis (5–10 Minuten).",
            "format": EventFormat.ONLINE,
            "visibility": Visibility.PUBLIC,
            "default_capacity": 100,
            "duration_minutes": 60,
            "meeting_url": "https://video.demo.wegweiser.invalid/praxis-im-blick",
        },
    )
    for offset, topic in zip(range(-3, 3), WEBINAR_TOPICS, strict=True):
        event = services.series_event_create(
            actor=coordinator,
            series=webinar,
            data={"starts_at": _month_start(offset), "title": f"{WEBINAR_TITLE}: {topic}"},
        )
        reporter = rng.choice(members).organisation
        for position, (title, kind, minutes, organisation) in enumerate(
            [
                ("Begrüßung und Neuigkeiten aus dem Netzwerk", SlotKind.WELCOME, 5, None),
                (topic, SlotKind.TALK, 30, None),
                ("Bericht aus der Praxis", SlotKind.PRACTICE_REPORT, 10, reporter),
                ("Fragen und Austausch", SlotKind.DISCUSSION, 15, None),
            ],
            start=1,
        ):
            services.agenda_slot_create(
                actor=coordinator,
                event=event,
                data={
                    "position": position,
                    "title": title,
                    "kind": kind,
                    "duration_minutes": minutes,
                    "speaker_organisation": organisation,
                },
            )
        if offset < 0:
            for role in rng.sample(members, 8):
                _past_registration(event, role.user, role.organisation, rng.random() < 0.8)
        else:
            for role in rng.sample(members, 5):
                services.registration_create(actor=role.user, event=event)

    # --- Quarterly Werkstatt: on site, members only, rotating host --------------------------------
    werkstatt = services.series_create(
        actor=coordinator,
        network=national,
        data={
            "title": WERKSTATT_TITLE,
            "event_type": EventType.WERKSTATT,
            "recurrence": Recurrence.QUARTERLY,
            "description": "Betriebe zeigen, wie Integration in Ausbildung und Arbeit bei ihnen "
            "gelingt. Gastgeber ist jedes Mal ein anderes Mitglied.",
            "format": EventFormat.ON_SITE,
            "visibility": Visibility.MEMBERS,
            "rotates_host": True,
            "default_capacity": 12,
            "duration_minutes": 180,
        },
    )
    for name in HOSTS:
        if name in hosts:
            services.series_host_set(actor=coordinator, series=werkstatt, organisation=hosts[name])
    werkstatt_events = [
        services.series_event_create(
            actor=coordinator,
            series=werkstatt,
            data={"starts_at": _month_start(offset).replace(hour=13)},
        )
        for offset in (-6, -3, 1, 4)
    ]
    past, last, upcoming, later = werkstatt_events
    for event in (past, last):
        for role in rng.sample(members, 10):
            _past_registration(event, role.user, role.organisation, rng.random() < 0.9)
    services.minutes_save(
        actor=coordinator,
        event=last,
        text="Rundgang durch den Betrieb, Austausch zu Sprachförderung am Arbeitsplatz.\n"
        "Ergebnis: Ein gemeinsamer Vokabel-Flyer für die Produktion wird erarbeitet.",
    )
    plan = services.plan_create(
        actor=coordinator,
        network=national,
        title="Unsere Ergebnisse und Ideen für die nächsten 8 Monate",
        starts_on=_month_start(-1).date(),
        ends_on=_month_start(7).date(),
    )
    for title, status, progress, owner, due in [
        ("Vokabel-Flyer Produktion erstellen", ActionItemStatus.IN_PROGRESS, 40, "org", 30),
        ("Patenschaften für neue Auszubildende vermitteln", ActionItemStatus.OPEN, 0, "org", 60),
        ("Ergebnisse im Newsletter vorstellen", ActionItemStatus.DONE, 100, "user", -10),
        (
            "Kontakt zur Handwerkskammer für die nächste Werkstatt",
            ActionItemStatus.OPEN,
            0,
            "user",
            45,
        ),
    ]:
        services.action_item_create(
            actor=coordinator,
            network=national,
            event=last,
            data={
                "title": title,
                "status": status,
                "progress": progress,
                "owner_user": coordinator if owner == "user" else None,
                "owner_organisation": last.host_organisation if owner == "org" else None,
                "due_on": timezone.localdate() + timedelta(days=due),
                "plan": plan,
            },
        )
    # The next Werkstatt is fully booked, with three people waiting.
    backstube = [r for r in members if r.user.email.endswith("backstube@demo.wegweiser.invalid")]
    others = [r for r in members if r not in backstube]
    rng.shuffle(others)
    for role in others[:12]:
        services.registration_create(actor=role.user, event=upcoming)
    for role in [*backstube, *others[12:14]][:3]:
        services.registration_create(
            actor=role.user, event=upcoming, accessibility_needs="", language="de"
        )
    for role in others[14:18]:
        services.registration_create(actor=role.user, event=later)

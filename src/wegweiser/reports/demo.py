"""Demo data of the reports app: last month's status report of the national network, annotated."""

from __future__ import annotations

import random

from wegweiser.accounts.models import User
from wegweiser.network.demo import NATIONAL_SLUG
from wegweiser.network.models import Network
from wegweiser.reports import selectors, services
from wegweiser.reports.constants import Section

COORDINATOR_EMAIL = "koordination@demo.wegweiser.invalid"


def load(rng: random.Random) -> None:
    national = Network.objects.filter(slug=NATIONAL_SLUG).first()
    coordinator = User.objects.filter(email=COORDINATOR_EMAIL).first()
    if national is None or coordinator is None:
        return
    period = selectors.last_month()
    if selectors.saved_report_for_period(network=national, period=period) is not None:
        return
    services.status_report_save(
        actor=coordinator,
        network=national,
        period=period,
        summary=(
            "Ein ruhiger Monat mit gut besuchten Webinaren. Zwei Betriebe sind neu dabei; "
            "die Übergabe der Botschafterrolle in Sachsen-Anhalt ist vorbereitet."
        ),
        notes={
            Section.EVENTS: "Das Webinar zum Bericht aus der Praxis war ausgebucht.",
            Section.OFFERS: "Mehr Ausbildungsplätze im Handwerk als im Vorjahresmonat.",
        },
    )

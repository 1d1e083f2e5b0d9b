"""Scale the demo network up to a large network for load benchmarks (fictional data).

Organisations and participants are written through the services (with encryption, audit entries
and duplicate checks); offers and events are copies of the demo's own, written in bulk because the
benchmark needs tens of thousands of them and they hold no personal data.
"""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

from wegweiser.core.models import PostalCode
from wegweiser.events.models import Event
from wegweiser.jobs.models import Offer
from wegweiser.network.constants import OrganisationType, Sector, SizeBand
from wegweiser.network.demo import FIRST_NAMES, LAST_NAMES, NATIONAL_SLUG
from wegweiser.network.models import Network, Organisation
from wegweiser.network.services import organisation_create
from wegweiser.participants.services import participant_create


class Command(BaseCommand):
    help = "Grow the demo network to a large one (for load benchmarks)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisations", type=int, default=2000)
        parser.add_argument("--participants", type=int, default=20000)
        parser.add_argument("--offers", type=int, default=50000)
        parser.add_argument("--events", type=int, default=500)

    def handle(self, *args: Any, **options: Any) -> None:
        rng = random.Random(7)
        national = Network.objects.filter(slug=NATIONAL_SLUG).first()
        if national is None:
            raise CommandError("Load the demo first: manage.py demo_load")
        regions = list(Network.objects.filter(parent=national))
        places = list(
            PostalCode.objects.filter(latitude__isnull=False)
            .exclude(bundesland="")
            .order_by("plz")[::7]
        )
        if not places:
            raise CommandError("Load the postcodes first: manage.py places_load")
        have = Organisation.objects.count()
        with transaction.atomic():
            for index in range(have, options["organisations"]):
                place = rng.choice(places)
                counselling = index % 10 == 0
                organisation_create(
                    actor=None,
                    network=rng.choice(regions),
                    data={
                        "name": f"Mitglied {index:05d}",
                        "org_type": OrganisationType.COUNSELLING_PROJECT
                        if counselling
                        else OrganisationType.COMPANY,
                        "sector": rng.choice(Sector.values),
                        "size_band": rng.choice(SizeBand.values),
                        "plz": place.plz,
                        "city": place.place[:100],
                        "bundesland": place.bundesland,
                        "district": place.district[:100],
                    },
                )
        self.stdout.write(f"organisations: {Organisation.objects.count()}")

        from wegweiser.participants.models import Participant

        projects = list(Organisation.objects.filter(org_type=OrganisationType.COUNSELLING_PROJECT))
        start = Participant.objects.count()
        with transaction.atomic():
            for index in range(start, options["participants"]):
                place = rng.choice(places)
                participant_create(
                    actor=None,
                    organisation=projects[index % len(projects)],
                    data={
                        "first_name": rng.choice(FIRST_NAMES),
                        "last_name": f"{rng.choice(LAST_NAMES)}-{index}",
                        "german_level": rng.choice(["A1", "A2", "B1", "B2", "C1"]),
                        "plz": place.plz,
                        "travel_radius_km": rng.choice([10, 25, 50]),
                    },
                )
        self.stdout.write(f"participants: {Participant.objects.count()}")

        templates = list(Offer.objects.filter(source="own")[:50])
        companies = list(
            Organisation.objects.filter(org_type=OrganisationType.COMPANY).values_list(
                "pk", flat=True
            )
        )
        missing = options["offers"] - Offer.objects.count()
        batch: list[Offer] = []
        for index in range(max(0, missing)):
            template = templates[index % len(templates)]
            place = rng.choice(places)
            copy = Offer(
                **{
                    f.attname: getattr(template, f.attname)
                    for f in Offer._meta.concrete_fields
                    if not f.primary_key
                }
            )
            copy.organisation_id = rng.choice(companies)
            copy.plz, copy.city = place.plz, place.place[:100]
            copy.latitude, copy.longitude = place.latitude, place.longitude
            copy.title = f"{template.title} ({index})"[:200]
            batch.append(copy)
        Offer.objects.bulk_create(batch, batch_size=2000)
        self.stdout.write(f"offers: {Offer.objects.count()}")

        event_templates = list(Event.objects.all()[:10])
        missing = options["events"] - Event.objects.count()
        events: list[Event] = []
        for index in range(max(0, missing)):
            source = event_templates[index % len(event_templates)]
            event = Event(
                **{
                    f.attname: getattr(source, f.attname)
                    for f in Event._meta.concrete_fields
                    if not f.primary_key
                }
            )
            shift = timedelta(days=rng.randint(-365, 365))
            event.starts_at, event.ends_at = source.starts_at + shift, source.ends_at + shift
            event.title = f"{source.title} {index}"[:200]
            event.series_id = None
            events.append(event)
        Event.objects.bulk_create(events, batch_size=500)
        self.stdout.write(f"events: {Event.objects.count()}")

        # Bulk loads leave the planner's statistics behind (autovacuum catches up only later);
        # refresh them so the first measurements see the plans production would.
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write("statistics refreshed")

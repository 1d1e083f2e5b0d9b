"""A hand-built dataset whose report numbers are counted by hand in the tests.

The report period is the current month (offers are dated by the audit trail, which is always
"now"); "outside" records lie in the month before or in an unrelated network.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from django.utils import timezone

from tests.conftest import World, make_organisation, make_user
from wegweiser.events.constants import (
    ActionItemStatus,
    EventFormat,
    EventStatus,
    EventType,
    RegistrationStatus,
)
from wegweiser.events.models import ActionItem, Event, Registration
from wegweiser.jobs.constants import OfferStatus, OfferType
from wegweiser.jobs.models import Offer
from wegweiser.jobs.services import offer_status_set
from wegweiser.network.constants import MembershipStatus
from wegweiser.network.models import (
    AmbassadorNews,
    AmbassadorTerm,
    Membership,
    Organisation,
    SocialMediaSlot,
)
from wegweiser.participants.models import Milestone, MilestoneType, Participant
from wegweiser.reports.selectors import Period, month_period


@dataclass
class Dataset:
    world: World
    period: Period
    previous: Period
    new_member: Organisation
    participants: list[Participant]


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=timezone.get_current_timezone())


def make_event(network: Any, day: date, **extra: Any) -> Event:
    starts = _at(day)
    return Event.objects.create(
        network=network,
        title=extra.pop("title", "Netzwerktreffen"),
        event_type=EventType.NETWORK_MEETING,
        format=EventFormat.ONLINE,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        **extra,
    )


def register(event: Event, organisation: Organisation, *, attended: bool, status: str = "") -> None:
    Registration.objects.create(
        event=event,
        user=make_user(mfa=False),
        organisation=organisation,
        status=status or RegistrationStatus.CONFIRMED,
        checked_in_at=event.starts_at if attended else None,
    )


def make_offer(organisation: Organisation, title: str = "Bäcker/in") -> Offer:
    return Offer.objects.create(
        organisation=organisation,
        offer_type=OfferType.APPRENTICESHIP,
        title=title,
        plz="39104",
        city="Magdeburg",
    )


def milestone(participant: Participant, key: str, day: date) -> Milestone:
    return Milestone.objects.create(
        participant=participant,
        milestone_type=MilestoneType.objects.get(key=key),
        organisation=participant.organisation,
        occurred_on=day,
    )


@pytest.fixture
def dataset(world: World) -> Dataset:
    return build_dataset(world)


def build_dataset(world: World) -> Dataset:
    today = timezone.localdate()
    period = month_period(today.year, today.month)
    before = period.start - timedelta(days=1)
    previous = month_period(before.year, before.month)
    d = period.start  # day 1 of the period

    # Members: everybody joined long ago; one joins in the period, one the month before,
    # one leaves in the period; a join in an unrelated network does not count.
    Membership.objects.update(joined_on=date(2020, 1, 1))
    new_member = make_organisation(world.region, name="Neu im Monat")
    Membership.objects.filter(organisation=new_member).update(joined_on=d + timedelta(days=2))
    earlier = make_organisation(world.region, name="Seit letztem Monat")
    Membership.objects.filter(organisation=earlier).update(joined_on=previous.start)
    Membership.objects.filter(organisation=world.other_company).update(
        status=MembershipStatus.LEFT, left_on=d + timedelta(days=4)
    )
    Membership.objects.filter(organisation=world.foreign).update(joined_on=d + timedelta(days=3))

    # Events: two held (3 + 1 confirmed, 2 + 1 attended), one cancelled, one outside, one foreign.
    meeting = make_event(world.national, d + timedelta(days=3), title="Netzwerktreffen")
    for attended in (True, True, False):
        register(meeting, world.company, attended=attended)
    register(meeting, world.company, attended=False, status=RegistrationStatus.CANCELLED)
    workshop = make_event(world.region, d + timedelta(days=5), title="Werkstatt Ost")
    register(workshop, world.counselling, attended=True)
    make_event(
        world.national, d + timedelta(days=6), title="Abgesagt", status=EventStatus.CANCELLED
    )
    old = make_event(world.national, previous.start + timedelta(days=3), title="Vormonat")
    for _i in range(5):
        register(old, world.company, attended=True)
    foreign_event = make_event(world.other_network, d + timedelta(days=3), title="Fremd")
    register(foreign_event, world.foreign, attended=True)

    # Offers: two posted and published in the period, one of them filled; one from before;
    # one of an organisation outside the network.
    filled = make_offer(world.company, "Bäcker/in")
    offer_status_set(actor=world.org_admin, offer=filled, status=OfferStatus.PUBLISHED)
    offer_status_set(actor=world.org_admin, offer=filled, status=OfferStatus.FILLED)
    published = make_offer(world.company, "Verkäufer/in")
    offer_status_set(actor=world.org_admin, offer=published, status=OfferStatus.PUBLISHED)
    older = make_offer(world.company, "Fahrer/in")
    Offer.objects.filter(pk=older.pk).update(
        created_at=_at(previous.start), published_at=_at(previous.start), status="published"
    )
    foreign_offer = make_offer(world.foreign, "Fremd")
    offer_status_set(actor=world.foreign_admin, offer=foreign_offer, status=OfferStatus.PUBLISHED)

    # Participants of the counselling project: P1..P9 (and one of an unrelated network).
    people = [Participant.objects.create(organisation=world.counselling) for _i in range(9)]
    long_ago = date(2024, 1, 15)
    for p in people:
        milestone(p, "arrival", long_ago)
    for p in people[:8]:
        milestone(p, "counselling_started", long_ago)
    for p in people[:6]:
        milestone(p, "language_course_started", long_ago)
    for p in people[:2]:
        milestone(p, "b1_reached", long_ago)
    for p in people[:3]:
        milestone(p, "recognition_applied", long_ago)
    for p in people[:6]:
        milestone(p, "job_started", d + timedelta(days=1))
    for p in people[6:8]:
        milestone(p, "apprenticeship_started", d + timedelta(days=1))
    milestone(people[8], "job_started", previous.start)
    milestone(people[0], "employed_after_6_months", d)
    stranger = Participant.objects.create(organisation=world.foreign)
    milestone(stranger, "arrival", long_ago)
    milestone(stranger, "job_started", d)

    # Ambassadors: a term ends in the period and is handed over to a successor; one news item;
    # one social-media slot.
    first = AmbassadorTerm.objects.create(
        organisation=world.other_company,
        network=world.region,
        region="Sachsen-Anhalt",
        starts_on=previous.start - timedelta(days=200),
        ends_on=d + timedelta(days=1),
    )
    second = AmbassadorTerm.objects.create(
        organisation=world.company,
        network=world.region,
        region="Sachsen-Anhalt",
        starts_on=d + timedelta(days=2),
        ends_on=d + timedelta(days=240),
        predecessor=first,
    )
    AmbassadorNews.objects.create(
        term=second, author=world.org_admin, title="Erste Ausbildung", text="Wir bilden aus."
    )
    SocialMediaSlot.objects.create(
        network=world.region,
        term=second,
        starts_on=d + timedelta(days=3),
        ends_on=d + timedelta(days=16),
    )

    # Action items: two open (one overdue), one done, one of an unrelated network.
    ActionItem.objects.create(
        network=world.national, title="Flyer drucken", due_on=d, owner_organisation=world.company
    )
    ActionItem.objects.create(
        network=world.region, title="Paten finden", status=ActionItemStatus.IN_PROGRESS
    )
    ActionItem.objects.create(network=world.national, title="Erledigt", status="done")
    ActionItem.objects.create(network=world.other_network, title="Fremd", due_on=d)
    return Dataset(world, period, previous, new_member, people)

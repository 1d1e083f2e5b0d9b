"""Concurrent registrations never overbook, and an offer promotes exactly once.

Real threads with their own database connections against PostgreSQL, where the event row
lock (`select_for_update`) is what serialises them. SQLite cannot run this (one writer).
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from functools import partial
from typing import Any

import pytest
from django.db import connection, connections

from tests.events.conftest import make_event, make_member
from wegweiser.events import services
from wegweiser.events.constants import OfferStatus, RegistrationStatus
from wegweiser.events.exceptions import EventError
from wegweiser.events.models import Registration, WaitlistOffer

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def run_at_once(jobs: list[Callable[[], Any]]) -> list[Any]:
    """Start every job in its own thread at the same moment; collect results or errors."""
    barrier = threading.Barrier(len(jobs))
    results: list[Any] = [None] * len(jobs)

    def worker(index: int, job: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            results[index] = job()
        except Exception as error:
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def test_many_people_registering_at_once_never_overbook(world):
    event = make_event(world, capacity=5)
    people = [make_member(world, mfa=False) for _ in range(16)]
    results = run_at_once(
        [partial(services.registration_create, actor=p, event=event) for p in people]
    )
    assert not [r for r in results if isinstance(r, Exception)]
    statuses = Counter(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert statuses[RegistrationStatus.CONFIRMED] == 5
    assert statuses[RegistrationStatus.WAITLISTED] == 11


def test_cancellations_and_registrations_at_once_keep_the_limit(world):
    event = make_event(world, capacity=4)
    holders = [make_member(world, mfa=False) for _ in range(4)]
    seats = [services.registration_create(actor=p, event=event) for p in holders]
    newcomers = [make_member(world, mfa=False) for _ in range(8)]
    jobs: list[Callable[[], Any]] = [
        partial(services.registration_cancel, actor=p, registration=r)
        for r, p in zip(seats[:2], holders[:2], strict=True)
    ]
    jobs += [partial(services.registration_create, actor=p, event=event) for p in newcomers]
    results = run_at_once(jobs)
    assert not [r for r in results if isinstance(r, Exception)]
    confirmed = Registration.objects.filter(event=event, status="confirmed").count()
    offered = WaitlistOffer.objects.filter(event=event, status=OfferStatus.OPEN).count()
    assert confirmed + offered <= 4
    assert confirmed + offered == 4  # freed seats are either taken or offered, never lost


def test_an_offer_accepted_twice_at_once_promotes_once(world):
    event = make_event(world, capacity=1)
    holder = make_member(world, mfa=False)
    waiting_person = make_member(world, mfa=False)
    seat = services.registration_create(actor=holder, event=event)
    waiting = services.registration_create(actor=waiting_person, event=event)
    services.registration_cancel(actor=holder, registration=seat)
    offer = WaitlistOffer.objects.get(registration=waiting)
    results = run_at_once(
        [lambda: services.offer_accept(actor=waiting_person, offer=offer) for _ in range(6)]
    )
    successes = [r for r in results if isinstance(r, Registration)]
    failures = [r for r in results if isinstance(r, EventError)]
    assert len(successes) == 1
    assert len(failures) == 5
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert Registration.objects.filter(event=event, status="confirmed").count() == 1

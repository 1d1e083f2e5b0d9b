from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from tests.jobs.conftest import MAGDEBURG, make_offer
from wegweiser.core.models import AuditEntry
from wegweiser.jobs import selectors, services
from wegweiser.jobs.constants import OfferStatus
from wegweiser.jobs.exceptions import OfferError
from wegweiser.jobs.geo import coordinates_for_plz
from wegweiser.jobs.models import Offer


def test_create_writes_offer_and_one_audit_entry(world):
    offer = make_offer(world.company, licences=["CE", "B"])
    assert offer.status == OfferStatus.PUBLISHED
    assert offer.licences == ["B", "CE"]  # canonical order
    assert offer.requirement_level == 2
    assert (offer.latitude, offer.longitude) == MAGDEBURG
    entries = AuditEntry.objects.filter(object_id=str(offer.pk), action="offer.created")
    assert entries.count() == 1
    assert entries.get().organisation_id == world.company.pk
    assert "title" in entries.get().changed_fields


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"plz": "3910"}, "plz"),
        ({"occupation": "99999"}, "occupation"),
        ({"occupation": "262"}, "occupation"),
        ({"start_date": timezone.localdate() - dt.timedelta(days=1)}, "start_date"),
        (
            {
                "start_date": timezone.localdate() + dt.timedelta(days=10),
                "end_date": timezone.localdate() + dt.timedelta(days=5),
            },
            "end_date",
        ),
        ({"licences": ["X"]}, "licences"),
        ({"german_min": "D1"}, "german_min"),
    ],
)
def test_bad_input_is_refused_without_a_record(world, data, field):
    with pytest.raises(ValidationError) as error:
        make_offer(world.company, **data)
    assert field in error.value.message_dict
    assert Offer.objects.count() == 0
    assert not AuditEntry.objects.filter(action="offer.created").exists()


def test_coordinates_come_from_known_offers_when_no_postcode_table(world):
    make_offer(world.company)
    assert coordinates_for_plz("39104") == MAGDEBURG
    assert coordinates_for_plz("99999") is None
    assert coordinates_for_plz("abc") is None
    second = make_offer(world.company, coordinates=None)
    assert (second.latitude, second.longitude) == MAGDEBURG


def test_status_transitions(world):
    offer = make_offer(world.company, publish=False)
    assert offer.status == OfferStatus.DRAFT and offer.published_at is None
    offer = services.offer_status_set(actor=world.employer, offer=offer, status="published")
    assert offer.published_at is not None
    offer = services.offer_status_set(actor=world.employer, offer=offer, status="filled")
    with pytest.raises(OfferError):
        services.offer_status_set(actor=world.employer, offer=offer, status="expired")
    with pytest.raises(OfferError):
        services.offer_status_set(actor=world.employer, offer=offer, status="draft")


def test_expiry_marks_only_published_offers_past_their_end(world, tomorrow):
    ending = make_offer(world.company, end_date=tomorrow)
    lasting = make_offer(world.company, end_date=tomorrow + dt.timedelta(days=30))
    draft = make_offer(world.company, end_date=tomorrow, publish=False)
    assert services.offers_expire(today=tomorrow + dt.timedelta(days=1)) == 1
    ending.refresh_from_db()
    lasting.refresh_from_db()
    draft.refresh_from_db()
    assert ending.status == OfferStatus.EXPIRED
    assert lasting.status == OfferStatus.PUBLISHED
    assert draft.status == OfferStatus.DRAFT
    assert AuditEntry.objects.filter(action="offer.expired").count() == 1
    assert services.offers_expire(today=tomorrow + dt.timedelta(days=1)) == 0
    with pytest.raises(OfferError):
        services.offer_status_set(actor=None, offer=ending, status="published")


def test_expire_command(world, tomorrow, capsys):
    make_offer(world.company, end_date=tomorrow)
    call_command("offers_expire")
    assert "0 offer(s) expired." in capsys.readouterr().out


def test_update_changes_fields_and_recomputes_place(world):
    offer = make_offer(world.company)
    offer = services.offer_update(
        actor=world.employer, offer=offer, data={"title": "Neu", "plz": "06108"}
    )
    assert offer.title == "Neu"
    assert offer.latitude is None  # no coordinates known for the new postcode
    entry = AuditEntry.objects.get(action="offer.updated")
    assert set(entry.changed_fields) == {"title", "plz", "latitude", "longitude"}


def test_organisations_offering_places(world):
    make_offer(world.company)
    make_offer(world.other_company, publish=False)
    make_offer(world.foreign)
    assert selectors.organisations_offering_places([world.region.pk]) == {world.company.pk}
    assert selectors.organisations_offering_places([world.other_network.pk]) == {world.foreign.pk}


def test_vocabulary_hint_shows_next_to_an_offer_of_that_trade(world, client_for):
    from django.core.management import call_command

    from tests.jobs.conftest import make_offer

    call_command("vocabulary_load", verbosity=0)
    offer = make_offer(world.company, occupation="26212")
    html = client_for(world.staff).get(f"/jobs/{offer.pk}/").content.decode()
    assert "/knowledge/vocabulary/" in html

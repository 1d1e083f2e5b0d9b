"""The BA Jobsuche import, on stored responses only (never the live service)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from wegweiser.core.models import AuditEntry
from wegweiser.jobs import ba_jobsuche, services
from wegweiser.jobs.constants import OfferSource, OfferStatus
from wegweiser.jobs.exceptions import ImportDisabled, UnknownResponseShape
from wegweiser.jobs.models import Offer

FIXTURES = Path(__file__).parent / "fixtures" / "ba"
pytestmark = pytest.mark.django_db


def stored(*names: str) -> Any:
    """A fetcher answering page n with the n-th stored response."""
    calls: list[Mapping[str, str]] = []

    def fetch(params: Mapping[str, str]) -> Any:
        calls.append(dict(params))
        body = (FIXTURES / names[int(params["page"]) - 1]).read_bytes()
        return ba_jobsuche.decode_body(body)

    fetch.calls = calls  # type: ignore[attr-defined]
    return fetch


PAGES = ("magdeburg_elektro_page1.json", "magdeburg_elektro_page2.json")


def run(fetch: Any, **kwargs: Any) -> services.ImportResult:
    return services.ba_import(
        actor=None, region="Magdeburg", occupation_code="26212", fetch=fetch, **kwargs
    )


def test_parse_page_gives_typed_offers():
    page = ba_jobsuche.parse_page(ba_jobsuche.decode_body((FIXTURES / PAGES[0]).read_bytes()))
    assert (page.total, page.page, page.size) == (3, 1, 2)
    first, second = page.offers
    assert first.refnr == "10001-1001234567-S"
    assert first.employer == "Lichtblick Elektroanlagen GmbH"
    assert (first.plz, first.city, first.latitude) == ("39104", "Magdeburg", 52.1277)
    assert first.start_date is not None and first.start_date.isoformat() == "2026-03-01"
    assert first.url == "https://www.arbeitsagentur.de/jobsuche/jobdetail/10001-1001234567-S"
    assert second.url == "https://karriere.stromweg.example/stellen/4711"


def test_import_creates_offers_from_every_page():
    fetch = stored(*PAGES)
    result = run(fetch)
    assert (result.created, result.updated, result.vanished) == (3, 0, 0)
    assert [c["page"] for c in fetch.calls] == ["1", "2"]
    assert fetch.calls[0]["wo"] == "Magdeburg"
    offer = Offer.objects.get(external_ref="10001-1001234567-S")
    assert offer.source == OfferSource.BA
    assert offer.organisation_id is None
    assert offer.employer_name == "Lichtblick Elektroanlagen GmbH"
    assert offer.occupation_id == "26212"
    assert offer.status == OfferStatus.PUBLISHED
    assert offer.external_url.startswith("https://www.arbeitsagentur.de/")
    assert (offer.latitude, offer.longitude) == (52.1277, 11.6292)


def test_running_the_same_import_again_changes_nothing():
    run(stored(*PAGES))
    before = list(Offer.objects.order_by("pk").values())
    audits = AuditEntry.objects.count()
    result = run(stored(*PAGES))
    assert (result.created, result.updated, result.unchanged, result.vanished) == (0, 0, 3, 0)
    assert list(Offer.objects.order_by("pk").values()) == before
    assert AuditEntry.objects.count() == audits


def test_changed_offers_are_updated_and_vanished_ones_marked():
    run(stored(*PAGES))
    result = run(stored("magdeburg_elektro_later.json"))
    assert (result.created, result.updated, result.unchanged, result.vanished) == (0, 1, 1, 1)
    changed = Offer.objects.get(external_ref="10001-1001239999-S")
    assert changed.title.endswith("Bereitschaft")
    gone = Offer.objects.get(external_ref="10001-1001240001-S")
    assert gone.vanished_at is not None and gone.status == OfferStatus.EXPIRED
    assert AuditEntry.objects.filter(action="offer.vanished").count() == 1
    # It comes back: published again, no longer marked.
    again = run(stored(*PAGES))
    assert again.updated >= 1
    back = Offer.objects.get(external_ref="10001-1001240001-S")
    assert back.vanished_at is None
    assert back.status == OfferStatus.PUBLISHED


def test_another_search_does_not_mark_offers_of_this_one():
    run(stored(*PAGES))
    services.ba_import(actor=None, region="Halle", fetch=stored("empty.json"))
    assert not Offer.objects.filter(vanished_at__isnull=False).exists()


def test_a_broken_row_is_reported_and_the_rest_imported():
    result = run(stored("one_broken_row.json"))
    assert result.created == 1
    assert result.skipped == ("page 1, row 1: no reference number (refnr)",)
    assert result.vanished == 0


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        ("changed_shape.json", "unknown response shape"),
        ("changed_rows.json", "none of the 1 offers has the known fields"),
        ("broken.json", "not valid JSON"),
    ],
)
def test_unknown_or_broken_responses_fail_clearly_and_change_nothing(fixture, message):
    run(stored(*PAGES))
    before = list(Offer.objects.order_by("pk").values())
    with pytest.raises(UnknownResponseShape, match=message):
        run(stored(fixture))
    assert list(Offer.objects.order_by("pk").values()) == before


def test_command_refuses_when_disabled(settings):
    settings.BA_JOBSUCHE_ENABLED = False
    with translation.override("en"), pytest.raises(CommandError, match="switched off"):
        call_command("ba_import", "--region", "Magdeburg", "--occupation", "26212")
    with pytest.raises(ImportDisabled):
        ba_jobsuche.fetch_page({"wo": "Magdeburg"})


def test_command_runs_on_stored_responses(settings, monkeypatch, capsys):
    settings.BA_JOBSUCHE_ENABLED = True
    monkeypatch.setattr(ba_jobsuche, "fetch_page", stored(*PAGES))
    call_command("ba_import", "--region", "Magdeburg", "--occupation", "26212")
    assert "3 created" in capsys.readouterr().out
    with translation.override("de"), pytest.raises(CommandError, match="kein Beruf der KldB"):
        call_command("ba_import", "--region", "Magdeburg", "--occupation", "99999")

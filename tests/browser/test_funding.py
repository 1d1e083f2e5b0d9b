"""A coordinator opens an ESF Plus project's indicator table and downloads the export;
the funder sees the same project as aggregates only."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from pathlib import Path

import pytest

from tests.browser.axe import serious_violations
from tests.browser.conftest import screenshot
from tests.funding.conftest import TODAY, enter, esf_participant, make_project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_opens_indicators_and_downloads_the_export(world, page, sign_in):
    project = make_project(world)
    people = [
        esf_participant(world, first_name=f"Vorname{i}", last_name=f"Nachname{i}") for i in range(6)
    ]
    for person in people:
        enter(world, project, person, entry_on=TODAY() - timedelta(days=20))

    sign_in(page, world.coordinator.email)
    page.goto("/funding/")
    with page.expect_navigation():
        page.get_by_role("link", name=project.name).click()
    table = page.locator("#indicators")
    assert table.locator('tr[data-indicator="participants"] td').nth(1).inner_text() == "6"
    assert "Teilnehmende (insgesamt)" in table.inner_text()
    assert serious_violations(page) == []
    screenshot(page, "funding-indicators")

    with page.expect_download() as info:
        page.get_by_role("link", name="ESF-Plus-Export (CSV)").click()
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    content = Path(download.path()).read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(content)))
    codes = {row[0] for row in rows[1:]}
    assert codes == {p.code for p in people}
    assert not any(p.last_name in content or p.first_name in content for p in people)

    # The funder reaches the same project, but only aggregates.
    page.context.clear_cookies()
    sign_in(page, world.funder.email, totp_secret=None)
    page.goto(f"/funding/{project.pk}/")
    assert page.locator('tr[data-indicator="participants"] td').nth(1).inner_text() == "6"
    assert page.get_by_role("link", name="ESF-Plus-Export (CSV)").count() == 0
    assert not any(p.code in page.content() for p in people)
    assert serious_violations(page) == []

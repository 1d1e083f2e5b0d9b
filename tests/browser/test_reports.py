"""A coordinator reads the dashboard (chart, table, CSV) and the monthly status report (PDF)."""

from __future__ import annotations

import pytest

from tests.browser.axe import serious_violations
from tests.browser.conftest import screenshot
from tests.reports.conftest import build_dataset

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_dashboard_and_monthly_report(world, page, sign_in):
    dataset = build_dataset(world)
    sign_in(page, world.coordinator.email)
    page.get_by_role("link", name="Berichte").first.click()
    page.wait_for_url("**/reports/")
    assert page.locator("h1").inner_text() == "Übersicht des Netzwerks"
    assert serious_violations(page) == []
    assert page.console_errors == []

    # The pathway funnel: switch from the chart to its table.
    section = page.locator("section", has=page.get_by_role("heading", name="Weg der Teilnehmenden"))
    table = section.locator("details.chart-table table")
    assert not table.is_visible()
    section.locator("details.chart-table summary").click()
    assert table.is_visible()
    cells = [c.strip() for c in table.locator("tbody td").all_inner_texts()]
    assert cells == ["9", "8", "6", "<5", "9", "<5"]
    screenshot(page, "reports-dashboard-funnel-table")

    # Its CSV download holds the same numbers.
    with page.expect_download() as info:
        section.get_by_role("link", name="als CSV herunterladen").click()
    content = open(info.value.path(), encoding="utf-8-sig").read()  # noqa: SIM115
    assert content.splitlines()[1:] == [
        "Ankunft in Deutschland,9",
        "Beratung,8",
        "Sprache,6",
        "Anerkennung,<5",
        "Ausbildung oder Arbeit,9",
        "Nach 6 Monaten weiter beschäftigt,<5",
    ]

    # The monthly report of the current month, then its PDF.
    page.get_by_role("link", name="Monatlicher Statusbericht").first.click()
    page.wait_for_url("**/reports/status/")
    page.locator("details.report-period summary").click()
    page.fill("#id_month", dataset.period.start.strftime("%Y-%m"))
    with page.expect_navigation():
        page.get_by_role("button", name="Bericht anzeigen").click()
    assert "Statusbericht" in page.locator("h1").inner_text()
    assert page.get_by_text("Neu im Monat").count() >= 1
    assert serious_violations(page) == []
    screenshot(page, "reports-status-report")
    href = page.get_by_role("link", name="PDF").get_attribute("href")
    response = page.request.get(href)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF-")
    assert page.console_errors == []

"""The report's and the dashboard's numbers, counted by hand on the dataset of conftest.py."""

from __future__ import annotations

import pytest

from tests.reports.conftest import Dataset
from wegweiser.reports import selectors
from wegweiser.reports.constants import Section

pytestmark = pytest.mark.django_db


def numbers(data: selectors.StatusReportData, key: str) -> list[selectors.Cell]:
    return [value for _label, value in data.section(key).numbers]


def test_report_counts_only_what_happened_in_the_period(dataset: Dataset) -> None:
    w = dataset.world
    data = selectors.status_report_for(
        actor=w.coordinator, network=w.national, period=dataset.period
    )
    # joined: "Neu im Monat" (not "Seit letztem Monat", not the foreign join); left: other_company;
    # at the end: office, company, counselling, Neu im Monat, Seit letztem Monat.
    assert numbers(data, Section.MEMBERS) == [1, 1, 5]
    members = data.section(Section.MEMBERS).table
    assert members is not None
    assert [row[0] for row in members.rows] == ["Neu im Monat", "Andere Firma"]
    # events held 2; registrations 3 + 1 confirmed; attended 2 + 1; cancelled 1.
    assert numbers(data, Section.EVENTS) == [2, 4, 3, 1]
    events = data.section(Section.EVENTS).table
    assert events is not None
    assert [row[1:] for row in events.rows] == [["Netzwerktreffen", 3, 2], ["Werkstatt Ost", 1, 1]]
    # news 1, term started 1, term ended 1, handed over 1, slot 1.
    assert numbers(data, Section.AMBASSADORS) == [1, 1, 1, 1, 1]
    # offers posted 2 (not the older one, not the foreign one), published 2, filled 1.
    assert numbers(data, Section.OFFERS) == [2, 2, 1]
    # placements: 2 training starts (suppressed), 6 job starts in the period, 8 together.
    assert numbers(data, Section.PLACEMENTS) == ["<5", 6, 8]
    # open action items 2, overdue at the end of the period 1.
    assert numbers(data, Section.ACTION_ITEMS) == [2, 1]


def test_previous_month_has_its_own_numbers(dataset: Dataset) -> None:
    w = dataset.world
    data = selectors.status_report_for(
        actor=w.coordinator, network=w.national, period=dataset.previous
    )
    assert numbers(data, Section.MEMBERS)[:2] == [1, 0]  # "Seit letztem Monat" joined
    assert numbers(data, Section.EVENTS) == [1, 5, 5, 0]
    assert numbers(data, Section.OFFERS) == [1, 1, 0]  # filled only this month
    assert numbers(data, Section.PLACEMENTS) == [0, "<5", "<5"]


def test_regional_report_covers_only_the_region(dataset: Dataset) -> None:
    w = dataset.world
    data = selectors.status_report_for(actor=w.coordinator, network=w.region, period=dataset.period)
    assert numbers(data, Section.EVENTS) == [1, 1, 1, 0]
    assert numbers(data, Section.ACTION_ITEMS) == [1, 0]


def test_funnel_counts_and_suppression(dataset: Dataset) -> None:
    w = dataset.world
    board = selectors.dashboard_for(actor=w.coordinator)
    assert [value for _label, value in board.funnel.rows] == [9, 8, 6, "<5", 9, "<5"]
    # The chart draws suppressed cells as empty bars labelled "<5".
    labels = [getattr(bar, "display", None) for bar in board.funnel.chart.bars]
    assert labels == ["9", "8", "6", "<5", "9", "<5"]
    assert board.funnel.chart.bars[3].width == 0 and board.funnel.chart.bars[3].value == 0
    assert board.outcomes.rows == [["Beratung Test", 9, "<5", 7, "<5", 0]]
    assert board.placements_per_project.rows == [("Beratung Test", 9)]
    assert "<5" in board.funnel.note


def test_suppress() -> None:
    assert [selectors.suppress(n) for n in (0, 1, 4, 5, 12)] == [0, "<5", "<5", 5, 12]


def test_dashboard_series_come_from_the_report_selectors(dataset: Dataset) -> None:
    w = dataset.world
    board = selectors.dashboard_for(actor=w.coordinator)
    label = dataset.period.start.strftime("%m/%Y")
    assert dict(board.events.rows)[label] == 2
    assert dict(board.attendance.rows)[label] == 3
    previous = dataset.previous.start.strftime("%m/%Y")
    assert dict(board.attendance.rows)[previous] == 5
    assert board.offers.rows[2][1] == 1  # filled
    assert dict(board.members.rows)[label] == 5


def test_dashboard_is_refused_to_non_coordinators(dataset: Dataset) -> None:
    from django.http import Http404

    for user in (dataset.world.org_admin, dataset.world.counsellor, dataset.world.funder):
        with pytest.raises(Http404):
            selectors.dashboard_for(actor=user)
        with pytest.raises(Http404):
            selectors.status_report_for(
                actor=user, network=dataset.world.national, period=dataset.period
            )

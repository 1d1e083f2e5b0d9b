"""Small cells, complementary suppression and differencing between overlapping reports."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.funding.conftest import TODAY, enter
from wegweiser.core.models import AuditEntry
from wegweiser.funding import indicators, selectors, services
from wegweiser.funding.indicators import Period, Released, reveals_by_difference, suppressed_cells
from wegweiser.funding.models import ReleasedCell


def values(**given: int) -> dict[str, int]:
    base = dict.fromkeys(indicators.INDICATOR_KEYS, 0)
    base["_short_term_unemployed"] = 0
    for key in (*indicators.BINARY_ENTRY, *indicators.RESULT_FLAGS, *indicators.FOLLOW_UP_FLAGS):
        base[f"_not_{key}"] = 0
    base.update(given)
    base["unemployed"] = base["_short_term_unemployed"] + base["long_term_unemployed"]
    return base


def full(total: int, **given: int) -> dict[str, int]:
    """A table of `total` participants: all women, all aged 30–54, ISCED 3–4, employed, no."""
    base = {
        "participants": total,
        "sex_female": total,
        "age_30_54": total,
        "isced_3_4": total,
        "employed": total,
    } | {f"_not_{k}": total for k in indicators.BINARY_ENTRY}
    return values(**(base | given))


def test_small_cells_are_suppressed_and_zero_is_not():
    v = full(20, sex_female=10, sex_male=8, sex_non_binary=2)
    hidden = suppressed_cells(v)
    assert "sex_non_binary" in hidden
    # the total is shown, so a second sex cell must go too: 20 − 10 − 8 would give the 2
    assert "sex_male" in hidden and "sex_female" not in hidden
    assert "participants" not in hidden
    assert "age_under_18" not in hidden  # 0 stays visible


def test_a_small_complement_suppresses_the_yes_cell():
    # 18 of 20 with a disability: the 2 without one could be singled out
    v = full(20, disability=18, _not_disability=2)
    assert "disability" in suppressed_cells(v)


def test_hidden_short_term_unemployed_are_protected():
    # 2 unemployed (not long-term) are never shown, but total − LTU − inactive − employed
    # would reveal them: one more category goes, and so does "unemployed incl. long-term".
    v = full(26, _short_term_unemployed=2, long_term_unemployed=8, inactive=6, employed=10)
    hidden = suppressed_cells(v)
    assert {"inactive", "unemployed"} <= hidden
    assert "long_term_unemployed" not in hidden and "employed" not in hidden
    shown = {k: v[k] for k in ("participants", "long_term_unemployed", "employed")}
    # what is left to derive: 2 + 6 together, not either one
    assert shown["participants"] - shown["long_term_unemployed"] - shown["employed"] == 8


def test_a_small_total_takes_all_its_cells_along():
    v = full(3)
    hidden = suppressed_cells(v)
    assert {"participants", "sex_female", "employed", "age_30_54"} <= hidden
    assert "sex_male" not in hidden  # zero


def test_a_flagged_total_takes_its_non_zero_cells_along():
    hidden = suppressed_cells(full(12), flagged={"participants"})
    assert {"participants", "sex_female", "isced_3_4"} <= hidden


JAN_JUN = Period("h1", "custom", date(2026, 1, 1), date(2026, 6, 30))
JAN_MAY = Period("m5", "custom", date(2026, 1, 1), date(2026, 5, 31))


def test_differencing_two_overlapping_reports_is_refused():
    released = [Released(JAN_JUN.starts_on, JAN_JUN.ends_on, 12)]
    # Jan–May 9 next to Jan–Jun 12 would reveal the 3 of June
    assert reveals_by_difference(9, JAN_MAY, released)
    # a difference of 0 or 5+ reveals no small group
    assert not reveals_by_difference(12, JAN_MAY, released)
    assert not reveals_by_difference(7, JAN_MAY, released)
    # the same period released again with a changed value (late entries) is a difference too
    assert reveals_by_difference(14, JAN_JUN, released)
    # a period that does not overlap is no threat
    autumn = Period("q4", "quarter", date(2026, 10, 1), date(2026, 12, 31))
    assert not reveals_by_difference(9, autumn, released)


def test_differencing_against_sums_of_nested_reports():
    quarters = [
        Released(date(2026, 1, 1), date(2026, 3, 31), 6),
        Released(date(2026, 4, 1), date(2026, 6, 30), 7),
        Released(date(2026, 7, 1), date(2026, 9, 30), 5),
    ]
    year = Period("2026", "year", date(2026, 1, 1), date(2026, 12, 31))
    # 6 + 7 + 5 = 18 released; a year of 20 would reveal the 2 of Q4
    assert reveals_by_difference(20, year, quarters)
    assert not reveals_by_difference(18, year, quarters)
    assert not reveals_by_difference(25, year, quarters)
    # the other way round: the year (20) and Q1–Q3 released, Q3 asked → 20 − 6 − 7 − 5
    released = [Released(year.starts_on, year.ends_on, 20), *quarters[:2]]
    q3 = Period("2026-Q3", "quarter", date(2026, 7, 1), date(2026, 9, 30))
    assert reveals_by_difference(5, q3, released)
    assert not reveals_by_difference(7, q3, released)


@pytest.mark.django_db
def test_funder_reports_record_releases_and_refuse_differencing(world, project, person):
    today = TODAY()
    for _ in range(6):
        enter(world, project, person(), entry_on=today)
    for _ in range(2):
        enter(world, project, person(), entry_on=today - timedelta(days=400))
    grid = selectors.period_grid(project=project)
    to_date = indicators.find_period("to-date", grid)
    this_year = indicators.find_period(str(today.year), grid)
    assert to_date and this_year

    year_table = services.aggregates_release(actor=world.funder, project=project, period=this_year)
    assert year_table.value("sex_female") == 6
    assert year_table.value("participants") == 6
    assert "incomplete" not in {r.key for _b, rows in year_table.blocks for r in rows}
    released = ReleasedCell.objects.filter(project=project, indicator="sex_female")
    assert [(c.starts_on, c.value) for c in released] == [(this_year.starts_on, 6)]
    assert AuditEntry.objects.filter(
        action="funded_project.aggregates_release", object_id=str(project.pk)
    ).exists()

    # project to date has 8 women: next to the year's 6 it would reveal the 2 of last year
    to_date_table = services.aggregates_release(actor=world.funder, project=project, period=to_date)
    assert to_date_table.values["sex_female"] == 8
    assert to_date_table.value("sex_female") is None
    assert to_date_table.value("participants") is None
    assert not ReleasedCell.objects.filter(indicator="sex_female", value=8).exists()

    # asking for the year again changes nothing and releases nothing new
    again = services.aggregates_release(actor=world.funder, project=project, period=this_year)
    assert again.value("sex_female") == 6
    assert ReleasedCell.objects.filter(indicator="sex_female").count() == 1

    # a late entry this year: 7 next to the 6 released would single the newcomer out
    enter(world, project, person(), entry_on=today)
    late = services.aggregates_release(actor=world.funder, project=project, period=this_year)
    assert late.values["sex_female"] == 7
    assert late.value("sex_female") is None


@pytest.mark.django_db
def test_staff_tables_are_not_suppressed(world, project, person):
    enter(world, project, person(), entry_on=TODAY())
    period = selectors.period_grid(project=project)[0]
    table = selectors.indicator_table(project=project, period=period)
    assert table.value("participants") == 1
    assert not ReleasedCell.objects.exists()

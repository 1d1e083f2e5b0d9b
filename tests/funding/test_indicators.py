"""The golden test: a hand-built set of participants whose indicators are counted by hand."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import translation

from tests.funding.conftest import TODAY, enter, make_project, years_before
from wegweiser.funding import indicators, selectors, services
from wegweiser.funding.exceptions import FundingError
from wegweiser.funding.models import EsfRecord

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in English here (German: see the German tests)."""
    with translation.override("en"):
        yield


def test_age_bands_at_their_edges():
    entry = TODAY()
    assert indicators.age_band(years_before(entry, 18), entry) == "18_29"
    assert indicators.age_band(years_before(entry, 18) + timedelta(days=1), entry) == "under_18"
    assert indicators.age_band(years_before(entry, 30), entry) == "30_54"
    assert indicators.age_band(years_before(entry, 30) + timedelta(days=1), entry) == "18_29"
    assert indicators.age_band(years_before(entry, 55), entry) == "55_plus"
    assert indicators.age_band(years_before(entry, 55) + timedelta(days=1), entry) == "30_54"


def test_golden_indicator_table(world, project, person):
    entry = TODAY() - timedelta(days=300)
    second = make_project(world, name="Refugees into Work", funding_reference="ESF-RIW")

    def born(years: int, days_later: int = 0):
        return years_before(entry, years) + timedelta(days=days_later)

    # 1: exactly 18 on entry → 18–29; long-term unemployed; also in the second project
    p1 = person(date_of_birth=born(18))
    r1 = enter(
        world,
        project,
        p1,
        sex="female",
        employment_status="long_term_unemployed",
        education="isced_0_2",
        third_country_national="yes",
        foreign_background="no",
    )
    enter(
        world,
        second,
        p1,
        sex="female",
        employment_status="long_term_unemployed",
        education="isced_0_2",
    )
    # 2: 18 tomorrow → under 18; unemployed (not long-term); disability
    p2 = person(date_of_birth=born(18, 1))
    r2 = enter(
        world,
        project,
        p2,
        sex="male",
        employment_status="unemployed",
        education="isced_3_4",
        disability="yes",
        third_country_national="no",
        foreign_background="no",
    )
    # 3: exactly 30 → 30–54; inactive; homeless
    p3 = person(date_of_birth=born(30))
    enter(
        world,
        project,
        p3,
        sex="female",
        employment_status="inactive",
        education="isced_5_8",
        homeless="yes",
        third_country_national="no",
        foreign_background="no",
    )
    # 4: 30 tomorrow → 18–29; employed; rural; foreign background declined
    p4 = person(date_of_birth=born(30, 1))
    enter(
        world,
        project,
        p4,
        sex="non_binary",
        employment_status="employed",
        education="isced_3_4",
        rural="yes",
        third_country_national="no",
        foreign_background="declined",
    )
    # 5: exactly 55 → 55+; long-term unemployed
    p5 = person(date_of_birth=born(55))
    enter(
        world,
        project,
        p5,
        sex="male",
        employment_status="long_term_unemployed",
        education="isced_0_2",
        third_country_national="no",
        foreign_background="no",
    )
    # 6: 55 tomorrow → 30–54; unemployed
    p6 = person(date_of_birth=born(55, 1))
    enter(
        world,
        project,
        p6,
        sex="female",
        employment_status="unemployed",
        education="isced_0_2",
        third_country_national="no",
        foreign_background="no",
    )
    # 7: a short contact (7.5 hours) with complete data: only counted
    p7 = person(date_of_birth=born(40))
    enter(world, project, p7, contact_hours="7.5", sex="male")
    # 8: no education recorded: cannot be completed, stays out of the table
    p8 = person(date_of_birth=born(40))
    with pytest.raises(FundingError) as refused:
        enter(world, project, p8, education="")
    assert "education" in str(refused.value)
    assert not EsfRecord.objects.filter(participant=p8).exists()
    r8 = enter(world, project, p8, education="", complete=False)
    assert r8.entry_completed_at is None
    # exits with results
    services.exit_record(
        actor=world.counsellor,
        record=r1,
        exit_on=entry + timedelta(days=100),
        results={"result_employment": True},
    )
    services.exit_record(
        actor=world.counsellor,
        record=r2,
        exit_on=entry + timedelta(days=50),
        results={"result_education": True, "result_qualification": True},
    )

    period = selectors.period_grid(project=project)[0]
    assert period.key == "to-date"
    table = selectors.indicator_table(project=project, period=period)
    expected = {
        "participants": 6,
        "sex_female": 3,
        "sex_male": 2,
        "sex_non_binary": 1,
        "unemployed": 4,  # 2 long-term + 2 others
        "long_term_unemployed": 2,
        "inactive": 1,
        "employed": 1,
        "age_under_18": 1,
        "age_18_29": 2,
        "age_30_54": 2,
        "age_55_plus": 1,
        "isced_0_2": 3,
        "isced_3_4": 2,
        "isced_5_8": 1,
        "disability": 1,
        "third_country_national": 1,
        "foreign_background": 0,
        "homeless": 1,
        "rural": 1,
        "leavers": 2,
        "result_education": 1,
        "result_qualification": 1,
        "result_employment": 1,
        "result_job_searching": 0,
        "followed_up": 0,
        "follow_up_employment": 0,
        "follow_up_improved": 0,
        "short_contacts": 1,
        "incomplete": 1,
    }
    assert {k: table.values[k] for k in expected} == expected
    # the participant in two projects counts once in each
    other = selectors.indicator_table(
        project=second, period=selectors.period_grid(project=second)[0]
    )
    assert other.values["participants"] == 1
    assert other.values["long_term_unemployed"] == 1
    # a quarter without entries counts nothing at entry
    empty = indicators.Period("x", "quarter", entry + timedelta(days=1), entry + timedelta(days=2))
    assert selectors.indicator_values(project=project, period=empty)["participants"] == 0


def test_a_participant_counts_once_per_project(world, project, person):
    participant = person()
    enter(world, project, participant)
    with pytest.raises(FundingError):
        enter(world, project, participant)
    assert EsfRecord.objects.filter(project=project, participant=participant).count() == 1

"""Tigrinya, Pashto, Turkish and Russian on the pages participants read."""

from __future__ import annotations

import re

import pytest

from wegweiser.core.i18n import completeness_by_language, participant_facing_sources

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "direction", "heading"),
    [
        ("ti", "ltr", "ፍጻመታት"),
        ("ps", "rtl", "غونډې"),
        ("tr", "ltr", "Etkinlikler"),
        ("ru", "ltr", "Мероприятия"),
    ],
)
def test_public_events_page_in_each_participant_language(client, language, direction, heading):
    html = client.get("/events/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert re.search(rf'<html lang="{language}" dir="{direction}">', html)
    assert f"<h1>{heading}</h1>" in html


def test_the_language_menu_names_every_language_in_its_own_script(client):
    html = client.get("/events/").content.decode()
    for name in ("ትግርኛ", "پښتو", "Türkçe", "Русский", "العربيّة", "Українська"):
        assert name in html


def test_participant_languages_are_measured_over_participant_pages_only():
    sources = participant_facing_sources()
    assert any(s.endswith("templates/participants/portal") for s in sources)
    report = completeness_by_language()
    for language in ("ti", "ps", "tr", "ru"):
        assert 0 < report[language].total < report["de"].total / 3
        assert report[language].ratio >= 0.95


@pytest.mark.parametrize(
    ("language", "label"),
    [("ti", "ናብ ጀርመን ምምጻእ"), ("ps", "آلمان ته رارسېدل"), ("tr", "Almanya'ya varış")],
)
def test_milestones_are_named_in_the_participant_languages(language, label):
    from django.utils import translation

    from wegweiser.participants.models import MilestoneType

    with translation.override(language):
        assert MilestoneType.objects.get(key="arrival", network=None).label == label


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ti", "12 ጥሪ 2027"),
        ("ps", "12 جنوري 2027"),
        ("tr", "12 Ocak 2027"),
        ("de", "12. Januar 2027"),
    ],
)
def test_dates_name_the_month_in_the_reader_s_language(language, expected):
    from datetime import date

    from django.utils import formats, translation

    with translation.override(language):
        assert formats.date_format(date(2027, 1, 12)) == expected


def test_pashto_numbers_use_its_own_separators():
    from django.utils import formats, translation

    with translation.override("ps"):
        assert formats.number_format(1234.5, decimal_pos=1, force_grouping=True) == "1٬234٫5"

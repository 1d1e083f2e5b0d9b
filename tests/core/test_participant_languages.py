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

"""Languages: switching, remembering, right-to-left."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "direction"),
    [("de", "ltr"), ("en", "ltr"), ("ar", "rtl"), ("fa", "rtl"), ("uk", "ltr")],
)
def test_switching_language_sets_lang_and_direction(client, language, direction):
    response = client.post(
        reverse("accounts:set_language"), {"language": language, "next": "/"}, follow=True
    )
    html = response.content.decode()
    assert f'<html lang="{language}" dir="{direction}">' in html


def test_choice_is_remembered_on_the_account(world, client_for):
    client = client_for(world.coordinator)
    client.post(reverse("accounts:set_language"), {"language": "fa", "next": "/dashboard/"})
    world.coordinator.refresh_from_db()
    assert world.coordinator.preferred_language == "fa"
    fresh = client_for(world.coordinator)  # another device: no language cookie
    html = fresh.get(reverse("core:dashboard")).content.decode()
    assert 'dir="rtl"' in html and 'lang="fa"' in html


def test_unknown_language_and_foreign_redirect_are_ignored(client):
    response = client.post(
        reverse("accounts:set_language"), {"language": "xx", "next": "https://evil.example/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_german_is_the_default_and_translated(client):
    html = client.get(reverse("account_login")).content.decode()
    assert 'lang="de"' in html
    assert "Anmelden" in html


def test_shell_is_translated_in_every_language(client):
    expected = {
        "de": "Zum Inhalt springen",
        "ar": "تخطَّ إلى المحتوى الرئيسي",
        "fa": "پرش به محتوای اصلی",
        "uk": "Перейти до основного вмісту",
        "en": "Skip to main content",
    }
    for language, text in expected.items():
        client.cookies["wegweiser_language"] = language
        assert text in client.get("/").content.decode(), language

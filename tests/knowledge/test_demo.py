"""The knowledge demo: twelve articles in every state, translators, vocabulary; idempotent."""

from __future__ import annotations

import random

import pytest

from wegweiser.knowledge import demo
from wegweiser.knowledge.models import Article, ArticleText, TermTranslation, TranslatorProfile
from wegweiser.network import demo as network_demo

pytestmark = pytest.mark.django_db


def test_demo_loads_once():
    network_demo.load(random.Random(1))
    demo.load(random.Random(1))
    assert Article.objects.count() == 12
    assert set(Article.objects.values_list("kind", flat=True)) == {
        "guide",
        "concept",
        "case_story",
        "legal_briefing",
        "faq",
    }
    assert set(Article.objects.values_list("status", flat=True)) == {"draft", "review", "published"}
    statuses = set(ArticleText.objects.exclude(language="de").values_list("status", flat=True))
    assert statuses == {"current", "outdated", "machine"}
    assert ArticleText.objects.filter(language="de-easy").exists()
    assert TranslatorProfile.objects.count() == 2
    counts = (Article.objects.count(), ArticleText.objects.count(), TermTranslation.objects.count())
    demo.load(random.Random(1))
    assert counts == (
        Article.objects.count(),
        ArticleText.objects.count(),
        TermTranslation.objects.count(),
    )

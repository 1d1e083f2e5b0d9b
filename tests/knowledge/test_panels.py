"""Dashboard panels, navigation and fixed query counts of the public vocabulary pages."""

from __future__ import annotations

import pytest
from django.urls import reverse

from wegweiser.knowledge import services

pytestmark = pytest.mark.django_db


def test_translator_sees_open_tasks(world, articles, client_for):
    services.translator_profile_update(actor=world.staff, languages=["fa"])
    content = client_for(world.staff).get("/dashboard/").content.decode()
    assert reverse("knowledge:article_translate", args=[articles.public.pk, "fa"]) in content
    assert reverse("knowledge:article_translate", args=[articles.organisation.pk, "fa"]) in content
    # Not a translator: no panel.
    content = client_for(world.other_admin).get("/dashboard/").content.decode()
    assert reverse("knowledge:translation_tasks") not in content


def test_coordinator_sees_articles_awaiting_review(world, articles, client_for):
    content = client_for(world.coordinator).get("/dashboard/").content.decode()
    assert reverse("knowledge:public_article_detail", args=[articles.review.pk]) in content
    content = client_for(world.org_admin).get("/dashboard/").content.decode()
    assert reverse("knowledge:public_article_detail", args=[articles.review.pk]) not in content


def test_public_navigation(client_for):
    content = client_for(None).get(reverse("core:about")).content.decode()
    assert reverse("knowledge:public_article_list") in content
    assert reverse("knowledge:public_vocabulary_index") in content


@pytest.mark.parametrize(
    "url",
    [
        reverse("knowledge:public_vocabulary_detail", args=["elektrotechnik"]) + "?lang=fa",
        reverse("knowledge:public_vocabulary_flyer", args=["produktion", "ar"]),
        reverse("knowledge:public_vocabulary_index"),
    ],
)
def test_vocabulary_pages_have_fixed_query_counts(
    vocabulary, client_for, url, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        assert client_for(None).get(url).status_code == 200

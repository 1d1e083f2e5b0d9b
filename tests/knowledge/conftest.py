"""Fixtures of the knowledge tests: articles in every visibility and status."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from wegweiser.knowledge import services
from wegweiser.knowledge.constants import ArticleKind, Visibility
from wegweiser.knowledge.models import Article


def make_article(
    organisation: Any,
    *,
    title: str = "Leitfaden",
    body: str = "Ein Text.",
    summary: str = "",
    visibility: str = Visibility.PUBLIC,
    kind: str = ArticleKind.GUIDE,
    topics: tuple[str, ...] = ("training",),
    audiences: tuple[str, ...] = ("employers",),
    publish_as: Any = None,
) -> Article:
    article = services.article_create(
        actor=None,
        organisation=organisation,
        kind=kind,
        visibility=visibility,
        title=title,
        summary=summary,
        body=body,
        topics=topics,
        audiences=audiences,
    )
    if publish_as is not None:
        services.article_submit(actor=publish_as, article=article)
        article = services.article_publish(actor=publish_as, article=article)
    return article


@dataclass
class Articles:
    public: Article
    members: Article
    organisation: Article  # of world.company, visible to its people only
    draft: Article  # of world.company, not published
    review: Article  # of world.company, awaiting review
    foreign: Article  # members-only article of the unrelated network


@pytest.fixture
def articles(world: Any) -> Articles:
    coordinator = world.coordinator
    company = world.company
    public = make_article(company, title="Öffentlicher Leitfaden", publish_as=coordinator)
    members = make_article(
        company, title="Für Mitglieder", visibility=Visibility.MEMBERS, publish_as=coordinator
    )
    organisation = make_article(
        company, title="Nur intern", visibility=Visibility.ORGANISATION, publish_as=coordinator
    )
    draft = make_article(company, title="Entwurf")
    review = make_article(company, title="In Prüfung")
    services.article_submit(actor=world.org_admin, article=review)
    foreign = make_article(world.foreign, title="Fremd", visibility=Visibility.MEMBERS)
    services.article_submit(actor=world.foreign_admin, article=foreign)
    foreign.status = "published"
    from django.utils import timezone

    foreign.published_at = timezone.now()
    foreign.save()
    return Articles(public, members, organisation, draft, review, foreign)


@pytest.fixture
def vocabulary(db: Any) -> Any:
    return services.vocabulary_import()

"""Who may do what in the knowledge base: pure decisions over the network's actor snapshot.

- Published public articles, vocabulary lists and flyers are for everyone, signed in or not.
- Published "members" articles: people with a role in the article's federation.
- Published "organisation" articles: the people of the owning organisation.
- Coordinators see, review and publish every article of the networks they coordinate.
- Coordinators and the owning organisation's admins write articles (and see the drafts).
- Translators are people with a role who chose translation languages.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from wegweiser.knowledge.constants import ArticleStatus, Visibility
from wegweiser.knowledge.models import Article, TranslatorProfile
from wegweiser.network.constants import RoleKind
from wegweiser.network.policy import actor_for

_PROFILE_ATTR = "_knowledge_translator_languages"


def article_visibility_q(user: Any) -> Q:
    """The articles a person may read, as a filter (used by every list and search)."""
    actor = actor_for(user)
    published = Q(status=ArticleStatus.PUBLISHED)
    readable = Q(visibility=Visibility.PUBLIC)
    if actor.is_staff_member:
        readable |= Q(visibility=Visibility.MEMBERS, network_id__in=list(actor.visible_network_ids))
        readable |= Q(
            visibility=Visibility.ORGANISATION, organisation_id__in=list(actor.organisation_ids)
        )
    condition = published & readable
    if actor.coordinated_network_ids:
        condition |= Q(network_id__in=list(actor.coordinated_network_ids))
    admin_of = actor.organisations_with(RoleKind.ORG_ADMIN)
    if admin_of:
        condition |= Q(organisation_id__in=list(admin_of))
    return condition


def _coordinates(user: Any, article: Article) -> bool:
    return article.network_id in actor_for(user).coordinated_network_ids


def can_view_article(user: Any, article: Article) -> bool:
    actor = actor_for(user)
    if _coordinates(user, article) or can_edit_article(user, article):
        return True
    if article.status != ArticleStatus.PUBLISHED:
        return False
    if article.visibility == Visibility.PUBLIC:
        return True
    if article.visibility == Visibility.MEMBERS:
        return actor.is_staff_member and article.network_id in actor.visible_network_ids
    return article.organisation_id in actor.organisation_ids


def can_create_article(user: Any) -> bool:
    actor = actor_for(user)
    return actor.is_coordinator or bool(actor.organisations_with(RoleKind.ORG_ADMIN))


def can_write_for_organisation(user: Any, organisation_id: int) -> bool:
    actor = actor_for(user)
    return actor.has_role(RoleKind.ORG_ADMIN, organisation_id) or actor.has_role(
        RoleKind.COORDINATOR, organisation_id
    )


def can_edit_article(user: Any, article: Article) -> bool:
    """Coordinators of the article's network and the owning organisation's admins."""
    actor = actor_for(user)
    return article.network_id in actor.coordinated_network_ids or actor.has_role(
        RoleKind.ORG_ADMIN, article.organisation_id
    )


def can_submit_article(user: Any, article: Article) -> bool:
    return article.status == ArticleStatus.DRAFT and can_edit_article(user, article)


def can_review_article(user: Any, article: Article) -> bool:
    """Coordinators review: publish, or send back to draft."""
    return _coordinates(user, article)


def can_review_any(user: Any) -> bool:
    return actor_for(user).is_coordinator


def translator_languages(user: Any) -> tuple[str, ...]:
    """The languages a person translates into; empty unless they hold a role."""
    actor = actor_for(user)
    if not actor.is_staff_member:
        return ()
    cached: tuple[str, ...] | None = getattr(user, _PROFILE_ATTR, None)
    if cached is None:
        profile = TranslatorProfile.objects.filter(user_id=user.pk).first()
        cached = tuple(profile.languages) if profile else ()
        setattr(user, _PROFILE_ATTR, cached)
    return cached


def forget_translator_languages(user: Any) -> None:
    if hasattr(user, _PROFILE_ATTR):
        delattr(user, _PROFILE_ATTR)


def is_translator(user: Any) -> bool:
    return bool(translator_languages(user))


def can_have_translator_profile(user: Any) -> bool:
    return actor_for(user).is_staff_member


def can_translate_article(user: Any, article: Article, language: str) -> bool:
    return language in translator_languages(user) and can_view_article(user, article)


def can_view_history(user: Any, article: Article) -> bool:
    """Editors, reviewers and translators see the version history and its differences."""
    return can_edit_article(user, article) or (
        is_translator(user) and can_view_article(user, article)
    )


def can_manage_attachments(user: Any, article: Article) -> bool:
    return can_edit_article(user, article)


def can_review_term_translation(user: Any, language: str) -> bool:
    """A native speaker (a translator into that language) confirms a vocabulary translation."""
    return language in translator_languages(user)

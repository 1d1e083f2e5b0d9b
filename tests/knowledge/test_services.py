"""Workflow, translation status and version history."""

from __future__ import annotations

import pytest

from wegweiser.core.models import AuditEntry
from wegweiser.knowledge import services
from wegweiser.knowledge.constants import TranslationStatus
from wegweiser.knowledge.exceptions import KnowledgeError, TransitionNotAllowed
from wegweiser.knowledge.models import ArticleText, ArticleVersion
from wegweiser.knowledge.selectors import (
    translation_tasks_for,
    version_diff,
    version_pair,
)

from .conftest import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def translator(world):
    services.translator_profile_update(actor=world.counsellor, languages=["ar", "fa"])
    return world.counsellor


@pytest.fixture
def published(world):
    return make_article(
        world.company,
        title="Anerkennung",
        body="Erster Absatz.\n\nZweiter Absatz.",
        publish_as=world.coordinator,
    )


def status_of(article, language):
    return ArticleText.objects.get(article=article, language=language).status


def test_workflow_draft_review_published(world):
    article = make_article(world.company)
    assert article.status == "draft"
    article = services.article_submit(actor=world.org_admin, article=article)
    assert article.status == "review"
    with pytest.raises(KnowledgeError):
        services.article_publish(actor=world.org_admin, article=article)
    article = services.article_publish(actor=world.coordinator, article=article)
    assert article.status == "published"
    assert article.published_at is not None
    actions = list(
        AuditEntry.objects.filter(object_id=str(article.pk)).values_list("action", flat=True)
    )
    assert {"article.create", "article.submit", "article.publish"} <= set(actions)


def test_publish_needs_review_first(world):
    article = make_article(world.company)
    with pytest.raises(TransitionNotAllowed):
        services.article_publish(actor=world.coordinator, article=article)


def test_coordinator_returns_with_note(world, published):
    article = services.article_return(actor=world.coordinator, article=published, note="Quelle?")
    assert article.status == "draft"
    assert article.published_at is None
    assert article.review_note == "Quelle?"


def test_other_organisation_cannot_write(world):
    with pytest.raises(KnowledgeError):
        services.article_create(
            actor=world.other_admin,
            organisation=world.company,
            kind="guide",
            visibility="public",
            title="X",
            body="Y",
        )


def test_editing_german_source_marks_translations_outdated(world, published, translator):
    services.translation_save(
        actor=translator, article=published, language="ar", title="الاعتراف", body="نص"
    )
    services.translation_save(
        actor=None, article=published, language="fa", title="شناسایی", body="متن", machine=True
    )
    assert status_of(published, "ar") == TranslationStatus.CURRENT
    assert status_of(published, "fa") == TranslationStatus.MACHINE

    # A change of the settings only is no new revision.
    services.article_update(actor=world.coordinator, article=published, data={"kind": "concept"})
    assert status_of(published, "ar") == TranslationStatus.CURRENT

    services.article_update(
        actor=world.org_admin, article=published, data={"body": "Neuer Text.\n\nZweiter Absatz."}
    )
    published.refresh_from_db()
    assert published.source_revision == 2
    assert status_of(published, "ar") == TranslationStatus.OUTDATED
    assert status_of(published, "fa") == TranslationStatus.OUTDATED
    assert status_of(published, "de") == TranslationStatus.CURRENT

    # Translating again makes it current; the outdated task disappears.
    tasks = {(t.article.pk, t.language): t.state for t in translation_tasks_for(actor=translator)}
    assert tasks[(published.pk, "ar")] == "outdated"
    services.translation_save(
        actor=translator, article=published, language="ar", title="الاعتراف", body="نص جديد"
    )
    assert status_of(published, "ar") == TranslationStatus.CURRENT
    tasks = {(t.article.pk, t.language): t.state for t in translation_tasks_for(actor=translator)}
    assert (published.pk, "ar") not in tasks


def test_machine_translation_confirmed_by_translator(world, published, translator):
    text = services.translation_save(
        actor=None, article=published, language="fa", title="شناسایی", body="متن", machine=True
    )
    tasks = {(t.article.pk, t.language): t.state for t in translation_tasks_for(actor=translator)}
    assert tasks[(published.pk, "fa")] == "machine"
    assert tasks[(published.pk, "ar")] == "missing"
    text = services.translation_confirm(actor=translator, text=text)
    assert text.status == TranslationStatus.CURRENT


def test_confirming_an_outdated_machine_translation_is_refused(world, published, translator):
    text = services.translation_save(
        actor=None, article=published, language="fa", title="شناسایی", body="متن", machine=True
    )
    services.article_update(actor=world.coordinator, article=published, data={"title": "Neu"})
    text.refresh_from_db()
    with pytest.raises(TransitionNotAllowed):
        services.translation_confirm(actor=translator, text=text)


def test_translator_only_into_own_languages(world, published, translator):
    with pytest.raises(KnowledgeError):
        services.translation_save(
            actor=translator, article=published, language="uk", title="Т", body="Т"
        )
    with pytest.raises(KnowledgeError):
        services.translation_save(
            actor=translator, article=published, language="de", title="T", body="T"
        )


def test_translator_profile_needs_a_role(world):
    with pytest.raises(KnowledgeError):
        services.translator_profile_update(actor=world.outsider, languages=["ar"])
    with pytest.raises(KnowledgeError):
        services.translator_profile_update(actor=world.staff, languages=["xx"])


def test_versions_and_readable_diff(world, published):
    services.article_update(
        actor=world.coordinator,
        article=published,
        data={"body": "Erster Absatz, <b>geändert</b>.\n\nDritter Absatz."},
    )
    numbers = list(
        ArticleVersion.objects.filter(article=published, language="de").values_list(
            "number", flat=True
        )
    )
    assert sorted(numbers) == [1, 2]
    old, new = version_pair(article=published, language="de", old_number=1, new_number=2)
    blocks = version_diff(old, new)
    kinds = [b.kind for b in blocks]
    assert kinds[0] == "same"  # the title
    changed = "".join(str(b.html) for b in blocks if b.kind == "changed")
    assert "<del>Absatz.</del>" in changed
    assert "&lt;b&gt;geändert&lt;/b&gt;" in changed
    assert "<b>" not in changed

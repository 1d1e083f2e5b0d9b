"""Reads of the knowledge base. Every article read goes through the policy's visibility filter.

Articles and vocabulary are not personal data, so these reads write no access-log rows.
"""

from __future__ import annotations

import difflib
import html
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404
from django.utils.safestring import SafeString, mark_safe

from wegweiser.knowledge import policy, search
from wegweiser.knowledge.constants import (
    SOURCE_LANGUAGE,
    ArticleLanguage,
    ArticleStatus,
    TranslationStatus,
    VocabularyLanguage,
)
from wegweiser.knowledge.models import (
    Article,
    ArticleText,
    ArticleVersion,
    Attachment,
    Term,
    TermTranslation,
    VocabularyList,
    VocabularyOccupation,
)
from wegweiser.network.policy import actor_for

SEARCH_LIMIT = 200
LIST_LIMIT = 500


def _with_display(articles: QuerySet[Article]) -> QuerySet[Article]:
    return articles.select_related("organisation").prefetch_related(
        "topics",
        "audiences",
        Prefetch(
            "texts",
            queryset=ArticleText.objects.only(
                "id", "article_id", "language", "title", "summary", "status", "based_on_revision"
            ),
        ),
    )


def visible_articles(*, actor: Any) -> QuerySet[Article]:
    return Article.objects.filter(policy.article_visibility_q(actor))


@dataclass(frozen=True)
class ArticleHit:
    article: Article
    title: str
    summary: str
    snippet: SafeString
    rank: float
    languages: list[str]

    @property
    def kind_label(self) -> str:
        return str(self.article.get_kind_display())


def _source(article: Article) -> ArticleText | None:
    return next((t for t in article.texts.all() if t.language == SOURCE_LANGUAGE), None)


def _hit(article: Article, *, rank: float = 0.0, snippet: SafeString | None = None) -> ArticleHit:
    source = _source(article)
    return ArticleHit(
        article=article,
        title=source.title if source else "",
        summary=source.summary if source else "",
        snippet=snippet if snippet is not None else mark_safe(""),
        rank=rank,
        languages=sorted(t.language for t in article.texts.all()),
    )


def article_search(
    *,
    actor: Any,
    query: str = "",
    topic: str = "",
    audience: str = "",
    kind: str = "",
    published_only: bool = True,
) -> list[ArticleHit]:
    """Articles the actor may read, best match first, with highlighted snippets.

    One selector for both databases: PostgreSQL's `german` full-text search or SQLite's FTS5
    index of German stems (see `search`). Without a query: newest first.
    """
    articles = visible_articles(actor=actor)
    if published_only:
        articles = articles.filter(status=ArticleStatus.PUBLISHED)
    if topic:
        articles = articles.filter(topics__topic=topic)
    if audience:
        articles = articles.filter(audiences__audience=audience)
    if kind:
        articles = articles.filter(kind=kind)
    articles = articles.distinct()
    query = query.strip()[:200]
    if not query:
        listed = _with_display(articles.order_by("-published_at", "-updated_at", "-pk"))
        return [_hit(a) for a in listed[:LIST_LIMIT]]
    ranked = search.rank_articles(articles, query, limit=SEARCH_LIMIT)
    by_id = {
        a.pk: a
        for a in _with_display(Article.objects.filter(pk__in=[r.article_id for r in ranked]))
    }
    return [
        _hit(by_id[r.article_id], rank=r.rank, snippet=r.snippet)
        for r in ranked
        if r.article_id in by_id
    ]


@dataclass(frozen=True)
class ArticleDetail:
    article: Article
    source: ArticleText
    text: ArticleText  # in the language shown
    texts: dict[str, ArticleText]
    attachments: list[Attachment]
    can_edit: bool
    can_submit: bool
    can_review: bool
    can_history: bool
    translate_languages: list[tuple[str, str]] = field(default_factory=list)


def article_get_for(*, actor: Any, article_id: int, language: str = "") -> ArticleDetail:
    """One article the actor may read (else 404), in `language` when that text exists."""
    article = (
        Article.objects.select_related("organisation", "network")
        .prefetch_related("topics", "audiences", "texts", "attachments")
        .filter(pk=article_id)
        .first()
    )
    if article is None or not policy.can_view_article(actor, article):
        raise Http404
    texts = {t.language: t for t in article.texts.all()}
    source = texts[SOURCE_LANGUAGE]
    return ArticleDetail(
        article=article,
        source=source,
        text=texts.get(language, source),
        texts=texts,
        attachments=list(article.attachments.all()),
        can_edit=policy.can_edit_article(actor, article),
        can_submit=policy.can_submit_article(actor, article),
        can_review=policy.can_review_article(actor, article),
        can_history=policy.can_view_history(actor, article),
        translate_languages=[
            (code, str(ArticleLanguage(code).label))
            for code in policy.translator_languages(actor)
            if policy.can_translate_article(actor, article, code)
        ],
    )


def attachment_get_for(*, actor: Any, attachment_id: int) -> Attachment:
    attachment = Attachment.objects.select_related("article").filter(pk=attachment_id).first()
    if attachment is None or not policy.can_view_article(actor, attachment.article):
        raise Http404
    return attachment


# --- History and differences ---------------------------------------------------------------


def article_versions(*, article: Article, language: str) -> list[ArticleVersion]:
    return list(
        ArticleVersion.objects.filter(article=article, language=language)
        .select_related("author")
        .order_by("-number")
    )


@dataclass(frozen=True)
class DiffBlock:
    """One paragraph of a difference: unchanged, removed, added, or changed with inline marks."""

    kind: str  # "same", "removed", "added", "changed"
    html: SafeString


def _paragraphs(version: ArticleVersion) -> list[str]:
    lines = [version.title, version.summary, *version.body.splitlines()]
    return [line.rstrip() for line in lines if line.strip()]


def _inline_diff(old: str, new: str) -> SafeString:
    old_words, new_words = old.split(" "), new.split(" ")
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(html.escape(" ".join(old_words[a1:a2])))
            continue
        if a2 > a1:
            parts.append(f"<del>{html.escape(' '.join(old_words[a1:a2]))}</del>")
        if b2 > b1:
            parts.append(f"<ins>{html.escape(' '.join(new_words[b1:b2]))}</ins>")
    return mark_safe(" ".join(parts))  # noqa: S308 - every piece escaped


def version_diff(old: ArticleVersion, new: ArticleVersion) -> list[DiffBlock]:
    """A readable paragraph-by-paragraph difference, word-level inside changed paragraphs."""
    a, b = _paragraphs(old), _paragraphs(new)
    blocks: list[DiffBlock] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            blocks += [DiffBlock("same", mark_safe(html.escape(p))) for p in a[a1:a2]]  # noqa: S308
        elif op == "delete":
            blocks += [DiffBlock("removed", mark_safe(html.escape(p))) for p in a[a1:a2]]  # noqa: S308
        elif op == "insert":
            blocks += [DiffBlock("added", mark_safe(html.escape(p))) for p in b[b1:b2]]  # noqa: S308
        else:
            pairs = list(zip(a[a1:a2], b[b1:b2], strict=False))
            blocks += [DiffBlock("changed", _inline_diff(o, n)) for o, n in pairs]
            blocks += [
                DiffBlock("removed", mark_safe(html.escape(p)))  # noqa: S308
                for p in a[a1 + len(pairs) : a2]
            ]
            blocks += [
                DiffBlock("added", mark_safe(html.escape(p)))  # noqa: S308
                for p in b[b1 + len(pairs) : b2]
            ]
    return blocks


def version_pair(
    *, article: Article, language: str, old_number: int, new_number: int
) -> tuple[ArticleVersion, ArticleVersion]:
    versions = {
        v.number: v
        for v in ArticleVersion.objects.filter(
            article=article, language=language, number__in=[old_number, new_number]
        ).select_related("author")
    }
    if old_number not in versions or new_number not in versions:
        raise Http404
    return versions[old_number], versions[new_number]


# --- Translation tasks and review queue ----------------------------------------------------


@dataclass(frozen=True)
class TranslationTask:
    article: Article
    title: str
    language: str
    state: str  # "missing", "outdated", "machine"

    @property
    def language_label(self) -> str:
        return str(ArticleLanguage(self.language).label)


def translation_tasks_for(*, actor: Any) -> list[TranslationTask]:
    """Published articles the translator may read whose text in one of their languages is
    missing, outdated or machine-made; outdated first, then missing, then machine."""
    languages = policy.translator_languages(actor)
    if not languages:
        return []
    articles = _with_display(
        visible_articles(actor=actor)
        .filter(status=ArticleStatus.PUBLISHED)
        .order_by("-published_at", "-pk")
    )
    order = {"outdated": 0, "missing": 1, "machine": 2}
    tasks: list[TranslationTask] = []
    for article in articles:
        texts = {t.language: t for t in article.texts.all()}
        source = texts.get(SOURCE_LANGUAGE)
        title = source.title if source else ""
        for language in languages:
            text = texts.get(language)
            if text is None:
                tasks.append(TranslationTask(article, title, language, "missing"))
            elif text.status == TranslationStatus.OUTDATED:
                tasks.append(TranslationTask(article, title, language, "outdated"))
            elif text.status == TranslationStatus.MACHINE:
                tasks.append(TranslationTask(article, title, language, "machine"))
    return sorted(tasks, key=lambda t: order[t.state])


def articles_awaiting_review(*, actor: Any) -> list[ArticleHit]:
    coordinated = actor_for(actor).coordinated_network_ids
    if not coordinated:
        return []
    articles = _with_display(
        Article.objects.filter(
            status=ArticleStatus.REVIEW, network_id__in=list(coordinated)
        ).order_by("updated_at", "pk")
    )
    return [_hit(a) for a in articles]


def articles_of_my_organisations(*, actor: Any) -> QuerySet[Article]:
    """Drafts and everything else the actor writes (for the 'my articles' list)."""
    actor_snapshot = actor_for(actor)
    writable = Article.objects.none()
    if actor_snapshot.coordinated_network_ids or actor_snapshot.organisation_ids:
        writable = visible_articles(actor=actor).exclude(status=ArticleStatus.PUBLISHED)
    return _with_display(writable.order_by("-updated_at", "-pk"))


# --- Vocabulary ----------------------------------------------------------------------------


def vocabulary_lists() -> QuerySet[VocabularyList]:
    return VocabularyList.objects.annotate(term_count=Count("terms")).prefetch_related(
        "occupations"
    )


def vocabulary_get(*, slug: str) -> VocabularyList:
    vocabulary = (
        VocabularyList.objects.prefetch_related(
            "occupations",
            Prefetch(
                "terms",
                queryset=Term.objects.order_by("position", "word").prefetch_related(
                    Prefetch("translations", queryset=TermTranslation.objects.order_by("language"))
                ),
            ),
        )
        .filter(slug=slug)
        .first()
    )
    if vocabulary is None:
        raise Http404
    return vocabulary


def vocabulary_for_occupation(kldb_code: str | int | None) -> VocabularyList | None:
    """The vocabulary list for a KldB 2010 code (3 to 5 digits, e.g. an offer's 26212)."""
    code = str(kldb_code or "").strip()
    if len(code) < 3 or not code.isdigit():
        return None
    occupation = (
        VocabularyOccupation.objects.select_related("vocabulary_list")
        .filter(kldb_group=code[:3])
        .first()
    )
    return occupation.vocabulary_list if occupation else None


@dataclass(frozen=True)
class FlyerRow:
    term: Term
    translation: TermTranslation | None


@dataclass(frozen=True)
class Flyer:
    vocabulary: VocabularyList
    language: str
    language_label: str
    rtl: bool
    rows: list[FlyerRow]
    unreviewed: int


def flyer_for(*, slug: str, language: str) -> Flyer:
    if language not in VocabularyLanguage.values:
        raise Http404
    vocabulary = vocabulary_get(slug=slug)
    rows = []
    unreviewed = 0
    for term in vocabulary.terms.all():
        translation = next((t for t in term.translations.all() if t.language == language), None)
        if translation is not None and translation.review_status != "confirmed":
            unreviewed += 1
        rows.append(FlyerRow(term, translation))
    return Flyer(
        vocabulary=vocabulary,
        language=language,
        language_label=str(VocabularyLanguage(language).label),
        rtl=language in {"ar", "fa", "ps"},
        rows=rows,
        unreviewed=unreviewed,
    )

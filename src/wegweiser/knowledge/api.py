"""API of the knowledge base: search articles, read one, and the trade vocabulary."""

from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from wegweiser.knowledge import selectors

router = Router(tags=["knowledge"])


class ArticleHitOut(Schema):
    id: int
    title: str
    summary: str
    kind: str
    snippet: str
    rank: float
    languages: list[str]


class SearchQuery(Schema):
    q: str = Field("", max_length=200)
    topic: str = Field("", max_length=30)
    audience: str = Field("", max_length=20)


class ArticleTextOut(Schema):
    language: str
    title: str
    summary: str
    body: str
    status: str


class ArticleOut(Schema):
    id: int
    kind: str
    visibility: str
    status: str
    source_revision: int
    texts: list[ArticleTextOut]


class TermTranslationOut(Schema):
    language: str
    text: str
    review_status: str


class TermOut(Schema):
    article: str
    word: str
    plural: str
    example: str
    translations: list[TermTranslationOut]


class VocabularyOut(Schema):
    slug: str
    title: str
    title_en: str
    kldb_groups: list[str]
    terms: list[TermOut]


@router.get("/knowledge/articles", response=list[ArticleHitOut], summary="Search articles")
def article_search(request: HttpRequest, filters: Query[SearchQuery]) -> Any:
    hits = selectors.article_search(
        actor=request.user, query=filters.q, topic=filters.topic, audience=filters.audience
    )
    return [
        {
            "id": h.article.pk,
            "title": h.title,
            "summary": h.summary,
            "kind": h.article.kind,
            "snippet": str(h.snippet),
            "rank": h.rank,
            "languages": h.languages,
        }
        for h in hits[:100]
    ]


@router.get("/knowledge/articles/{article_id}", response=ArticleOut, summary="One article")
def article_detail(request: HttpRequest, article_id: int) -> Any:
    detail = selectors.article_get_for(actor=request.user, article_id=article_id)
    article = detail.article
    return {
        "id": article.pk,
        "kind": article.kind,
        "visibility": article.visibility,
        "status": article.status,
        "source_revision": article.source_revision,
        "texts": list(detail.texts.values()),
    }


@router.get(
    "/knowledge/vocabulary/{slug}", response=VocabularyOut, summary="Vocabulary of one trade"
)
def vocabulary_detail(request: HttpRequest, slug: str) -> Any:
    vocabulary = selectors.vocabulary_get(slug=slug)
    return {
        "slug": vocabulary.slug,
        "title": vocabulary.title,
        "title_en": vocabulary.title_en,
        "kldb_groups": [o.kldb_group for o in vocabulary.occupations.all()],
        "terms": [
            {
                "article": t.article,
                "word": t.word,
                "plural": t.plural,
                "example": t.example,
                "translations": list(t.translations.all()),
            }
            for t in vocabulary.terms.all()
        ],
    }

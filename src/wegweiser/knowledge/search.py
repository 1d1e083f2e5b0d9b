"""Full-text search over the German articles, on PostgreSQL or on SQLite.

PostgreSQL: `SearchVector`/`SearchQuery` with the `german` configuration, `SearchRank` and
`SearchHeadline`. SQLite: an FTS5 table (`knowledge_article_fts`, created by migration 0002
only on SQLite) that holds stems made by `stemming.stem`; it is kept in sync by the services
through `index_article`, never by signals. Queries match every word as a prefix of a stem, so
"Ausbildungen" finds "Ausbildung" and "Anerkennung" finds "Anerkennungsverfahren".
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, QuerySet, TextField, Value
from django.db.models.functions import Coalesce, Concat
from django.utils.safestring import SafeString, mark_safe

from wegweiser.knowledge.constants import EASY_GERMAN, SOURCE_LANGUAGE
from wegweiser.knowledge.models import Article, ArticleText
from wegweiser.knowledge.stemming import query_stems, stem, stem_text, words

FTS_TABLE = "knowledge_article_fts"
SNIPPET_WORDS = 30
# Sentinels PostgreSQL puts around hits; the headline is escaped first, then they become <mark>.
_START, _STOP = "\u0002", "\u0003"


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


@dataclass(frozen=True)
class Ranked:
    article_id: int
    rank: float
    snippet: SafeString


# --- Index upkeep (SQLite only; PostgreSQL computes its vectors from the rows) -----------------


def _document(article_id: int) -> tuple[str, str]:
    texts = {
        t.language: t
        for t in ArticleText.objects.filter(
            article_id=article_id, language__in=[SOURCE_LANGUAGE, EASY_GERMAN]
        )
    }
    source = texts.get(SOURCE_LANGUAGE)
    if source is None:
        return "", ""
    easy = texts.get(EASY_GERMAN)
    body = " ".join(
        part
        for part in (
            source.summary,
            source.body,
            easy.title if easy else "",
            easy.body if easy else "",
        )
        if part
    )
    return source.title, body


def index_article(article_id: int) -> None:
    """Write (or rewrite) one article's row of the SQLite index. No-op on PostgreSQL."""
    if uses_postgres():
        return
    title, body = _document(article_id)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [article_id])  # noqa: S608
        if title:
            cursor.execute(
                f"INSERT INTO {FTS_TABLE} (rowid, title, body) VALUES (%s, %s, %s)",  # noqa: S608
                [article_id, stem_text(title), stem_text(body)],
            )


def unindex_article(article_id: int) -> None:
    if uses_postgres():
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [article_id])  # noqa: S608


def rebuild_index() -> int:
    """Rebuild the whole SQLite index (after a restore or a stemmer change)."""
    if uses_postgres():
        return 0
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE}")  # noqa: S608
    ids = list(Article.objects.values_list("pk", flat=True))
    for article_id in ids:
        index_article(article_id)
    return len(ids)


# --- Snippets ------------------------------------------------------------------------------


def highlight(text: str, stems: Sequence[str], *, max_words: int = SNIPPET_WORDS) -> SafeString:
    """The best window of `text` with words whose stem starts with a query stem marked.

    The text is HTML-escaped piece by piece; only our own <mark> elements are markup.
    """
    tokens = list(words(text))
    if not tokens:
        return mark_safe("")
    hits = [any(stem(w).startswith(s) for s in stems) for _a, _b, w in tokens]
    best_start, best_count = 0, -1
    for start in range(0, max(1, len(tokens) - max_words + 1)):
        count = sum(hits[start : start + max_words])
        if count > best_count:
            best_start, best_count = start, count
    window = range(best_start, min(len(tokens), best_start + max_words))
    pieces: list[str] = []
    begin = 0 if window.start == 0 else tokens[window.start][0]
    end = len(text) if window.stop == len(tokens) else tokens[window.stop - 1][1]
    cursor = begin
    for i in window:
        a, b, _w = tokens[i]
        pieces.append(html.escape(text[cursor:a]))
        token = html.escape(text[a:b])
        pieces.append(f"<mark>{token}</mark>" if hits[i] else token)
        cursor = b
    pieces.append(html.escape(text[cursor:end]))
    prefix = "… " if begin > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)  # noqa: S308 - escaped above


def _headline_to_html(headline: str) -> SafeString:
    escaped = html.escape(headline)
    return mark_safe(  # noqa: S308 - escaped before the marks go in
        escaped.replace(_START, "<mark>").replace(_STOP, "</mark>")
    )


# --- Queries -------------------------------------------------------------------------------


def _postgres_query(stems: Iterable[str]) -> SearchQuery:
    # Each word is reduced to word characters, so the raw tsquery holds no operators of ours
    # but ":*" (prefix) and "&" (all words).
    raw = " & ".join(f"{re.sub(r'[^\w]', '', s)}:*" for s in stems)
    return SearchQuery(raw, config="german", search_type="raw")


def rank_articles(articles: QuerySet[Article], query: str, *, limit: int = 200) -> list[Ranked]:
    """Ranked ids and snippets of the given (already permission-filtered) articles."""
    if uses_postgres():
        return _rank_postgres(articles, query, limit=limit)
    return _rank_sqlite(articles, query, limit=limit)


def _rank_postgres(articles: QuerySet[Article], query: str, *, limit: int) -> list[Ranked]:
    words_in_query = [w for _a, _b, w in words(query)][:12]
    if not words_in_query:
        return []
    search_query = _postgres_query(w.lower() for w in words_in_query)
    body = Concat(
        Coalesce(F("summary"), Value("")), Value(" "), F("body"), output_field=TextField()
    )
    vector = SearchVector("title", weight="A", config="german") + SearchVector(
        body, weight="B", config="german"
    )
    texts = (
        ArticleText.objects.filter(
            article__in=articles.values("pk"), language__in=[SOURCE_LANGUAGE, EASY_GERMAN]
        )
        .annotate(search=vector)
        .filter(search=search_query)
        .annotate(
            rank=SearchRank(vector, search_query),
            headline=SearchHeadline(
                body,
                search_query,
                config="german",
                start_sel=_START,
                stop_sel=_STOP,
                max_words=SNIPPET_WORDS,
                min_words=12,
                short_word="2",
                highlight_all=False,
            ),
        )
        .order_by("-rank", "language", "article_id")
        .values_list("article_id", "rank", "headline")[: limit * 2]
    )
    best: dict[int, Ranked] = {}
    for article_id, rank, headline in texts:
        if article_id not in best:
            best[article_id] = Ranked(article_id, float(rank), _headline_to_html(headline))
    return list(best.values())[:limit]


def _rank_sqlite(articles: QuerySet[Article], query: str, *, limit: int) -> list[Ranked]:
    stems = query_stems(query)
    if not stems:
        return []
    match = " ".join(f'"{s}"*' for s in stems)
    with connection.cursor() as cursor:
        # bm25: lower is better; the title weighs ten times the body.
        cursor.execute(
            f"SELECT rowid, bm25({FTS_TABLE}, 10.0, 1.0) AS score FROM {FTS_TABLE} "  # noqa: S608
            f"WHERE {FTS_TABLE} MATCH %s ORDER BY score LIMIT %s",
            [match, limit * 5],
        )
        scored = [(int(rowid), float(score)) for rowid, score in cursor.fetchall()]
    allowed = set(articles.filter(pk__in=[r for r, _s in scored]).values_list("pk", flat=True))
    scored = [(r, s) for r, s in scored if r in allowed][:limit]
    sources = {
        t.article_id: t
        for t in ArticleText.objects.filter(
            article_id__in=[r for r, _s in scored], language=SOURCE_LANGUAGE
        )
    }
    results = []
    for article_id, score in scored:
        source = sources.get(article_id)
        text = f"{source.summary} {source.body}".strip() if source else ""
        results.append(Ranked(article_id, -score, highlight(text, stems)))
    return results

"""The German stemmer of the SQLite index, checked against the Snowball reference."""

from __future__ import annotations

import pytest
from django.db import connection

from wegweiser.knowledge.stemming import query_stems, stem, stem_text

# (word, stem) pairs from the Snowball German reference vocabulary and PostgreSQL's `german`.
REFERENCE = [
    ("Ausbildungen", "ausbild"),
    ("Ausbildung", "ausbild"),
    ("Anerkennungsverfahren", "anerkennungsverfahr"),
    ("Anerkennung", "anerkenn"),
    ("aufeinanderfolgenden", "aufeinanderfolg"),
    ("Häuser", "haus"),
    ("Kenntnisse", "kenntnis"),
    ("Bäckerei", "backerei"),
    ("Arbeitgebern", "arbeitgeb"),
    ("Freundlichkeit", "freundlich"),
    ("gefährlich", "gefahr"),
    ("Straße", "strass"),
    ("kategorisch", "kategor"),
    ("schönsten", "schon"),
]


@pytest.mark.parametrize(("word", "expected"), REFERENCE)
def test_stem_matches_reference(word, expected):
    assert stem(word) == expected


def test_plural_and_singular_share_a_stem():
    assert stem("Ausbildungen") == stem("Ausbildung")
    assert stem("Berufsschulen") == stem("Berufsschule")
    assert stem("Aufenthaltserlaubnisse") == stem("Aufenthaltserlaubnis")


def test_compound_starts_with_the_stem_of_its_first_part():
    assert stem("Anerkennungsverfahren").startswith(stem("Anerkennung"))


def test_short_words_and_text():
    assert stem("zu") == "zu"
    assert stem_text("Die Ausbildungen, bitte!") == "die ausbild bitt"
    assert query_stems("Ausbildung ausbildungen Anerkennung") == ["ausbild", "anerkenn"]


@pytest.mark.django_db
def test_same_stems_as_postgresql_german():
    """On PostgreSQL the index's stems must equal the server's own `german` stems."""
    if connection.vendor != "postgresql":
        words = [w for w, _s in REFERENCE]
        assert [stem(w) for w in words] == [s for _w, s in REFERENCE]
        return
    with connection.cursor() as cursor:
        for word, _expected in REFERENCE:
            cursor.execute("SELECT to_tsvector('german', %s)::text", [word])
            (vector,) = cursor.fetchone()
            assert vector.split(":")[0].strip("'") == stem(word)

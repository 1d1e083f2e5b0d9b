"""A compact German stemmer (the Snowball German algorithm) for the SQLite search index.

SQLite's FTS5 has no German stemmer, so the index and the queries hold stems made here;
PostgreSQL uses its own `german` configuration, which implements the same algorithm.
See https://snowballstem.org/algorithms/german/stemmer.html
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_VOWELS = frozenset("aeiouyäöü")
_S_ENDING = frozenset("bdfghklmnrt")
_ST_ENDING = frozenset("bdfghklmnt")
_WORD = re.compile(r"\w+", re.UNICODE)
_UMLAUTS = str.maketrans({"ä": "a", "ö": "o", "ü": "u"})


def _regions(word: str) -> tuple[int, int]:
    """Start positions of R1 and R2 (R1 begins after at least three letters)."""

    def after_vowel_consonant(start: int) -> int:
        for i in range(start + 1, len(word)):
            if word[i] not in _VOWELS and word[i - 1] in _VOWELS:
                return i + 1
        return len(word)

    r1 = after_vowel_consonant(0)
    r2 = after_vowel_consonant(r1)
    return max(r1, 3), r2


def _mark_vowel_consonants(word: str) -> str:
    """Put u and y between vowels into upper case: they count as consonants there."""
    chars = list(word)
    for i in range(1, len(chars) - 1):
        if chars[i] in "uy" and chars[i - 1] in _VOWELS and chars[i + 1] in _VOWELS:
            chars[i] = chars[i].upper()
    return "".join(chars)


def stem(word: str) -> str:
    """The stem of one German word (lower case, umlauts folded)."""
    word = word.lower().replace("ß", "ss")
    if len(word) <= 2:
        return word.translate(_UMLAUTS)
    word = _mark_vowel_consonants(word)
    r1, r2 = _regions(word)

    # Step 1
    for suffix in ("ern", "em", "er", "en", "es", "e", "s"):
        if word.endswith(suffix):
            start = len(word) - len(suffix)
            if start >= r1:
                if suffix == "s":
                    if start > 0 and word[start - 1] in _S_ENDING:
                        word = word[:start]
                else:
                    word = word[:start]
                    if suffix in ("en", "es", "e") and word.endswith("niss"):
                        word = word[:-1]
            break

    # Step 2
    for suffix in ("est", "en", "er", "st"):
        if word.endswith(suffix):
            start = len(word) - len(suffix)
            if start >= r1:
                if suffix == "st":
                    if start >= 4 and word[start - 1] in _ST_ENDING:
                        word = word[:start]
                else:
                    word = word[:start]
            break

    # Step 3: derivational suffixes
    for suffix in ("heit", "lich", "isch", "keit", "end", "ung", "ig", "ik"):
        if not word.endswith(suffix):
            continue
        start = len(word) - len(suffix)
        if suffix in ("end", "ung"):
            if start >= r2:
                word = word[:start]
                if word.endswith("ig") and len(word) - 2 >= r2 and not word.endswith("eig"):
                    word = word[:-2]
        elif suffix in ("ig", "ik", "isch"):
            if start >= r2 and not word[:start].endswith("e"):
                word = word[:start]
        elif suffix in ("lich", "heit"):
            if start >= r2:
                word = word[:start]
                if (word.endswith("er") or word.endswith("en")) and len(word) - 2 >= r1:
                    word = word[:-2]
        elif suffix == "keit" and start >= r2:
            word = word[:start]
            for inner in ("lich", "ig"):
                if word.endswith(inner) and len(word) - len(inner) >= r2:
                    word = word[: -len(inner)]
                    break
        break

    return word.lower().translate(_UMLAUTS)


def words(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, word) of every word in a text."""
    for match in _WORD.finditer(text):
        yield match.start(), match.end(), match.group()


def stem_text(text: str) -> str:
    """The text as a sequence of stems, ready for the search index."""
    return " ".join(stem(word) for _s, _e, word in words(text))


def query_stems(query: str, *, limit: int = 12) -> list[str]:
    """The distinct stems of a search query, in order (at most `limit`)."""
    stems: list[str] = []
    for _s, _e, word in words(query):
        stemmed = stem(word)
        if stemmed and stemmed not in stems:
            stems.append(stemmed)
    return stems[:limit]

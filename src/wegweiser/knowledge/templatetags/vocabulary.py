"""`{% load vocabulary %}{% vocabulary_hint offer.kldb_code %}`: the trade vocabulary next to
offers and events of an occupation group. Any app's templates may load this library."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language

from wegweiser.knowledge.constants import VocabularyLanguage
from wegweiser.knowledge.selectors import vocabulary_for_occupation

register = template.Library()


@register.inclusion_tag("knowledge/vocabulary_hint.html")
def vocabulary_hint(kldb_code: str | int | None) -> dict[str, Any]:
    language = get_language() or "en"
    return {
        "vocabulary": vocabulary_for_occupation(kldb_code),
        "language": language if language in VocabularyLanguage.values else "en",
    }

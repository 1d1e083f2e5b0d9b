"""PDFs with WeasyPrint: a template rendered once per language, right-to-left where the language is.

Each app brings its own template and stylesheet; this is the one place that makes the PDF."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import translation


def render_pdf(template: str, context: dict[str, Any], *, languages: list[str], css: str) -> bytes:
    """One section per language (in that order), each with its own `lang` and `dir`."""
    from weasyprint import HTML

    sections = []
    for language in languages:
        with translation.override(language):
            body = render_to_string(template, context)
            rtl = translation.get_language_bidi()
        sections.append(
            f'<section lang="{language}" dir="{"rtl" if rtl else "ltr"}">{body}</section>'
        )
    html = (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><style>'
        + css
        + "</style></head><body>"
        + "".join(sections)
        + "</body></html>"
    )
    return bytes(HTML(string=html).write_pdf())

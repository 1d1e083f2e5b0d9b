"""PDFs with WeasyPrint: one section per language, right-to-left where the language is."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import translation

_CSS = """
@page { size: A4; margin: 18mm 16mm; }
body { font-family: "Noto Sans", "Noto Naskh Arabic", "DejaVu Sans", sans-serif; }
body { font-size: 10.5pt; }
section[dir="rtl"] { font-family: "Noto Naskh Arabic", "Noto Sans", sans-serif; }
section + section { break-before: page; }
h1 { font-size: 16pt; } h2 { font-size: 12.5pt; margin-block-start: 1.2em; }
table { border-collapse: collapse; inline-size: 100%; }
td, th { border: 1px solid #999; padding: 3pt 5pt; text-align: start; vertical-align: top; }
.box { display: inline-block; inline-size: 9pt; block-size: 9pt; border: 1px solid #000; }
.line { border-block-end: 1px solid #000; block-size: 18pt; }
pre { white-space: pre-wrap; font-size: 8.5pt; }
"""


def render_pdf(template: str, context: dict[str, Any], *, languages: list[str]) -> bytes:
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
        + _CSS
        + "</style></head><body>"
        + "".join(sections)
        + "</body></html>"
    )
    return bytes(HTML(string=html).write_pdf())

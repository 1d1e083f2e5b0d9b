"""The participants' PDFs (consent form, export): their stylesheet; core makes the PDF."""

from __future__ import annotations

from typing import Any

from wegweiser.core import pdf as core_pdf

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
    return core_pdf.render_pdf(template, context, languages=languages, css=_CSS)

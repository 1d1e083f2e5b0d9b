"""The status report as a PDF (WeasyPrint), charts drawn as the same server-rendered SVG."""

from __future__ import annotations

from typing import Any

from wegweiser.core.pdf import render_pdf

_CSS = """
@page { size: A4; margin: 16mm 15mm;
  @bottom-end { content: counter(page) " / " counter(pages); font-size: 8pt; } }
body { font-family: "Noto Sans", "Noto Naskh Arabic", "DejaVu Sans", sans-serif; font-size: 10pt; }
h1 { font-size: 16pt; margin-block-end: 2pt; } h2 { font-size: 12.5pt; margin-block: 14pt 4pt; }
.meta { color: #444; }
table { border-collapse: collapse; inline-size: 100%; margin-block: 4pt; }
td, th { border: 1px solid #999; padding: 2pt 4pt; text-align: start; vertical-align: top; }
dl.numbers { display: flex; flex-wrap: wrap; gap: 4pt 14pt; margin: 0; }
dl.numbers div { display: flex; gap: 4pt; } dl.numbers dd { margin: 0; font-weight: bold; }
.note { border-inline-start: 3px solid #0b5cad; padding-inline-start: 6pt; white-space: pre-wrap; }
.chart { margin: 4pt 0; } .chart svg { inline-size: 150mm; }
.chart__bar { fill: #0b5cad; } .chart__grid { stroke: #c5ccd4; }
.chart__label, .chart__value, .chart__tick { font-size: 11px; fill: #1b1f24; }
.visually-hidden, details summary { display: none; }
"""


def status_report_pdf(context: dict[str, Any], *, language: str) -> bytes:
    return render_pdf("reports/status_report_pdf.html", context, languages=[language], css=_CSS)

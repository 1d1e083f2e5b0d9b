"""The printable vocabulary flyer (A4) rendered by WeasyPrint.

Arabic, Farsi and Pashto are shaped right-to-left by WeasyPrint's HarfBuzz; the fonts come from
Debian's fonts-noto-core (Noto Sans, Noto Naskh Arabic, Noto Sans Ethiopic for Tigrinya).
"""

from __future__ import annotations

from django.template.loader import render_to_string
from weasyprint import HTML

from wegweiser.knowledge.selectors import Flyer


def flyer_html(flyer: Flyer) -> str:
    return render_to_string("knowledge/flyer_print.html", {"flyer": flyer})


def flyer_pdf(flyer: Flyer) -> bytes:
    document = HTML(string=flyer_html(flyer), base_url=None)
    return bytes(document.write_pdf())

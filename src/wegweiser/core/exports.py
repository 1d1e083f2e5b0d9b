"""What every CSV or spreadsheet export does to the text it writes."""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    """Text a spreadsheet would run as a formula, written as plain text (leading apostrophe)."""
    return f"'{value}" if value[:1] in FORMULA_STARTS else value

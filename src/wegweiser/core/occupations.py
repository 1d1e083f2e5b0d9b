"""Occupations after the Federal Employment Agency's KldB 2010 (Fassung 2020).

Quelle: Statistik der Bundesagentur für Arbeit, KldB 2010 (Fassung 2020).
"""

from __future__ import annotations

import csv
from pathlib import Path

from django.db import models
from django.utils.translation import gettext_lazy as _

KLDB_FILE = Path(__file__).resolve().parent / "data" / "kldb2010" / "kldb2010.csv"
KLDB_CREDIT = "Quelle: Statistik der Bundesagentur für Arbeit, KldB 2010 (Fassung 2020)"


class RequirementLevel(models.IntegerChoices):
    """The fifth digit of a KldB code."""

    HELPER = 1, _("Helper")
    SKILLED = 2, _("Skilled worker")
    SPECIALIST = 3, _("Specialist")
    EXPERT = 4, _("Expert")


def read_kldb_rows(path: Path = KLDB_FILE) -> list[tuple[str, int, str, str]]:
    """(code, level, title, short title) of every position in the classification."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return [
            (row["code"], int(row["level"]), row["title"], row["short_title"]) for row in reader
        ]


def requirement_level(code: str) -> int | None:
    return int(code[4]) if len(code) == 5 and code[4].isdigit() else None

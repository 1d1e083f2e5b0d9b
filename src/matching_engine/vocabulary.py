"""Small closed vocabularies shared by offers and candidates.

Every enum value here is stored in compact integer columns, so the numeric values are part of the
engine's data format: append new members, never renumber existing ones.
"""

from __future__ import annotations

from enum import IntEnum, IntFlag
from functools import lru_cache

__all__ = [
    "KLDB_AREA_DIGITS",
    "GermanLevel",
    "Licence",
    "OfferType",
    "RequirementLevel",
    "WorkPermission",
    "WorkingTime",
    "format_kldb",
    "licence_names",
    "parse_kldb",
]

KLDB_AREA_DIGITS = 5
"""A full KldB 2010 occupation code has five digits (the fifth is the requirement level)."""


class GermanLevel(IntEnum):
    """German proficiency on the CEFR scale; ``NONE`` means no German (or no requirement)."""

    NONE = 0
    A1 = 1
    A2 = 2
    B1 = 3
    B2 = 4
    C1 = 5
    C2 = 6

    @property
    def label(self) -> str:
        """``"A1"`` .. ``"C2"``, or ``"none"``."""
        return "none" if self is GermanLevel.NONE else self.name


class Licence(IntFlag):
    """Driving licences and comparable permits, as a bitmask (at most 16 bits are stored)."""

    NONE = 0
    B = 1 << 0
    BE = 1 << 1
    C1 = 1 << 2
    C1E = 1 << 3
    C = 1 << 4
    CE = 1 << 5
    D1 = 1 << 6
    D = 1 << 7
    T = 1 << 8
    FORKLIFT = 1 << 9


class WorkingTime(IntFlag):
    """Working time of an offer, or the availability of a candidate (``BOTH`` = either)."""

    FULL = 1
    PART = 2
    BOTH = FULL | PART

    @property
    def label(self) -> str:
        """``"full"``, ``"part"`` or ``"both"``."""
        return {1: "full", 2: "part", 3: "both"}[int(self)]


class OfferType(IntEnum):
    """Kind of offer on the applicant exchange."""

    JOB = 0
    APPRENTICESHIP = 1
    INTERNSHIP = 2
    EQ = 3
    HELPER_JOB = 4

    @property
    def label(self) -> str:
        """Lower-case stable name, e.g. ``"apprenticeship"``."""
        return self.name.lower()


class WorkPermission(IntEnum):
    """Whether a candidate may take up work."""

    ALLOWED = 0
    NEEDS_PERMISSION = 1
    NOT_ALLOWED = 2


class RequirementLevel(IntEnum):
    """The fifth KldB digit (Anforderungsniveau)."""

    HELPER = 1
    SKILLED = 2
    SPECIALIST = 3
    EXPERT = 4

    @property
    def label(self) -> str:
        """Lower-case stable name, e.g. ``"skilled"``."""
        return self.name.lower()


def parse_kldb(code: str | int) -> int:
    """Return a five-digit KldB 2010 code as an ``int`` (``"01104"`` -> ``1104``).

    Strings must have exactly five digits; integers must lie in ``0..99999``. The last digit must be
    a requirement level (1..4).

    Raises:
        ValueError: for anything that is not a five-digit KldB code.
    """
    if isinstance(code, str):
        text = code.strip()
        if len(text) != KLDB_AREA_DIGITS or not text.isdigit() or not text.isascii():
            raise ValueError(f"KldB code must have five digits, got {code!r}")
        value = int(text)
    else:
        value = int(code)
        if not 0 <= value <= 99_999:
            raise ValueError(f"KldB code out of range: {code!r}")
    if not 1 <= value % 10 <= 4:
        raise ValueError(f"KldB code must end in a requirement level 1..4, got {code!r}")
    return value


def format_kldb(code: int, digits: int = KLDB_AREA_DIGITS) -> str:
    """Format the first ``digits`` digits of a five-digit code, keeping leading zeros."""
    if not 1 <= digits <= KLDB_AREA_DIGITS:
        raise ValueError(f"digits must be 1..5, got {digits}")
    return f"{int(code):05d}"[:digits]


@lru_cache(maxsize=1024)
def licence_names(mask: int) -> tuple[str, ...]:
    """Names of the licences set in ``mask``, in bit order (``("B", "CE")``)."""
    return tuple(
        member.name
        for member in Licence
        if member.value and mask & member.value and member.name is not None
    )

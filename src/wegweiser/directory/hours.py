"""Opening hours as text: `Mon 09:00-12:00; Wed 14:00-18:00` (German day names work too)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wegweiser.directory.constants import BYDAY

_DAY_NAMES = {
    "mon": 0, "mo": 0, "montag": 0, "monday": 0,
    "tue": 1, "di": 1, "dienstag": 1, "tuesday": 1, "tu": 1,
    "wed": 2, "mi": 2, "mittwoch": 2, "wednesday": 2, "we": 2,
    "thu": 3, "do": 3, "donnerstag": 3, "thursday": 3, "th": 3,
    "fri": 4, "fr": 4, "freitag": 4, "friday": 4,
    "sat": 5, "sa": 5, "samstag": 5, "saturday": 5,
    "sun": 6, "so": 6, "sonntag": 6, "sunday": 6, "su": 6,
}  # fmt: skip
_SLOT = re.compile(
    r"^(?P<day>[a-zäöü]+)\.?\s+(?P<oh>\d{1,2})[:.](?P<om>\d{2})\s*[-–]\s*(?P<ch>\d{1,2})[:.](?P<cm>\d{2})$"
)
_DISPLAY_DAY = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MAX_SLOTS = 28


@dataclass(frozen=True, order=True)
class Slot:
    weekday: int
    opens_at: time
    closes_at: time

    @property
    def byday(self) -> str:
        return BYDAY[self.weekday]


def _time(hours: str, minutes: str) -> time | None:
    h, m = int(hours), int(minutes)
    if h == 24 and m == 0:
        return time(23, 59)
    if h > 23 or m > 59:
        return None
    return time(h, m)


def parse_opening_hours(text: str) -> list[Slot]:
    """Parse `Mon 09:00-12:00; Tue 14:00-16:00` (separated by `;` or new lines).

    Raises ValidationError with a message that names the entry it could not read.
    """
    slots: set[Slot] = set()
    for raw in re.split(r"[;\n]", text or ""):
        entry = " ".join(raw.strip().lower().split())
        if not entry:
            continue
        match = _SLOT.match(entry)
        day = _DAY_NAMES.get(match["day"]) if match else None
        if match is None or day is None:
            raise ValidationError(
                _('Could not read "%(entry)s". Write, for example: Mon 09:00-12:00.'),
                code="hours_format",
                params={"entry": raw.strip()[:40]},
            )
        opens, closes = _time(match["oh"], match["om"]), _time(match["ch"], match["cm"])
        if opens is None or closes is None or closes <= opens:
            raise ValidationError(
                _('"%(entry)s": the closing time must be a valid time after the opening time.'),
                code="hours_order",
                params={"entry": raw.strip()[:40]},
            )
        slots.add(Slot(day, opens, closes))
    if len(slots) > MAX_SLOTS:
        raise ValidationError(
            _("Enter at most %(max)s opening slots."), code="hours_many", params={"max": MAX_SLOTS}
        )
    return sorted(slots)


def format_opening_hours(slots: list[Slot]) -> str:
    """The text form that `parse_opening_hours` reads back."""
    return "; ".join(
        f"{_DISPLAY_DAY[s.weekday]} {s.opens_at:%H:%M}-{s.closes_at:%H:%M}" for s in sorted(slots)
    )

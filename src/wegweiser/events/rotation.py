"""The fair host rotation: a pure decision, tested as a property.

The next host is the willing organisation that hosted least recently (never hosted counts as
longest ago); ties go to the organisation that declared its willingness first. Organisations
that declined the event in question are passed over.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class HostCandidate:
    organisation_id: int
    last_hosted: datetime | None  # start of the latest event it hosted in the series
    order: int  # when it declared its willingness (earlier first)


def choose_next_host(
    candidates: Sequence[HostCandidate], declined: Collection[int] = ()
) -> int | None:
    """The organisation id that hosts next, or None when every candidate declined."""
    eligible = [c for c in candidates if c.organisation_id not in declined]
    if not eligible:
        return None
    never = [c for c in eligible if c.last_hosted is None]
    if never:
        return min(never, key=lambda c: (c.order, c.organisation_id)).organisation_id
    return min(eligible, key=lambda c: (c.last_hosted, c.order, c.organisation_id)).organisation_id

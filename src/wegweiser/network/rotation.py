"""The social-media rotation: who takes which 14-day slot. Pure functions, no database.

Slots follow each other without gaps or overlaps: slot n starts `n * SLOT_DAYS` days after
the first. Each slot goes to the ambassador whose last turn lies furthest back (never had a
turn: first; ties by the start of their term, then by id). This least-recently-served
order guarantees that nobody gets a second turn while an ambassador who is eligible at that
moment is still waiting since their last one: "no one twice before everyone once".

An ambassador is eligible for a slot when their term covers the whole slot.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from wegweiser.network.constants import SLOT_DAYS


@dataclass(frozen=True)
class Candidate:
    key: int  # the organisation: one turn per organisation, whatever its terms
    term_id: int
    starts_on: date
    ends_on: date

    def covers(self, start: date, end: date) -> bool:
        return self.starts_on <= start and end <= self.ends_on


@dataclass(frozen=True)
class PlannedSlot:
    starts_on: date
    ends_on: date
    candidate: Candidate | None  # None: nobody was eligible for this period


def slot_period(first_start: date, index: int) -> tuple[date, date]:
    start = first_start + timedelta(days=SLOT_DAYS * index)
    return start, start + timedelta(days=SLOT_DAYS - 1)


def plan_rotation(
    *,
    first_start: date,
    periods: int,
    candidates: Sequence[Candidate],
    last_turns: Mapping[int, date] | None = None,
) -> list[PlannedSlot]:
    """Assign `periods` consecutive slots from `first_start`.

    `last_turns` maps an organisation to the start of its latest slot so far, so that a new
    plan continues the rotation of the slots already in the calendar.
    """
    last: dict[int, date] = dict(last_turns or {})
    plan: list[PlannedSlot] = []
    for index in range(periods):
        start, end = slot_period(first_start, index)
        eligible: dict[int, Candidate] = {}
        for candidate in sorted(candidates, key=lambda c: (c.starts_on, c.term_id)):
            if candidate.covers(start, end):
                eligible.setdefault(candidate.key, candidate)
        if not eligible:
            plan.append(PlannedSlot(start, end, None))
            continue
        chosen = min(
            eligible.values(),
            key=lambda c: (last.get(c.key, date.min), c.starts_on, c.key),
        )
        last[chosen.key] = start
        plan.append(PlannedSlot(start, end, chosen))
    return plan


def rotation_violations(
    turns: Sequence[tuple[date, int]], eligible_at: Mapping[date, set[int]]
) -> list[str]:
    """Check a calendar: (slot start, organisation) in order, and who was eligible at each start.

    Returns a description of every place where someone had a second turn while another
    organisation, eligible at that slot, had waited since before the first. Empty: fair.
    """
    problems: list[str] = []
    ordered = sorted(turns)
    last_index: dict[int, int] = {}
    for index, (start, key) in enumerate(ordered):
        previous = last_index.get(key)
        if previous is not None:
            served_between = {k for _s, k in ordered[previous + 1 : index]}
            waiting = eligible_at.get(start, set()) - served_between - {key}
            for other in sorted(waiting):
                other_last = last_index.get(other)
                if other_last is None or other_last < previous:
                    problems.append(f"{key} twice ({ordered[previous][0]}, {start}) before {other}")
        last_index[key] = index
    return problems

"""Pure computations of ESF Plus reporting: the reporting periods, the indicator values of a
set of records, and the suppression of small cells for funders (no queries here).

Suppression (see ADR 0110):
1. primary: a released cell with 1 to 4 people is suppressed (0 stays visible);
2. differencing: a cell is also suppressed when its value differs by 1 to 4 from a cell of the
   same indicator and project released before for an overlapping period (same period with a
   changed value included), or from such a cell after subtracting released cells nested in it;
3. complementary: inside each table the categories of a partition (sex, age bands, ...) add
   up to a total; when the unknown categories of a partition would reveal a small group, the
   smallest further category is suppressed as well; a derived cell ("unemployed") that would
   reveal a part of the unknown categories is suppressed; a suppressed total takes every
   non-zero cell of its partitions with it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import TYPE_CHECKING

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from wegweiser.core.dates import add_months
from wegweiser.funding.constants import (
    FOLLOW_UP_MONTHS,
    MIN_CELL,
    AgeBand,
    Answer,
    Education,
    EmploymentStatus,
    PeriodKind,
    Sex,
)

if TYPE_CHECKING:
    from wegweiser.funding.models import EsfRecord


def follow_up_due(exit_on: date) -> date:
    return add_months(exit_on, FOLLOW_UP_MONTHS)


def age_band(date_of_birth: date, on: date) -> str:
    age = (
        on.year
        - date_of_birth.year
        - ((on.month, on.day) < (date_of_birth.month, date_of_birth.day))
    )
    if age < 18:
        return AgeBand.UNDER_18
    if age < 30:
        return AgeBand.FROM_18_TO_29
    if age < 55:
        return AgeBand.FROM_30_TO_54
    return AgeBand.FROM_55


# --- Periods -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    key: str
    kind: str
    starts_on: date
    ends_on: date

    @property
    def label(self) -> str:
        if self.kind == PeriodKind.QUARTER:
            return f"Q{(self.starts_on.month - 1) // 3 + 1} {self.starts_on.year}"
        if self.kind == PeriodKind.YEAR:
            return str(self.starts_on.year)
        return str(
            _("Project to date (%(start)s – %(end)s)")
            % {"start": self.starts_on.isoformat(), "end": self.ends_on.isoformat()}
        )

    def contains(self, day: date | None) -> bool:
        return day is not None and self.starts_on <= day <= self.ends_on

    def overlaps(self, starts_on: date, ends_on: date) -> bool:
        return starts_on <= self.ends_on and ends_on >= self.starts_on


def period_grid(project_starts_on: date, project_ends_on: date, today: date) -> list[Period]:
    """The periods one may report on: project to date, then calendar years and quarters that
    overlap the project up to today, newest first. Nothing else can be chosen."""
    last = min(today, project_ends_on)
    if last < project_starts_on:
        last = project_starts_on
    periods = [Period("to-date", PeriodKind.TO_DATE, project_starts_on, last)]
    for year in range(last.year, project_starts_on.year - 1, -1):
        periods.append(Period(f"{year}", PeriodKind.YEAR, date(year, 1, 1), date(year, 12, 31)))
        for quarter in (4, 3, 2, 1):
            starts = date(year, 3 * quarter - 2, 1)
            ends = add_months(starts, 3) - timedelta(days=1)
            if starts <= last and ends >= project_starts_on:
                periods.append(Period(f"{year}-Q{quarter}", PeriodKind.QUARTER, starts, ends))
    return periods


def find_period(key: str, grid: Sequence[Period]) -> Period | None:
    return next((p for p in grid if p.key == key), None)


# --- Indicators ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str | Promise
    block: str
    funder: bool = True  # shown to funders


ENTRY, RESULTS, FOLLOW_UP, OTHER = "entry", "results", "follow_up", "other"
BLOCK_LABELS: dict[str, Promise] = {
    ENTRY: _("Participants at entry"),
    RESULTS: _("Results upon leaving"),
    FOLLOW_UP: _("Six months after leaving"),
    OTHER: _("Not in the indicator tables"),
}

BINARY_ENTRY = {
    "disability": _("Participants with disabilities"),
    "third_country_national": _("Third-country nationals"),
    "foreign_background": _("Participants with a foreign background"),
    "homeless": _("Homeless or affected by housing exclusion"),
    "rural": _("Participants from rural areas"),
}
RESULT_FLAGS = {
    "result_education": _("In education or training upon leaving"),
    "result_qualification": _("Gaining a qualification upon leaving"),
    "result_employment": _("In employment, including self-employment, upon leaving"),
    "result_job_searching": _("Job searching upon leaving"),
}
FOLLOW_UP_FLAGS = {
    "follow_up_employment": _("In employment six months after leaving"),
    "follow_up_improved": _("With an improved labour market situation six months after leaving"),
}

INDICATORS: tuple[Indicator, ...] = (
    Indicator("participants", _("Participants (total)"), ENTRY),
    Indicator("sex_female", _("Women"), ENTRY),
    Indicator("sex_male", _("Men"), ENTRY),
    Indicator("sex_non_binary", _("Non-binary"), ENTRY),
    Indicator("unemployed", _("Unemployed, including long-term unemployed"), ENTRY),
    Indicator("long_term_unemployed", _("Long-term unemployed"), ENTRY),
    Indicator("inactive", _("Inactive"), ENTRY),
    Indicator("employed", _("Employed, including self-employed"), ENTRY),
    Indicator("age_under_18", _("Below 18 years of age"), ENTRY),
    Indicator("age_18_29", _("18 to 29 years of age"), ENTRY),
    Indicator("age_30_54", _("30 to 54 years of age"), ENTRY),
    Indicator("age_55_plus", _("55 years of age and over"), ENTRY),
    Indicator("isced_0_2", _("With lower secondary education or less (ISCED 0–2)"), ENTRY),
    Indicator(
        "isced_3_4", _("With upper secondary or post-secondary education (ISCED 3–4)"), ENTRY
    ),
    Indicator("isced_5_8", _("With tertiary education (ISCED 5–8)"), ENTRY),
    *(Indicator(k, label, ENTRY) for k, label in BINARY_ENTRY.items()),
    Indicator("leavers", _("Participants who left (total)"), RESULTS),
    *(Indicator(k, label, RESULTS) for k, label in RESULT_FLAGS.items()),
    Indicator("followed_up", _("Participants followed up (total)"), FOLLOW_UP),
    *(Indicator(k, label, FOLLOW_UP) for k, label in FOLLOW_UP_FLAGS.items()),
    Indicator("short_contacts", _("Short contacts (under 8 hours), counted only"), OTHER),
    Indicator("incomplete", _("Records with missing core data (not counted)"), OTHER, False),
)
INDICATOR_KEYS = tuple(i.key for i in INDICATORS)

_SEX: dict[str, str] = {
    Sex.FEMALE: "sex_female",
    Sex.MALE: "sex_male",
    Sex.NON_BINARY: "sex_non_binary",
}
_AGE: dict[str, str] = {
    AgeBand.UNDER_18: "age_under_18",
    AgeBand.FROM_18_TO_29: "age_18_29",
    AgeBand.FROM_30_TO_54: "age_30_54",
    AgeBand.FROM_55: "age_55_plus",
}
_EMPLOYMENT: dict[str, str] = {
    EmploymentStatus.UNEMPLOYED: "_short_term_unemployed",
    EmploymentStatus.LONG_TERM_UNEMPLOYED: "long_term_unemployed",
    EmploymentStatus.INACTIVE: "inactive",
    EmploymentStatus.EMPLOYED: "employed",
}
_EDUCATION: dict[str, str] = {
    Education.ISCED_0_2: "isced_0_2",
    Education.ISCED_3_4: "isced_3_4",
    Education.ISCED_5_8: "isced_5_8",
}


def compute(records: Iterable[EsfRecord], period: Period) -> dict[str, int]:
    """Every indicator (and the hidden complements used by suppression) for one period.

    A record counts at entry when its entry date lies in the period, at exit when its exit
    date does, at follow-up when its due date does; short contacts and incomplete records are
    only counted in their own lines."""
    values: dict[str, int] = dict.fromkeys(INDICATOR_KEYS, 0)
    values |= {"_short_term_unemployed": 0}
    for key in (*BINARY_ENTRY, *RESULT_FLAGS, *FOLLOW_UP_FLAGS):
        values[f"_not_{key}"] = 0
    for r in records:
        if r.is_short_contact:
            if period.contains(r.entry_on):
                values["short_contacts"] += 1
            continue
        if not r.is_entry_complete:
            if period.contains(r.entry_on):
                values["incomplete"] += 1
            continue
        if period.contains(r.entry_on):
            values["participants"] += 1
            values[_SEX[r.sex]] += 1
            values[_AGE[r.age_band]] += 1
            values[_EMPLOYMENT[r.employment_status]] += 1
            values[_EDUCATION[r.education]] += 1
            for key in BINARY_ENTRY:
                values[key if getattr(r, key) == Answer.YES else f"_not_{key}"] += 1
        if period.contains(r.exit_on):
            values["leavers"] += 1
            for key in RESULT_FLAGS:
                values[key if getattr(r, key) else f"_not_{key}"] += 1
        if r.follow_up_done_at is not None and period.contains(r.follow_up_due_on):
            values["followed_up"] += 1
            for key in FOLLOW_UP_FLAGS:
                values[key if getattr(r, key) else f"_not_{key}"] += 1
    values["unemployed"] = values["_short_term_unemployed"] + values["long_term_unemployed"]
    return values


# --- Suppression ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Partition:
    total: str
    atoms: tuple[str, ...]  # add up to the total; names starting with "_" are never shown
    derived: tuple[tuple[str, frozenset[str]], ...] = ()  # shown sums of atoms


PARTITIONS: tuple[Partition, ...] = (
    Partition("participants", tuple(_SEX.values())),
    Partition(
        "participants",
        tuple(_EMPLOYMENT.values()),
        (("unemployed", frozenset({"_short_term_unemployed", "long_term_unemployed"})),),
    ),
    Partition("participants", tuple(_AGE.values())),
    Partition("participants", tuple(_EDUCATION.values())),
    *(Partition("participants", (k, f"_not_{k}")) for k in BINARY_ENTRY),
    *(Partition("leavers", (k, f"_not_{k}")) for k in RESULT_FLAGS),
    *(Partition("followed_up", (k, f"_not_{k}")) for k in FOLLOW_UP_FLAGS),
)


def is_small(value: int) -> bool:
    return 0 < value < MIN_CELL


@dataclass(frozen=True)
class Released:
    """A cell released before: its period and value."""

    starts_on: date
    ends_on: date
    value: int


def _disjoint_sums(cells: Sequence[Released], limit: int) -> set[int]:
    """Every sum (up to `limit`) of a set of cells whose periods do not overlap."""
    ordered = sorted(cells, key=lambda c: (c.starts_on, c.ends_on))

    @cache
    def sums_after(boundary: date) -> frozenset[int]:
        found = {0}
        for cell in ordered:
            if cell.starts_on > boundary:
                for rest in sums_after(cell.ends_on):
                    if cell.value + rest <= limit:
                        found.add(cell.value + rest)
        return frozenset(found)

    return set(sums_after(date.min))


def reveals_by_difference(value: int, period: Period, released: Sequence[Released]) -> bool:
    """Whether showing `value` for `period` would let someone derive a group of 1 to 4 from
    the cells of the same indicator released before."""
    latest: dict[tuple[date, date], Released] = {}
    for cell in released:
        if period.overlaps(cell.starts_on, cell.ends_on) and is_small(abs(value - cell.value)):
            return True
        latest[(cell.starts_on, cell.ends_on)] = cell
    cells = list(latest.values())

    def inside(cell: Released, start: date, end: date) -> bool:
        return start <= cell.starts_on and cell.ends_on <= end

    own = (period.starts_on, period.ends_on)
    nested = [c for c in cells if inside(c, *own) and (c.starts_on, c.ends_on) != own]
    if any(is_small(value - s) for s in _disjoint_sums(nested, value)):
        return True
    for outer in cells:
        span = (outer.starts_on, outer.ends_on)
        if not period.overlaps(*span):
            continue
        if span == own or not (span[0] <= own[0] and own[1] <= span[1]):
            continue
        rest = outer.value - value
        others = [
            c
            for c in cells
            if inside(c, *span)
            and (c.starts_on, c.ends_on) != span
            and not period.overlaps(c.starts_on, c.ends_on)
        ]
        if any(is_small(rest - s) for s in _disjoint_sums(others, max(rest, 0))):
            return True
    return False


def suppressed_cells(values: dict[str, int], flagged: Iterable[str] = ()) -> set[str]:
    """The shown cells to suppress: small ones, those `flagged` by differencing, and the
    complementary ones that would reveal them (see the module's description)."""
    shown = {i.key for i in INDICATORS if i.funder}
    suppressed = {k for k in shown if is_small(values[k])} | (set(flagged) & shown)
    changed = True
    while changed:
        changed = False
        for partition in PARTITIONS:
            atoms = partition.atoms
            if partition.total in suppressed:
                hide = {a for a in atoms if not a.startswith("_") and values[a] > 0}
                hide |= {d for d, _parts in partition.derived if values[d] > 0}
                if not hide <= suppressed:
                    suppressed |= hide
                    changed = True
                continue
            unknown = {a for a in atoms if a.startswith("_") or a in suppressed}
            sensitive = any(is_small(values[a]) or a in suppressed for a in unknown)
            while sensitive:
                nonzero = [a for a in unknown if values[a] > 0]
                if len(nonzero) >= 2 and sum(values[a] for a in unknown) >= MIN_CELL:
                    break
                candidates = sorted(
                    (values[a], a) for a in atoms if a not in unknown and values[a] > 0
                )
                if not candidates:
                    suppressed.add(partition.total)
                    changed = True
                    break
                unknown.add(candidates[0][1])
                suppressed.add(candidates[0][1])
                changed = True
            for derived, parts in partition.derived:
                part = parts & unknown
                if part and part != unknown and derived not in suppressed:
                    suppressed.add(derived)
                    changed = True
    return suppressed

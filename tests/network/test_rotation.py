"""The slot rotation as properties: no overlaps, no gaps, nobody twice before everyone once."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from wegweiser.network.constants import SLOT_DAYS
from wegweiser.network.rotation import Candidate, plan_rotation, rotation_violations

START = date(2026, 1, 5)


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[list[Candidate], dict[int, date], int]:
    count = draw(st.integers(min_value=0, max_value=8))
    candidates = []
    for term_id in range(1, count + 1):
        key = draw(st.integers(min_value=1, max_value=6))  # one organisation may hold two terms
        begin = draw(st.integers(min_value=-60, max_value=300))
        length = draw(st.integers(min_value=0, max_value=400))
        starts = START + timedelta(days=begin)
        candidates.append(Candidate(key, term_id, starts, starts + timedelta(days=length)))
    keys = sorted({c.key for c in candidates})
    history_keys = draw(st.lists(st.sampled_from(keys), unique=True) if keys else st.just([]))
    history = {
        key: START - timedelta(days=SLOT_DAYS * (i + 1)) for i, key in enumerate(history_keys)
    }
    periods = draw(st.integers(min_value=1, max_value=40))
    return candidates, history, periods


def _eligible(candidates: list[Candidate], start: date) -> set[int]:
    end = start + timedelta(days=SLOT_DAYS - 1)
    return {c.key for c in candidates if c.covers(start, end)}


@settings(max_examples=300, deadline=None)
@given(scenarios())
def test_rotation_is_fair_and_without_overlaps(scenario):
    candidates, history, periods = scenario
    plan = plan_rotation(
        first_start=START, periods=periods, candidates=candidates, last_turns=history
    )
    assert len(plan) == periods
    # Consecutive 14-day periods: no overlap and no gap.
    for index, slot in enumerate(plan):
        assert slot.starts_on == START + timedelta(days=SLOT_DAYS * index)
        assert slot.ends_on == slot.starts_on + timedelta(days=SLOT_DAYS - 1)
        if index:
            assert slot.starts_on == plan[index - 1].ends_on + timedelta(days=1)
    # Every slot goes to someone in office for its whole length, and stays empty only if
    # nobody is.
    for slot in plan:
        eligible = _eligible(candidates, slot.starts_on)
        if slot.candidate is None:
            assert not eligible
        else:
            assert slot.candidate.key in eligible
            assert slot.candidate.covers(slot.starts_on, slot.ends_on)
    # Nobody twice before everyone (eligible at that moment) once, history included.
    turns = [(day, key) for key, day in history.items()]
    turns += [(s.starts_on, s.candidate.key) for s in plan if s.candidate is not None]
    eligible_at = {s.starts_on: _eligible(candidates, s.starts_on) for s in plan}
    assert rotation_violations(turns, eligible_at) == []


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=7), st.integers(min_value=1, max_value=5))
def test_everyone_in_office_takes_one_turn_per_round(ambassadors, rounds):
    far = START + timedelta(days=3650)
    candidates = [Candidate(k, k, START, far) for k in range(1, ambassadors + 1)]
    plan = plan_rotation(first_start=START, periods=ambassadors * rounds, candidates=candidates)
    for r in range(rounds):
        block = plan[r * ambassadors : (r + 1) * ambassadors]
        assert sorted(s.candidate.key for s in block if s.candidate) == list(
            range(1, ambassadors + 1)
        )


def test_the_checker_finds_a_second_turn_while_someone_waits():
    a, b, c = 1, 2, 3
    days = [START + timedelta(days=SLOT_DAYS * i) for i in range(4)]
    eligible = {key: {a, b, c} for key in days}
    turns = [(days[0], a), (days[1], b), (days[2], a), (days[3], c)]
    assert rotation_violations(turns, eligible)
    fair = [(days[0], a), (days[1], b), (days[2], c), (days[3], a)]
    assert rotation_violations(fair, eligible) == []

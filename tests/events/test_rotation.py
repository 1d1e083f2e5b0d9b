"""The host rotation is fair: a property test over random candidates, histories and declines."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from wegweiser.events.rotation import HostCandidate, choose_next_host

BASE = datetime(2026, 1, 1, tzinfo=UTC)

candidates_strategy = st.lists(
    st.tuples(st.integers(1, 40), st.one_of(st.none(), st.integers(0, 400))),
    min_size=0,
    max_size=12,
    unique_by=lambda t: t[0],
).map(
    lambda rows: [
        HostCandidate(
            organisation_id=org,
            last_hosted=None if days is None else BASE + timedelta(days=days),
            order=index,
        )
        for index, (org, days) in enumerate(rows)
    ]
)


@given(candidates=candidates_strategy, declined=st.sets(st.integers(1, 40)))
def test_choice_is_the_least_recent_eligible_host(candidates, declined):
    chosen = choose_next_host(candidates, declined)
    eligible = [c for c in candidates if c.organisation_id not in declined]
    if not eligible:
        assert chosen is None
        return
    assert chosen not in declined
    winner = next(c for c in eligible if c.organisation_id == chosen)
    for other in eligible:
        if winner.last_hosted is not None:
            # Nobody eligible waited longer (never hosted counts as longest).
            assert other.last_hosted is not None
            assert other.last_hosted >= winner.last_hosted
        elif other.last_hosted is None:
            assert other.order >= winner.order


@settings(max_examples=60, derandomize=True)
@given(
    size=st.integers(1, 8),
    rounds=st.integers(1, 40),
    declines=st.lists(st.integers(0, 7), max_size=40),
)
def test_rotation_over_many_events_is_balanced(size, rounds, declines):
    """Simulate a series: each event's chosen host may decline once; counts stay within one
    of each other for everyone who never declined, and nobody hosts twice before everyone
    willing has hosted once."""
    last: dict[int, datetime | None] = dict.fromkeys(range(size))
    hosted = dict.fromkeys(range(size), 0)
    ever_declined: set[int] = set()
    for event_index in range(rounds):
        candidates = [HostCandidate(o, last[o], o) for o in range(size)]
        declined: set[int] = set()
        chosen = choose_next_host(candidates, declined)
        wants_to_decline = declines[event_index] if event_index < len(declines) else None
        if chosen is not None and wants_to_decline == chosen and size > 1:
            declined.add(chosen)
            ever_declined.add(chosen)
            chosen = choose_next_host(candidates, declined)
        assert chosen is not None
        hosted[chosen] += 1
        last[chosen] = BASE + timedelta(days=90 * event_index)
    steady = [hosted[o] for o in range(size) if o not in ever_declined]
    if steady:
        assert max(steady) - min(steady) <= 1
    # Someone who declined is never more than one turn ahead of those who never did (they may
    # well fall behind: each decline passes their turn on).
    if steady:
        assert all(hosted[o] - min(steady) <= 1 for o in ever_declined)


@given(candidates=candidates_strategy)
def test_everyone_declining_leaves_no_host(candidates):
    assert choose_next_host(candidates, {c.organisation_id for c in candidates}) is None

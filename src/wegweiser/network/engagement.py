"""The engagement ladder: how far an organisation has come, derived from what it does.

The network app knows the lower stages (prospect, member, runs a project, ambassador, and
sponsorships that offer places). Higher apps know the rest: the events app who hosted an
event, the jobs app who offers places, the matching app who hired someone. They register a
provider for their stage in their `AppConfig.ready()`:

    register_engagement_signal(EngagementStage.EVENT_HOST, hosts_of_events)

A provider takes the ids of the networks asked about and returns the ids of the
organisations that reached the stage there. Each provider is asked once per computation
(one or a few queries), never once per organisation, so the ladder has no N+1 queries.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from wegweiser.network.constants import EngagementStage

Provider = Callable[[frozenset[int]], Iterable[int]]

_PROVIDERS: dict[int, dict[str, Provider]] = {}


def register_engagement_signal(stage: int, provider: Provider, *, key: str = "") -> None:
    """Register `provider(network_ids) -> organisation ids` for a stage of the ladder.

    Several providers may feed one stage (their results are joined); registering again under
    the same key replaces the earlier provider, so `ready()` may run twice.
    """
    stage = EngagementStage(stage)
    name = key or f"{provider.__module__}.{provider.__qualname__}"
    _PROVIDERS.setdefault(int(stage), {})[name] = provider


def unregister_engagement_signal(stage: int, key: str) -> None:
    _PROVIDERS.get(int(stage), {}).pop(key, None)


def registered_stages() -> set[int]:
    return {stage for stage, providers in _PROVIDERS.items() if providers}


def organisations_per_stage(network_ids: Collection[int]) -> dict[int, set[int]]:
    """For each stage, the organisations that show its signal in these networks."""
    frozen = frozenset(network_ids)
    result: dict[int, set[int]] = {int(stage): set() for stage in EngagementStage}
    for stage, providers in _PROVIDERS.items():
        for provider in providers.values():
            result[stage].update(provider(frozen))
    return result


def stages_for(network_ids: Collection[int]) -> dict[int, int]:
    """Each organisation's stage: the highest stage whose signal it shows."""
    stages: dict[int, int] = {}
    for stage, organisation_ids in sorted(organisations_per_stage(network_ids).items()):
        for organisation_id in organisation_ids:
            stages[organisation_id] = stage
    return stages


@dataclass(frozen=True)
class FunnelStep:
    stage: EngagementStage
    reached: int  # organisations on this stage or higher
    at: int  # organisations exactly on this stage
    percent: int  # of all organisations on the ladder
    known: bool  # whether any app provides this stage's signal yet


def funnel_for(network_ids: Collection[int]) -> list[FunnelStep]:
    """The ladder as a funnel: how many organisations reached each stage or a higher one."""
    stages = stages_for(network_ids)
    total = len(stages)
    known = registered_stages()
    steps = []
    for stage in EngagementStage:
        reached = sum(1 for s in stages.values() if s >= stage)
        at = sum(1 for s in stages.values() if s == stage)
        steps.append(
            FunnelStep(
                stage=stage,
                reached=reached,
                at=at,
                percent=round(100 * reached / total) if total else 0,
                known=int(stage) in known,
            )
        )
    return steps

"""Loads the fictional demo network, app by app in dependency order.

Each app owns its demo data in `<app>/demo.py` with a `load(rng)` function that creates
its part once and leaves existing demo data untouched, so loading twice changes nothing.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from django.db import transaction

from wegweiser.comms import demo as comms_demo
from wegweiser.directory import demo as directory_demo
from wegweiser.events import demo as events_demo
from wegweiser.funding import demo as funding_demo
from wegweiser.jobs import demo as jobs_demo
from wegweiser.knowledge import demo as knowledge_demo
from wegweiser.matching import demo as matching_demo
from wegweiser.network import demo as network_demo
from wegweiser.participants import demo as participants_demo
from wegweiser.reports import demo as reports_demo

SEED = 20261123

# Apps add their loader here, after the apps they build on.
LOADERS: list[Callable[[random.Random], Any]] = [
    network_demo.load,
    events_demo.load,
    knowledge_demo.load,
    jobs_demo.load,
    directory_demo.load,
    participants_demo.load,
    comms_demo.load,
    funding_demo.load,
    matching_demo.load,
    reports_demo.load,
]


def demo_load() -> list[network_demo.DemoLogin]:
    rng = random.Random(SEED)
    logins: list[network_demo.DemoLogin] = []
    with transaction.atomic():
        for loader in LOADERS:
            result = loader(rng)
            if loader is network_demo.load:
                logins = result
    return logins

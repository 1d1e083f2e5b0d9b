"""Who may read reports and dashboards. Pure decisions over the network's `Actor` snapshot.

Coordinators see the reports of the networks they coordinate (and the networks inside them).
Nobody else does: staff of member organisations, counsellors, employers and funders get 404.
Funders read the funding app's aggregates, not these reports.
"""

from __future__ import annotations

from typing import Any

from wegweiser.network.policy import actor_for


def can_view_reports(user: Any) -> bool:
    return actor_for(user).is_coordinator


def can_report_on(user: Any, network_id: int) -> bool:
    return network_id in actor_for(user).coordinated_network_ids


def can_edit_report(user: Any, network_id: int) -> bool:
    return can_report_on(user, network_id)


def can_send_report(user: Any, network_id: int) -> bool:
    return can_report_on(user, network_id)

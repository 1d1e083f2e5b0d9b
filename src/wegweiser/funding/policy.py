"""Who may do what with funded projects and ESF Plus records. Pure decisions, no queries.

- Coordinators of the project's network (or a network above it) set projects up, see the
  full indicator tables and download the pseudonymised export.
- Counsellors, staff and admins of an organisation running the project record the
  questionnaires of their own participants, see the tables, the due follow-ups and the
  export of their own organisation's records.
- Funders (role `funder` in a network's office) see only suppressed aggregates of the
  projects of the networks they fund, for the fixed period grid. Nothing personal.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from wegweiser.network.constants import RoleKind
from wegweiser.network.policy import actor_for
from wegweiser.participants.constants import CASE_ROLES

MANAGER, STAFF, FUNDER = "manager", "staff", "funder"


def case_organisation_ids(user: Any) -> frozenset[int]:
    return actor_for(user).organisations_with(*CASE_ROLES)


def funder_organisation_ids(user: Any) -> frozenset[int]:
    return actor_for(user).organisations_with(RoleKind.FUNDER)


def can_use_funding(user: Any) -> bool:
    actor = actor_for(user)
    return actor.is_coordinator or bool(actor.organisations_with(*CASE_ROLES, RoleKind.FUNDER))


def can_create_project(user: Any, network_id: int) -> bool:
    return network_id in actor_for(user).coordinated_network_ids


def project_role(
    user: Any,
    *,
    network_id: int,
    organisation_ids: Iterable[int],
    funded_network_ids: Iterable[int],
) -> str | None:
    """How the user sees a project: manager, staff, funder or not at all (None)."""
    actor = actor_for(user)
    if network_id in actor.coordinated_network_ids:
        return MANAGER
    if set(organisation_ids) & case_organisation_ids(user):
        return STAFF
    if network_id in set(funded_network_ids):
        return FUNDER
    return None


def sees_personal_data(role: str | None) -> bool:
    return role in (MANAGER, STAFF)


def can_edit_project(role: str | None) -> bool:
    return role == MANAGER


def can_record(user: Any, organisation_id: int, project_organisation_ids: Iterable[int]) -> bool:
    """Questionnaires are kept by the participant's own project, if it runs the funded one."""
    return organisation_id in case_organisation_ids(user) and organisation_id in set(
        project_organisation_ids
    )


def export_organisation_ids(
    user: Any, role: str | None, project_organisation_ids: Iterable[int]
) -> frozenset[int] | None:
    """Whose records the export holds: None for all (manager), else the actor's own."""
    if role == MANAGER:
        return None
    if role == STAFF:
        return case_organisation_ids(user) & frozenset(project_organisation_ids)
    return frozenset()

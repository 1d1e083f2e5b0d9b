"""Reads of the funding app. Projects are reached through `access_project_by_id` (404 for
anyone without a role in them); records through `access_record_by_id`, which reads the
participant through `participants.selectors.access_participant_by_id` (policy + access log)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from wegweiser.core.services import access_log_record_many
from wegweiser.funding import indicators, policy
from wegweiser.funding.indicators import BLOCK_LABELS, INDICATORS, Period, Released
from wegweiser.funding.models import EsfRecord, FundedProject, ReleasedCell
from wegweiser.network.models import Network, Organisation
from wegweiser.network.policy import actor_for
from wegweiser.network.selectors import network_tree_ids
from wegweiser.participants import selectors as participant_selectors
from wegweiser.participants.selectors import ParticipantAccess


def funded_network_ids(*, actor: Any) -> frozenset[int]:
    """Networks whose office the actor holds the funder role in, with the networks inside."""
    offices = policy.funder_organisation_ids(actor)
    if not offices:
        return frozenset()
    offices_networks = Network.objects.filter(office_id__in=offices).values_list("id", flat=True)
    return frozenset(network_tree_ids(offices_networks))


def project_list_for(*, actor: Any) -> QuerySet[FundedProject]:
    a = actor_for(actor)
    return (
        FundedProject.objects.filter(
            Q(network_id__in=a.coordinated_network_ids)
            | Q(organisations__in=policy.case_organisation_ids(actor))
            | Q(network_id__in=funded_network_ids(actor=actor))
        )
        .select_related("network")
        .distinct()
    )


@dataclass(frozen=True)
class ProjectAccess:
    project: FundedProject
    role: str
    organisation_ids: frozenset[int]  # organisations running the project

    @property
    def sees_personal_data(self) -> bool:
        return policy.sees_personal_data(self.role)

    @property
    def is_funder(self) -> bool:
        return self.role == policy.FUNDER

    @property
    def can_edit(self) -> bool:
        return policy.can_edit_project(self.role)


def access_project_by_id(*, actor: Any, project_id: int, purpose: str = "view") -> ProjectAccess:
    """The project if the actor has a role in it (for `purpose`), else 404."""
    project = FundedProject.objects.select_related("network").filter(pk=project_id).first()
    if project is None:
        raise Http404
    organisation_ids = frozenset(project.organisations.values_list("pk", flat=True))
    role = policy.project_role(
        actor,
        network_id=project.network_id,
        organisation_ids=organisation_ids,
        funded_network_ids=funded_network_ids(actor=actor) if purpose == "view" else (),
    )
    if role is None:
        raise Http404
    if purpose in ("records", "export") and not policy.sees_personal_data(role):
        raise Http404
    if purpose == "record" and not policy.case_organisation_ids(actor) & organisation_ids:
        raise Http404
    if purpose == "manage" and not policy.can_edit_project(role):
        raise Http404
    return ProjectAccess(project, role, organisation_ids)


def project_organisations(*, project: FundedProject) -> list[Organisation]:
    return list(project.organisations.order_by("name"))


def period_grid(*, project: FundedProject, today: date | None = None) -> list[Period]:
    return indicators.period_grid(project.starts_on, project.ends_on, today or timezone.localdate())


# --- Indicator tables ------------------------------------------------------------------------


@dataclass(frozen=True)
class TableRow:
    key: str
    label: str
    value: int
    suppressed: bool = False


@dataclass
class IndicatorTable:
    project: FundedProject
    period: Period
    values: dict[str, int]
    blocks: list[tuple[str, list[TableRow]]] = field(default_factory=list)
    suppressed: frozenset[str] = frozenset()

    def value(self, key: str) -> int | None:
        """The shown value, None when suppressed."""
        return None if key in self.suppressed else self.values[key]


def _project_records(project: FundedProject) -> list[EsfRecord]:
    return list(EsfRecord.objects.filter(project=project))


def indicator_values(*, project: FundedProject, period: Period) -> dict[str, int]:
    return indicators.compute(_project_records(project), period)


def build_table(
    project: FundedProject,
    period: Period,
    values: dict[str, int],
    *,
    for_funder: bool,
    suppressed: Iterable[str] = (),
) -> IndicatorTable:
    hidden = frozenset(suppressed)
    table = IndicatorTable(project, period, values, suppressed=hidden)
    for block, label in BLOCK_LABELS.items():
        rows = [
            TableRow(i.key, str(i.label), values[i.key], i.key in hidden)
            for i in INDICATORS
            if i.block == block and (i.funder or not for_funder)
        ]
        table.blocks.append((str(label), rows))
    return table


def indicator_table(*, project: FundedProject, period: Period) -> IndicatorTable:
    """The full table of a project for a period (for its coordinators and counsellors)."""
    return build_table(
        project, period, indicator_values(project=project, period=period), for_funder=False
    )


def released_cells(*, project: FundedProject) -> dict[str, list[Released]]:
    """Cells released to funders before, by indicator."""
    found: dict[str, list[Released]] = {}
    for cell in ReleasedCell.objects.filter(project=project).order_by("released_at", "id"):
        found.setdefault(cell.indicator, []).append(
            Released(cell.starts_on, cell.ends_on, cell.value)
        )
    return found


# --- Records -----------------------------------------------------------------------------


def _visible_organisations(actor: Any, access: ProjectAccess) -> frozenset[int] | None:
    return policy.export_organisation_ids(actor, access.role, access.organisation_ids)


def record_list_for(*, actor: Any, access: ProjectAccess) -> list[EsfRecord]:
    """The records the actor may see (pseudonymous codes only); one access-log row each."""
    if not access.sees_personal_data:
        raise Http404
    records = EsfRecord.objects.filter(project=access.project).select_related("participant")
    orgs = _visible_organisations(actor, access)
    if orgs is not None:
        records = records.filter(organisation_id__in=orgs)
    found = list(records)
    access_log_record_many(actor=actor, objs=[r.participant for r in found], purpose="esf_list")
    return found


def due_follow_ups_for(
    *, actor: Any, access: ProjectAccess, today: date | None = None
) -> list[EsfRecord]:
    """Open six-month follow-ups of the actor's own records, oldest due date first."""
    today = today or timezone.localdate()
    if access.role != policy.STAFF:
        return []
    records = list(
        EsfRecord.objects.filter(
            project=access.project,
            organisation_id__in=policy.case_organisation_ids(actor),
            follow_up_due_on__isnull=False,
            follow_up_done_at__isnull=True,
        )
        .select_related("participant")
        .order_by("follow_up_due_on", "id")
    )
    access_log_record_many(actor=actor, objs=[r.participant for r in records], purpose="esf_list")
    return records


@dataclass(frozen=True)
class RecordAccess:
    record: EsfRecord
    participant: ParticipantAccess


def access_record_by_id(*, actor: Any, record_id: int, purpose: str = "view") -> RecordAccess:
    """A record of the actor's own counselling project, else 404 (reads the participant
    through the participants' access selector, which logs the read)."""
    record = EsfRecord.objects.select_related("project").filter(pk=record_id).first()
    if record is None:
        raise Http404
    project_orgs = set(record.project.organisations.values_list("pk", flat=True))
    if not policy.can_record(actor, record.organisation_id, project_orgs):
        raise Http404
    participant = participant_selectors.access_participant_by_id(
        actor=actor, participant_id=record.participant_id, purpose=purpose
    )
    if not participant.is_owner:
        raise Http404
    return RecordAccess(record, participant)


def enrolable_participants(*, actor: Any, access: ProjectAccess) -> list[Any]:
    """Participants of the actor's own projects running this one, not yet in it."""
    orgs = policy.case_organisation_ids(actor) & access.organisation_ids
    taken = EsfRecord.objects.filter(project=access.project).values_list("participant_id")
    candidates = (
        participant_selectors.participant_list_for(actor=actor)
        .filter(organisation_id__in=orgs)
        .exclude(pk__in=taken)
        .order_by("code")
    )
    return list(candidates[:500])


# --- Export -------------------------------------------------------------------------------

EXPORT_COLUMNS = (
    "code",
    "organisation",
    "entry_on",
    "contact_hours",
    "short_contact",
    "entry_complete",
    "sex",
    "age_band",
    "employment_status",
    "education",
    "disability",
    "third_country_national",
    "foreign_background",
    "homeless",
    "rural",
    "exit_on",
    "result_education",
    "result_qualification",
    "result_employment",
    "result_job_searching",
    "follow_up_due_on",
    "follow_up_employment",
    "follow_up_improved",
    "follow_up_done",
)


def _iso(value: date | None) -> str:
    return value.isoformat() if value else ""


def _flag(value: bool) -> str:
    return "1" if value else "0"


def export_rows(*, actor: Any, access: ProjectAccess, period: Period) -> list[list[str]]:
    """Pseudonymised rows (code and age band, never names, contact or date of birth) of the
    records that entered, left or were due for follow-up in the period. Logs each read."""
    if not access.sees_personal_data:
        raise Http404
    records = EsfRecord.objects.filter(project=access.project).select_related(
        "participant", "organisation"
    )
    orgs = _visible_organisations(actor, access)
    if orgs is not None:
        records = records.filter(organisation_id__in=orgs)
    chosen = [
        r
        for r in records.order_by("entry_on", "id")
        if period.contains(r.entry_on)
        or period.contains(r.exit_on)
        or period.contains(r.follow_up_due_on)
    ]
    access_log_record_many(actor=actor, objs=[r.participant for r in chosen], purpose="esf_export")
    rows = [list(EXPORT_COLUMNS)]
    for r in chosen:
        rows.append(
            [
                r.participant.code,
                r.organisation.name,
                _iso(r.entry_on),
                str(r.contact_hours),
                _flag(r.is_short_contact),
                _flag(r.is_entry_complete),
                r.sex,
                r.age_band,
                r.employment_status,
                r.education,
                r.disability,
                r.third_country_national,
                r.foreign_background,
                r.homeless,
                r.rural,
                _iso(r.exit_on),
                _flag(r.result_education) if r.exit_on else "",
                _flag(r.result_qualification) if r.exit_on else "",
                _flag(r.result_employment) if r.exit_on else "",
                _flag(r.result_job_searching) if r.exit_on else "",
                _iso(r.follow_up_due_on),
                _flag(r.follow_up_employment) if r.follow_up_done_at else "",
                _flag(r.follow_up_improved) if r.follow_up_done_at else "",
                _flag(r.follow_up_done_at is not None),
            ]
        )
    return rows

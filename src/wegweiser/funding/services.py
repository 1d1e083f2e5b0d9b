"""Writes of the funding app: one transaction and one audit entry each.

Bad input raises `FundingError` (translated) before anything is written. Recording the exit
schedules the six-month follow-up: a due date on the record and a follow-up task in the
participants app (its `task_create` service, which writes its own audit entry).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wegweiser.accounts.models import User
from wegweiser.core.services import audit_entry_create
from wegweiser.funding import indicators, policy, selectors
from wegweiser.funding.constants import (
    CORE_FIELDS,
    Answer,
    Education,
    EmploymentStatus,
    Programme,
    Sex,
)
from wegweiser.funding.exceptions import FundingError
from wegweiser.funding.indicators import Period
from wegweiser.funding.models import EsfRecord, FundedProject, ReleasedCell
from wegweiser.network.constants import OrganisationType
from wegweiser.network.models import Network, Organisation
from wegweiser.participants import services as participant_services
from wegweiser.participants.constants import ConsentPurpose, ParticipantStatus
from wegweiser.participants.selectors import ParticipantAccess

PROJECT_FIELDS = ("name", "programme", "funding_reference", "starts_on", "ends_on")
ENTRY_FIELDS = (
    "entry_on",
    "contact_hours",
    "sex",
    "employment_status",
    "education",
    "disability",
    "third_country_national",
    "foreign_background",
    "homeless",
    "rural",
)
EXIT_FLAGS = tuple(indicators.RESULT_FLAGS)
_CHOICES: dict[str, Iterable[str]] = {
    "sex": Sex.values,
    "employment_status": EmploymentStatus.values,
    "education": Education.values,
    "disability": Answer.values,
    "third_country_national": Answer.values,
    "foreign_background": Answer.values,
    "homeless": Answer.values,
    "rural": Answer.values,
}


def _audit(
    actor: Any,
    action: str,
    obj: Any,
    network_id: int,
    organisation_id: int | None,
    fields: Iterable[str] = (),
) -> None:
    audit_entry_create(
        actor=actor,
        action=action,
        obj=obj,
        changed_fields=fields,
        network_id=network_id,
        organisation_id=organisation_id,
    )


# --- Projects ---------------------------------------------------------------------------------


def project_create(
    *,
    actor: User,
    network: Network,
    data: dict[str, Any],
    organisations: Iterable[Organisation],
) -> FundedProject:
    if not policy.can_create_project(actor, network.pk):
        raise FundingError(_("Only the network's coordinators set up funded projects."))
    organisations = list(organisations)
    if not organisations:
        raise FundingError(_("Name at least one counselling project that runs it."))
    if any(o.org_type != OrganisationType.COUNSELLING_PROJECT for o in organisations):
        raise FundingError(_("Only counselling projects can run a funded project."))
    values = {name: data.get(name) for name in PROJECT_FIELDS}
    values["name"] = str(values["name"] or "").strip()
    values["funding_reference"] = str(values["funding_reference"] or "").strip()
    values["programme"] = values["programme"] or Programme.ESF_PLUS
    if not values["name"] or not values["funding_reference"]:
        raise FundingError(_("Give the project's name and funding reference."))
    if values["programme"] not in Programme.values:
        raise FundingError(_("Choose a funding programme from the list."))
    if not values["starts_on"] or not values["ends_on"] or values["ends_on"] < values["starts_on"]:
        raise FundingError(_("The funding period must end after it starts."))
    if FundedProject.objects.filter(
        programme=values["programme"], funding_reference=values["funding_reference"]
    ).exists():
        raise FundingError(_("A project with this funding reference exists already."))
    with transaction.atomic():
        project = FundedProject.objects.create(network=network, created_by=actor, **values)
        project.organisations.set(organisations)
        _audit(
            actor,
            "funded_project.create",
            project,
            network.pk,
            None,
            [*PROJECT_FIELDS, "organisations"],
        )
    return project


# --- Entry questionnaire -------------------------------------------------------------------


def missing_core_data(record: EsfRecord) -> list[str]:
    """Labels of the mandatory core data the record lacks (empty: complete)."""
    return [str(label) for name, label in CORE_FIELDS.items() if not getattr(record, name)]


def _has_esf_consent(access: ParticipantAccess) -> bool:
    now = timezone.now()
    return any(
        c.purpose == ConsentPurpose.ESF_REPORTING and c.is_valid_at(now) for c in access.consents
    )


def _apply_entry(record: EsfRecord, access: ParticipantAccess, data: dict[str, Any]) -> list[str]:
    changed = []
    for name in ENTRY_FIELDS:
        if name not in data:
            continue
        value = data[name]
        if name in _CHOICES:
            value = value or ""
            if value and value not in _CHOICES[name]:
                raise FundingError(_("Choose an answer from the list."))
        elif name == "contact_hours":
            try:
                value = Decimal(str(value if value not in (None, "") else 0))
            except ArithmeticError as error:
                raise FundingError(_("Give the hours of support as a number.")) from error
            if not value.is_finite() or value < 0 or value > 9999:
                raise FundingError(_("Give the hours of support as a number from 0 to 9999."))
            value = value.quantize(Decimal("0.1"))
        elif name == "entry_on":
            if not isinstance(value, date):
                raise FundingError(_("Give the entry date."))
            if value > timezone.localdate():
                raise FundingError(_("The entry date cannot lie in the future."))
        if getattr(record, name) != value:
            setattr(record, name, value)
            changed.append(name)
    project = record.project
    if not project.starts_on <= record.entry_on <= project.ends_on:
        raise FundingError(_("The entry date must lie in the project's funding period."))
    birth = access.participant.date_of_birth
    band = indicators.age_band(birth, record.entry_on) if birth else ""
    if band != record.age_band:
        record.age_band = band
        changed.append("age_band")
    return changed


def _check_complete(record: EsfRecord) -> None:
    missing = missing_core_data(record)
    if missing:
        raise FundingError(
            _("The questionnaire cannot be completed: missing %(fields)s.")
            % {"fields": ", ".join(missing)}
        )


def record_create(
    *,
    actor: User,
    project: FundedProject,
    access: ParticipantAccess,
    data: dict[str, Any],
    complete: bool = False,
) -> EsfRecord:
    """Enter a participant into a funded project with the entry questionnaire."""
    data = {k: v for k, v in data.items() if not (k == "entry_on" and v is None)}
    participant = access.participant
    project_orgs = set(project.organisations.values_list("pk", flat=True))
    if not access.is_owner or not policy.can_record(
        actor, participant.organisation_id, project_orgs
    ):
        raise FundingError(_("Only the participant's own counselling project enters them."))
    if participant.status == ParticipantStatus.ERASED:
        raise FundingError(_("This record was erased."))
    if not _has_esf_consent(access):
        raise FundingError(
            _("The participant has not consented to ESF Plus reporting (or withdrew it).")
        )
    if EsfRecord.objects.filter(project=project, participant=participant).exists():
        raise FundingError(_("The participant is in this project already: each counts once."))
    record = EsfRecord(
        project=project,
        participant=participant,
        organisation_id=participant.organisation_id,
        recorded_by=actor,
        entry_on=data.get("entry_on") or timezone.localdate(),
    )
    changed = _apply_entry(record, access, {"entry_on": record.entry_on} | data)
    if complete:
        _check_complete(record)
        record.entry_completed_at = timezone.now()
    try:
        with transaction.atomic():
            record.save()
            _audit(
                actor,
                "esf_record.create",
                record,
                project.network_id,
                record.organisation_id,
                changed,
            )
    except IntegrityError as error:
        raise FundingError(
            _("The participant is in this project already: each counts once.")
        ) from error
    return record


def record_update(
    *,
    actor: User,
    record: EsfRecord,
    access: ParticipantAccess,
    data: dict[str, Any],
    complete: bool = False,
) -> EsfRecord:
    """Change the entry questionnaire; `complete` (or an already completed record) needs the
    core data. Nothing is written when it is refused."""
    if access.participant.pk != record.participant_id or not access.is_owner:
        raise FundingError(_("Only the participant's own counselling project enters them."))
    if record.has_left:
        raise FundingError(_("The exit is recorded: the entry questionnaire is closed."))
    data = {k: v for k, v in data.items() if not (k == "entry_on" and v is None)}
    changed = _apply_entry(record, access, data)
    if complete or record.is_entry_complete:
        _check_complete(record)
        if not record.is_entry_complete:
            record.entry_completed_at = timezone.now()
            changed.append("entry_completed_at")
    with transaction.atomic():
        record.save()
        _audit(
            actor,
            "esf_record.update",
            record,
            record.project.network_id,
            record.organisation_id,
            changed,
        )
    return record


# --- Exit and follow-up ----------------------------------------------------------------------


def exit_record(
    *,
    actor: User,
    record: EsfRecord,
    exit_on: date,
    results: dict[str, bool],
    contact_hours: Decimal | None = None,
) -> EsfRecord:
    """Record leaving the project with its results; schedules the six-month follow-up."""
    if not record.is_entry_complete:
        raise FundingError(_("Complete the entry questionnaire before recording the exit."))
    if record.has_left:
        raise FundingError(_("The exit is recorded already."))
    if not isinstance(exit_on, date):
        raise FundingError(_("Give the exit date."))
    if exit_on < record.entry_on:
        raise FundingError(_("The exit cannot lie before the entry."))
    if exit_on > timezone.localdate():
        raise FundingError(_("The exit date cannot lie in the future."))
    if contact_hours is not None:
        if not contact_hours.is_finite() or contact_hours < 0 or contact_hours > 9999:
            raise FundingError(_("Give the hours of support as a number from 0 to 9999."))
        record.contact_hours = contact_hours.quantize(Decimal("0.1"))
    record.exit_on = exit_on
    for flag in EXIT_FLAGS:
        setattr(record, flag, bool(results.get(flag)))
    record.follow_up_due_on = indicators.follow_up_due(exit_on)
    with transaction.atomic():
        record.save()
        participant_services.task_create(
            actor=actor,
            participant=record.participant,
            organisation_id=record.organisation_id,
            title=_("ESF Plus six-month follow-up: %(project)s")
            % {"project": record.project.name[:120]},
            due_on=record.follow_up_due_on,
        )
        _audit(
            actor,
            "esf_record.exit",
            record,
            record.project.network_id,
            record.organisation_id,
            ["exit_on", "contact_hours", "follow_up_due_on", *EXIT_FLAGS],
        )
    return record


def follow_up_record(
    *, actor: User, record: EsfRecord, employment: bool, improved: bool, today: date | None = None
) -> EsfRecord:
    today = today or timezone.localdate()
    if record.follow_up_due_on is None:
        raise FundingError(_("Record the exit first: the follow-up comes six months later."))
    if record.follow_up_done_at is not None:
        raise FundingError(_("The follow-up is recorded already."))
    if today < record.follow_up_due_on:
        raise FundingError(
            _("The follow-up is due on %(date)s.") % {"date": record.follow_up_due_on.isoformat()}
        )
    record.follow_up_employment = bool(employment)
    record.follow_up_improved = bool(improved)
    record.follow_up_done_at = timezone.now()
    with transaction.atomic():
        record.save()
        _audit(
            actor,
            "esf_record.follow_up",
            record,
            record.project.network_id,
            record.organisation_id,
            ["follow_up_employment", "follow_up_improved", "follow_up_done_at"],
        )
    return record


# --- Releasing aggregates to funders ----------------------------------------------------------


def aggregates_release(
    *, actor: User, project: FundedProject, period: Period
) -> selectors.IndicatorTable:
    """The funder's table for a period of the grid: small and revealing cells suppressed;
    every shown cell is recorded so later reports cannot be differenced against it."""
    with transaction.atomic():
        # One release at a time per project: lock the project row (a no-op on SQLite).
        FundedProject.objects.select_for_update().filter(pk=project.pk).first()
        values = selectors.indicator_values(project=project, period=period)
        history = selectors.released_cells(project=project)
        shown_keys = [i.key for i in indicators.INDICATORS if i.funder]
        flagged = {
            key
            for key in shown_keys
            if indicators.reveals_by_difference(values[key], period, history.get(key, []))
        }
        suppressed = indicators.suppressed_cells(values, flagged)
        new = []
        for key in shown_keys:
            if key in suppressed:
                continue
            already = any(
                c.starts_on == period.starts_on
                and c.ends_on == period.ends_on
                and c.value == values[key]
                for c in history.get(key, [])
            )
            if not already:
                new.append(
                    ReleasedCell(
                        project=project,
                        indicator=key,
                        starts_on=period.starts_on,
                        ends_on=period.ends_on,
                        value=values[key],
                        released_to=actor,
                    )
                )
        ReleasedCell.objects.bulk_create(new)
        _audit(
            actor,
            "funded_project.aggregates_release",
            project,
            project.network_id,
            None,
            sorted(c.indicator for c in new),
        )
    return selectors.build_table(project, period, values, for_funder=True, suppressed=suppressed)

"""Writes of the participants app: one transaction, one audit entry (field names only),
tasks after commit. Permission checks happen in the selectors that hand out the objects;
the services check the domain rules (consent, states, duplicates)."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import partial
from typing import Any

from django.core import signing
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wegweiser.accounts.exceptions import AccountError
from wegweiser.accounts.models import User
from wegweiser.accounts.services import user_create
from wegweiser.core.models import Occupation
from wegweiser.core.services import audit_entry_create
from wegweiser.network.models import Membership, Network, Organisation
from wegweiser.participants import crypto
from wegweiser.participants.constants import (
    PURPOSES_WITH_RECIPIENT,
    RECORD_FIELDS,
    WORK_PERMISSION_BY_STATUS,
    ConsentMethod,
    ConsentPurpose,
    ConsentStatus,
    FieldGroup,
    ParticipantStatus,
    ReferralStatus,
    TaskKind,
    WorkPermission,
)
from wegweiser.participants.exceptions import (
    ConsentMissing,
    DuplicateParticipant,
    InvalidTransition,
    ParticipantError,
    PortalTokenInvalid,
)
from wegweiser.participants.models import (
    CaseNote,
    Consent,
    FollowUpTask,
    Milestone,
    MilestoneType,
    Participant,
    Qualification,
    Referral,
)
from wegweiser.participants.tasks import portal_invitation_send, referral_notify

# Fields a counsellor may set on the record (no mass assignment).
PARTICIPANT_FIELDS = (*RECORD_FIELDS, "enrolled_on")
# What the participant may correct themselves in the portal.
PORTAL_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "phone",
    "address",
    "languages",
    "plz",
    "travel_radius_km",
    "driving_licences",
    "availability",
    "childcare_constraints",
)
SIX_MONTHS = timedelta(days=183)
_PORTAL_SALT = "wegweiser.participants.portal"
PORTAL_INVITATION_MAX_AGE = 14 * 24 * 3600


def _network_id(organisation_id: int) -> int | None:
    return (
        Membership.objects.filter(organisation_id=organisation_id)
        .order_by("pk")
        .values_list("network_id", flat=True)
        .first()
    )


def _audit(
    actor: Any,
    action: str,
    obj: Any,
    participant: Participant,
    fields: Iterable[str] = (),
    reason: str = "",
) -> None:
    audit_entry_create(
        actor=actor,
        action=action,
        obj=obj,
        changed_fields=fields,
        network_id=_network_id(participant.organisation_id),
        organisation_id=participant.organisation_id,
        reason=reason,
    )


# --- Participant record ---------------------------------------------------------------------


def recompute_indexes(participant: Participant) -> None:
    """Blind indexes of the current key (also used by `rotate_field_key`)."""
    _indexes(participant)


def _indexes(participant: Participant) -> None:
    participant.first_name_index = (
        crypto.blind_index(participant.first_name, context="first_name")
        if participant.first_name
        else ""
    )
    participant.last_name_index = (
        crypto.blind_index(participant.last_name, context="last_name")
        if participant.last_name
        else ""
    )
    if participant.last_name and participant.date_of_birth and participant.plz:
        participant.dedupe_key = crypto.blind_index(
            f"{participant.first_name} {participant.last_name}",
            participant.date_of_birth.isoformat(),
            participant.plz,
            context="dedupe",
        )
    else:
        participant.dedupe_key = ""


def _check_duplicate(participant: Participant) -> None:
    if not participant.dedupe_key:
        return
    existing = (
        Participant.objects.filter(
            organisation_id=participant.organisation_id, dedupe_key=participant.dedupe_key
        )
        .exclude(pk=participant.pk)
        .values_list("code", flat=True)
        .first()
    )
    if existing:
        raise DuplicateParticipant(
            _(
                "This project already has a participant with the same name, date of birth "
                "and postcode: %(code)s. Please open that record instead of creating a new one."
            )
            % {"code": existing},
            existing_code=existing,
        )


def _apply(participant: Participant, data: dict[str, Any], allowed: Iterable[str]) -> list[str]:
    changed = []
    for name in allowed:
        if name not in data:
            continue
        value = data[name]
        if name in ("languages", "driving_licences"):
            value = sorted(set(value or []))
        if getattr(participant, name) != value:
            setattr(participant, name, value)
            changed.append(name)
    if "residence_status" in changed and "work_permission" not in data:
        participant.work_permission = WORK_PERMISSION_BY_STATUS.get(
            participant.residence_status, WorkPermission.UNKNOWN
        )
        changed.append("work_permission")
    return changed


def participant_create(
    *, actor: User | None, organisation: Organisation, data: dict[str, Any]
) -> Participant:
    with transaction.atomic():
        participant = Participant(organisation=organisation, created_by=actor)
        changed = _apply(participant, data, PARTICIPANT_FIELDS)
        if "work_permission" not in data and participant.residence_status:
            participant.work_permission = WORK_PERMISSION_BY_STATUS.get(
                participant.residence_status, WorkPermission.UNKNOWN
            )
        _indexes(participant)
        _check_duplicate(participant)
        try:
            with transaction.atomic():
                participant.save()
        except IntegrityError as error:  # a concurrent request created the same person
            raise DuplicateParticipant(
                _("This project already has a participant with these details."), existing_code=""
            ) from error
        if "desired_occupations" in data:
            participant.desired_occupations.set(_occupations(data["desired_occupations"]))
            changed.append("desired_occupations")
        _audit(actor, "participant.create", participant, participant, changed)
    return participant


def _occupations(codes: Iterable[Any]) -> list[Occupation]:
    codes = [c.code if isinstance(c, Occupation) else str(c) for c in codes]
    found = list(Occupation.objects.filter(code__in=codes, level=5))
    if len(found) != len(set(codes)):
        raise ParticipantError(_("Choose occupations from the KldB list (five-digit codes)."))
    return found


def participant_update(
    *,
    actor: User | None,
    participant: Participant,
    data: dict[str, Any],
    allowed: Iterable[str] = PARTICIPANT_FIELDS,
    action: str = "participant.update",
) -> Participant:
    if participant.is_erased:
        raise InvalidTransition(_("This record was erased."))
    with transaction.atomic():
        changed = _apply(participant, data, allowed)
        _indexes(participant)
        _check_duplicate(participant)
        participant.save()
        if "desired_occupations" in data and "desired_occupations" in (
            *allowed,
            "desired_occupations",
        ):
            new = _occupations(data["desired_occupations"])
            if {o.code for o in new} != set(
                participant.desired_occupations.values_list("code", flat=True)
            ):
                participant.desired_occupations.set(new)
                changed.append("desired_occupations")
        _audit(actor, action, participant, participant, changed)
    return participant


def qualification_add(
    *, actor: User, participant: Participant, data: dict[str, Any]
) -> Qualification:
    with transaction.atomic():
        qualification = Qualification.objects.create(
            participant=participant,
            title=data["title"],
            country=data.get("country", ""),
            occupation=data.get("occupation"),
            recognition_status=data["recognition_status"],
            recognition_decided_on=data.get("recognition_decided_on"),
        )
        _audit(actor, "qualification.create", qualification, participant, data.keys())
    return qualification


# --- Consent --------------------------------------------------------------------------------


def consent_give(
    *,
    actor: User,
    participant: Participant,
    purpose: str,
    scope: Iterable[str],
    method: str,
    valid_from: date | None = None,
    valid_until: date | None = None,
    recipient: Organisation | None = None,
    witnessed_by: User | None = None,
    form_file: UploadedFile[Any] | None = None,
    form_content_type: str = "",
) -> Consent:
    scope = sorted(set(scope))
    if not scope:
        raise ParticipantError(_("Choose at least one kind of information the consent covers."))
    if any(s not in FieldGroup.values for s in scope):
        raise ParticipantError(_("Unknown kind of information."))
    if purpose not in ConsentPurpose.values:
        raise ParticipantError(_("Unknown purpose."))
    if purpose in PURPOSES_WITH_RECIPIENT and recipient is None:
        raise ParticipantError(_("Name the organisation the case may be shared with."))
    if purpose not in PURPOSES_WITH_RECIPIENT:
        recipient = None
    if recipient is not None and recipient.pk == participant.organisation_id:
        raise ParticipantError(_("The receiving organisation must be another organisation."))
    valid_from = valid_from or timezone.localdate()
    if valid_until is not None and valid_until < valid_from:
        raise ParticipantError(_("The end date must not be before the start date."))
    if method == ConsentMethod.SIGNED_FORM and form_file is None:
        raise ParticipantError(_("Upload the signed consent form."))
    if method == ConsentMethod.IN_PERSON and witnessed_by is None:
        raise ParticipantError(_("Name the staff member the consent was given to."))
    if participant.is_erased:
        raise InvalidTransition(_("This record was erased."))
    with transaction.atomic():
        consent = Consent(
            participant=participant,
            purpose=purpose,
            recipient=recipient,
            scope=scope,
            valid_from=valid_from,
            valid_until=valid_until,
            method=method,
            witnessed_by=witnessed_by if method == ConsentMethod.IN_PERSON else None,
            recorded_by=actor,
            form_content_type=form_content_type,
        )
        if form_file is not None:
            consent.form_file.save("form", form_file, save=False)
        consent.save()
        _audit(
            actor,
            "consent.give",
            consent,
            participant,
            ["purpose", "scope", "valid_from", "valid_until", "method", "recipient"],
        )
    return consent


def consent_withdraw(*, actor: User, consent: Consent, at: datetime | None = None) -> Consent:
    """Withdrawal has immediate effect: every share that rests on it ends now."""
    with transaction.atomic():
        consent = Consent.objects.select_for_update().get(pk=consent.pk)
        if consent.status == ConsentStatus.WITHDRAWN:
            raise InvalidTransition(_("This consent was already withdrawn."))
        consent.status = ConsentStatus.WITHDRAWN
        consent.withdrawn_at = at or timezone.now()
        consent.withdrawn_by = actor
        consent.save(update_fields=["status", "withdrawn_at", "withdrawn_by", "updated_at"])
        participant = Participant.objects.get(pk=consent.participant_id)
        _audit(actor, "consent.withdraw", consent, participant, ["status", "withdrawn_at"])
    return consent


# --- Pathway --------------------------------------------------------------------------------


def milestone_type_create(
    *, actor: User, network: Network, key: str, labels: dict[str, str], order: int = 200
) -> MilestoneType:
    """Networks add milestone types; built-in types cannot be changed by anyone here."""
    with transaction.atomic():
        if MilestoneType.objects.filter(key=key).exists():
            raise ParticipantError(_("A milestone type with this key exists already."))
        milestone_type = MilestoneType.objects.create(
            key=key, labels=labels, order=order, network=network
        )
        audit_entry_create(
            actor=actor,
            action="milestone_type.create",
            obj=milestone_type,
            changed_fields=["key", "labels", "order"],
            network_id=network.pk,
        )
    return milestone_type


def milestone_record(
    *,
    actor: User,
    participant: Participant,
    organisation_id: int,
    milestone_type: MilestoneType,
    occurred_on: date,
    note: str = "",
    leave_reason: str = "",
    evidence: UploadedFile[Any] | None = None,
    evidence_content_type: str = "",
) -> Milestone:
    if participant.is_erased:
        raise InvalidTransition(_("This record was erased."))
    if occurred_on > timezone.localdate():
        raise ParticipantError(_("A milestone cannot lie in the future."))
    if milestone_type.is_exit:
        if not leave_reason:
            raise ParticipantError(_("Give the reason for leaving the programme."))
        if organisation_id != participant.organisation_id:
            raise ParticipantError(_("Only the enrolling project records the exit."))
        if participant.status != ParticipantStatus.ACTIVE:
            raise InvalidTransition(_("The participant has already left the programme."))
        if occurred_on < participant.enrolled_on:
            raise ParticipantError(_("The exit cannot lie before the enrolment."))
    with transaction.atomic():
        milestone = Milestone(
            participant=participant,
            milestone_type=milestone_type,
            organisation_id=organisation_id,
            occurred_on=occurred_on,
            note=note,
            leave_reason=leave_reason if milestone_type.is_exit else "",
            recorded_by=actor,
            evidence_content_type=evidence_content_type,
        )
        if evidence is not None:
            milestone.evidence.save("evidence", evidence, save=False)
        milestone.save()
        changed = ["milestone_type", "occurred_on", "note", "evidence"]
        if milestone_type.is_exit:
            participant.status = ParticipantStatus.LEFT
            participant.left_on = occurred_on
            participant.leave_reason = leave_reason
            participant.save(update_fields=["status", "left_on", "leave_reason", "updated_at"])
            # Leaving schedules the six-month follow-up (ESF Plus: employed six months later?).
            FollowUpTask.objects.get_or_create(
                participant=participant,
                kind=TaskKind.SIX_MONTH,
                due_on=occurred_on + SIX_MONTHS,
                defaults={
                    "organisation_id": participant.organisation_id,
                    "assignee": actor,
                    "title": str(_("Six-month follow-up: ask about work or training")),
                },
            )
            changed += ["status", "left_on", "leave_reason"]
        _audit(actor, "milestone.record", milestone, participant, changed)
    return milestone


# --- Referrals ------------------------------------------------------------------------------


def referral_send(
    *,
    actor: User,
    participant: Participant,
    to_organisation: Organisation,
    field_groups: Iterable[str],
    summary: str = "",
    override_reason: str = "",
    at: datetime | None = None,
) -> Referral:
    """Pass a case on. Needs a valid share consent that names the receiver and covers every
    group passed on; without it only an override (reason + a coordinator's approval)."""
    groups = sorted(set(field_groups))
    if not groups or any(g not in FieldGroup.values for g in groups):
        raise ParticipantError(_("Choose what to pass on."))
    if to_organisation.pk == participant.organisation_id:
        raise ParticipantError(_("Choose another organisation."))
    if participant.status != ParticipantStatus.ACTIVE:
        raise InvalidTransition(_("Only active participants can be referred."))
    now = at or timezone.now()
    with transaction.atomic():
        consents = list(
            Consent.objects.filter(
                participant=participant,
                purpose=ConsentPurpose.SHARE_CASE,
                recipient=to_organisation,
                status=ConsentStatus.GIVEN,
            )
        )
        covering = [c for c in consents if c.is_valid_at(now) and set(groups) <= set(c.scope)]
        override_reason = override_reason.strip()
        if not covering and not override_reason:
            raise ConsentMissing(
                _(
                    "There is no valid consent to share these details with %(organisation)s. "
                    "Record the participant's consent first, or ask a coordinator to approve "
                    "an override with a written reason."
                )
                % {"organisation": to_organisation.name}
            )
        if override_reason and len(override_reason) < 20:
            raise ParticipantError(_("Explain the override in at least 20 characters."))
        if Referral.objects.filter(
            participant=participant,
            to_organisation=to_organisation,
            status__in=[
                ReferralStatus.AWAITING_APPROVAL,
                ReferralStatus.SENT,
                ReferralStatus.ACCEPTED,
            ],
        ).exists():
            raise InvalidTransition(_("This case is already referred to this organisation."))
        referral = Referral.objects.create(
            participant=participant,
            from_organisation_id=participant.organisation_id,
            to_organisation=to_organisation,
            field_groups=groups,
            summary=summary,
            consent=covering[0] if covering else None,
            override_reason="" if covering else override_reason,
            status=ReferralStatus.SENT if covering else ReferralStatus.AWAITING_APPROVAL,
            sent_by=actor,
        )
        _audit(
            actor,
            "referral.override_request" if referral.is_override else "referral.send",
            referral,
            participant,
            ["to_organisation", "field_groups", "summary"],
            reason=referral.override_reason,
        )
        if referral.status == ReferralStatus.SENT:
            transaction.on_commit(
                partial(referral_notify.enqueue, referral_id=referral.pk, event="sent")
            )
    return referral


def referral_override_decide(
    *, actor: User, referral: Referral, approve: bool, reason: str = ""
) -> Referral:
    """The second person (a coordinator) approves or refuses an override; both are logged."""
    with transaction.atomic():
        referral = Referral.objects.select_for_update().get(pk=referral.pk)
        if referral.status != ReferralStatus.AWAITING_APPROVAL:
            raise InvalidTransition(_("This override was decided already."))
        if referral.sent_by_id == actor.pk:
            raise ParticipantError(_("A second person must approve the override."))
        referral.override_approved_by = actor
        referral.override_decided_at = timezone.now()
        referral.status = ReferralStatus.SENT if approve else ReferralStatus.REJECTED
        if not approve:
            referral.decline_reason = reason.strip()
        referral.save()
        participant = Participant.objects.get(pk=referral.participant_id)
        _audit(
            actor,
            "referral.override_approve" if approve else "referral.override_refuse",
            referral,
            participant,
            ["status", "override_approved_by"],
            reason=referral.override_reason if approve else reason,
        )
        transaction.on_commit(
            partial(
                referral_notify.enqueue,
                referral_id=referral.pk,
                event="sent" if approve else "override_refused",
            )
        )
    return referral


def referral_accept(*, actor: User, referral: Referral) -> Referral:
    with transaction.atomic():
        referral = Referral.objects.select_for_update().get(pk=referral.pk)
        if referral.status != ReferralStatus.SENT:
            raise InvalidTransition(_("This referral cannot be accepted any more."))
        referral.status = ReferralStatus.ACCEPTED
        referral.decided_by = actor
        referral.decided_at = timezone.now()
        referral.save()
        participant = Participant.objects.get(pk=referral.participant_id)
        _audit(actor, "referral.accept", referral, participant, ["status"])
        transaction.on_commit(
            partial(referral_notify.enqueue, referral_id=referral.pk, event="accepted")
        )
    return referral


def referral_decline(*, actor: User, referral: Referral, reason: str) -> Referral:
    reason = reason.strip()
    if not reason:
        raise ParticipantError(_("Give a reason for declining."))
    with transaction.atomic():
        referral = Referral.objects.select_for_update().get(pk=referral.pk)
        if referral.status != ReferralStatus.SENT:
            raise InvalidTransition(_("This referral cannot be declined any more."))
        referral.status = ReferralStatus.DECLINED
        referral.decline_reason = reason
        referral.decided_by = actor
        referral.decided_at = timezone.now()
        referral.save()
        participant = Participant.objects.get(pk=referral.participant_id)
        _audit(actor, "referral.decline", referral, participant, ["status", "decline_reason"])
        transaction.on_commit(
            partial(referral_notify.enqueue, referral_id=referral.pk, event="declined")
        )
    return referral


def referral_withdraw(*, actor: User, referral: Referral) -> Referral:
    with transaction.atomic():
        referral = Referral.objects.select_for_update().get(pk=referral.pk)
        if referral.status not in (
            ReferralStatus.AWAITING_APPROVAL,
            ReferralStatus.SENT,
            ReferralStatus.ACCEPTED,
        ):
            raise InvalidTransition(_("This referral is closed already."))
        referral.status = ReferralStatus.WITHDRAWN
        referral.decided_at = timezone.now()
        referral.save()
        participant = Participant.objects.get(pk=referral.participant_id)
        _audit(actor, "referral.withdraw", referral, participant, ["status"])
    return referral


# --- Notes and tasks ------------------------------------------------------------------------


def note_add(*, actor: User, participant: Participant, organisation_id: int, body: str) -> CaseNote:
    body = body.strip()
    if not body:
        raise ParticipantError(_("The note is empty."))
    with transaction.atomic():
        note = CaseNote.objects.create(
            participant=participant, organisation_id=organisation_id, author=actor, body=body
        )
        _audit(actor, "case_note.create", note, participant, ["body"])
    return note


def task_create(
    *,
    actor: User,
    participant: Participant,
    organisation_id: int,
    title: str,
    due_on: date,
    assignee: User | None = None,
) -> FollowUpTask:
    with transaction.atomic():
        task = FollowUpTask.objects.create(
            participant=participant,
            organisation_id=organisation_id,
            title=title.strip(),
            due_on=due_on,
            assignee=assignee or actor,
        )
        _audit(actor, "followup_task.create", task, participant, ["title", "due_on", "assignee"])
    return task


def task_complete(*, actor: User, task: FollowUpTask) -> FollowUpTask:
    with transaction.atomic():
        task = FollowUpTask.objects.select_for_update().get(pk=task.pk)
        if task.done_at is not None:
            raise InvalidTransition(_("This task is done already."))
        task.done_at = timezone.now()
        task.save(update_fields=["done_at", "updated_at"])
        participant = Participant.objects.get(pk=task.participant_id)
        _audit(actor, "followup_task.complete", task, participant, ["done_at"])
    return task


# --- Portal ---------------------------------------------------------------------------------


def portal_token(participant: Participant) -> str:
    return signing.dumps(
        [participant.pk, participant.portal_nonce], salt=_PORTAL_SALT, compress=True
    )


def portal_invite(*, actor: User, participant: Participant, language: str) -> Participant:
    if not participant.email:
        raise ParticipantError(_("Add the participant's e-mail address first."))
    if participant.portal_user_id is not None:
        raise InvalidTransition(_("The participant already has a portal account."))
    with transaction.atomic():
        participant.portal_nonce = secrets.token_hex(16)
        participant.portal_invited_at = timezone.now()
        participant.save(update_fields=["portal_nonce", "portal_invited_at", "updated_at"])
        _audit(actor, "participant.portal_invite", participant, participant, ["portal_invited_at"])
        transaction.on_commit(
            partial(
                portal_invitation_send.enqueue,
                participant_id=participant.pk,
                token=portal_token(participant),
                language=language,
            )
        )
    return participant


def portal_link(*, actor: User | None, participant: Participant, user: User) -> Participant:
    """Link an existing account to the participant's record (demo data, support cases)."""
    with transaction.atomic():
        participant.portal_user = user
        participant.portal_nonce = ""
        participant.save(update_fields=["portal_user", "portal_nonce", "updated_at"])
        _audit(actor, "participant.portal_link", participant, participant, ["portal_user"])
    return participant


def portal_participant_from_token(token: str) -> Participant:
    try:
        pk, nonce = signing.loads(token, salt=_PORTAL_SALT, max_age=PORTAL_INVITATION_MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise PortalTokenInvalid(_("This invitation link is not valid.")) from error
    participant = Participant.objects.filter(pk=pk, portal_user__isnull=True).first()
    if participant is None or not participant.portal_nonce or participant.portal_nonce != nonce:
        raise PortalTokenInvalid(_("This invitation link is not valid."))
    if participant.is_erased:
        raise PortalTokenInvalid(_("This invitation link is not valid."))
    return participant


def portal_accept(*, token: str, password: str, language: str) -> User:
    with transaction.atomic():
        participant = portal_participant_from_token(token)
        participant = Participant.objects.select_for_update().get(pk=participant.pk)
        try:
            user = user_create(
                actor=None,
                email=participant.email,
                password=password,
                first_name=participant.first_name,
                last_name="",
                language=language,
                email_verified=True,
            )
        except AccountError as error:
            raise PortalTokenInvalid(
                _("An account with this e-mail address exists already. Please ask your counsellor.")
            ) from error
        participant.portal_user = user
        participant.portal_nonce = ""
        participant.save(update_fields=["portal_user", "portal_nonce", "updated_at"])
        _audit(user, "participant.portal_join", participant, participant, ["portal_user"])
    return user


# --- Erasure and retention ------------------------------------------------------------------


@dataclass
class ErasureResult:
    participant_id: int
    files_deleted: int
    rows_deleted: int


def _delete_files(files: Iterable[Any]) -> int:
    deleted = 0
    for field_file in files:
        if field_file and field_file.name:
            field_file.storage.delete(field_file.name)
            deleted += 1
    return deleted


def participant_erase(
    *, actor: User | None, participant: Participant, reason: str
) -> ErasureResult:
    """Erase a participant: every personal value, note, consent, referral, task, qualification
    and file goes; an anonymous stub with the project, dates and milestone kinds stays so that
    statistics still count the person."""
    reason = reason.strip()
    if not reason:
        raise ParticipantError(_("Give the reason for the erasure (e.g. the request's date)."))
    with transaction.atomic():
        participant = Participant.objects.select_for_update().get(pk=participant.pk)
        if participant.is_erased:
            raise InvalidTransition(_("This record was erased already."))
        files = [c.form_file for c in participant.consents.all()]
        files += [m.evidence for m in participant.milestones.all()]
        rows = 0
        for related in (
            participant.consents,
            participant.referrals,
            participant.notes,
            participant.tasks,
            participant.qualifications,
        ):
            rows += related.all().delete()[0]
        participant.milestones.update(note="", evidence="", evidence_content_type="")
        participant.desired_occupations.clear()
        portal_user = participant.portal_user
        for name in (
            "first_name",
            "last_name",
            "email",
            "phone",
            "address",
            "country_of_origin",
            "residence_status",
            "childcare_constraints",
            "german_certificate",
            "german_level",
            "availability",
            "plz",
            "dedupe_key",
            "first_name_index",
            "last_name_index",
            "portal_nonce",
        ):
            setattr(participant, name, "")
        participant.languages = []
        participant.driving_licences = []
        participant.date_of_birth = None
        participant.residence_valid_until = None
        participant.german_certificate_on = None
        participant.work_permission = WorkPermission.UNKNOWN
        participant.portal_user = None
        participant.portal_invited_at = None
        participant.code = f"ERASED-{secrets.token_hex(6).upper()}"
        participant.status = ParticipantStatus.ERASED
        participant.erased_at = timezone.now()
        participant.save()
        if portal_user is not None:
            portal_user.delete()
        _audit(actor, "participant.erase", participant, participant, ["*"], reason=reason)
        transaction.on_commit(partial(_delete_files, files))
    return ErasureResult(participant.pk, len([f for f in files if f]), rows)


def retention_apply(*, now: datetime | None = None) -> dict[str, int]:
    """Anonymise or delete what is due under the retention rules (run daily)."""
    from wegweiser.participants.constants import retention_days

    now = now or timezone.now()
    today = timezone.localdate(now)
    days = retention_days()
    counts = {"participants": 0, "case_notes": 0, "referrals": 0, "consent_files": 0, "tasks": 0}
    due = Participant.objects.filter(
        status=ParticipantStatus.LEFT,
        left_on__lte=today - timedelta(days=days["participant_after_leaving"]),
    )
    for participant in due:
        participant_erase(actor=None, participant=participant, reason="retention")
        counts["participants"] += 1
    with transaction.atomic():
        notes = CaseNote.objects.filter(created_at__lte=now - timedelta(days=days["case_note"]))
        counts["case_notes"] = notes.delete()[0]
        referrals = Referral.objects.filter(
            status__in=[ReferralStatus.DECLINED, ReferralStatus.WITHDRAWN, ReferralStatus.REJECTED],
            updated_at__lte=now - timedelta(days=days["closed_referral"]),
        )
        counts["referrals"] = referrals.delete()[0]
        tasks = FollowUpTask.objects.filter(done_at__lte=now - timedelta(days=days["done_task"]))
        counts["tasks"] = tasks.delete()[0]
        cutoff = now - timedelta(days=days["ended_consent_file"])
        ended = Consent.objects.exclude(form_file="").filter(
            Q(withdrawn_at__lte=cutoff) | Q(valid_until__lte=timezone.localdate(cutoff))
        )
        files = []
        for consent in ended:
            files.append(consent.form_file)
            consent.form_file = ""
            consent.save(update_fields=["form_file", "updated_at"])
        counts["consent_files"] = len(files)
        if any(counts.values()):
            audit_entry_create(
                actor=None,
                action="participants.retention",
                obj=Participant(pk=0),
                changed_fields=[k for k, v in counts.items() if v],
            )
        transaction.on_commit(partial(_delete_files, files))
    return counts

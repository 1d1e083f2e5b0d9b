"""Reads of the participants app. Every read of a participant goes through
`access_participant_by_id` or `participant_list_for` (+ `participant_rows`): they check the
policy, answer 404 when the actor may not see the record, and write the access log."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from wegweiser.core.models import Occupation
from wegweiser.core.selectors import access_log_for_object
from wegweiser.core.services import access_log_record, access_log_record_many
from wegweiser.network.constants import MembershipStatus, OrganisationType
from wegweiser.network.models import Membership, Organisation
from wegweiser.network.policy import actor_for
from wegweiser.participants import crypto, policy
from wegweiser.participants.constants import (
    ACCESS_PURPOSES,
    ALL_FIELDS,
    RECORD_FIELDS,
    ConsentPurpose,
    ParticipantStatus,
    ReferralStatus,
)
from wegweiser.participants.models import (
    CaseNote,
    Consent,
    FollowUpTask,
    Milestone,
    MilestoneType,
    Participant,
    Referral,
)

OWNER, PARTNER, SELF = "owner", "partner", "self"
# What a partner project may do through an accepted referral.
_PARTNER_PURPOSES = frozenset({"view", "milestone", "file", "list"})


@dataclass(frozen=True)
class ParticipantAccess:
    participant: Participant
    mode: str  # owner, partner or self
    organisation_id: int | None  # the project the actor acts for (None in the portal)
    fields: frozenset[str]
    referral: Referral | None = None
    consents: tuple[Consent, ...] = ()
    referrals: tuple[Referral, ...] = ()
    can_edit: bool = False
    can_manage_consents: bool = False
    can_refer: bool = False
    can_export: bool = False
    can_erase: bool = False

    def shows(self, name: str) -> bool:
        return name in self.fields

    @property
    def is_owner(self) -> bool:
        return self.mode == OWNER


def _load(participant_id: int) -> Participant | None:
    return (
        Participant.objects.select_related("organisation")
        .prefetch_related(
            Prefetch("consents", queryset=Consent.objects.select_related("recipient")),
            Prefetch("referrals", queryset=Referral.objects.select_related("to_organisation")),
        )
        .filter(pk=participant_id)
        .first()
    )


def access_participant_by_id(
    *, actor: Any, participant_id: int, purpose: str, at: datetime | None = None
) -> ParticipantAccess:
    """The participant for `purpose` if the actor may have it, else 404. Logs the read."""
    if purpose not in ACCESS_PURPOSES:
        raise ValueError(f"unknown purpose {purpose}")
    at = at or timezone.now()
    participant = _load(participant_id)
    if participant is None or participant.is_erased:
        raise Http404
    consents = tuple(participant.consents.all())
    referrals = tuple(participant.referrals.all())
    access: ParticipantAccess | None = None
    if purpose == "portal":
        if policy.is_portal_self(actor, participant):
            access = ParticipantAccess(
                participant, SELF, None, ALL_FIELDS, consents=consents, referrals=referrals
            )
    elif policy.is_owner_staff(actor, participant):
        access = ParticipantAccess(
            participant,
            OWNER,
            participant.organisation_id,
            policy.owner_fields(),
            consents=consents,
            referrals=referrals,
            can_edit=policy.can_edit_participant(actor, participant),
            can_manage_consents=policy.can_manage_consents(actor, participant),
            can_refer=policy.can_refer(actor, participant),
            can_export=policy.can_export(actor, participant),
            can_erase=policy.can_erase(actor, participant),
        )
        denied = {
            "erase": not access.can_erase,
            "refer": not access.can_refer,
            "edit": not access.can_edit,
            "consents": not access.can_edit,
            "invite": not access.can_edit,
        }
        if denied.get(purpose, False):
            access = None
    elif purpose in _PARTNER_PURPOSES:
        found = policy.partner_access(actor, participant, referrals, consents, at=at)
        if found is not None:
            organisation_id, fields, referral = found
            if purpose != "milestone" or "pathway" in fields:
                access = ParticipantAccess(
                    participant,
                    PARTNER,
                    organisation_id,
                    fields,
                    referral=referral,
                    consents=consents,
                    referrals=referrals,
                )
    if access is None:
        raise Http404
    access_log_record(
        actor=actor, obj=participant, purpose=purpose, organisation_id=access.organisation_id
    )
    return access


def consented_fields(
    participant: Participant,
    purpose: str,
    organisation_id: int | None,
    at: datetime | None = None,
) -> frozenset[str]:
    """The fields of `participant` that valid consents open for `purpose` towards the
    organisation (for the applicant exchange: purpose employer_profile). Empty: nothing."""
    if participant.is_erased:
        return frozenset()
    consents = Consent.objects.filter(participant=participant, purpose=purpose)
    return policy.consent_fields(
        consents, purpose=purpose, organisation_id=organisation_id, at=at or timezone.now()
    )


def participants_with_valid_consent(
    purpose: str, at: datetime | None = None
) -> QuerySet[Participant]:
    """Participants holding a consent for `purpose` that may be valid now (date window,
    not withdrawn). Callers still check `consented_fields` per participant."""
    today = timezone.localdate(at or timezone.now())
    return (
        Participant.objects.filter(
            status=ParticipantStatus.ACTIVE,
            consents__purpose=purpose,
            consents__status="given",
            consents__valid_from__lte=today,
        )
        .filter(Q(consents__valid_until__isnull=True) | Q(consents__valid_until__gte=today))
        .distinct()
    )


# --- Lists ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ParticipantFilters:
    q: str = ""
    status: str = ""
    german_level: str = ""
    organisation: int | None = None


def _partner_participant_ids(actor: Any, at: datetime) -> set[int]:
    mine = policy.case_organisation_ids(actor)
    if not mine:
        return set()
    referrals = list(
        Referral.objects.filter(
            to_organisation_id__in=mine, status=ReferralStatus.ACCEPTED
        ).exclude(participant__status=ParticipantStatus.ERASED)
    )
    if not referrals:
        return set()
    consents: dict[int, list[Consent]] = {}
    for consent in Consent.objects.filter(
        participant_id__in={r.participant_id for r in referrals},
        purpose=ConsentPurpose.SHARE_CASE,
    ):
        consents.setdefault(consent.participant_id, []).append(consent)
    return {
        r.participant_id
        for r in referrals
        if policy.referral_fields(r, consents.get(r.participant_id, []), at=at)
    }


def participant_list_for(
    *, actor: Any, filters: ParticipantFilters | None = None, at: datetime | None = None
) -> QuerySet[Participant]:
    """Participants of the actor's projects and those referred to them while consent reaches.
    The caller shows a page of them through `participant_rows`, which logs the reads."""
    filters = filters or ParticipantFilters()
    at = at or timezone.now()
    mine = policy.case_organisation_ids(actor)
    if not mine:
        return Participant.objects.none()
    partner_ids = _partner_participant_ids(actor, at)
    participants = (
        Participant.objects.filter(Q(organisation_id__in=mine) | Q(pk__in=partner_ids))
        .exclude(status=ParticipantStatus.ERASED)
        .select_related("organisation")
    )
    if filters.q:
        q = filters.q.strip()
        index = crypto.blind_index(q, context="last_name")
        first = crypto.blind_index(q, context="first_name")
        participants = participants.filter(
            Q(code__icontains=q)
            | Q(last_name_index=index, organisation_id__in=mine)
            | Q(first_name_index=first, organisation_id__in=mine)
        )
    if filters.status:
        participants = participants.filter(status=filters.status)
    if filters.german_level:
        participants = participants.filter(german_level=filters.german_level)
    if filters.organisation:
        participants = participants.filter(organisation_id=filters.organisation)
    return participants


@dataclass(frozen=True)
class ParticipantRow:
    participant: Participant
    is_own: bool
    name: str  # empty when the actor may not see it


def participant_rows(*, actor: Any, participants: Any) -> list[ParticipantRow]:
    """The rows of one list page; one access-log row per participant shown."""
    mine = policy.case_organisation_ids(actor)
    items = list(participants)
    access_log_record_many(actor=actor, objs=items, purpose="list")
    rows = []
    for participant in items:
        own = participant.organisation_id in mine
        rows.append(ParticipantRow(participant, own, participant.display_name if own else ""))
    return rows


def case_organisations_for(*, actor: Any) -> QuerySet[Organisation]:
    """Counselling projects in which the actor may enrol participants."""
    return Organisation.objects.filter(
        pk__in=policy.case_organisation_ids(actor),
        org_type=OrganisationType.COUNSELLING_PROJECT,
    ).order_by("name")


def referral_targets_for(*, participant: Participant) -> QuerySet[Organisation]:
    """Other counselling and partner organisations of the owning project's federation."""
    from wegweiser.network.models import Network

    parents = dict(Network.objects.values_list("id", "parent_id"))

    def root(network_id: int) -> int:
        while parents.get(network_id) is not None:
            network_id = parents[network_id]
        return network_id

    own = Membership.objects.filter(organisation_id=participant.organisation_id).values_list(
        "network_id", flat=True
    )
    roots = {root(n) for n in own}
    network_ids = [n for n in parents if root(n) in roots]
    return (
        Organisation.objects.filter(
            memberships__network_id__in=network_ids,
            org_type__in=[
                OrganisationType.COUNSELLING_PROJECT,
                OrganisationType.JOB_CENTRE,
                OrganisationType.EMPLOYMENT_AGENCY,
                OrganisationType.MUNICIPALITY,
                OrganisationType.EDUCATION_PROVIDER,
                OrganisationType.CHAMBER,
            ],
        )
        .exclude(pk=participant.organisation_id)
        .distinct()
        .order_by("name")
    )


# --- The record page ------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEntry:
    milestone: Milestone
    own: bool


@dataclass
class ParticipantDetail:
    access: ParticipantAccess
    timeline: list[TimelineEntry]
    qualifications: list[Any]
    occupations: list[Occupation]
    consents: list[Consent] = field(default_factory=list)
    referrals: list[Referral] = field(default_factory=list)
    notes: list[CaseNote] = field(default_factory=list)
    tasks: list[FollowUpTask] = field(default_factory=list)
    access_log: list[Any] = field(default_factory=list)


def timeline_for(access: ParticipantAccess, *, at: datetime | None = None) -> list[TimelineEntry]:
    """Milestones the viewer may see: the whole path for the participant; for a project,
    its own and those of projects inside the consent circle."""
    at = at or timezone.now()
    participant = access.participant
    milestones = (
        Milestone.objects.filter(participant=participant)
        .select_related("milestone_type", "organisation")
        .order_by("occurred_on", "id")
    )
    if access.mode == SELF:
        return [TimelineEntry(m, True) for m in milestones]
    if access.mode == PARTNER and "pathway" not in access.fields:
        milestones = milestones.filter(organisation_id=access.organisation_id or 0)
    else:
        circle = policy.pathway_circle(participant, access.referrals, access.consents, at=at)
        orgs = policy.visible_milestone_orgs(access.organisation_id, circle)
        if orgs is not None:
            milestones = milestones.filter(organisation_id__in=orgs)
    return [TimelineEntry(m, m.organisation_id == access.organisation_id) for m in milestones]


def participant_detail(*, access: ParticipantAccess) -> ParticipantDetail:
    participant = access.participant
    show = access.shows
    detail = ParticipantDetail(
        access=access,
        timeline=timeline_for(access) if show("pathway") or access.mode != PARTNER else [],
        qualifications=(
            list(participant.qualifications.select_related("occupation"))
            if show("qualifications")
            else []
        ),
        occupations=(
            list(participant.desired_occupations.all()) if show("desired_occupations") else []
        ),
    )
    if access.mode == PARTNER:
        detail.timeline = timeline_for(access)
        return detail
    detail.consents = list(
        Consent.objects.filter(participant=participant).select_related(
            "recipient", "witnessed_by", "recorded_by"
        )
    )
    if access.mode == OWNER:
        detail.referrals = list(
            Referral.objects.filter(participant=participant).select_related(
                "to_organisation", "sent_by"
            )
        )
        detail.notes = list(
            CaseNote.objects.filter(
                participant=participant, organisation_id=participant.organisation_id
            ).select_related("author")
        )
        detail.tasks = list(
            FollowUpTask.objects.filter(
                participant=participant, organisation_id=participant.organisation_id
            ).select_related("assignee")
        )
        detail.access_log = list(
            access_log_for_object(
                object_type=Participant._meta.label_lower, object_id=participant.pk
            )[:50]
        )
    return detail


def access_consent(*, access: ParticipantAccess, consent_id: int) -> Consent:
    consent = next((c for c in access.consents if c.pk == consent_id), None)
    if consent is None or access.mode == PARTNER:
        raise Http404
    return consent


def access_milestone(*, access: ParticipantAccess, milestone_id: int) -> Milestone:
    visible = {e.milestone.pk: e.milestone for e in timeline_for(access)}
    milestone = visible.get(milestone_id)
    if milestone is None:
        raise Http404
    return milestone


def access_task(*, actor: Any, task_id: int) -> FollowUpTask:
    task = (
        FollowUpTask.objects.select_related("participant")
        .filter(pk=task_id, organisation_id__in=policy.case_organisation_ids(actor))
        .exclude(participant__status=ParticipantStatus.ERASED)
        .first()
    )
    if task is None:
        raise Http404
    access_log_record(
        actor=actor, obj=task.participant, purpose="tasks", organisation_id=task.organisation_id
    )
    return task


def milestone_types_for(*, participant: Participant) -> QuerySet[MilestoneType]:
    """Built-in types and those of the networks the owning project belongs to."""
    network_ids = list(
        Membership.objects.filter(organisation_id=participant.organisation_id).values_list(
            "network_id", flat=True
        )
    )
    return MilestoneType.objects.filter(Q(network__isnull=True) | Q(network_id__in=network_ids))


# --- Referrals ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReferralAccess:
    referral: Referral
    is_sender: bool
    is_receiver: bool
    is_approver: bool
    can_decide: bool
    can_withdraw: bool
    # What the receiver sees once accepted (None before acceptance or for others)
    fields: frozenset[str] | None


def _from_network_ids(referral: Referral) -> list[int]:
    return list(
        Membership.objects.filter(organisation_id=referral.from_organisation_id).values_list(
            "network_id", flat=True
        )
    )


def access_referral_by_id(*, actor: Any, referral_id: int, purpose: str = "view") -> ReferralAccess:
    referral = (
        Referral.objects.select_related(
            "participant", "from_organisation", "to_organisation", "sent_by", "decided_by"
        )
        .filter(pk=referral_id)
        .exclude(participant__status=ParticipantStatus.ERASED)
        .first()
    )
    if referral is None:
        raise Http404
    mine = policy.case_organisation_ids(actor)
    is_sender = referral.from_organisation_id in mine
    is_receiver = referral.to_organisation_id in mine and referral.status in (
        ReferralStatus.SENT,
        ReferralStatus.ACCEPTED,
        ReferralStatus.DECLINED,
    )
    is_approver = policy.can_review_overrides(actor) and policy.can_approve_override(
        actor, referral, _from_network_ids(referral)
    )
    if not (is_sender or is_receiver or is_approver):
        raise Http404
    fields = None
    if is_receiver and referral.status == ReferralStatus.ACCEPTED:
        consents = list(Consent.objects.filter(participant_id=referral.participant_id))
        fields = policy.referral_fields(referral, consents, at=timezone.now())
    if purpose == "decide" and not policy.can_decide_referral(actor, referral):
        raise Http404
    if purpose == "approve" and not is_approver:
        raise Http404
    if purpose == "withdraw" and not policy.can_withdraw_referral(actor, referral):
        raise Http404
    access_log_record(
        actor=actor,
        obj=referral.participant,
        purpose=f"referral_{purpose}",
        organisation_id=(
            referral.from_organisation_id
            if is_sender
            else referral.to_organisation_id
            if is_receiver
            else None
        ),
    )
    return ReferralAccess(
        referral,
        is_sender,
        is_receiver,
        is_approver,
        policy.can_decide_referral(actor, referral),
        policy.can_withdraw_referral(actor, referral),
        fields,
    )


def referral_list_for(*, actor: Any) -> QuerySet[Referral]:
    """Referrals sent by or to the actor's projects (pseudonymous codes only)."""
    mine = policy.case_organisation_ids(actor)
    return (
        Referral.objects.filter(Q(from_organisation_id__in=mine) | Q(to_organisation_id__in=mine))
        .exclude(participant__status=ParticipantStatus.ERASED)
        .exclude(
            Q(to_organisation_id__in=mine)
            & ~Q(from_organisation_id__in=mine)
            & Q(status__in=[ReferralStatus.AWAITING_APPROVAL, ReferralStatus.REJECTED])
        )
        .select_related("participant", "from_organisation", "to_organisation")
    )


def override_requests_for(*, actor: Any) -> QuerySet[Referral]:
    """Overrides waiting for a coordinator of the sending project's networks."""
    coordinated = actor_for(actor).coordinated_network_ids
    if not coordinated:
        return Referral.objects.none()
    return (
        Referral.objects.filter(
            status=ReferralStatus.AWAITING_APPROVAL,
            from_organisation__memberships__network_id__in=list(coordinated),
        )
        .exclude(sent_by_id=actor.pk)
        .select_related("participant", "from_organisation", "to_organisation", "sent_by")
        .distinct()
    )


def pending_referrals_for(*, actor: Any) -> list[Referral]:
    mine = policy.case_organisation_ids(actor)
    return list(
        Referral.objects.filter(to_organisation_id__in=mine, status=ReferralStatus.SENT)
        .select_related("participant", "from_organisation")
        .order_by("created_at")[:10]
    )


def open_tasks_for(*, actor: Any) -> list[FollowUpTask]:
    mine = policy.case_organisation_ids(actor)
    return list(
        FollowUpTask.objects.filter(
            organisation_id__in=mine, done_at__isnull=True, assignee_id=actor.pk
        )
        .exclude(participant__status=ParticipantStatus.ERASED)
        .select_related("participant")
        .order_by("due_on")[:10]
    )


def occupation_search(*, q: str, limit: int = 20) -> list[Occupation]:
    """Five-digit KldB occupations by title words or code prefix (core's search)."""
    from wegweiser.core.selectors import occupation_search as core_search

    return core_search(query=q[:100], limit=limit)


# --- Right of access ------------------------------------------------------------------------


def _iso(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def participant_export(*, access: ParticipantAccess) -> dict[str, Any]:
    """Everything held about the participant, machine-readable (right of access, Art. 15)."""
    from wegweiser.participants.constants import KLDB_SOURCE
    from wegweiser.participants.models import Qualification

    p = access.participant
    record = {
        name: _iso(getattr(p, name))
        for name in (
            "code",
            "status",
            "enrolled_on",
            "left_on",
            "leave_reason",
            *RECORD_FIELDS,
            "created_at",
            "updated_at",
        )
    }
    record["organisation"] = p.organisation.name
    record["portal_account"] = p.portal_user.email if p.portal_user else None
    return {
        "format": "wegweiser.participant-export.v1",
        "exported_at": timezone.now().isoformat(),
        "sources": [KLDB_SOURCE],
        "participant": record,
        "desired_occupations": [
            {"code": o.code, "title": o.title} for o in p.desired_occupations.all()
        ],
        "qualifications": [
            {
                "title": q.title,
                "country": q.country,
                "occupation": q.occupation_id,
                "recognition_status": q.recognition_status,
                "recognition_decided_on": _iso(q.recognition_decided_on),
            }
            for q in Qualification.objects.filter(participant=p)
        ],
        "consents": [
            {
                "id": c.pk,
                "purpose": c.purpose,
                "recipient": c.recipient.name if c.recipient else None,
                "scope": c.scope,
                "valid_from": _iso(c.valid_from),
                "valid_until": _iso(c.valid_until),
                "method": c.method,
                "witnessed_by": c.witnessed_by.display_name if c.witnessed_by else None,
                "has_signed_form": bool(c.form_file),
                "status": c.status,
                "state": c.state,
                "withdrawn_at": _iso(c.withdrawn_at),
            }
            for c in Consent.objects.filter(participant=p).select_related(
                "recipient", "witnessed_by"
            )
        ],
        "milestones": [
            {
                "type": m.milestone_type.key,
                "label": m.milestone_type.label,
                "organisation": m.organisation.name,
                "occurred_on": _iso(m.occurred_on),
                "note": m.note,
                "leave_reason": m.leave_reason,
                "has_evidence": bool(m.evidence),
            }
            for m in Milestone.objects.filter(participant=p).select_related(
                "milestone_type", "organisation"
            )
        ],
        "referrals": [
            {
                "from": r.from_organisation.name,
                "to": r.to_organisation.name,
                "passed_on": r.field_groups,
                "summary": r.summary,
                "status": r.status,
                "override_reason": r.override_reason,
                "decline_reason": r.decline_reason,
                "created_at": _iso(r.created_at),
                "decided_at": _iso(r.decided_at),
            }
            for r in Referral.objects.filter(participant=p).select_related(
                "from_organisation", "to_organisation"
            )
        ],
        "case_notes": [
            {
                "organisation": n.organisation.name,
                "author": n.author.display_name if n.author else None,
                "created_at": _iso(n.created_at),
                "body": n.body,
            }
            for n in CaseNote.objects.filter(participant=p).select_related("organisation", "author")
        ],
        "follow_up_tasks": [
            {"title": t.title, "due_on": _iso(t.due_on), "done_at": _iso(t.done_at), "kind": t.kind}
            for t in FollowUpTask.objects.filter(participant=p)
        ],
        "access_log": [
            {
                "time": _iso(e.created_at),
                "who": e.actor.display_name if e.actor else None,
                "purpose": e.purpose,
            }
            for e in access_log_for_object(
                object_type=Participant._meta.label_lower, object_id=p.pk
            )
        ],
    }


def portal_access_for(*, actor: Any) -> ParticipantAccess:
    """The signed-in participant's own record (portal), else 404."""
    participant_id = (
        Participant.objects.filter(portal_user_id=getattr(actor, "pk", None))
        .exclude(status=ParticipantStatus.ERASED)
        .values_list("pk", flat=True)
        .first()
    )
    if participant_id is None or not getattr(actor, "is_authenticated", False):
        raise Http404
    return access_participant_by_id(actor=actor, participant_id=participant_id, purpose="portal")


# --- The applicant exchange (read by matching) ----------------------------------------------


def candidate_handle(participant_id: int, organisation_id: int) -> str:
    """A stable pseudonym of a participant towards one employer (not the record's code, so two
    employers cannot link what they saw)."""
    from django.utils.crypto import salted_hmac

    digest = salted_hmac(
        "wegweiser.participants.candidate-handle",
        f"{participant_id}:{organisation_id}",
        algorithm="sha256",
    ).hexdigest()
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    number = int(digest[:20], 16)
    chars = []
    for _ in range(8):
        number, index = divmod(number, len(alphabet))
        chars.append(alphabet[index])
    return f"K-{''.join(chars[:4])}-{''.join(chars[4:])}"


@dataclass(frozen=True)
class CandidateProfile:
    """A participant as one employer may see them. `values` holds only `fields`."""

    participant_id: int
    handle: str
    fields: frozenset[str]
    values: dict[str, Any]
    occupations: tuple[Occupation, ...]
    contact_agreed: bool

    def shows(self, name: str) -> bool:
        return name in self.fields

    @property
    def work_permission_label(self) -> str:
        from wegweiser.participants.constants import WorkPermission

        value = self.values.get("work_permission", "")
        return str(WorkPermission(value).label) if value in WorkPermission.values else ""

    @property
    def availability_label(self) -> str:
        from wegweiser.participants.constants import Availability

        value = self.values.get("availability", "")
        return str(Availability(value).label) if value in Availability.values else ""

    @property
    def name(self) -> str:
        if not self.contact_agreed:
            return ""
        return f"{self.values.get('first_name', '')} {self.values.get('last_name', '')}".strip()


_PROFILE_VALUE_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "phone",
    "languages",
    "german_level",
    "german_certificate",
    "german_certificate_on",
    "country_of_origin",
    "residence_status",
    "residence_valid_until",
    "work_permission",
    "plz",
    "travel_radius_km",
    "driving_licences",
    "availability",
)


def employer_candidate_profiles(
    *,
    actor: Any,
    organisation_id: int,
    contact_agreed_ids: frozenset[int] = frozenset(),
    participant_ids: frozenset[int] | None = None,
    at: datetime | None = None,
) -> list[CandidateProfile]:
    """Candidate profiles for an employer organisation: participants of the networks the actor
    sees whose consent to show their profile to employers is valid now, each with only the
    consented fields (no identity, no contact unless the participant agreed to a contact with
    this employer: `contact_agreed_ids`). Empty for anyone who is not the employer's contact or
    admin. Four queries whatever the number; one access-log row per profile."""
    at = at or timezone.now()
    if not policy.can_view_candidate_profiles(actor, organisation_id):
        return []
    networks = actor_for(actor).visible_network_ids
    participants = (
        participants_with_valid_consent(ConsentPurpose.EMPLOYER_PROFILE, at=at)
        .filter(organisation__memberships__network_id__in=list(networks))
        .prefetch_related(
            Prefetch(
                "consents",
                queryset=Consent.objects.filter(purpose=ConsentPurpose.EMPLOYER_PROFILE),
            ),
            "desired_occupations",
        )
        .order_by("pk")
    )
    if participant_ids is not None:
        participants = participants.filter(pk__in=list(participant_ids))
    profiles: list[CandidateProfile] = []
    shown: list[Participant] = []
    for participant in participants:
        consented = policy.consent_fields(
            participant.consents.all(),
            purpose=ConsentPurpose.EMPLOYER_PROFILE,
            organisation_id=organisation_id,
            at=at,
        )
        if not consented:
            continue
        agreed = participant.pk in contact_agreed_ids
        fields = policy.employer_profile_fields(consented, contact_agreed=agreed)
        profiles.append(
            CandidateProfile(
                participant_id=participant.pk,
                handle=candidate_handle(participant.pk, organisation_id),
                fields=fields,
                values={
                    name: getattr(participant, name)
                    for name in _PROFILE_VALUE_FIELDS
                    if name in fields
                },
                occupations=(
                    tuple(participant.desired_occupations.all())
                    if "desired_occupations" in fields
                    else ()
                ),
                contact_agreed=agreed,
            )
        )
        shown.append(participant)
    if shown:
        access_log_record_many(actor=actor, objs=shown, purpose="employer_profile")
    return profiles


def notification_address(*, participant_id: int) -> tuple[str, str] | None:
    """(e-mail, language) to tell a participant about a suggestion, or None. Logged."""
    participant = (
        Participant.objects.select_related("portal_user")
        .filter(pk=participant_id, status=ParticipantStatus.ACTIVE)
        .first()
    )
    if participant is None or not participant.email:
        return None
    language = participant.portal_user.preferred_language if participant.portal_user else ""
    if not language:
        offered = {code for code, _name in settings.LANGUAGES}
        spoken = [code for code in participant.languages or [] if code in offered]
        language = spoken[0] if spoken else "de"
    access_log_record(
        actor=None, obj=participant, purpose="notify", organisation_id=participant.organisation_id
    )
    return participant.email, language


def milestone_type_by_key(key: str) -> MilestoneType | None:
    return MilestoneType.objects.filter(key=key).first()


# --- Aggregates across a network ------------------------------------------------------------


def milestones_in_networks(network_ids: Collection[int]) -> QuerySet[Milestone]:
    """Milestones of participants enrolled by (former) member organisations of the networks.

    For counting only: callers aggregate ids, types and dates and never read a person's
    fields, so no access is logged. One definition for the newsletter, the status report and
    the dashboards, so their numbers agree."""
    members = (
        Membership.objects.filter(network_id__in=network_ids)
        .exclude(status=MembershipStatus.PROSPECT)
        .values("organisation_id")
    )
    return Milestone.objects.filter(participant__organisation_id__in=members)

"""Writes of the network app: one transaction, one audit entry, tasks after commit."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wegweiser.accounts.exceptions import AccountError
from wegweiser.accounts.models import User
from wegweiser.accounts.services import user_create
from wegweiser.core.dates import add_months
from wegweiser.core.services import audit_entry_create, changed_field_names
from wegweiser.network import policy, rotation, selectors
from wegweiser.network.constants import (
    AMBASSADOR_TERM_MONTHS,
    MEMBERSHIP_TRANSITIONS,
    SLOT_REMINDER_DAYS,
    MembershipStatus,
    RoleKind,
    SlotStatus,
    SponsorshipStatus,
)
from wegweiser.network.exceptions import InvitationInvalid, NetworkError
from wegweiser.network.images import image_validate
from wegweiser.network.models import (
    AmbassadorNews,
    AmbassadorTerm,
    Invitation,
    MemberProject,
    Membership,
    Network,
    Organisation,
    Role,
    SocialMediaSlot,
    Sponsorship,
)
from wegweiser.network.tasks import invitation_send, slot_reminder_send

ORGANISATION_EDITABLE_FIELDS = (
    "name",
    "org_type",
    "size_band",
    "sector",
    "street",
    "plz",
    "city",
    "bundesland",
    "district",
    "website",
    "email",
    "phone",
    "description",
    "public_listing",
)
_INVITATION_SALT = "wegweiser.invitation"


def _primary_network_id(organisation: Organisation) -> int | None:
    membership = organisation.memberships.order_by("pk").first()
    return membership.network_id if membership else None


def _unique_slug(model: type[Organisation] | type[Network], base: str) -> str:
    root = slugify(base)[:70] or "org"
    slug, n = root, 2
    while model.objects.filter(slug=slug).exists():
        slug = f"{root}-{n}"
        n += 1
    return slug


def network_create(
    *,
    actor: User | None,
    name: str,
    kind: str,
    parent: Network | None = None,
    bundesland: str = "",
    office: Organisation | None = None,
    slug: str = "",
) -> Network:
    with transaction.atomic():
        network = Network.objects.create(
            name=name,
            slug=slug or _unique_slug(Network, name),
            kind=kind,
            parent=parent,
            bundesland=bundesland,
            office=office,
        )
        audit_entry_create(
            actor=actor,
            action="network.create",
            obj=network,
            changed_fields=["name", "kind", "parent", "office"],
            network_id=network.pk,
        )
    return network


def organisation_create(
    *,
    actor: User | None,
    network: Network,
    data: dict[str, Any],
    status: str = MembershipStatus.MEMBER,
    joined_on: Any = None,
) -> Organisation:
    """Create an organisation as a member (or prospect) of a network."""
    fields = {k: v for k, v in data.items() if k in ORGANISATION_EDITABLE_FIELDS}
    with transaction.atomic():
        organisation = Organisation(
            slug=data.get("slug") or _unique_slug(Organisation, fields["name"]), **fields
        )
        organisation.full_clean()
        organisation.save()
        Membership.objects.create(
            organisation=organisation,
            network=network,
            status=status,
            joined_on=joined_on
            or (timezone.localdate() if status == MembershipStatus.MEMBER else None),
        )
        audit_entry_create(
            actor=actor,
            action="organisation.create",
            obj=organisation,
            changed_fields=fields.keys(),
            network_id=network.pk,
            organisation_id=organisation.pk,
        )
    return organisation


def organisation_update(
    *, actor: User, organisation: Organisation, data: dict[str, Any]
) -> Organisation:
    fields = {k: v for k, v in data.items() if k in ORGANISATION_EDITABLE_FIELDS}
    changed = changed_field_names(organisation, fields)
    if not changed:
        return organisation
    with transaction.atomic():
        for name in changed:
            setattr(organisation, name, fields[name])
        organisation.full_clean()
        organisation.save(update_fields=[*changed, "updated_at"])
        audit_entry_create(
            actor=actor,
            action="organisation.update",
            obj=organisation,
            changed_fields=changed,
            network_id=_primary_network_id(organisation),
            organisation_id=organisation.pk,
        )
    return organisation


def role_grant(*, actor: User | None, user: User, organisation: Organisation, kind: str) -> Role:
    if kind not in RoleKind.values:
        raise NetworkError("unknown role")
    with transaction.atomic():
        role, created = Role.objects.get_or_create(user=user, organisation=organisation, kind=kind)
        if created:
            audit_entry_create(
                actor=actor,
                action="role.grant",
                obj=role,
                changed_fields=["user", "organisation", "kind"],
                network_id=_primary_network_id(organisation),
                organisation_id=organisation.pk,
            )
    policy.forget_actor(user)
    return role


def role_revoke(*, actor: User, role: Role) -> None:
    with transaction.atomic():
        organisation = role.organisation
        if (
            role.kind == RoleKind.ORG_ADMIN
            and not Role.objects.filter(organisation=organisation, kind=RoleKind.ORG_ADMIN)
            .exclude(pk=role.pk)
            .exists()
            and not policy.actor_for(actor).is_coordinator
        ):
            raise NetworkError("last admin")
        audit_entry_create(
            actor=actor,
            action="role.revoke",
            obj=role,
            changed_fields=["user", "organisation", "kind"],
            network_id=_primary_network_id(organisation),
            organisation_id=organisation.pk,
        )
        role.delete()
    policy.forget_actor(role.user)


# --- Invitations -----------------------------------------------------------------------------


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps([invitation.pk, invitation.nonce], salt=_INVITATION_SALT, compress=True)


def invitation_create(
    *, actor: User, organisation: Organisation, email: str, role: str, language: str = ""
) -> Invitation:
    """Invite a person by e-mail; the e-mail is sent by a task once the invitation is saved."""
    email = email.strip().lower()
    with transaction.atomic():
        # A new invitation for the same address and role replaces the open one.
        Invitation.objects.filter(
            organisation=organisation,
            email=email,
            role=role,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
        ).update(revoked_at=timezone.now())
        invitation = Invitation.objects.create(
            email=email,
            organisation=organisation,
            role=role,
            invited_by=actor,
            language=language or actor.preferred_language,
            expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
        )
        audit_entry_create(
            actor=actor,
            action="invitation.create",
            obj=invitation,
            changed_fields=["email", "role", "organisation"],
            network_id=_primary_network_id(organisation),
            organisation_id=organisation.pk,
        )
        transaction.on_commit(partial(invitation_send.enqueue, invitation_id=invitation.pk))
    return invitation


def invitation_revoke(*, actor: User, invitation: Invitation) -> Invitation:
    with transaction.atomic():
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at", "updated_at"])
        audit_entry_create(
            actor=actor,
            action="invitation.revoke",
            obj=invitation,
            changed_fields=["revoked_at"],
            network_id=_primary_network_id(invitation.organisation),
            organisation_id=invitation.organisation_id,
        )
    return invitation


def invitation_from_token(token: str) -> Invitation:
    """The open invitation a link points to. Raises InvitationInvalid otherwise."""
    max_age = timedelta(days=settings.INVITATION_VALID_DAYS)
    try:
        pk, nonce = signing.loads(token, salt=_INVITATION_SALT, max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise InvitationInvalid from error
    invitation = (
        Invitation.objects.select_related("organisation").filter(pk=pk, nonce=nonce).first()
    )
    if invitation is None or not invitation.is_open:
        raise InvitationInvalid
    return invitation


def invitation_accept(
    *,
    invitation: Invitation,
    user: User | None = None,
    password: str = "",
    first_name: str = "",
    last_name: str = "",
) -> User:
    """Accept an invitation: as the signed-in user, or by creating an account with a password.

    The invitation link proves the address, so a new account's e-mail counts as verified.
    """
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not locked.is_open:
            raise InvitationInvalid
        if user is None:
            try:
                user = user_create(
                    actor=None,
                    email=locked.email,
                    password=password,
                    first_name=first_name,
                    last_name=last_name,
                    language=locked.language,
                    email_verified=True,
                )
            except AccountError as error:
                raise InvitationInvalid from error
        elif user.email.lower() != locked.email:
            raise InvitationInvalid
        role_grant(
            actor=locked.invited_by, user=user, organisation=locked.organisation, kind=locked.role
        )
        locked.accepted_at = timezone.now()
        locked.accepted_by = user
        locked.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
        audit_entry_create(
            actor=user,
            action="invitation.accept",
            obj=locked,
            changed_fields=["accepted_at", "accepted_by"],
            network_id=_primary_network_id(locked.organisation),
            organisation_id=locked.organisation_id,
        )
    return user


# --- Memberships ----------------------------------------------------------------------------


def membership_create(
    *,
    actor: User | None,
    organisation: Organisation,
    network: Network,
    status: str = MembershipStatus.MEMBER,
    joined_on: date | None = None,
) -> Membership:
    """Add an organisation to a network as a prospect or member."""
    if status not in (MembershipStatus.PROSPECT, MembershipStatus.MEMBER):
        raise NetworkError(_("A new membership starts as prospect or member."), field="status")
    with transaction.atomic():
        if Membership.objects.filter(organisation=organisation, network=network).exists():
            raise NetworkError(
                _("The organisation already belongs to this network."), field="network"
            )
        membership = Membership.objects.create(
            organisation=organisation,
            network=network,
            status=status,
            joined_on=(joined_on or timezone.localdate())
            if status == MembershipStatus.MEMBER
            else None,
        )
        audit_entry_create(
            actor=actor,
            action="membership.create",
            obj=membership,
            changed_fields=["organisation", "network", "status", "joined_on"],
            network_id=network.pk,
            organisation_id=organisation.pk,
            reason=f"→ {status}",
        )
    return membership


def membership_change_status(
    *, actor: User | None, membership: Membership, status: str, on: date | None = None
) -> Membership:
    """Move a membership along prospect → member ⇄ paused (and back in after leaving).

    The history is the audit trail: each change writes the old and new status as its reason.
    """
    on = on or timezone.localdate()
    with transaction.atomic():
        locked = Membership.objects.select_for_update().get(pk=membership.pk)
        old = locked.status
        if status not in MEMBERSHIP_TRANSITIONS.get(old, frozenset()):
            raise NetworkError(
                _("A membership cannot change from “%(old)s” to “%(new)s”.")
                % {
                    "old": MembershipStatus(old).label,
                    "new": MembershipStatus(status).label
                    if status in MembershipStatus.values
                    else status,
                },
                field="status",
            )
        changed = ["status"]
        if status == MembershipStatus.MEMBER and old in (
            MembershipStatus.PROSPECT,
            MembershipStatus.LEFT,
        ):
            locked.joined_on, locked.left_on = on, None
            changed += ["joined_on", "left_on"]
        if status == MembershipStatus.PROSPECT:
            locked.joined_on, locked.left_on = None, None
            changed += ["joined_on", "left_on"]
        locked.status = status
        locked.save(update_fields=[*changed, "updated_at"])
        audit_entry_create(
            actor=actor,
            action="membership.change_status",
            obj=locked,
            changed_fields=changed,
            network_id=locked.network_id,
            organisation_id=locked.organisation_id,
            reason=f"{old} → {status}",
        )
    return locked


def membership_leave(
    *, actor: User | None, membership: Membership, on: date | None = None
) -> Membership:
    """End a membership. The organisation's ambassador terms in the network end with it."""
    on = on or timezone.localdate()
    with transaction.atomic():
        locked = Membership.objects.select_for_update().get(pk=membership.pk)
        if locked.status == MembershipStatus.LEFT:
            raise NetworkError(_("The organisation has already left."), field="status")
        if locked.joined_on and on < locked.joined_on:
            raise NetworkError(_("The leaving date cannot be before the joining date."), field="on")
        old = locked.status
        locked.status, locked.left_on = MembershipStatus.LEFT, on
        locked.save(update_fields=["status", "left_on", "updated_at"])
        ended_terms = _terms_end_with_membership(locked, on)
        audit_entry_create(
            actor=actor,
            action="membership.leave",
            obj=locked,
            changed_fields=["status", "left_on"],
            network_id=locked.network_id,
            organisation_id=locked.organisation_id,
            reason=f"{old} → {MembershipStatus.LEFT}"
            + (f"; ambassador terms ended: {ended_terms}" if ended_terms else ""),
        )
    return locked


def _terms_end_with_membership(membership: Membership, on: date) -> int:
    terms = AmbassadorTerm.objects.filter(
        organisation_id=membership.organisation_id,
        network_id=membership.network_id,
        ends_on__gt=on,
    )
    count = 0
    for term in terms:
        new_end = max(on, term.starts_on)
        term.ends_on = new_end
        term.save(update_fields=["ends_on", "updated_at"])
        _slots_replan_after_term_change(term)
        count += 1
    return count


# --- Member projects and sponsorships -------------------------------------------------------

PROJECT_FIELDS = ("title", "summary", "status", "starts_on", "ends_on")
SPONSORSHIP_FIELDS = (
    "kind",
    "description",
    "places",
    "places_filled",
    "starts_on",
    "ends_on",
    "status",
)


def _member_network(organisation: Organisation, network: Network) -> None:
    if not Membership.objects.filter(
        organisation=organisation,
        network=network,
        status__in=(MembershipStatus.MEMBER, MembershipStatus.PAUSED),
    ).exists():
        raise NetworkError(_("The organisation is not a member of this network."), field="network")


def _check_period(starts_on: date | None, ends_on: date | None) -> None:
    if starts_on and ends_on and ends_on < starts_on:
        raise NetworkError(_("The end cannot be before the start."), field="ends_on")


def project_create(
    *, actor: User | None, organisation: Organisation, network: Network, data: dict[str, Any]
) -> MemberProject:
    fields = {k: v for k, v in data.items() if k in PROJECT_FIELDS}
    _check_period(fields.get("starts_on"), fields.get("ends_on"))
    with transaction.atomic():
        _member_network(organisation, network)
        project = MemberProject(organisation=organisation, network=network, **fields)
        project.full_clean()
        project.save()
        audit_entry_create(
            actor=actor,
            action="project.create",
            obj=project,
            changed_fields=fields.keys(),
            network_id=network.pk,
            organisation_id=organisation.pk,
        )
    return project


def project_update(
    *, actor: User | None, project: MemberProject, data: dict[str, Any]
) -> MemberProject:
    fields = {k: v for k, v in data.items() if k in PROJECT_FIELDS}
    changed = changed_field_names(project, fields)
    if not changed:
        return project
    _check_period(
        fields.get("starts_on", project.starts_on), fields.get("ends_on", project.ends_on)
    )
    with transaction.atomic():
        for name in changed:
            setattr(project, name, fields[name])
        project.full_clean()
        project.save(update_fields=[*changed, "updated_at"])
        audit_entry_create(
            actor=actor,
            action="project.update",
            obj=project,
            changed_fields=changed,
            network_id=project.network_id,
            organisation_id=project.organisation_id,
        )
    return project


def _check_sponsorship(fields: dict[str, Any], current: Sponsorship | None = None) -> None:
    def value(name: str) -> Any:
        return fields.get(name, getattr(current, name, None))

    _check_period(value("starts_on"), value("ends_on"))
    places = fields.get("places", current.places if current else 1) or 0
    filled = value("places_filled") or 0
    if places < 1:
        raise NetworkError(_("Promise at least one place or person."), field="places")
    if filled > places:
        raise NetworkError(_("More cannot be fulfilled than was promised."), field="places_filled")
    if value("status") == SponsorshipStatus.FULFILLED and filled < places:
        raise NetworkError(
            _("A sponsorship is fulfilled only when everything promised is delivered."),
            field="status",
        )


def sponsorship_create(
    *, actor: User | None, organisation: Organisation, network: Network, data: dict[str, Any]
) -> Sponsorship:
    fields = {k: v for k, v in data.items() if k in SPONSORSHIP_FIELDS}
    _check_sponsorship(fields)
    with transaction.atomic():
        _member_network(organisation, network)
        sponsorship = Sponsorship(organisation=organisation, network=network, **fields)
        sponsorship.full_clean()
        sponsorship.save()
        audit_entry_create(
            actor=actor,
            action="sponsorship.create",
            obj=sponsorship,
            changed_fields=fields.keys(),
            network_id=network.pk,
            organisation_id=organisation.pk,
        )
    return sponsorship


def sponsorship_update(
    *, actor: User | None, sponsorship: Sponsorship, data: dict[str, Any]
) -> Sponsorship:
    """Change a sponsorship, including its fulfilment (places filled, status)."""
    fields = {k: v for k, v in data.items() if k in SPONSORSHIP_FIELDS}
    changed = changed_field_names(sponsorship, fields)
    if not changed:
        return sponsorship
    _check_sponsorship(fields, sponsorship)
    with transaction.atomic():
        for name in changed:
            setattr(sponsorship, name, fields[name])
        sponsorship.full_clean()
        sponsorship.save(update_fields=[*changed, "updated_at"])
        audit_entry_create(
            actor=actor,
            action="sponsorship.update",
            obj=sponsorship,
            changed_fields=changed,
            network_id=sponsorship.network_id,
            organisation_id=sponsorship.organisation_id,
        )
    return sponsorship


# --- Ambassadors ----------------------------------------------------------------------------


def _tree_of(network: Network) -> set[int]:
    """The network and every network inside it."""
    return selectors.network_tree_ids({network.pk})


def default_term_end(starts_on: date) -> date:
    return add_months(starts_on, AMBASSADOR_TERM_MONTHS) - timedelta(days=1)


def _check_no_overlapping_term(
    organisation: Organisation,
    network: Network,
    starts_on: date,
    ends_on: date,
    exclude: Iterable[int] = (),
) -> None:
    if (
        AmbassadorTerm.objects.filter(
            organisation=organisation,
            network=network,
            starts_on__lte=ends_on,
            ends_on__gte=starts_on,
        )
        .exclude(pk__in=list(exclude))
        .exists()
    ):
        raise NetworkError(
            _("The organisation already has an ambassador term in this period."),
            field="starts_on",
        )


def ambassador_appoint(
    *,
    actor: User | None,
    organisation: Organisation,
    network: Network,
    region: str,
    topics: str = "",
    starts_on: date,
    ends_on: date | None = None,
    predecessor: AmbassadorTerm | None = None,
    handover_notes: str = "",
) -> AmbassadorTerm:
    """Appoint a member as regional ambassador for a term (8 months unless said otherwise)."""
    ends_on = ends_on or default_term_end(starts_on)
    if ends_on < starts_on:
        raise NetworkError(_("The term cannot end before it starts."), field="ends_on")
    if not region.strip():
        raise NetworkError(_("Name the region of the ambassador."), field="region")
    with transaction.atomic():
        if not Membership.objects.filter(
            organisation=organisation,
            network_id__in=_tree_of(network),
            status=MembershipStatus.MEMBER,
        ).exists():
            raise NetworkError(
                _("Only a current member of the network can be appointed."),
                field="organisation",
            )
        _check_no_overlapping_term(organisation, network, starts_on, ends_on)
        term = AmbassadorTerm.objects.create(
            organisation=organisation,
            network=network,
            region=region.strip(),
            topics=topics.strip(),
            starts_on=starts_on,
            ends_on=ends_on,
            predecessor=predecessor,
            handover_notes=handover_notes,
            appointed_by=actor,
        )
        audit_entry_create(
            actor=actor,
            action="ambassador.appoint",
            obj=term,
            changed_fields=["organisation", "network", "region", "topics", "starts_on", "ends_on"]
            + (["predecessor", "handover_notes"] if predecessor else []),
            network_id=network.pk,
            organisation_id=organisation.pk,
        )
    return term


def ambassador_term_extend(
    *, actor: User | None, term: AmbassadorTerm, until: date
) -> AmbassadorTerm:
    """Lengthen a current or coming term; it may not run into its successor's."""
    with transaction.atomic():
        locked = AmbassadorTerm.objects.select_for_update().get(pk=term.pk)
        if locked.ends_on < timezone.localdate():
            raise NetworkError(_("A term that is over cannot be extended."), field="until")
        if until <= locked.ends_on:
            raise NetworkError(_("The new end must be later than the current end."), field="until")
        successor = AmbassadorTerm.objects.filter(predecessor=locked).first()
        if successor is not None and until >= successor.starts_on:
            raise NetworkError(_("The term would run into the successor's term."), field="until")
        _check_no_overlapping_term(
            locked.organisation, locked.network, locked.starts_on, until, exclude=[locked.pk]
        )
        locked.ends_on = until
        locked.save(update_fields=["ends_on", "updated_at"])
        audit_entry_create(
            actor=actor,
            action="ambassador.extend",
            obj=locked,
            changed_fields=["ends_on"],
            network_id=locked.network_id,
            organisation_id=locked.organisation_id,
        )
    return locked


def ambassador_term_end(
    *, actor: User | None, term: AmbassadorTerm, on: date | None = None
) -> AmbassadorTerm:
    """End a term early (on `on`, today by default); its later slots go to others."""
    on = on or timezone.localdate()
    with transaction.atomic():
        locked = AmbassadorTerm.objects.select_for_update().get(pk=term.pk)
        if not locked.starts_on <= on < locked.ends_on:
            raise NetworkError(
                _("Choose a day within the term, before its planned end."), field="on"
            )
        locked.ends_on = on
        locked.save(update_fields=["ends_on", "updated_at"])
        _slots_replan_after_term_change(locked)
        audit_entry_create(
            actor=actor,
            action="ambassador.end",
            obj=locked,
            changed_fields=["ends_on"],
            network_id=locked.network_id,
            organisation_id=locked.organisation_id,
        )
    return locked


def ambassador_handover(
    *,
    actor: User | None,
    term: AmbassadorTerm,
    successor: Organisation,
    starts_on: date,
    notes: str = "",
    ends_on: date | None = None,
    topics: str | None = None,
) -> AmbassadorTerm:
    """Hand a term over to a successor (Staffelstabübergabe) with notes the successor reads.

    The current term ends the day before the successor's starts; the successor takes over
    region and topics unless new topics are given.
    """
    with transaction.atomic():
        locked = AmbassadorTerm.objects.select_for_update().get(pk=term.pk)
        if AmbassadorTerm.objects.filter(predecessor=locked).exists():
            raise NetworkError(_("This term has already been handed over."), field="successor")
        if successor.pk == locked.organisation_id:
            raise NetworkError(
                _("Hand over to another organisation, or extend the term instead."),
                field="successor",
            )
        if not locked.starts_on < starts_on <= locked.ends_on + timedelta(days=1):
            raise NetworkError(
                _("The successor must start during the term or the day after it ends."),
                field="starts_on",
            )
        if starts_on <= locked.ends_on:
            locked.ends_on = starts_on - timedelta(days=1)
            locked.save(update_fields=["ends_on", "updated_at"])
            _slots_replan_after_term_change(locked)
        new_term = ambassador_appoint(
            actor=actor,
            organisation=successor,
            network=locked.network,
            region=locked.region,
            topics=locked.topics if topics is None else topics,
            starts_on=starts_on,
            ends_on=ends_on,
            predecessor=locked,
            handover_notes=notes,
        )
    return new_term


def handover_notes_update(*, actor: User, term: AmbassadorTerm, notes: str) -> AmbassadorTerm:
    """The predecessor (or a coordinator) writes or corrects the notes for the successor."""
    if term.predecessor_id is None:
        raise NetworkError(_("This term has no predecessor."), field="handover_notes")
    with transaction.atomic():
        term.handover_notes = notes
        term.full_clean(validate_unique=False, validate_constraints=False)
        term.save(update_fields=["handover_notes", "updated_at"])
        audit_entry_create(
            actor=actor,
            action="ambassador.handover_notes",
            obj=term,
            changed_fields=["handover_notes"],
            network_id=term.network_id,
            organisation_id=term.organisation_id,
        )
    return term


# --- Social-media slots ---------------------------------------------------------------------


def _rotation_candidates(network: Network, start: date) -> list[rotation.Candidate]:
    terms = AmbassadorTerm.objects.filter(
        network_id__in=_tree_of(network), ends_on__gte=start
    ).values_list("organisation_id", "pk", "starts_on", "ends_on")
    return [rotation.Candidate(o, t, s, e) for o, t, s, e in terms]


def _last_turns(network: Network) -> dict[int, date]:
    rows = (
        SocialMediaSlot.objects.filter(network=network)
        .values("term__organisation_id")
        .annotate(last=Max("starts_on"))
    )
    return {row["term__organisation_id"]: row["last"] for row in rows}


def _next_monday(day: date) -> date:
    return day + timedelta(days=(7 - day.weekday()) % 7 or 7)


def _slots_append(network: Network, periods: int, start: date | None) -> list[SocialMediaSlot]:
    last_end = (
        SocialMediaSlot.objects.filter(network=network)
        .order_by("-starts_on")
        .values_list("ends_on", flat=True)
        .first()
    )
    first_start = start or _next_monday(timezone.localdate())
    if last_end is not None and first_start <= last_end:
        first_start = last_end + timedelta(days=1)
    plan = rotation.plan_rotation(
        first_start=first_start,
        periods=periods,
        candidates=_rotation_candidates(network, first_start),
        last_turns=_last_turns(network),
    )
    return SocialMediaSlot.objects.bulk_create(
        [
            SocialMediaSlot(
                network=network,
                term_id=p.candidate.term_id,
                starts_on=p.starts_on,
                ends_on=p.ends_on,
            )
            for p in plan
            if p.candidate is not None
        ]
    )


def slot_plan(
    *, actor: User | None, network: Network, periods: int, start: date | None = None
) -> list[SocialMediaSlot]:
    """Plan the next `periods` 14-day slots after the last one, in rotation.

    Periods without an eligible ambassador stay empty. Returns the slots created.
    """
    if not 1 <= periods <= 52:
        raise NetworkError(_("Plan between 1 and 52 slots at a time."), field="periods")
    with transaction.atomic():
        Network.objects.select_for_update().filter(pk=network.pk).first()  # one planner at a time
        slots = _slots_append(network, periods, start)
        audit_entry_create(
            actor=actor,
            action="slot.plan",
            obj=network,
            changed_fields=["social_slots"],
            network_id=network.pk,
            reason=f"{len(slots)} slots",
        )
    return slots


def _slots_replan_after_term_change(term: AmbassadorTerm) -> None:
    """A term ended early: from its first slot that no longer fits, re-plan what follows.

    Runs inside the caller's transaction; the caller writes the audit entry.
    """
    today = timezone.localdate()
    network_ids = set(
        SocialMediaSlot.objects.filter(term=term, ends_on__gt=term.ends_on)
        .order_by()
        .values_list("network_id", flat=True)
    )
    for network_id in sorted(network_ids):
        network = Network.objects.select_for_update().get(pk=network_id)
        first = (
            SocialMediaSlot.objects.filter(network=network, term=term, ends_on__gt=term.ends_on)
            .order_by("starts_on")
            .first()
        )
        if first is None:  # pragma: no cover - found just above
            continue
        # A slot that has begun stays as it is; later ones are planned again.
        cut = max(first.starts_on, today + timedelta(days=1))
        later = SocialMediaSlot.objects.filter(network=network, starts_on__gte=cut)
        count = later.count()
        start = later.order_by("starts_on").values_list("starts_on", flat=True).first()
        later.delete()
        if count and start is not None:
            _slots_append(network, count, start)


def _check_slot_changeable(slot: SocialMediaSlot) -> None:
    if slot.starts_on <= timezone.localdate():
        raise NetworkError(_("A slot that has begun cannot be changed."))
    if slot.status != SlotStatus.PLANNED:
        raise NetworkError(_("Only planned slots can be changed."))


def slot_swap(
    *, actor: User | None, slot: SocialMediaSlot, other: SocialMediaSlot
) -> SocialMediaSlot:
    """Two ambassadors exchange their coming slots (each must be in office for the other)."""
    with transaction.atomic():
        first, second = (
            SocialMediaSlot.objects.select_for_update().select_related("term").get(pk=pk)
            for pk in (slot.pk, other.pk)
        )
        if first.network_id != second.network_id or first.pk == second.pk:
            raise NetworkError(_("Choose another slot of the same network."), field="other")
        for s in (first, second):
            _check_slot_changeable(s)
        if first.term.organisation_id == second.term.organisation_id:
            raise NetworkError(_("Both slots belong to the same ambassador."), field="other")
        for term, target in ((first.term, second), (second.term, first)):
            if not (term.starts_on <= target.starts_on and target.ends_on <= term.ends_on):
                raise NetworkError(
                    _("%(name)s is not ambassador for the whole of the other slot.")
                    % {"name": term.organisation.name},
                    field="other",
                )
        first.term, second.term = second.term, first.term
        for s in (first, second):
            s.reminder_sent_at = None
            s.save(update_fields=["term", "reminder_sent_at", "updated_at"])
        audit_entry_create(
            actor=actor,
            action="slot.swap",
            obj=first,
            changed_fields=["term"],
            network_id=first.network_id,
            reason=f"swapped with slot {second.pk}",
        )
    return first


def slot_skip(*, actor: User | None, slot: SocialMediaSlot) -> SocialMediaSlot:
    """The ambassador passes this slot: nobody posts in it; it counts as their turn."""
    with transaction.atomic():
        locked = SocialMediaSlot.objects.select_for_update().get(pk=slot.pk)
        _check_slot_changeable(locked)
        locked.status = SlotStatus.SKIPPED
        locked.save(update_fields=["status", "updated_at"])
        audit_entry_create(
            actor=actor,
            action="slot.skip",
            obj=locked,
            changed_fields=["status"],
            network_id=locked.network_id,
        )
    return locked


def slot_reminders_due(*, today: date | None = None) -> list[SocialMediaSlot]:
    """Mark the reminders of slots starting within the next days and send them after commit.

    Run daily by the `network_slot_reminders` command (or its task); running it twice sends
    nothing twice.
    """
    today = today or timezone.localdate()
    with transaction.atomic():
        slots = list(
            SocialMediaSlot.objects.select_for_update()
            .filter(
                status=SlotStatus.PLANNED,
                reminder_sent_at__isnull=True,
                starts_on__gt=today,
                starts_on__lte=today + timedelta(days=SLOT_REMINDER_DAYS),
            )
            .select_related("term")
        )
        now = timezone.now()
        for slot in slots:
            slot.reminder_sent_at = now
            slot.save(update_fields=["reminder_sent_at", "updated_at"])
            audit_entry_create(
                actor=None,
                action="slot.remind",
                obj=slot,
                changed_fields=["reminder_sent_at"],
                network_id=slot.network_id,
                organisation_id=slot.term.organisation_id,
            )
            transaction.on_commit(partial(slot_reminder_send.enqueue, slot_id=slot.pk))
    return slots


# --- Ambassador news ------------------------------------------------------------------------


def news_create(
    *,
    actor: User,
    term: AmbassadorTerm,
    title: str,
    text: str,
    image: UploadedFile[Any] | None = None,
    image_alt: str = "",
) -> AmbassadorNews:
    """An ambassador's short report; an image is checked by its content before it is stored."""
    image_type = image_validate(image) if image is not None else ""
    if image is not None and not image_alt.strip():
        raise NetworkError(_("Describe the image in a few words."), field="image_alt")
    news = AmbassadorNews(
        term=term,
        author=actor,
        title=title,
        text=text,
        image_alt=image_alt if image is not None else "",
        image_type=image_type,
    )
    news.full_clean(exclude=["image"])
    if image is not None:
        news.image.save(image.name or "image", image, save=False)
    try:
        with transaction.atomic():
            news.save()
            audit_entry_create(
                actor=actor,
                action="news.create",
                obj=news,
                changed_fields=["title", "text"] + (["image", "image_alt"] if image else []),
                network_id=term.network_id,
                organisation_id=term.organisation_id,
            )
    except BaseException:
        if news.image:
            news.image.delete(save=False)  # no file without its record
        raise
    return news

"""Background tasks of the network app."""

from __future__ import annotations

from django.tasks import task
from django.urls import reverse

from wegweiser.core.mail import mail_render_and_send
from wegweiser.network.models import Invitation


@task(queue_name="mail")
def invitation_send(*, invitation_id: int) -> None:
    from wegweiser.network.services import invitation_token

    invitation = Invitation.objects.select_related("organisation", "invited_by").get(
        pk=invitation_id
    )
    if not invitation.is_open:
        return
    link = reverse("network:invitation_accept", kwargs={"token": invitation_token(invitation)})
    mail_render_and_send(
        to=invitation.email,
        template="network/mail/invitation",
        context={"invitation": invitation, "link_path": link},
        language=invitation.language,
    )


@task(queue_name="mail")
def slot_reminder_send(*, slot_id: int) -> None:
    """E-mail the ambassador organisation's admins that their social-media slot begins soon."""
    from wegweiser.network.constants import RoleKind, SlotStatus
    from wegweiser.network.models import Role, SocialMediaSlot

    slot = (
        SocialMediaSlot.objects.select_related("network", "term__organisation")
        .filter(pk=slot_id, status=SlotStatus.PLANNED)
        .first()
    )
    if slot is None:
        return
    contacts = Role.objects.filter(
        organisation_id=slot.term.organisation_id,
        kind__in=(RoleKind.ORG_ADMIN, RoleKind.STAFF),
        user__is_active=True,
    ).select_related("user")
    seen: set[str] = set()
    for role in contacts:
        email = role.user.email
        if not email or email in seen:
            continue
        seen.add(email)
        mail_render_and_send(
            to=email,
            template="network/mail/slot_reminder",
            context={
                "slot": slot,
                "organisation": slot.term.organisation,
                "link_path": reverse("network:slot_calendar"),
            },
            language=role.user.preferred_language,
        )


@task()
def slot_reminders_run() -> int:
    """The daily sweep: mark and send the reminders of slots that start soon."""
    from wegweiser.network.services import slot_reminders_due

    return len(slot_reminders_due())

"""Background tasks: notifications about referrals, portal invitations, retention."""

from __future__ import annotations

from django.tasks import task
from django.urls import reverse

from wegweiser.accounts.models import User
from wegweiser.core.mail import mail_render_and_send
from wegweiser.participants.constants import CASE_ROLES


def _case_workers(organisation_id: int) -> list[User]:
    return list(
        User.objects.filter(
            roles__organisation_id=organisation_id, roles__kind__in=CASE_ROLES, is_active=True
        ).distinct()
    )


@task(queue_name="mail")
def referral_notify(*, referral_id: int, event: str) -> None:
    """Tell the other side about a referral. The mail names no personal data: only the
    pseudonymous code and a link that needs sign-in."""
    from wegweiser.participants.models import Referral

    referral = (
        Referral.objects.select_related("participant", "from_organisation", "to_organisation")
        .filter(pk=referral_id)
        .first()
    )
    if referral is None:
        return
    receiving_side = event == "sent"
    organisation_id = (
        referral.to_organisation_id if receiving_side else referral.from_organisation_id
    )
    link = reverse("participants:referral_detail", args=[referral.pk])
    for user in _case_workers(organisation_id):
        mail_render_and_send(
            to=user.email,
            template="participants/mail/referral",
            context={"referral": referral, "event": event, "link_path": link},
            language=user.preferred_language,
        )


@task(queue_name="mail")
def portal_invitation_send(*, participant_id: int, token: str, language: str) -> None:
    from wegweiser.participants.models import Participant

    participant = Participant.objects.filter(pk=participant_id, portal_user__isnull=True).first()
    if participant is None or not participant.email:
        return
    mail_render_and_send(
        to=participant.email,
        template="participants/mail/portal_invitation",
        context={"link_path": reverse("portal:public_invitation", args=[token])},
        language=language,
    )


@task()
def retention_run() -> dict[str, int]:
    """Apply the retention rules; scheduled daily (see the `participants_retention` command)."""
    from wegweiser.participants.services import retention_apply

    return retention_apply()

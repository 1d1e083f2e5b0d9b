"""Background tasks of the events app: e-mails in the recipient's language, offer expiry."""

from __future__ import annotations

from django.tasks import task
from django.urls import reverse

from wegweiser.core.mail import mail_render_and_send
from wegweiser.events.constants import OfferStatus
from wegweiser.events.models import Registration, WaitlistOffer

# Mail kinds sent about one registration; the template is events/mail/<kind>.
REGISTRATION_MAILS = frozenset({"confirmed", "waitlisted", "reminder", "changed", "cancelled"})


@task(queue_name="mail")
def registration_mail_send(*, registration_id: int, kind: str) -> None:
    if kind not in REGISTRATION_MAILS:
        raise ValueError(f"unknown mail kind {kind}")
    registration = (
        Registration.objects.select_related("event", "user").filter(pk=registration_id).first()
    )
    if registration is None:
        return
    mail_render_and_send(
        to=registration.user.email,
        template=f"events/mail/{kind}",
        context={
            "registration": registration,
            "event": registration.event,
            "link_path": reverse("events:public_event_detail", args=[registration.event_id]),
        },
        language=registration.user.preferred_language,
    )


@task(queue_name="mail")
def offer_mail_send(*, offer_id: int) -> None:
    offer = (
        WaitlistOffer.objects.select_related("event", "registration__user")
        .filter(pk=offer_id)
        .first()
    )
    if offer is None or offer.status != OfferStatus.OPEN:
        return
    user = offer.registration.user
    mail_render_and_send(
        to=user.email,
        template="events/mail/offer",
        context={
            "offer": offer,
            "event": offer.event,
            "link_path": reverse("events:public_event_detail", args=[offer.event_id]),
        },
        language=user.preferred_language,
    )


@task()
def waitlist_offers_expire() -> int:
    """Pass expired offers to the next person waiting (also done lazily on every access)."""
    from wegweiser.events.services import waitlist_offers_expire as expire

    return expire()


@task()
def event_reminders_send() -> int:
    from wegweiser.events.services import event_reminders_send_due

    return event_reminders_send_due()

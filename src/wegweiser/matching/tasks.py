"""Background tasks: tell the participant or the employer about a suggestion sent to them."""

from __future__ import annotations

from django.tasks import task
from django.urls import reverse

from wegweiser.core.mail import mail_render_and_send


@task(queue_name="mail")
def suggestion_notify(*, suggestion_id: int) -> None:
    """The participant gets the offer in their language; the employer gets the pseudonymous
    handle and a link that needs sign-in (no name, no contact)."""
    from wegweiser.matching.constants import Recipient
    from wegweiser.matching.models import Suggestion
    from wegweiser.participants.selectors import candidate_handle, notification_address

    suggestion = Suggestion.objects.select_related("offer").filter(pk=suggestion_id).first()
    if suggestion is None:
        return
    offer = suggestion.offer
    if suggestion.recipient == Recipient.PARTICIPANT:
        address = notification_address(participant_id=suggestion.participant_id)
        if address is None:
            return
        email, language = address
        mail_render_and_send(
            to=email,
            template="matching/mail/suggestion_participant",
            context={"offer": offer},
            language=language,
        )
    elif suggestion.recipient == Recipient.EMPLOYER and offer.contact_email:
        if offer.organisation_id is None:
            return
        mail_render_and_send(
            to=offer.contact_email,
            template="matching/mail/suggestion_employer",
            context={
                "offer": offer,
                "handle": candidate_handle(suggestion.participant_id, offer.organisation_id),
                "link_path": reverse("matching:offer_candidates", args=[offer.pk]),
            },
            language="de",
        )

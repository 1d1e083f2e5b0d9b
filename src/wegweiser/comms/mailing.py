"""The newsletter's e-mails, rendered in the recipient's language through `core.mail`."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from wegweiser.comms import selectors
from wegweiser.comms.conf import confirm_valid_days
from wegweiser.comms.models import Issue, Subscriber
from wegweiser.comms.tokens import confirm_token, link_token
from wegweiser.core.mail import mail_render_and_send


def unsubscribe_url(subscriber: Subscriber) -> str:
    return settings.SITE_URL + reverse("comms:public_unsubscribe", args=[link_token(subscriber)])


def preferences_url(subscriber: Subscriber) -> str:
    return settings.SITE_URL + reverse("comms:public_preferences", args=[link_token(subscriber)])


def list_unsubscribe_headers(subscriber: Subscriber) -> dict[str, str]:
    """RFC 2369 and RFC 8058: mail programs offer a one-click unsubscribe button."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(subscriber)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def issue_context(issue: Issue, language: str) -> dict[str, object]:
    return {
        "issue": issue,
        "network": issue.network,
        "sections": selectors.issue_sections(issue, language),
    }


def issue_mail_send(*, issue: Issue, subscriber: Subscriber) -> None:
    mail_render_and_send(
        to=subscriber.email,
        template="comms/mail/issue",
        context={
            **issue_context(issue, subscriber.language),
            "unsubscribe_url": unsubscribe_url(subscriber),
            "preferences_url": preferences_url(subscriber),
        },
        language=subscriber.language,
        headers=list_unsubscribe_headers(subscriber),
    )


def confirmation_mail_send(*, subscriber: Subscriber) -> None:
    confirm_url = settings.SITE_URL + reverse(
        "comms:public_confirm", args=[confirm_token(subscriber)]
    )
    mail_render_and_send(
        to=subscriber.email,
        template="comms/mail/confirm",
        context={
            "network": subscriber.network,
            "confirm_url": confirm_url,
            "valid_days": confirm_valid_days(),
        },
        language=subscriber.language,
    )

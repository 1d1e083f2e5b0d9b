"""Double opt-in, expiry and reuse of links, no enumeration, one-click unsubscribe, role invites."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse

from tests.comms.conftest import confirm_path
from wegweiser.comms import services
from wegweiser.comms.constants import SubscriberStatus
from wegweiser.comms.exceptions import LinkInvalid, NewsletterError
from wegweiser.comms.models import Subscriber
from wegweiser.comms.tokens import confirm_token, link_token
from wegweiser.core.models import AuditEntry
from wegweiser.network.constants import RoleKind

pytestmark = pytest.mark.django_db


def _signup(client, world, email, language="de"):
    url = reverse("comms:public_subscribe", args=[world.national.slug])
    return client.post(url, {"email": email, "language": language})


def test_signup_sends_link_and_confirm_works_once(
    world, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _signup(client, world, "Lea@Example.org", "ar")
    assert response.status_code == 200
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "lea@example.org"
    assert subscriber.status == SubscriberStatus.PENDING
    assert subscriber.confirmed_at is None
    assert len(mail.outbox) == 1
    path = confirm_path(mail.outbox[0])
    assert client.get(path).status_code == 200  # a GET (a mail scanner) subscribes nobody
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING

    response = client.post(path)
    assert response.status_code == 200
    confirmed = Subscriber.objects.get(pk=subscriber.pk)
    assert confirmed.status == SubscriberStatus.CONFIRMED
    assert confirmed.confirmed_at is not None  # proof of consent: who confirmed when, what
    assert "double opt-in" in confirmed.consent_text
    assert AuditEntry.objects.filter(action="newsletter.subscription_confirm").count() == 1

    assert client.get(path).status_code == 400  # a used link shows no button
    again = client.post(path)
    assert again.status_code == 400
    assert "schon benutzt" in again.content.decode()


def test_expired_link_is_refused(world, settings, monkeypatch):
    settings.NEWSLETTER_CONFIRM_VALID_DAYS = 7
    subscriber = services.subscription_request(
        network=world.national, email="a@example.org", language="de"
    )
    token = confirm_token(subscriber)
    later = time.time() + timedelta(days=8).total_seconds()
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)
    with pytest.raises(LinkInvalid, match="abgelaufen"):
        services.subscription_confirm(token=token)
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.PENDING


def test_tampered_link_is_refused_with_a_clear_message(world, client):
    subscriber = services.subscription_request(
        network=world.national, email="a@example.org", language="de"
    )
    token = confirm_token(subscriber)
    tampered = token[:-2] + ("AA" if token[-2:] != "AA" else "BB")
    response = client.post(reverse("comms:public_confirm", args=[tampered]))
    assert response.status_code == 400
    assert "nicht gültig" in response.content.decode()  # German by default
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING


def test_signup_answer_does_not_reveal_existing_addresses(
    world, client, django_capture_on_commit_callbacks
):
    subscriber = services.subscription_request(
        network=world.national, email="known@example.org", language="de"
    )
    services.subscription_confirm(token=confirm_token(subscriber))
    known = _signup(client, world, "known@example.org")
    new = _signup(client, world, "new@example.org")
    assert known.status_code == new.status_code == 200

    def strip(html: bytes) -> str:
        return html.decode().replace("known@example.org", "").replace("new@example.org", "")

    # The pages differ only in the CSRF token of the base template.
    import re

    def normalise(text: str) -> str:
        text = re.sub(r'(csrfmiddlewaretoken" value=|X-CSRFToken": )"[^"]+"', "", text)
        return re.sub(r'nonce="[^"]+"', "", text)

    assert normalise(strip(known.content)) == normalise(strip(new.content))
    assert Subscriber.objects.get(email="known@example.org").status == SubscriberStatus.CONFIRMED


def test_bad_signup_input_writes_nothing(world, client):
    url = reverse("comms:public_subscribe", args=[world.national.slug])
    for data in (
        {"email": "not-an-address", "language": "de"},
        {"email": "a@example.org", "language": "xx"},
        {"email": "a" * 300 + "@example.org", "language": "de"},
        {"email": "", "language": "de"},
    ):
        response = client.post(url, data)
        assert response.status_code == 200
        assert "field--invalid" in response.content.decode()
    assert not Subscriber.objects.exists()
    with pytest.raises(NewsletterError):
        services.subscription_request(network=world.national, email="x@", language="de")
    assert not Subscriber.objects.exists()


def test_one_click_unsubscribe_by_post_without_login(world, client):
    subscriber = services.subscription_request(
        network=world.national, email="a@example.org", language="de"
    )
    services.subscription_confirm(token=confirm_token(subscriber))
    url = reverse("comms:public_unsubscribe", args=[link_token(subscriber)])
    page = client.get(url)
    assert page.status_code == 200
    assert Subscriber.objects.get().status == SubscriberStatus.CONFIRMED  # GET only asks
    csrf_client = type(client)(enforce_csrf_checks=True)
    response = csrf_client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED
    assert subscriber.unsubscribed_at is not None
    assert Subscriber.objects.count() == 1  # kept, not deleted
    assert (
        client.post(reverse("comms:public_unsubscribe", args=["forged:token"])).status_code == 400
    )


def test_confirmed_subscriber_changes_language(world, client):
    subscriber = services.subscription_request(
        network=world.national, email="a@example.org", language="de"
    )
    services.subscription_confirm(token=confirm_token(subscriber))
    url = reverse("comms:public_preferences", args=[link_token(subscriber)])
    assert client.post(url, {"language": "uk"}).status_code == 302
    subscriber.refresh_from_db()
    assert subscriber.language == "uk"
    assert client.post(url, {"language": "zz"}).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.language == "uk"


def test_role_invitation_needs_each_persons_confirmation(world, django_capture_on_commit_callbacks):
    gone = Subscriber.objects.create(
        network=world.national,
        email="other-admin@example.org",
        status=SubscriberStatus.UNSUBSCRIBED,
    )
    with django_capture_on_commit_callbacks(execute=True):
        result = services.role_invite(
            actor=world.coordinator, network=world.national, kind=RoleKind.ORG_ADMIN
        )
    # admin@ (company) and foreign-admin is in another network; other-admin unsubscribed earlier.
    assert result.invited == 1
    assert result.skipped == 1
    assert [m.to for m in mail.outbox] == [["admin@example.org"]]
    invited = Subscriber.objects.get(email="admin@example.org")
    assert invited.status == SubscriberStatus.PENDING  # nobody subscribed without confirming
    gone.refresh_from_db()
    assert gone.status == SubscriberStatus.UNSUBSCRIBED  # never re-added silently
    assert AuditEntry.objects.filter(
        action="newsletter.role_invite", actor=world.coordinator
    ).exists()
    with pytest.raises(NewsletterError):
        services.role_invite(actor=world.org_admin, network=world.national, kind=RoleKind.ORG_ADMIN)


def test_signup_of_unsubscribed_address_stays_unsubscribed_until_confirmed(world):
    subscriber = services.subscription_request(
        network=world.national, email="a@example.org", language="de"
    )
    services.subscription_confirm(token=confirm_token(subscriber))
    services.subscription_cancel(subscriber=subscriber)
    Subscriber.objects.update(confirmation_sent_at=subscriber.created_at - timedelta(hours=1))
    again = services.subscription_request(
        network=world.national, email="a@example.org", language="de"
    )
    assert again.status == SubscriberStatus.UNSUBSCRIBED
    services.subscription_confirm(token=confirm_token(again))
    again.refresh_from_db()
    assert again.status == SubscriberStatus.CONFIRMED


def test_housekeeping_purges_expired_unconfirmed_signups_only(world):
    pending = services.subscription_request(
        network=world.national, email="stale@example.org", language="de"
    )
    confirmed = services.subscription_request(
        network=world.national, email="kept@example.org", language="de"
    )
    services.subscription_confirm(token=confirm_token(confirmed))
    gone = services.subscription_request(
        network=world.national, email="gone@example.org", language="de"
    )
    services.subscription_confirm(token=confirm_token(gone))
    services.subscription_cancel(subscriber=gone)
    assert services.pending_subscriptions_purge() == 0  # the link is still valid
    later = pending.created_at + timedelta(days=9)
    assert services.pending_subscriptions_purge(now=later) == 1
    assert set(Subscriber.objects.values_list("email", flat=True)) == {
        "kept@example.org",
        "gone@example.org",
    }
    assert AuditEntry.objects.filter(action="newsletter.pending_purge").count() == 1

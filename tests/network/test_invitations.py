"""Invitations: a coordinator or organisation admin invites; the invitee sets a password and MFA."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wegweiser.accounts.models import User
from wegweiser.core.models import AuditEntry
from wegweiser.network.models import Invitation, Role

pytestmark = pytest.mark.django_db

GOOD_PASSWORD = "Sonnenblume-am-Fenster-7"
_capture: Any = None


@pytest.fixture(autouse=True)
def _commit_callbacks(django_capture_on_commit_callbacks):
    global _capture
    _capture = django_capture_on_commit_callbacks


def _invite(client, organisation, email="new.person@example.org", role="staff", language="ar"):
    # The invitation mail is enqueued after commit; run those callbacks like a real commit.
    with _capture(execute=True):
        return client.post(
            reverse("network:organisation_people", args=[organisation.pk]),
            {"email": email, "role": role, "language": language},
        )


def _link_from_mail() -> str:
    body = str(mail.outbox[-1].body)
    match = re.search(r"https?://[^\s]+(/network/invitation/[^\s]+/)", body)
    assert match, body
    return match.group(1)


def test_org_admin_invites_and_invitee_joins_with_password_then_mfa(world, client_for, client):
    with_admin = client_for(world.org_admin)
    response = _invite(with_admin, world.company)
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new.person@example.org"]
    assert "Backstube Test" in message.subject
    assert re.search(r"[\u0600-\u06FF]", str(message.body)), (
        "mail rendered in the invitee's language"
    )

    link = _link_from_mail()
    page = client.get(link)
    assert page.status_code == 200
    response = client.post(
        link,
        {
            "first_name": "Nora",
            "last_name": "Neu",
            "password1": GOOD_PASSWORD,
            "password2": GOOD_PASSWORD,
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="new.person@example.org")
    assert Role.objects.filter(user=user, organisation=world.company, kind="staff").exists()
    assert user.preferred_language == "ar"
    # Signed in, but nothing is visible before two-factor authentication is set up.
    dashboard = client.get(reverse("core:dashboard"))
    assert dashboard["Location"] == reverse("mfa_activate_totp")
    # The link works once.
    assert Client().get(link).status_code == 404
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"invitation.create", "invitation.accept", "role.grant", "user.create"} <= actions


def test_weak_password_is_refused_with_a_message_and_nothing_is_created(world, client_for, client):
    _invite(client_for(world.org_admin), world.company, language="en")
    link = _link_from_mail()
    response = client.post(
        link,
        {"first_name": "A", "last_name": "B", "password1": "password", "password2": "password"},
    )
    assert response.status_code == 400
    assert "too short" in response.content.decode() or "zu kurz" in response.content.decode()
    assert not User.objects.filter(email="new.person@example.org").exists()


def test_withdrawn_and_expired_invitations_are_refused(world, client_for, client):
    admin = client_for(world.org_admin)
    _invite(admin, world.company)
    link = _link_from_mail()
    invitation = Invitation.objects.get()
    admin.post(reverse("network:invitation_revoke", args=[world.company.pk, invitation.pk]))
    assert client.get(link).status_code == 404

    _invite(admin, world.company, email="second@example.org")
    link = _link_from_mail()
    Invitation.objects.filter(email="second@example.org").update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    assert client.get(link).status_code == 404


def test_tampered_link_is_refused(world, client_for, client):
    _invite(client_for(world.org_admin), world.company)
    link = _link_from_mail()
    assert client.get(link[:-3] + "xx/").status_code == 404


def test_only_coordinators_invite_coordinators(world, client_for):
    response = _invite(client_for(world.org_admin), world.company, role="coordinator")
    assert response.status_code == 400
    assert not Invitation.objects.exists()
    response = _invite(client_for(world.coordinator), world.office, role="coordinator")
    assert response.status_code == 302


def test_staff_cannot_invite_and_other_org_gives_404(world, client_for):
    assert _invite(client_for(world.staff), world.company).status_code == 404
    assert _invite(client_for(world.org_admin), world.other_company).status_code == 404
    assert not Invitation.objects.exists()


def test_existing_account_must_sign_in_to_accept(world, client_for, client):
    _invite(client_for(world.org_admin), world.company, email=world.counsellor.email)
    link = _link_from_mail()
    response = client.get(link)
    assert response.status_code == 200
    assert "/accounts/login/" in response.content.decode()
    signed_in = client_for(world.counsellor)
    assert signed_in.post(link).status_code == 302
    assert Role.objects.filter(user=world.counsellor, organisation=world.company).exists()


def test_last_admin_cannot_be_removed_by_themselves(world, client_for):
    role = Role.objects.get(user=world.org_admin, kind="org_admin")
    client = client_for(world.org_admin)
    client.post(reverse("network:role_revoke", args=[world.company.pk, role.pk]))
    assert Role.objects.filter(pk=role.pk).exists()

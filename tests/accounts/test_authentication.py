"""Sign-in: MFA enforcement, lockout, no user enumeration, closed sign-up."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.conftest import TEST_PASSWORD, make_user
from wegweiser.network.constants import RoleKind
from wegweiser.network.services import role_grant

pytestmark = pytest.mark.django_db


def test_staff_without_mfa_must_set_it_up_before_anything_else(world, client):
    newcomer = make_user(mfa=False)
    role_grant(actor=None, user=newcomer, organisation=world.company, kind=RoleKind.STAFF)
    login = client.post(
        reverse("account_login"), {"login": newcomer.email, "password": TEST_PASSWORD}
    )
    assert login.status_code == 302
    for url in (
        reverse("core:dashboard"),
        reverse("network:organisation_list"),
        reverse("network:organisation_detail", args=[world.company.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_activate_totp")
    # Setting up a second factor asks for the password once more (allauth's reauthentication).
    activate = client.get(reverse("mfa_activate_totp"))
    assert activate["Location"].startswith(reverse("account_reauthenticate"))
    client.post(activate["Location"], {"password": TEST_PASSWORD})
    assert client.get(reverse("mfa_activate_totp")).status_code == 200
    api = client.get("/api/v1/me")
    assert api.status_code == 403


@pytest.mark.parametrize(
    "kind",
    [RoleKind.COORDINATOR, RoleKind.ORG_ADMIN, RoleKind.COUNSELLOR, RoleKind.EMPLOYER_CONTACT],
)
def test_every_personal_data_role_requires_mfa(world, client_for, kind):
    user = make_user(mfa=False)
    role_grant(actor=None, user=user, organisation=world.company, kind=kind)
    assert client_for(user).get(reverse("core:dashboard")).status_code == 302


def test_roles_without_personal_data_do_not_need_mfa(world, client_for):
    assert client_for(world.funder).get(reverse("core:dashboard")).status_code == 200
    assert client_for(world.outsider).get(reverse("core:dashboard")).status_code == 200


def test_login_asks_for_the_second_factor(world, client):
    response = client.post(
        reverse("account_login"), {"login": world.coordinator.email, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get(reverse("core:dashboard")).status_code == 302  # not signed in yet


def _login(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_lockout_after_repeated_failures_and_no_enumeration(world, client, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        _login(client, world.org_admin.email, "wrong-password-123")
    locked = _login(client, world.org_admin.email, TEST_PASSWORD)
    assert locked.status_code == 429
    assert "paused" in locked.content.decode() or "pausiert" in locked.content.decode()
    # An unknown address is treated the same: the lockout does not reveal who exists.
    for _ in range(3):
        _login(client, "nobody@example.org", "wrong-password-123")
    assert _login(client, "nobody@example.org", "wrong-password-123").status_code == 429


def test_lockout_cools_off(world, client, settings):
    from axes.models import AccessAttempt

    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 2
    for _ in range(2):
        _login(client, world.org_admin.email, "wrong-password-123")
    assert _login(client, world.org_admin.email, TEST_PASSWORD).status_code == 429
    # After the cool-off the attempts are forgotten (axes expires them by age).
    AccessAttempt.objects.update(attempt_time="2000-01-01T00:00:00Z")
    assert _login(client, world.org_admin.email, TEST_PASSWORD).status_code == 302


def test_wrong_password_message_is_the_same_for_unknown_address(world, client):
    def page(email):
        html = _login(client, email, "wrong-password-123").content.decode()
        return re.sub(
            r'nonce="[^"]+"|name="csrfmiddlewaretoken" value="[^"]+"|"X-CSRFToken": "[^"]+"',
            "",
            html,
        ).replace(email, "X")

    assert page(world.org_admin.email) == page("nobody@example.org")


def test_password_reset_does_not_reveal_whether_an_address_exists(world, client):
    first = client.post(reverse("account_reset_password"), {"email": world.org_admin.email})
    second = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    # allauth mails the unknown address too ("no account here"), so nothing differs outside.
    assert len(mail.outbox) == 2


def test_sign_up_is_closed(client):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "new@example.org",
            "password1": "a-long-enough-pass-42",
            "password2": "a-long-enough-pass-42",
        },
    )
    assert response.status_code == 200
    from wegweiser.accounts.models import User

    assert not User.objects.filter(email="new@example.org").exists()

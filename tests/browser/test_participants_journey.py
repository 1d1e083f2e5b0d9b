"""In Arabic (RTL): a participant withdraws a consent in the portal and the partner project
loses access to the shared record at once."""

from __future__ import annotations

import pytest

from tests.browser.axe import serious_violations
from tests.browser.conftest import screenshot
from tests.conftest import make_organisation, make_user
from tests.participants.conftest import make_participant, share_consent
from wegweiser.network.constants import OrganisationType, RoleKind
from wegweiser.participants import services
from wegweiser.participants.models import Consent

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_participant_withdraws_consent_and_partner_loses_access(world, page, sign_in):
    organisation = make_organisation(
        world.region, name="Partnerprojekt", org_type=OrganisationType.COUNSELLING_PROJECT
    )
    counsellor = world.grant(
        make_user(email="partner@example.org"), organisation, RoleKind.COUNSELLOR
    )
    partner = (organisation, counsellor)
    participant = make_participant(world)
    consent = share_consent(world, participant, partner[0], scope=["identity", "pathway"])
    referral = services.referral_send(
        actor=world.counsellor,
        participant=participant,
        to_organisation=partner[0],
        field_groups=["identity", "pathway"],
    )
    services.referral_accept(actor=partner[1], referral=referral)
    portal_user = make_user(email="amira@example.org", mfa=False, language="ar")
    participant.portal_user = portal_user
    participant.save(update_fields=["portal_user"])
    record = f"/participants/{participant.pk}/"

    # The partner project sees the consented part of the record.
    sign_in(page, partner[1].email)
    response = page.goto(record)
    assert response.status == 200
    assert "Amira" in page.content()
    assert "amira@example.org" not in page.content()

    # The participant signs in (no MFA: no organisation role) and sees the portal in Arabic.
    page.context.clear_cookies()
    sign_in(page, portal_user.email, totp_secret=None)
    page.goto("/portal/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    assert serious_violations(page) == []
    screenshot(page, "participants-portal-ar")
    page.locator(f'li[data-consent="{consent.pk}"] button[type=submit]').click()
    with page.expect_navigation():
        page.locator("#confirm-dialog-ok").click()
    consent.refresh_from_db()
    assert consent.status == "withdrawn"
    assert Consent.objects.get(pk=consent.pk).withdrawn_at is not None
    screenshot(page, "participants-portal-ar-withdrawn")

    # The partner project has lost access at once: the record answers 404.
    page.context.clear_cookies()
    sign_in(page, partner[1].email)
    response = page.goto(record)
    assert response.status == 404
    page.goto("/participants/")
    assert participant.code not in page.content()
    # the only console error is the refused record itself (404)
    assert all("404" in error for error in page.console_errors)

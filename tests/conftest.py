"""Shared fixtures: a small network with organisations and people in every role."""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.test import Client
from hypothesis import settings as hypothesis_settings

from wegweiser.accounts.models import User
from wegweiser.accounts.services import user_create
from wegweiser.network import services as network_services
from wegweiser.network.constants import NetworkKind, OrganisationType, RoleKind
from wegweiser.network.models import Network, Organisation

TEST_PASSWORD = "correct-horse-battery-staple-42"
TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

_counter = itertools.count(1)

# `make test` replays the same examples every run, so a property test never fails by chance in
# CI; HYPOTHESIS_PROFILE=explore searches new examples locally (and stores failures it finds).
hypothesis_settings.register_profile("repeatable", derandomize=True, database=None)
hypothesis_settings.register_profile("explore", derandomize=False)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "files"
    settings.AXES_ENABLED = False
    settings.SECURE_SSL_REDIRECT = False


def make_user(
    *,
    email: str = "",
    mfa: bool = True,
    password: str = TEST_PASSWORD,
    language: str = "de",
    **extra: Any,
) -> User:
    email = email or f"person{next(_counter)}@example.org"
    user = user_create(
        actor=None,
        email=email,
        password=password,
        language=language,
        email_verified=True,
        first_name=extra.get("first_name", "Test"),
        last_name=extra.get("last_name", "Person"),
    )
    if mfa:
        TOTP.activate(user, TEST_TOTP_SECRET)
        RecoveryCodes.activate(user)
    return user


def make_organisation(
    network: Network, *, name: str = "", org_type: str = OrganisationType.COMPANY, **data: Any
) -> Organisation:
    name = name or f"Organisation {next(_counter)}"
    fields = {
        "name": name,
        "org_type": org_type,
        "plz": "39104",
        "city": "Magdeburg",
        "bundesland": "ST",
    } | data
    return network_services.organisation_create(actor=None, network=network, data=fields)


@dataclass
class World:
    """Two networks (one national with a region, one unrelated) and people in every role."""

    national: Network
    region: Network
    other_network: Network
    office: Organisation
    company: Organisation
    counselling: Organisation
    other_company: Organisation  # member of the same network, another organisation
    foreign: Organisation  # in an unrelated network
    coordinator: User
    org_admin: User
    staff: User
    counsellor: User
    employer: User
    other_admin: User
    foreign_admin: User
    funder: User
    outsider: User  # signed in, no role anywhere

    def grant(self, user: User, organisation: Organisation, kind: str) -> User:
        network_services.role_grant(actor=None, user=user, organisation=organisation, kind=kind)
        return user


@pytest.fixture
def world(db: Any) -> World:
    national = network_services.network_create(
        actor=None, name="Bundesnetz", kind=NetworkKind.NATIONAL
    )
    region = network_services.network_create(
        actor=None, name="Region Ost", kind=NetworkKind.REGIONAL, parent=national
    )
    other_network = network_services.network_create(
        actor=None, name="Fremdes Netz", kind=NetworkKind.NATIONAL
    )
    office = make_organisation(national, name="Netzwerkbüro", org_type=OrganisationType.ASSOCIATION)
    national.office = office
    national.save()
    company = make_organisation(region, name="Backstube Test", plz="06108", city="Halle (Saale)")
    counselling = make_organisation(
        region, name="Beratung Test", org_type=OrganisationType.COUNSELLING_PROJECT
    )
    other_company = make_organisation(region, name="Andere Firma")
    foreign = make_organisation(
        other_network, name="Fremde Firma", bundesland="BY", plz="80331", city="München"
    )
    w = World(
        national=national,
        region=region,
        other_network=other_network,
        office=office,
        company=company,
        counselling=counselling,
        other_company=other_company,
        foreign=foreign,
        coordinator=make_user(email="coordinator@example.org"),
        org_admin=make_user(email="admin@example.org"),
        staff=make_user(email="staff@example.org"),
        counsellor=make_user(email="counsellor@example.org"),
        employer=make_user(email="employer@example.org"),
        other_admin=make_user(email="other-admin@example.org"),
        foreign_admin=make_user(email="foreign-admin@example.org"),
        funder=make_user(email="funder@example.org", mfa=False),
        outsider=make_user(email="outsider@example.org", mfa=False),
    )
    w.grant(w.coordinator, office, RoleKind.COORDINATOR)
    w.grant(w.org_admin, company, RoleKind.ORG_ADMIN)
    w.grant(w.staff, company, RoleKind.STAFF)
    w.grant(w.counsellor, counselling, RoleKind.COUNSELLOR)
    w.grant(w.employer, company, RoleKind.EMPLOYER_CONTACT)
    w.grant(w.other_admin, other_company, RoleKind.ORG_ADMIN)
    w.grant(w.foreign_admin, foreign, RoleKind.ORG_ADMIN)
    w.grant(w.funder, office, RoleKind.FUNDER)
    return w


@pytest.fixture
def client_for(db: Any) -> Callable[[User | None], Client]:
    """A test client signed in as the given user (None: anonymous)."""

    def make(user: User | None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user, backend="allauth.account.auth_backends.AuthenticationBackend")
        return client

    return make

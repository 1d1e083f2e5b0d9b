"""The dashboard: each role sees the panels its apps registered for it."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_dashboard_shows_each_role_its_panels(world, client_for):
    coordinator = client_for(world.coordinator).get("/dashboard/").content.decode()
    assert "Region Ost" in coordinator and "Bundesnetz" in coordinator
    admin = client_for(world.org_admin).get("/dashboard/").content.decode()
    assert "Backstube Test" in admin and "Region Ost" not in admin

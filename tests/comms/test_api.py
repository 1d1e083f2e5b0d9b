"""Newsletter API: coordinators read their issues and the sending progress; others nothing."""

from __future__ import annotations

import pytest

from tests.comms.conftest import subscribe_confirmed
from wegweiser.comms import services

pytestmark = pytest.mark.django_db


def test_coordinator_reads_issue_and_progress(
    world, client_for, django_capture_on_commit_callbacks
):
    subscribe_confirmed(world, "a@example.org")
    issue = services.issue_compose(actor=world.coordinator, network=world.national)
    services.item_create(actor=world.coordinator, issue=issue, data={"title": "Neu"})
    with django_capture_on_commit_callbacks(execute=True):
        services.issue_send(actor=world.coordinator, issue=issue)
    client = client_for(world.coordinator)
    listing = client.get("/api/v1/newsletter/issues")
    assert listing.status_code == 200
    assert [i["id"] for i in listing.json()["items"]] == [issue.pk]
    detail = client.get(f"/api/v1/newsletter/issues/{issue.pk}")
    assert detail.status_code == 200
    assert detail.json()["status"] == "sent"
    assert detail.json()["progress"] == {
        "total": 1,
        "sent": 1,
        "failed": 0,
        "waiting": 0,
        "retrying": 0,
    }


@pytest.mark.parametrize("who", ["org_admin", "counsellor", "foreign_admin", "outsider"])
def test_others_see_no_issues(world, client_for, who):
    issue = services.issue_compose(actor=world.coordinator, network=world.national)
    client = client_for(getattr(world, who))
    assert client.get("/api/v1/newsletter/issues").json()["items"] == []
    assert client.get(f"/api/v1/newsletter/issues/{issue.pk}").status_code == 404


def test_anonymous_gets_401(world, client):
    assert client.get("/api/v1/newsletter/issues").status_code == 401

"""Composing a draft from the period's activity, editing, sending, and who may do it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import timezone

from tests.comms.conftest import subscribe_confirmed
from tests.events.conftest import make_event
from tests.participants.conftest import make_participant
from wegweiser.comms import services
from wegweiser.comms.constants import Audience, DeliveryStatus, IssueStatus, Section
from wegweiser.comms.exceptions import IssueFrozen, NewsletterError
from wegweiser.comms.models import Delivery, Issue, IssueItem
from wegweiser.comms.selectors import delivery_progress
from wegweiser.core.models import AuditEntry
from wegweiser.events.constants import Visibility
from wegweiser.knowledge.constants import ArticleStatus
from wegweiser.knowledge.models import Article, ArticleText
from wegweiser.network.models import AmbassadorNews, AmbassadorTerm, Membership
from wegweiser.participants.models import Milestone, MilestoneType

pytestmark = pytest.mark.django_db

START, END = date(2026, 9, 1), date(2026, 10, 31)


def _activity(world):
    """Some news inside the period and some outside it."""
    Membership.objects.filter(organisation=world.company).update(joined_on=date(2026, 9, 15))
    Membership.objects.filter(organisation=world.other_company).update(joined_on=date(2026, 5, 1))
    Membership.objects.filter(organisation=world.foreign).update(joined_on=date(2026, 9, 20))
    soon = timezone.now() + timedelta(days=10)
    make_event(world, title="Öffentliches Treffen", visibility=Visibility.PUBLIC, starts_at=soon)
    make_event(world, title="Internes Treffen", visibility=Visibility.MEMBERS, starts_at=soon)
    make_event(
        world,
        title="Fernes Treffen",
        visibility=Visibility.PUBLIC,
        starts_at=soon + timedelta(days=200),
    )
    term = AmbassadorTerm.objects.create(
        organisation=world.company,
        network=world.region,
        region="Halle",
        starts_on=date(2026, 8, 1),
        ends_on=date(2027, 3, 31),
    )
    inside = AmbassadorNews.objects.create(
        term=term, title="Praxisbericht Bäckerei", text="Gut gelaufen."
    )
    outside = AmbassadorNews.objects.create(term=term, title="Alter Bericht", text="Lange her.")
    AmbassadorNews.objects.filter(pk=inside.pk).update(
        created_at=datetime(2026, 10, 1, 12, tzinfo=UTC)
    )
    AmbassadorNews.objects.filter(pk=outside.pk).update(
        created_at=datetime(2026, 3, 1, 12, tzinfo=UTC)
    )
    for title, published in (
        ("Leitfaden Anerkennung", date(2026, 10, 5)),
        ("Alter Leitfaden", date(2026, 1, 5)),
    ):
        article = Article.objects.create(
            organisation=world.counselling,
            network=world.national,
            kind="guide",
            visibility="public",
            status=ArticleStatus.PUBLISHED,
            published_at=timezone.make_aware(datetime.combine(published, datetime.min.time())),
        )
        ArticleText.objects.create(
            article=article, language="de", title=title, summary="Kurz", body="Text"
        )
    types = list(MilestoneType.objects.order_by("order")[:2])
    participants = [
        make_participant(world, email=f"p{i}@example.org", last_name=f"Haddad{i}") for i in range(6)
    ]
    for p in participants:  # 6 of the first type: shown
        Milestone.objects.create(
            participant=p,
            milestone_type=types[0],
            organisation=world.counselling,
            occurred_on=date(2026, 9, 10),
        )
    for p in participants[:4]:  # 4 of the second type: below 5, left out
        Milestone.objects.create(
            participant=p,
            milestone_type=types[1],
            organisation=world.counselling,
            occurred_on=date(2026, 9, 10),
        )
    for p in participants:  # outside the period
        Milestone.objects.create(
            participant=p,
            milestone_type=types[1],
            organisation=world.counselling,
            occurred_on=date(2026, 3, 10),
        )
    return types


def _compose(world, audience=Audience.PUBLIC):
    return services.issue_compose(
        actor=world.coordinator,
        network=world.national,
        period_start=START,
        period_end=END,
        audience=audience,
    )


def _titles(issue, section):
    return list(
        issue.items.filter(section=section).order_by("position").values_list("title", flat=True)
    )


def test_composed_draft_holds_the_periods_activity_and_nothing_else(world):
    types = _activity(world)
    issue = _compose(world)
    assert issue.status == IssueStatus.DRAFT
    assert _titles(issue, Section.MEMBERS) == ["Backstube Test"]  # not earlier, not another network
    assert _titles(issue, Section.EVENTS) == ["Öffentliches Treffen"]  # public audience
    assert _titles(issue, Section.AMBASSADORS) == ["Praxisbericht Bäckerei"]
    assert _titles(issue, Section.KNOWLEDGE) == ["Leitfaden Anerkennung"]
    milestones = list(issue.items.filter(section=Section.MILESTONES))
    assert len(milestones) == 1  # the type with 4 is left out
    assert milestones[0].text.startswith("6 ×")
    assert types[0].labels["de"] in milestones[0].title
    assert "ar" in milestones[0].variants
    assert all("Haddad" not in (i.title + i.text) for i in issue.items.all())  # no names
    assert (
        AuditEntry.objects.filter(
            action="newsletter.issue_compose", object_id=str(issue.pk)
        ).count()
        == 1
    )

    members_issue = _compose(world, Audience.MEMBERS)
    assert set(_titles(members_issue, Section.EVENTS)) == {
        "Öffentliches Treffen",
        "Internes Treffen",
    }


def test_reorder_edit_remove_and_add(world):
    issue = _compose(world)
    a = services.item_create(
        actor=world.coordinator, issue=issue, data={"title": "Erstens", "text": "A"}
    )
    b = services.item_create(
        actor=world.coordinator, issue=issue, data={"title": "Zweitens", "text": "B"}
    )
    assert _titles(issue, Section.OTHER) == ["Erstens", "Zweitens"]
    services.item_move(actor=world.coordinator, item=b, direction="up")
    assert _titles(issue, Section.OTHER) == ["Zweitens", "Erstens"]
    services.item_move(actor=world.coordinator, item=b, direction="up")  # already first: no change
    assert _titles(issue, Section.OTHER) == ["Zweitens", "Erstens"]
    services.item_update(
        actor=world.coordinator,
        item=a,
        data={
            "title": "Erstens neu",
            "text": "A2",
            "variants": {"ar": {"title": "أولاً", "text": ""}},
        },
    )
    a.refresh_from_db()
    assert a.title == "Erstens neu"
    assert a.title_in("ar") == "أولاً"
    assert a.text_in("ar") == "A2"  # falls back to German
    services.item_delete(actor=world.coordinator, item=b)
    assert _titles(issue, Section.OTHER) == ["Erstens neu"]
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"newsletter.item_move", "newsletter.item_update", "newsletter.item_delete"} <= actions


def test_bad_item_input_writes_nothing(world, client_for):
    issue = _compose(world)
    before = IssueItem.objects.count()
    with pytest.raises(NewsletterError):
        services.item_create(actor=world.coordinator, issue=issue, data={"title": "  "})
    with pytest.raises(NewsletterError):
        services.item_create(
            actor=world.coordinator,
            issue=issue,
            data={"title": "X", "variants": {"xx": {"title": "?"}}},
        )
    with pytest.raises(NewsletterError):
        services.item_create(
            actor=world.coordinator, issue=issue, data={"title": "X", "section": "nope"}
        )
    client = client_for(world.coordinator)
    url = reverse("comms:item_create", args=[issue.pk])
    response = client.post(url, {"section": "other", "title": "X", "link": "javascript:alert(1)"})
    assert response.status_code == 200
    assert IssueItem.objects.count() == before
    with pytest.raises(NewsletterError):
        services.issue_compose(
            actor=world.coordinator, network=world.national, period_start=END, period_end=START
        )
    assert Issue.objects.count() == 1


def test_htmx_move_returns_the_item_list(world, client_for):
    issue = _compose(world)
    services.item_create(actor=world.coordinator, issue=issue, data={"title": "Erstens"})
    b = services.item_create(actor=world.coordinator, issue=issue, data={"title": "Zweitens"})
    client = client_for(world.coordinator)
    response = client.post(
        reverse("comms:item_move", args=[issue.pk, b.pk]),
        {"direction": "up"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="items">')
    assert html.index("Zweitens") < html.index("Erstens")


def test_sending_isolates_a_failing_address_and_retries_it(
    world, failing_mail, django_capture_on_commit_callbacks, settings
):
    settings.NEWSLETTER_BATCH_SIZE = 2
    for email, language in (
        ("de@example.org", "de"),
        ("broken@example.org", "de"),
        ("ar@example.org", "ar"),
    ):
        subscribe_confirmed(world, email, language)
    issue = _compose(world)
    services.item_create(
        actor=world.coordinator, issue=issue, data={"title": "Neuigkeit", "text": "Text"}
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.issue_send(actor=world.coordinator, issue=issue) == 3
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENDING  # the broken one waits for its retry
    assert sorted(m.to[0] for m in mail.outbox) == ["ar@example.org", "de@example.org"]
    broken = Delivery.objects.get(subscriber__email="broken@example.org")
    assert broken.status == DeliveryStatus.WAITING
    assert broken.attempts == 1
    assert "550" in broken.last_error
    progress = delivery_progress(issue)
    assert (progress.sent, progress.failed, progress.waiting, progress.retrying) == (2, 0, 1, 1)

    # The retry is due later (backoff); before that, nothing happens.
    assert services.deliveries_process(issue_id=issue.pk).sent == 0
    for _attempt in range(2):
        due = Delivery.objects.get(pk=broken.pk).next_attempt_at
        assert due is not None
        later = due + timedelta(seconds=1)
        services.deliveries_process(issue_id=issue.pk, now=later)
    broken.refresh_from_db()
    assert broken.status == DeliveryStatus.FAILED
    assert broken.attempts == 3
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT
    progress = delivery_progress(issue)
    assert (progress.sent, progress.failed, progress.waiting) == (2, 1, 0)
    assert len(mail.outbox) == 2  # nobody got the issue twice

    # Every sent mail: personal one-click unsubscribe (RFC 8058), in the recipient's language.
    by_address = {m.to[0]: m for m in mail.outbox}
    for message in mail.outbox:
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        url = message.extra_headers["List-Unsubscribe"].strip("<>")
        assert "/newsletter/unsubscribe/" in url
        assert url in message.body
    assert (
        by_address["de@example.org"].extra_headers["List-Unsubscribe"]
        != by_address["ar@example.org"].extra_headers["List-Unsubscribe"]
    )
    german, arabic = by_address["de@example.org"], by_address["ar@example.org"]
    assert isinstance(german, EmailMultiAlternatives)
    assert isinstance(arabic, EmailMultiAlternatives)
    assert "Guten Tag," in german.body and "Weitere Neuigkeiten" in german.body
    assert "Guten Tag," not in arabic.body
    assert german.alternatives[0][0] != arabic.alternatives[0][0]
    assert 'dir="rtl"' in str(arabic.alternatives[0][0])
    assert AuditEntry.objects.filter(action="newsletter.issue_sent").count() == 1


def test_sent_issue_is_frozen(world, django_capture_on_commit_callbacks):
    subscribe_confirmed(world, "a@example.org")
    issue = _compose(world)
    item = services.item_create(actor=world.coordinator, issue=issue, data={"title": "Neu"})
    with django_capture_on_commit_callbacks(execute=True):
        services.issue_send(actor=world.coordinator, issue=issue)
    with pytest.raises(IssueFrozen):
        services.item_update(actor=world.coordinator, item=item, data={"title": "Später"})
    with pytest.raises(IssueFrozen):
        services.issue_send(actor=world.coordinator, issue=issue)
    assert Delivery.objects.count() == 1


def test_send_without_subscribers_writes_nothing(world):
    issue = _compose(world)
    services.item_create(actor=world.coordinator, issue=issue, data={"title": "Neu"})
    with pytest.raises(NewsletterError):
        services.issue_send(actor=world.coordinator, issue=issue)
    issue.refresh_from_db()
    assert issue.status == IssueStatus.DRAFT
    assert not Delivery.objects.exists()


@pytest.mark.parametrize(
    "who", ["org_admin", "counsellor", "staff", "funder", "outsider", "foreign_admin"]
)
def test_only_coordinators_reach_the_editor(world, client_for, who):
    issue = _compose(world)
    item = services.item_create(actor=world.coordinator, issue=issue, data={"title": "Neu"})
    client = client_for(getattr(world, who))
    for name in ("comms:issue_list", "comms:issue_compose", "comms:role_invite"):
        assert client.get(reverse(name)).status_code == 404
    for name, args in (
        ("comms:issue_detail", [issue.pk]),
        ("comms:item_edit", [issue.pk, item.pk]),
        ("comms:issue_preview", [issue.pk, "ar"]),
        ("comms:issue_progress", [issue.pk]),
    ):
        assert client.get(reverse(name, args=args)).status_code == 404
    for name, args in (
        ("comms:item_move", [issue.pk, item.pk]),
        ("comms:item_delete", [issue.pk, item.pk]),
        ("comms:issue_send", [issue.pk]),
    ):
        assert client.post(reverse(name, args=args), {"direction": "up"}).status_code == 404
    assert IssueItem.objects.filter(pk=item.pk).exists()
    assert Issue.objects.get().status == IssueStatus.DRAFT


def test_anonymous_is_sent_to_sign_in(world, client):
    issue = _compose(world)
    response = client.get(reverse("comms:issue_detail", args=[issue.pk]))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_coordinator_pages_and_arabic_preview(world, client_for):
    _activity(world)
    client = client_for(world.coordinator)
    assert client.get(reverse("comms:issue_list")).status_code == 200
    assert client.get(reverse("comms:issue_compose")).status_code == 200
    response = client.post(
        reverse("comms:issue_compose"),
        {
            "network": world.national.pk,
            "period_start": START,
            "period_end": END,
            "audience": "public",
        },
    )
    assert response.status_code == 302
    issue = Issue.objects.get()
    page = client.get(reverse("comms:issue_detail", args=[issue.pk]))
    assert "Praxisbericht Bäckerei" in page.content.decode()
    german = client.get(reverse("comms:issue_preview", args=[issue.pk, "de"])).content.decode()
    arabic = client.get(reverse("comms:issue_preview", args=[issue.pk, "ar"])).content.decode()
    assert "Neue Mitglieder" in german
    assert 'lang="ar" dir="rtl"' in arabic
    article = arabic.split("<article")[1]
    assert "Backstube Test" in article  # item text: German, there is no Arabic variant
    assert "Guten Tag," not in article  # the frame follows the Arabic catalogue
    assert client.get(reverse("comms:issue_preview", args=[issue.pk, "xx"])).status_code == 404


def test_lost_sending_is_resumed_by_housekeeping(world):
    subscribe_confirmed(world, "a@example.org")
    issue = _compose(world)
    services.item_create(actor=world.coordinator, issue=issue, data={"title": "Neu"})
    services.issue_send(actor=world.coordinator, issue=issue)  # the queued task is lost
    mail.outbox.clear()
    assert Delivery.objects.get().status == DeliveryStatus.WAITING
    assert services.issues_resume() == 1
    assert Delivery.objects.get().status == DeliveryStatus.SENT
    assert [m.to for m in mail.outbox] == [["a@example.org"]]
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT
    assert services.issues_resume() == 0


def test_navigation_and_dashboard_panel_for_coordinators_only(world, client_for):
    _compose(world)
    coordinator = client_for(world.coordinator).get(reverse("core:dashboard")).content.decode()
    assert f'href="{reverse("comms:issue_list")}"' in coordinator  # navigation
    assert reverse("comms:issue_compose") in coordinator  # dashboard panel
    admin = client_for(world.org_admin).get(reverse("core:dashboard")).content.decode()
    assert reverse("comms:issue_list") not in admin
    assert reverse("comms:issue_compose") not in admin


def test_editor_page_queries_do_not_grow_with_items(world, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    issue = _compose(world)
    client = client_for(world.coordinator)
    url = reverse("comms:issue_detail", args=[issue.pk])
    services.item_create(actor=world.coordinator, issue=issue, data={"title": "Eins"})
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(10):
        services.item_create(actor=world.coordinator, issue=issue, data={"title": f"Mehr {n}"})
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_invite_by_role_page(world, client_for, django_capture_on_commit_callbacks):
    client = client_for(world.coordinator)
    assert client.get(reverse("comms:role_invite")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("comms:role_invite"), {"network": world.national.pk, "kind": "org_admin"}
        )
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == ["admin@example.org", "other-admin@example.org"]
    bad = client.post(
        reverse("comms:role_invite"), {"network": world.other_network.pk, "kind": "x"}
    )
    assert bad.status_code == 200  # not the coordinator's network, no such role: form errors
    assert len(mail.outbox) == 2

"""Reads of the newsletter: issues, progress, subscribers, and the activity an issue is composed of.

The activity is read from the other apps' public facts only (memberships, events, ambassador
news, published articles) and, from participants, counts per milestone type without any person's
data; counts below `MIN_AGGREGATE_COUNT` are left out.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wegweiser.comms import conf, policy
from wegweiser.comms.constants import (
    MIN_AGGREGATE_COUNT,
    PERIOD_MONTHS,
    SECTION_ORDER,
    SOURCE_LANGUAGE,
    UPCOMING_MONTHS,
    DeliveryStatus,
    Section,
    SubscriberStatus,
)
from wegweiser.comms.exceptions import LinkInvalid
from wegweiser.comms.models import Delivery, Issue, IssueItem, Subscriber
from wegweiser.comms.tokens import confirm_token_read, link_token_read
from wegweiser.core.dates import add_months
from wegweiser.events.constants import EventStatus
from wegweiser.events.models import Event
from wegweiser.knowledge.constants import ArticleStatus
from wegweiser.knowledge.models import Article, ArticleText
from wegweiser.network.constants import MembershipStatus
from wegweiser.network.models import Membership, Network, Role
from wegweiser.network.selectors import ambassador_news_between, network_tree_ids
from wegweiser.participants.models import MilestoneType
from wegweiser.participants.selectors import milestones_in_networks


def default_period(today: date | None = None) -> tuple[date, date]:
    """The last two months up to today."""
    end = today or timezone.localdate()
    return add_months(end, -PERIOD_MONTHS) + timedelta(days=1), end


# --- Issues -------------------------------------------------------------------------------------


def issue_list_for(*, actor: Any) -> QuerySet[Issue]:
    return (
        Issue.objects.filter(network_id__in=policy.managed_network_ids(actor))
        .select_related("network")
        .order_by("-created_at", "-pk")
    )


def access_issue_by_id(*, actor: Any, issue_id: int) -> Issue:
    """An issue the actor may edit and send (coordinators of its network), else 404."""
    issue = Issue.objects.select_related("network").filter(pk=issue_id).first()
    if issue is None or not policy.can_manage_newsletter(actor, issue.network_id):
        raise Http404
    return issue


def access_item_by_id(*, issue: Issue, item_id: int) -> IssueItem:
    return get_object_or_404(IssueItem, pk=item_id, issue=issue)


@dataclass(frozen=True)
class RenderedItem:
    item: IssueItem
    title: str
    text: str
    link: str
    first: bool
    last: bool


@dataclass
class SectionView:
    key: str
    heading: Any  # lazy: rendered in the language active when the template renders
    items: list[RenderedItem] = field(default_factory=list)


def issue_sections(issue: Issue, language: str = SOURCE_LANGUAGE) -> list[SectionView]:
    """The issue's items by section in the fixed section order; item texts in `language` where
    the item has a variant, German otherwise."""
    grouped: dict[str, list[IssueItem]] = {key: [] for key in SECTION_ORDER}
    for item in issue.items.order_by("position", "pk"):
        grouped[item.section].append(item)
    labels = {s.value: s.label for s in Section}
    sections = []
    for key, items in grouped.items():
        if not items:
            continue
        rendered = [
            RenderedItem(
                item=item,
                title=item.title_in(language),
                text=item.text_in(language),
                link=item.link,
                first=index == 0,
                last=index == len(items) - 1,
            )
            for index, item in enumerate(items)
        ]
        sections.append(SectionView(key, labels[key], rendered))
    return sections


@dataclass(frozen=True)
class Progress:
    total: int
    sent: int
    failed: int
    waiting: int
    retrying: int

    @property
    def done(self) -> bool:
        return self.waiting == 0


def delivery_progress(issue: Issue) -> Progress:
    counts = dict(
        Delivery.objects.filter(issue=issue)
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    retrying = Delivery.objects.filter(
        issue=issue, status=DeliveryStatus.WAITING, attempts__gt=0
    ).count()
    sent = counts.get(DeliveryStatus.SENT, 0)
    failed = counts.get(DeliveryStatus.FAILED, 0)
    waiting = counts.get(DeliveryStatus.WAITING, 0)
    return Progress(sent + failed + waiting, sent, failed, waiting, retrying)


def failed_deliveries(issue: Issue) -> QuerySet[Delivery]:
    return (
        Delivery.objects.filter(issue=issue)
        .exclude(last_error="")
        .select_related("subscriber")
        .order_by("pk")
    )


# --- Subscribers --------------------------------------------------------------------------------


def network_for_signup(slug: str) -> Network:
    return get_object_or_404(Network, slug=slug)


def subscriber_by_link(token: str) -> Subscriber:
    """The subscriber of a personal link (unsubscribe, preferences); LinkInvalid if altered."""
    key = link_token_read(token)
    subscriber = Subscriber.objects.select_related("network").filter(link_key=key).first()
    if subscriber is None:
        raise Http404
    return subscriber


def confirmation_check(token: str) -> None:
    """Refuse an expired, altered or used confirmation link before showing its button."""
    subscriber_id, nonce = confirm_token_read(
        token, max_age=timedelta(days=conf.confirm_valid_days())
    )
    if not Subscriber.objects.filter(pk=subscriber_id, confirm_nonce=nonce).exists():
        raise LinkInvalid(
            _("This confirmation link was already used. Your subscription is unchanged.")
        )


def subscriber_counts(network_ids: Collection[int]) -> dict[int, dict[str, int]]:
    rows = (
        Subscriber.objects.filter(network_id__in=list(network_ids))
        .values("network_id", "status")
        .annotate(n=Count("pk"))
    )
    result: dict[int, dict[str, int]] = {}
    for row in rows:
        result.setdefault(row["network_id"], {})[row["status"]] = row["n"]
    return result


def confirmed_subscribers(network_id: int) -> QuerySet[Subscriber]:
    return Subscriber.objects.filter(network_id=network_id, status=SubscriberStatus.CONFIRMED)


def role_holders(*, network: Network, kind: str) -> list[tuple[str, str, int]]:
    """(e-mail, language, user id) of everyone holding the role in the network's organisations."""
    tree = network_tree_ids({network.pk})
    roles = (
        Role.objects.filter(kind=kind, organisation__memberships__network_id__in=tree)
        .select_related("user")
        .order_by("user__email")
    )
    seen: dict[str, tuple[str, str, int]] = {}
    for role in roles:
        user = role.user
        if user.is_active and user.email:
            email = user.email.strip().lower()
            seen.setdefault(email, (email, user.preferred_language or "de", user.pk))
    return list(seen.values())


# --- Activity of a period -----------------------------------------------------------------------


@dataclass(frozen=True)
class ItemDraft:
    section: str
    title: str
    text: str = ""
    link: str = ""
    source: str = ""
    variants: dict[str, dict[str, str]] = field(default_factory=dict)


def _aware(day: date, end: bool = False) -> datetime:
    moment = datetime.combine(day, time.max if end else time.min)
    return timezone.make_aware(moment)


def _url(name: str, *args: Any) -> str:
    return f"{settings.SITE_URL}{reverse(name, args=args)}"


def _new_members(tree: set[int], start: date, end: date) -> list[ItemDraft]:
    memberships = (
        Membership.objects.filter(
            network_id__in=tree,
            status=MembershipStatus.MEMBER,
            joined_on__gte=start,
            joined_on__lte=end,
        )
        .select_related("organisation", "network")
        .order_by("joined_on", "pk")
    )
    return [
        ItemDraft(
            Section.MEMBERS,
            m.organisation.name,
            f"{m.organisation.city} · {m.network.name}",
            m.organisation.website,
            f"membership:{m.pk}",
        )
        for m in memberships
    ]


def _upcoming_events(tree: set[int], end: date, audience: str) -> list[ItemDraft]:
    after = max(_aware(end, end=True), timezone.now())
    until = _aware(add_months(end, UPCOMING_MONTHS), end=True)
    events = Event.objects.filter(
        network_id__in=tree,
        status=EventStatus.SCHEDULED,
        visibility__in=policy.events_allowed(audience),
        starts_at__gt=after,
        starts_at__lte=until,
    ).order_by("starts_at", "pk")
    drafts = []
    for event in events:
        with translation.override(SOURCE_LANGUAGE):
            when = timezone.localtime(event.starts_at).strftime("%d.%m.%Y %H:%M")
        place = event.city or str(event.get_format_display())
        drafts.append(
            ItemDraft(
                Section.EVENTS,
                event.title,
                f"{when} · {place}",
                _url("events:public_event_detail", event.pk),
                f"event:{event.pk}",
            )
        )
    return drafts


def _ambassador_news(tree: set[int], start: date, end: date) -> list[ItemDraft]:
    return [
        ItemDraft(
            Section.AMBASSADORS,
            news.title,
            f"{news.text}\n— {news.term.organisation.name}",
            "",
            f"news:{news.pk}",
        )
        for news in ambassador_news_between(tree, start, end)
    ]


def _articles(tree: set[int], start: date, end: date, audience: str) -> list[ItemDraft]:
    visibilities = ("public", "members") if audience == "members" else ("public",)
    articles = Article.objects.filter(
        Q(network_id__in=tree)
        | Q(network__isnull=True, organisation__memberships__network_id__in=tree),
        status=ArticleStatus.PUBLISHED,
        visibility__in=visibilities,
        published_at__gte=_aware(start),
        published_at__lte=_aware(end, end=True),
    ).distinct()
    texts = {
        t.article_id: t
        for t in ArticleText.objects.filter(article__in=articles, language=SOURCE_LANGUAGE)
    }
    drafts = []
    for article in articles.order_by("published_at", "pk"):
        text = texts.get(article.pk)
        if text is None:
            continue
        drafts.append(
            ItemDraft(
                Section.KNOWLEDGE,
                text.title,
                text.summary,
                _url("knowledge:public_article_detail", article.pk),
                f"article:{article.pk}",
            )
        )
    return drafts


def milestone_counts(tree: set[int], start: date, end: date) -> list[tuple[MilestoneType, int]]:
    """Milestones per type reached in the period by participants of the network's projects.

    Counts only (no participant is read); types with fewer than MIN_AGGREGATE_COUNT are dropped.
    """
    rows = (
        milestones_in_networks(tree)
        .filter(occurred_on__gte=start, occurred_on__lte=end)
        .values("milestone_type_id")
        .annotate(n=Count("pk", distinct=True))
    )
    counts = {r["milestone_type_id"]: r["n"] for r in rows if r["n"] >= MIN_AGGREGATE_COUNT}
    types = MilestoneType.objects.filter(pk__in=counts).order_by("order", "key")
    return [(t, counts[t.pk]) for t in types]


def _milestone_text(count: int, label: str) -> str:
    return _("%(count)s × “%(milestone)s” reached in our network.") % {
        "count": count,
        "milestone": label,
    }


def _milestones(tree: set[int], start: date, end: date) -> list[ItemDraft]:
    drafts = []
    for milestone_type, count in milestone_counts(tree, start, end):
        labels: dict[str, str] = milestone_type.labels or {}
        variants = {}
        for code, _name in settings.LANGUAGES:
            if code == SOURCE_LANGUAGE:
                continue
            label = labels.get(code) or labels.get("en") or labels.get("de") or milestone_type.key
            with translation.override(code):
                variants[code] = {"title": label, "text": _milestone_text(count, label)}
        title = labels.get("de") or milestone_type.key
        with translation.override(SOURCE_LANGUAGE):
            text = _milestone_text(count, title)
        drafts.append(
            ItemDraft(
                Section.MILESTONES, title, text, "", f"milestones:{milestone_type.key}", variants
            )
        )
    return drafts


def activity_between(*, network: Network, start: date, end: date, audience: str) -> list[ItemDraft]:
    """Everything worth telling from the period, section by section."""
    tree = network_tree_ids({network.pk})
    return [
        *_new_members(tree, start, end),
        *_upcoming_events(tree, end, audience),
        *_ambassador_news(tree, start, end),
        *_articles(tree, start, end, audience),
        *_milestones(tree, start, end),
    ]

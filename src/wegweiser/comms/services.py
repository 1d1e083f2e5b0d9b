"""Writes of the newsletter: one transaction and one audit entry each; mail after commit.

Subscriptions need double opt-in: a sign-up or a role invitation only sends a confirmation link;
the address is subscribed when its owner clicks it (`confirmed_at` and `consent_text` are the
proof). An unsubscribed address stays on file as unsubscribed and is never re-added silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from wegweiser.accounts.models import User
from wegweiser.comms import conf, policy, selectors
from wegweiser.comms.constants import (
    MAX_ATTEMPTS,
    RETRY_BASE_SECONDS,
    SECTION_ORDER,
    Audience,
    DeliveryStatus,
    IssueStatus,
    Section,
    SubscriberSource,
    SubscriberStatus,
)
from wegweiser.comms.exceptions import IssueFrozen, LinkInvalid, NewsletterError
from wegweiser.comms.models import Delivery, Issue, IssueItem, Subscriber, new_nonce
from wegweiser.comms.tokens import confirm_token_read
from wegweiser.core.services import audit_entry_create, changed_field_names
from wegweiser.network.constants import RoleKind
from wegweiser.network.models import Network

# A confirmation mail is not sent again to the same address within this time (no mail bombs).
RESEND_PAUSE = timedelta(minutes=10)
LANGUAGE_CODES = frozenset(code for code, _name in settings.LANGUAGES)
ITEM_EDITABLE_FIELDS = ("title", "text", "link", "variants", "section")
CLAIM_SECONDS = 600  # a delivery being sent is hidden from other workers this long


def _consent_text(network: Network) -> str:
    return f"Newsletter {network.name}: e-mail, language; double opt-in"[:300]


def _normalise_email(email: str) -> str:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as error:
        raise NewsletterError(_("Enter a valid e-mail address.")) from error
    return email


def _check_language(language: str) -> str:
    if language not in LANGUAGE_CODES:
        raise NewsletterError(_("Choose one of the offered languages."))
    return language


def _confirmation_on_commit(subscriber: Subscriber) -> None:
    from wegweiser.comms.tasks import confirmation_mail_send

    transaction.on_commit(partial(confirmation_mail_send.enqueue, subscriber_id=subscriber.pk))


def _request_confirmation(
    *,
    network: Network,
    email: str,
    language: str,
    source: str,
    user_id: int | None = None,
    now: datetime,
) -> tuple[Subscriber, bool]:
    """Create or refresh the pending record and queue a confirmation mail. Returns whether a
    mail goes out. A confirmed address gets nothing; the caller must not tell the difference."""
    subscriber = Subscriber.objects.select_for_update().filter(network=network, email=email).first()
    if subscriber is None:
        subscriber = Subscriber.objects.create(
            network=network,
            email=email,
            language=language,
            source=source,
            user_id=user_id,
            confirmation_sent_at=now,
        )
        _confirmation_on_commit(subscriber)
        return subscriber, True
    if subscriber.status == SubscriberStatus.CONFIRMED:
        return subscriber, False
    recently = (
        subscriber.confirmation_sent_at and now - subscriber.confirmation_sent_at < RESEND_PAUSE
    )
    if recently:
        return subscriber, False
    subscriber.confirmation_sent_at = now
    if subscriber.status == SubscriberStatus.PENDING:
        subscriber.language = language
    subscriber.save(update_fields=["confirmation_sent_at", "language", "updated_at"])
    _confirmation_on_commit(subscriber)
    return subscriber, True


def subscription_request(*, network: Network, email: str, language: str) -> Subscriber:
    """A sign-up on the public page: sends a confirmation link (double opt-in).

    An unsubscribed address that signs up again gets a new link too (the person asked, and is
    subscribed only by clicking it); its record stays unsubscribed until then.
    """
    email = _normalise_email(email)
    language = _check_language(language)
    with transaction.atomic():
        subscriber, _sent = _request_confirmation(
            network=network,
            email=email,
            language=language,
            source=SubscriberSource.SIGNUP,
            now=timezone.now(),
        )
        audit_entry_create(
            actor=None,
            action="newsletter.subscription_request",
            obj=subscriber,
            changed_fields=["email", "language"],
            network_id=network.pk,
        )
    return subscriber


def subscription_confirm(*, token: str) -> Subscriber:
    """The click on the confirmation link: subscribes the address, once."""
    subscriber_id, nonce = confirm_token_read(
        token, max_age=timedelta(days=conf.confirm_valid_days())
    )
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(pk=subscriber_id).first()
        if subscriber is None or subscriber.confirm_nonce != nonce:
            raise LinkInvalid(
                _("This confirmation link was already used. Your subscription is unchanged.")
            )
        now = timezone.now()
        subscriber.status = SubscriberStatus.CONFIRMED
        subscriber.confirmed_at = now
        subscriber.unsubscribed_at = None
        subscriber.consent_text = _consent_text(subscriber.network)
        subscriber.confirm_nonce = new_nonce()
        subscriber.save()
        audit_entry_create(
            actor=None,
            action="newsletter.subscription_confirm",
            obj=subscriber,
            changed_fields=["status", "confirmed_at", "consent_text"],
            network_id=subscriber.network_id,
        )
    return subscriber


def subscription_language_set(*, subscriber: Subscriber, language: str) -> Subscriber:
    language = _check_language(language)
    with transaction.atomic():
        locked = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if locked.status != SubscriberStatus.CONFIRMED:
            raise NewsletterError(_("Only a confirmed subscription can be changed."))
        locked.language = language
        locked.save(update_fields=["language", "updated_at"])
        audit_entry_create(
            actor=None,
            action="newsletter.subscription_language",
            obj=locked,
            changed_fields=["language"],
            network_id=locked.network_id,
        )
    return locked


def subscription_cancel(*, subscriber: Subscriber) -> Subscriber:
    """One-click unsubscribe. Keeps the record (as unsubscribed); idempotent."""
    with transaction.atomic():
        locked = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if locked.status != SubscriberStatus.UNSUBSCRIBED:
            locked.status = SubscriberStatus.UNSUBSCRIBED
            locked.unsubscribed_at = timezone.now()
            locked.confirm_nonce = new_nonce()  # open confirmation links die with it
            locked.save()
        Delivery.objects.filter(subscriber=locked, status=DeliveryStatus.WAITING).update(
            status=DeliveryStatus.FAILED, last_error="unsubscribed before sending"
        )
        audit_entry_create(
            actor=None,
            action="newsletter.unsubscribe",
            obj=locked,
            changed_fields=["status", "unsubscribed_at"],
            network_id=locked.network_id,
        )
    return locked


@dataclass(frozen=True)
class InvitationResult:
    invited: int
    skipped: int


def role_invite(*, actor: User, network: Network, kind: str) -> InvitationResult:
    """Send the double-opt-in mail to everyone holding a role in the network.

    Nobody is subscribed by this: each person confirms. Confirmed and unsubscribed addresses
    are skipped (an unsubscribed person is never asked again by a coordinator).
    """
    if not policy.can_manage_newsletter(actor, network.pk):
        raise NewsletterError(_("Only the network's coordinators can invite members."))
    if kind not in RoleKind.values:
        raise NewsletterError(_("Choose one of the offered roles."))
    invited = skipped = 0
    now = timezone.now()
    with transaction.atomic():
        for email, language, user_id in selectors.role_holders(network=network, kind=kind):
            existing = Subscriber.objects.filter(network=network, email=email).first()
            if existing is not None and existing.status == SubscriberStatus.UNSUBSCRIBED:
                skipped += 1
                continue
            _subscriber, sent = _request_confirmation(
                network=network,
                email=email,
                language=language if language in LANGUAGE_CODES else settings.LANGUAGE_CODE,
                source=SubscriberSource.ROLE_INVITATION,
                user_id=user_id,
                now=now,
            )
            if sent:
                invited += 1
            else:
                skipped += 1
        audit_entry_create(
            actor=actor,
            action="newsletter.role_invite",
            obj=network,
            changed_fields=["subscribers"],
            network_id=network.pk,
            reason=f"role={kind} invited={invited} skipped={skipped}",
        )
    return InvitationResult(invited, skipped)


# --- Issues ---------------------------------------------------------------------------------------


def _require_manager(actor: User, network_id: int) -> None:
    if not policy.can_manage_newsletter(actor, network_id):
        raise NewsletterError(_("Only the network's coordinators can edit its newsletter."))


def _require_draft(issue: Issue) -> None:
    if issue.status != IssueStatus.DRAFT:
        raise IssueFrozen(_("This issue is being sent or was sent; it can no longer change."))


def issue_compose(
    *,
    actor: User,
    network: Network,
    period_start: date | None = None,
    period_end: date | None = None,
    audience: str = Audience.PUBLIC,
    subject: str = "",
) -> Issue:
    """A draft issue holding the period's activity, one item per piece of news."""
    _require_manager(actor, network.pk)
    default_start, default_end = selectors.default_period()
    start, end = period_start or default_start, period_end or default_end
    if end < start:
        raise NewsletterError(_("The period must end on or after its first day."))
    if audience not in Audience.values:
        raise NewsletterError(_("Choose one of the offered audiences."))
    subject = (subject or "").strip() or _("Newsletter %(network)s, %(start)s – %(end)s") % {
        "network": network.name,
        "start": start.strftime("%d.%m.%Y"),
        "end": end.strftime("%d.%m.%Y"),
    }
    drafts = selectors.activity_between(network=network, start=start, end=end, audience=audience)
    with transaction.atomic():
        issue = Issue(
            network=network,
            subject=subject[:200],
            audience=audience,
            period_start=start,
            period_end=end,
            created_by=actor,
        )
        issue.full_clean()
        issue.save()
        positions: dict[str, int] = {}
        items = []
        for draft in drafts:
            positions[draft.section] = positions.get(draft.section, 0) + 1
            items.append(
                IssueItem(
                    issue=issue,
                    section=draft.section,
                    position=positions[draft.section],
                    title=draft.title[:200],
                    text=draft.text[:5000],
                    link=draft.link[:500],
                    variants=draft.variants,
                    source=draft.source[:60],
                )
            )
        IssueItem.objects.bulk_create(items)
        audit_entry_create(
            actor=actor,
            action="newsletter.issue_compose",
            obj=issue,
            changed_fields=["subject", "audience", "period_start", "period_end", "items"],
            network_id=network.pk,
        )
    return issue


def issue_update(*, actor: User, issue: Issue, subject: str) -> Issue:
    subject = (subject or "").strip()
    if not subject:
        raise NewsletterError(_("Give the issue a subject."))
    with transaction.atomic():
        locked = Issue.objects.select_for_update().get(pk=issue.pk)
        _require_manager(actor, locked.network_id)
        _require_draft(locked)
        changed = changed_field_names(locked, {"subject": subject})
        locked.subject = subject[:200]
        locked.save(update_fields=["subject", "updated_at"])
        audit_entry_create(
            actor=actor,
            action="newsletter.issue_update",
            obj=locked,
            changed_fields=changed,
            network_id=locked.network_id,
        )
    return locked


def _locked_draft(actor: User, issue_id: int) -> Issue:
    issue = Issue.objects.select_for_update().get(pk=issue_id)
    _require_manager(actor, issue.network_id)
    _require_draft(issue)
    return issue


def _clean_item(item: IssueItem) -> None:
    if item.section not in SECTION_ORDER:
        raise NewsletterError(_("Choose one of the offered sections."))
    if not (item.title or "").strip():
        raise NewsletterError(_("An item needs a title."))
    variants = item.variants or {}
    if not isinstance(variants, dict) or any(
        code not in LANGUAGE_CODES or not isinstance(v, dict) for code, v in variants.items()
    ):
        raise NewsletterError(_("The language variants are not valid."))
    item.variants = {
        code: {k: str(v.get(k, ""))[: 200 if k == "title" else 5000] for k in ("title", "text")}
        for code, v in variants.items()
        if any(str(v.get(k, "")).strip() for k in ("title", "text"))
    }
    item.full_clean(exclude=["issue"])


def item_create(*, actor: User, issue: Issue, data: dict[str, Any]) -> IssueItem:
    """A free item the editor writes, at the end of its section."""
    fields = {k: v for k, v in data.items() if k in ITEM_EDITABLE_FIELDS}
    fields.setdefault("section", Section.OTHER)
    with transaction.atomic():
        locked = _locked_draft(actor, issue.pk)
        last = locked.items.filter(section=fields["section"]).aggregate(m=Max("position"))["m"]
        item = IssueItem(issue=locked, position=(last or 0) + 1, source="free", **fields)
        _clean_item(item)
        item.save()
        audit_entry_create(
            actor=actor,
            action="newsletter.item_create",
            obj=item,
            changed_fields=fields.keys(),
            network_id=locked.network_id,
        )
    return item


def item_update(*, actor: User, item: IssueItem, data: dict[str, Any]) -> IssueItem:
    fields = {k: v for k, v in data.items() if k in ITEM_EDITABLE_FIELDS}
    with transaction.atomic():
        locked_issue = _locked_draft(actor, item.issue_id)
        locked = IssueItem.objects.select_for_update().get(pk=item.pk, issue=locked_issue)
        changed = changed_field_names(locked, fields)
        section_changed = "section" in changed
        for name, value in fields.items():
            setattr(locked, name, value)
        if section_changed:
            last = locked_issue.items.filter(section=locked.section).aggregate(m=Max("position"))
            locked.position = (last["m"] or 0) + 1
        _clean_item(locked)
        locked.save()
        audit_entry_create(
            actor=actor,
            action="newsletter.item_update",
            obj=locked,
            changed_fields=changed,
            network_id=locked_issue.network_id,
        )
    return locked


def item_delete(*, actor: User, item: IssueItem) -> None:
    with transaction.atomic():
        locked_issue = _locked_draft(actor, item.issue_id)
        locked = IssueItem.objects.get(pk=item.pk, issue=locked_issue)
        audit_entry_create(
            actor=actor,
            action="newsletter.item_delete",
            obj=locked,
            changed_fields=["title", "text", "link"],
            network_id=locked_issue.network_id,
        )
        locked.delete()


def item_move(*, actor: User, item: IssueItem, direction: str) -> IssueItem:
    """Move an item one place up or down within its section."""
    if direction not in ("up", "down"):
        raise NewsletterError(_("Move an item up or down."))
    with transaction.atomic():
        locked_issue = _locked_draft(actor, item.issue_id)
        siblings = list(locked_issue.items.filter(section=item.section).order_by("position", "pk"))
        index = next((i for i, s in enumerate(siblings) if s.pk == item.pk), None)
        if index is None:
            raise NewsletterError(_("This item is not part of the issue."))
        target = index - 1 if direction == "up" else index + 1
        if 0 <= target < len(siblings):
            siblings[index], siblings[target] = siblings[target], siblings[index]
        for position, sibling in enumerate(siblings, start=1):
            sibling.position = position
        IssueItem.objects.bulk_update(siblings, ["position"])
        moved = siblings[target] if 0 <= target < len(siblings) else siblings[index]
        audit_entry_create(
            actor=actor,
            action="newsletter.item_move",
            obj=moved,
            changed_fields=["position"],
            network_id=locked_issue.network_id,
        )
    return moved


# --- Sending --------------------------------------------------------------------------------------


def issue_send(*, actor: User, issue: Issue) -> int:
    """Freeze the issue and queue one delivery per confirmed subscriber. Returns their number."""
    from wegweiser.comms.tasks import issue_deliver

    with transaction.atomic():
        locked = _locked_draft(actor, issue.pk)
        if not locked.items.exists():
            raise NewsletterError(_("The issue has no items yet."))
        subscribers = list(selectors.confirmed_subscribers(locked.network_id))
        if not subscribers:
            raise NewsletterError(_("Nobody has confirmed a subscription yet."))
        now = timezone.now()
        locked.status = IssueStatus.SENDING
        locked.frozen_at = now
        locked.save(update_fields=["status", "frozen_at", "updated_at"])
        Delivery.objects.bulk_create(
            Delivery(issue=locked, subscriber=s, next_attempt_at=now) for s in subscribers
        )
        audit_entry_create(
            actor=actor,
            action="newsletter.issue_send",
            obj=locked,
            changed_fields=["status", "frozen_at", "deliveries"],
            network_id=locked.network_id,
        )
        transaction.on_commit(partial(issue_deliver.enqueue, issue_id=locked.pk))
    return len(subscribers)


def retry_delay(attempts: int) -> timedelta:
    """Backoff after the n-th failed attempt: 5 minutes, then 20."""
    return timedelta(seconds=RETRY_BASE_SECONDS * 4 ** max(attempts - 1, 0))


@dataclass(frozen=True)
class BatchResult:
    sent: int
    failed: int
    more_due: bool  # deliveries waiting now: run again at once
    next_retry_at: datetime | None  # the earliest later retry, if any


def _claim(delivery_id: int, now: datetime) -> bool:
    """Take one due delivery; a concurrent worker that took it first makes this return False."""
    return (
        Delivery.objects.filter(
            pk=delivery_id, status=DeliveryStatus.WAITING, next_attempt_at__lte=now
        ).update(next_attempt_at=now + timedelta(seconds=CLAIM_SECONDS))
        == 1
    )


def deliveries_process(*, issue_id: int, now: datetime | None = None) -> BatchResult:
    """Send one batch of due deliveries of an issue, each address on its own.

    A failure is recorded with its error and retried later (backoff), up to MAX_ATTEMPTS; it
    never stops the others. When nothing is left waiting, the issue is marked sent.
    """
    from wegweiser.comms.mailing import issue_mail_send

    now = now or timezone.now()
    issue = Issue.objects.select_related("network").filter(pk=issue_id).first()
    if issue is None or issue.status == IssueStatus.DRAFT:
        return BatchResult(0, 0, False, None)
    due = list(
        Delivery.objects.filter(
            issue=issue, status=DeliveryStatus.WAITING, next_attempt_at__lte=now
        )
        .select_related("subscriber")
        .order_by("pk")[: conf.send_batch_size()]
    )
    sent = failed = 0
    for delivery in due:
        if not _claim(delivery.pk, now):
            continue
        subscriber = delivery.subscriber
        if subscriber.status != SubscriberStatus.CONFIRMED:
            Delivery.objects.filter(pk=delivery.pk).update(
                status=DeliveryStatus.FAILED, last_error="unsubscribed before sending"
            )
            continue
        attempts = delivery.attempts + 1
        try:
            issue_mail_send(issue=issue, subscriber=subscriber)
        except Exception as error:  # any failure of one address is recorded, never raised
            failed += 1
            final = attempts >= MAX_ATTEMPTS
            Delivery.objects.filter(pk=delivery.pk).update(
                attempts=attempts,
                last_error=f"{type(error).__name__}: {error}"[:500],
                status=DeliveryStatus.FAILED if final else DeliveryStatus.WAITING,
                next_attempt_at=None if final else now + retry_delay(attempts),
            )
        else:
            sent += 1
            Delivery.objects.filter(pk=delivery.pk).update(
                attempts=attempts,
                status=DeliveryStatus.SENT,
                sent_at=timezone.now(),
                next_attempt_at=None,
            )
    waiting = Delivery.objects.filter(issue=issue, status=DeliveryStatus.WAITING)
    more_due = waiting.filter(next_attempt_at__lte=now).exists()
    next_retry = (
        None
        if more_due
        else waiting.order_by("next_attempt_at").values_list("next_attempt_at", flat=True).first()
    )
    if not waiting.exists():
        _issue_finish(issue)
    return BatchResult(sent, failed, more_due, next_retry)


def _issue_finish(issue: Issue) -> None:
    with transaction.atomic():
        updated = Issue.objects.filter(pk=issue.pk, status=IssueStatus.SENDING).update(
            status=IssueStatus.SENT, sent_at=timezone.now()
        )
        if updated:
            audit_entry_create(
                actor=None,
                action="newsletter.issue_sent",
                obj=issue,
                changed_fields=["status", "sent_at"],
                network_id=issue.network_id,
            )


# --- Housekeeping ---------------------------------------------------------------------------------


def pending_subscriptions_purge(*, now: datetime | None = None) -> int:
    """Delete sign-ups never confirmed once their link has expired (a day's grace).

    They hold an address without consent, so they are not kept. Unsubscribed records stay: they
    keep the address from being re-added silently. One audit entry per deleted record.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(days=conf.confirm_valid_days() + 1)
    with transaction.atomic():
        stale = list(
            Subscriber.objects.select_for_update(of=("self",))
            .filter(
                status=SubscriberStatus.PENDING,
                confirmed_at__isnull=True,
                confirmation_sent_at__lt=cutoff,
            )
            .exclude(pk__in=Delivery.objects.values("subscriber_id"))
        )
        for subscriber in stale:
            audit_entry_create(
                actor=None,
                action="newsletter.pending_purge",
                obj=subscriber,
                changed_fields=["email", "language"],
                network_id=subscriber.network_id,
            )
        Subscriber.objects.filter(pk__in=[s.pk for s in stale]).delete()
    return len(stale)


def issues_resume(*, now: datetime | None = None) -> int:
    """Queue the sending of issues that have deliveries due (after a lost task, or retries when
    the task backend cannot defer). Returns how many issues were queued."""
    from wegweiser.comms.tasks import issue_deliver

    now = now or timezone.now()
    issue_ids = list(
        Delivery.objects.filter(
            issue__status=IssueStatus.SENDING,
            status=DeliveryStatus.WAITING,
            next_attempt_at__lte=now,
        )
        .values_list("issue_id", flat=True)
        .distinct()
    )
    for issue_id in issue_ids:
        issue_deliver.enqueue(issue_id=issue_id)
    return len(issue_ids)

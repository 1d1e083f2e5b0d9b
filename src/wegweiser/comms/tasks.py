"""Background tasks of the newsletter: confirmation mails and sending issues in batches."""

from __future__ import annotations

from django.tasks import task

from wegweiser.comms.constants import SubscriberStatus
from wegweiser.comms.models import Subscriber


@task(queue_name="mail")
def confirmation_mail_send(*, subscriber_id: int) -> None:
    from wegweiser.comms.mailing import confirmation_mail_send as send

    subscriber = Subscriber.objects.select_related("network").filter(pk=subscriber_id).first()
    if subscriber is None or subscriber.status == SubscriberStatus.CONFIRMED:
        return
    send(subscriber=subscriber)


@task(queue_name="mail")
def issue_deliver(*, issue_id: int) -> dict[str, int]:
    """Send one batch; queue the next batch at once, or the next retry when it is due."""
    from wegweiser.comms.services import deliveries_process

    result = deliveries_process(issue_id=issue_id)
    if result.more_due:
        issue_deliver.enqueue(issue_id=issue_id)
    elif result.next_retry_at is not None and issue_deliver.get_backend().supports_defer:
        issue_deliver.using(run_after=result.next_retry_at).enqueue(issue_id=issue_id)
    return {"sent": result.sent, "failed": result.failed}

"""API of the newsletter: the coordinators' issues with their sending progress (read only)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from wegweiser.comms import selectors
from wegweiser.core.listing import ApiPagination

router = Router(tags=["newsletter"])


class IssueOut(Schema):
    id: int
    network_id: int
    subject: str
    audience: str
    status: str
    period_start: date
    period_end: date
    frozen_at: datetime | None = None
    sent_at: datetime | None = None


class ProgressOut(Schema):
    total: int
    sent: int
    failed: int
    waiting: int
    retrying: int


class IssueDetailOut(IssueOut):
    progress: ProgressOut


@router.get(
    "/newsletter/issues", response=list[IssueOut], summary="Newsletter issues of my networks"
)
@paginate(ApiPagination, page_size=50)
def issue_list(request: HttpRequest) -> Any:
    return selectors.issue_list_for(actor=request.user)


@router.get(
    "/newsletter/issues/{issue_id}",
    response=IssueDetailOut,
    summary="One newsletter issue with its sending progress",
)
def issue_detail(request: HttpRequest, issue_id: int) -> Any:
    issue = selectors.access_issue_by_id(actor=request.user, issue_id=issue_id)
    progress = selectors.delivery_progress(issue)
    return {
        **IssueOut.model_validate(issue).model_dump(),
        "progress": {
            "total": progress.total,
            "sent": progress.sent,
            "failed": progress.failed,
            "waiting": progress.waiting,
            "retrying": progress.retrying,
        },
    }

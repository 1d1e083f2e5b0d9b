"""Sorting and pagination for list pages and tables (one mechanism for every list)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

M = TypeVar("M")

DEFAULT_PAGE_SIZE = 25


@dataclass(frozen=True)
class Listing:
    page: Page[Any]
    sort: str
    descending: bool
    query_string: str  # the request's filters without page and sort, for links

    @property
    def sort_param(self) -> str:
        return f"-{self.sort}" if self.descending else self.sort


def paginate_sorted(
    request: HttpRequest,
    queryset: QuerySet[Any] | Sequence[Any],
    *,
    sort_fields: Mapping[str, Sequence[str]],
    default_sort: str,
    page_size: int = DEFAULT_PAGE_SIZE,
) -> Listing:
    """Apply the `sort` (`name` or `-name`) and `page` parameters of the request.

    `sort_fields` maps the public sort keys to model orderings; unknown keys fall back to the
    default, so a hand-edited URL never breaks the page.
    """
    raw = request.GET.get("sort", default_sort)
    descending = raw.startswith("-")
    key = raw.lstrip("-")
    if key not in sort_fields:
        descending = default_sort.startswith("-")
        key = default_sort.lstrip("-")
    if isinstance(queryset, QuerySet):
        ordering = [f"-{f}" if descending else f for f in sort_fields[key]]
        queryset = queryset.order_by(*ordering, "-pk" if descending else "pk")
    paginator = Paginator(queryset, page_size)
    page = paginator.get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    params.pop("sort", None)
    return Listing(page=page, sort=key, descending=descending, query_string=params.urlencode())


class ApiPagination(PageNumberPagination):
    """Page-number pagination for the JSON API with bounded input: a page beyond any real list
    (or a page size beyond the maximum) is a 422, never a database overflow."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=100_000)
        page_size: int | None = Field(None, ge=1, le=200)

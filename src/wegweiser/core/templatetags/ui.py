"""Template components: sortable table headers, pagination, empty states, confirmations."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.functional import Promise

from wegweiser.core.listing import Listing

register = template.Library()


@register.inclusion_tag("core/components/sort_header.html")
def sort_header(listing: Listing, key: str, label: str | Promise) -> dict[str, Any]:
    active = listing.sort == key
    next_sort = f"-{key}" if active and not listing.descending else key
    return {
        "label": label,
        "active": active,
        "descending": listing.descending,
        "next_sort": next_sort,
        "query_string": listing.query_string,
    }


@register.inclusion_tag("core/components/pagination.html", takes_context=True)
def pagination(context: dict[str, Any], listing: Listing) -> dict[str, Any]:
    params = listing.query_string
    if listing.sort:
        params = f"{params}&sort={listing.sort_param}" if params else f"sort={listing.sort_param}"
    return {"page": listing.page, "base": f"{params}&" if params else ""}


@register.inclusion_tag("core/components/empty_state.html")
def empty_state(
    title: str | Promise,
    text: str | Promise = "",
    action_url: str = "",
    action_label: str | Promise = "",
) -> dict[str, Any]:
    return {"title": title, "text": text, "action_url": action_url, "action_label": action_label}


@register.inclusion_tag("core/components/confirm_form.html", takes_context=True)
def confirm_form(
    context: dict[str, Any],
    url: str,
    label: str | Promise,
    question: str | Promise,
    danger: bool = True,
    **hidden: Any,
) -> dict[str, Any]:
    """A POST button that asks for confirmation in an accessible dialog first."""
    return {
        "url": url,
        "label": label,
        "question": question,
        "danger": danger,
        "hidden": hidden,
        "csrf_token": context.get("csrf_token"),
    }

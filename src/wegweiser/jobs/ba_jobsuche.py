"""The ONE place that knows the Federal Employment Agency's Jobsuche API (v4 of `/pc/v4/jobs`).

The API changes over time; everything about its shape stays in this module:

- `fetch_page` makes the HTTP call (urllib, header `X-API-Key`, settings `BA_JOBSUCHE_URL`,
  `BA_JOBSUCHE_API_KEY`, `BA_JOBSUCHE_ENABLED`);
- `parse_page` turns the JSON into typed `BaOffer` records and refuses shapes it does not know
  with `UnknownResponseShape` (a clear message instead of silently importing nothing);
- `search` walks the pages of one search.

Tests feed stored responses (tests/jobs/fixtures/ba/*.json) through `parse_page` and `search`
with a fake fetcher; they never call the live service.
"""

from __future__ import annotations

import datetime as dt
import json
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

from wegweiser.jobs.exceptions import ImportDisabled, UnknownResponseShape

JOBS_PATH = "/pc/v4/jobs"
DETAIL_URL = "https://www.arbeitsagentur.de/jobsuche/jobdetail/{refnr}"
PAGE_SIZE = 100
MAX_PAGES = 20
TIMEOUT_S = 20

# Offer kinds of the search parameter `angebotsart` by our offer types.
ANGEBOTSART = {"job": "1", "apprenticeship": "4", "internship": "34"}


@dataclass(frozen=True)
class BaOffer:
    """One job offer of the Jobsuche, as much as the import stores."""

    refnr: str
    title: str
    occupation_title: str
    employer: str
    plz: str
    city: str
    region: str
    latitude: float | None
    longitude: float | None
    start_date: dt.date | None
    published_at: dt.datetime | None
    url: str
    offer_type: str = "job"


@dataclass(frozen=True)
class BaPage:
    offers: tuple[BaOffer, ...]
    total: int
    page: int
    size: int
    row_errors: tuple[str, ...] = field(default=())  # "row 3: reason"


Fetcher = Callable[[Mapping[str, str]], Any]


def _int(value: Any, name: str) -> int:
    if isinstance(value, bool):
        raise UnknownResponseShape(f"BA Jobsuche: “{name}” is not a number ({value!r}).")
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    raise UnknownResponseShape(f"BA Jobsuche: “{name}” is not a number ({value!r}).")


def _text(row: Mapping[str, Any], key: str) -> str:
    value = row.get(key)
    return value.strip() if isinstance(value, str) else ""


def _date(value: Any) -> dt.date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _coordinate(place: Mapping[str, Any], key: str, limit: float) -> float | None:
    raw = place.get("koordinaten")
    if not isinstance(raw, Mapping):
        return None
    value = raw.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if -limit <= number <= limit else None


def _parse_offer(row: Any, offer_type: str) -> BaOffer:
    if not isinstance(row, Mapping):
        raise ValueError("not an object")
    refnr = _text(row, "refnr")
    if not refnr:
        raise ValueError("no reference number (refnr)")
    title = _text(row, "titel") or _text(row, "beruf")
    if not title:
        raise ValueError("no title")
    place = row.get("arbeitsort")
    if not isinstance(place, Mapping):
        place = {}
    lat = _coordinate(place, "lat", 90.0)
    lon = _coordinate(place, "lon", 180.0)
    if lat is None or lon is None:
        lat = lon = None
    published = _date(row.get("aktuelleVeroeffentlichungsdatum"))
    url = _text(row, "externeUrl")
    if not url.startswith(("https://", "http://")):
        url = DETAIL_URL.format(refnr=urllib.parse.quote(refnr, safe=""))
    return BaOffer(
        refnr=refnr[:64],
        title=title,
        occupation_title=_text(row, "beruf"),
        employer=_text(row, "arbeitgeber"),
        plz=_text(place, "plz"),
        city=_text(place, "ort"),
        region=_text(place, "region"),
        latitude=lat,
        longitude=lon,
        start_date=_date(row.get("eintrittsdatum")),
        published_at=(
            dt.datetime.combine(published, dt.time(), tzinfo=dt.UTC) if published else None
        ),
        url=url,
        offer_type=offer_type,
    )


def parse_page(payload: Any, *, offer_type: str = "job") -> BaPage:
    """Typed records from one response; raises UnknownResponseShape for unknown shapes."""
    if not isinstance(payload, Mapping):
        raise UnknownResponseShape("BA Jobsuche: the response is not a JSON object.")
    if "maxErgebnisse" not in payload:
        keys = ", ".join(sorted(str(key) for key in payload)[:10]) or "none"
        raise UnknownResponseShape(
            f"BA Jobsuche: unknown response shape (no “maxErgebnisse”; keys: {keys}). "
            "The API may have changed: update wegweiser/jobs/ba_jobsuche.py."
        )
    total = _int(payload["maxErgebnisse"], "maxErgebnisse")
    page = _int(payload.get("page", 1), "page")
    size = _int(payload.get("size", PAGE_SIZE), "size")
    rows = payload.get("stellenangebote")
    if rows is None:
        if total == 0:
            return BaPage((), 0, page, size)
        raise UnknownResponseShape(
            f"BA Jobsuche: {total} results announced but no “stellenangebote” list. "
            "The API may have changed: update wegweiser/jobs/ba_jobsuche.py."
        )
    if not isinstance(rows, list):
        raise UnknownResponseShape("BA Jobsuche: “stellenangebote” is not a list.")
    offers: list[BaOffer] = []
    errors: list[str] = []
    for index, row in enumerate(rows, start=1):
        try:
            offers.append(_parse_offer(row, offer_type))
        except ValueError as error:
            errors.append(f"row {index}: {error}")
    if rows and not offers:
        raise UnknownResponseShape(
            f"BA Jobsuche: none of the {len(rows)} offers has the known fields "
            f"({errors[0]}). The API may have changed: update wegweiser/jobs/ba_jobsuche.py."
        )
    return BaPage(tuple(offers), total, page, size, tuple(errors))


def search_params(
    *, region: str, query: str = "", radius_km: int = 25, offer_type: str = "job"
) -> dict[str, str]:
    params = {"wo": region, "umkreis": str(radius_km), "size": str(PAGE_SIZE)}
    if query:
        params["was"] = query
    if offer_type in ANGEBOTSART:
        params["angebotsart"] = ANGEBOTSART[offer_type]
    return params


def fetch_page(params: Mapping[str, str]) -> Any:
    """One GET of the live service; returns the decoded JSON."""
    if not settings.BA_JOBSUCHE_ENABLED:
        raise ImportDisabled(
            "The BA Jobsuche import is switched off (set BA_JOBSUCHE_ENABLED=1 to use it)."
        )
    url = f"{settings.BA_JOBSUCHE_URL.rstrip('/')}{JOBS_PATH}?{urllib.parse.urlencode(params)}"
    if not url.startswith("https://") and not url.startswith("http://"):
        raise ImportDisabled("BA_JOBSUCHE_URL must be an http(s) address.")
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked above
        url,
        headers={
            "X-API-Key": settings.BA_JOBSUCHE_API_KEY,
            "Accept": "application/json",
            "User-Agent": "Wegweiser",
        },
    )
    with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:  # noqa: S310
        body = response.read()
    return decode_body(body)


def decode_body(body: bytes) -> Any:
    """The JSON of a response body; UnknownResponseShape when it is not JSON."""
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        raise UnknownResponseShape(
            f"BA Jobsuche: the response is not valid JSON ({error})."
        ) from error


def search(
    params: Mapping[str, str],
    *,
    fetch: Fetcher = fetch_page,
    offer_type: str = "job",
    max_pages: int = MAX_PAGES,
) -> Iterator[BaPage]:
    """Every page of one search, in order (stops at the announced total or an empty page)."""
    seen = 0
    for number in range(1, max_pages + 1):
        page = parse_page(fetch({**params, "page": str(number)}), offer_type=offer_type)
        yield page
        count = len(page.offers) + len(page.row_errors)
        seen += count
        if count == 0 or seen >= page.total or count < page.size:
            return

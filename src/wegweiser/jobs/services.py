"""Writes of the jobs app: offers, their status, expiry, and the BA Jobsuche import."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wegweiser.accounts.models import User
from wegweiser.core.models import Occupation
from wegweiser.core.places import validate_plz
from wegweiser.core.services import Actor, audit_entry_create, changed_field_names
from wegweiser.jobs import ba_jobsuche
from wegweiser.jobs.ba_jobsuche import BaOffer
from wegweiser.jobs.constants import (
    GERMAN_ORDER,
    STATUS_TRANSITIONS,
    Licence,
    OfferSource,
    OfferStatus,
    OfferType,
    WorkingTime,
)
from wegweiser.jobs.exceptions import ImportDisabled, OfferError
from wegweiser.jobs.geo import coordinates_for_plz
from wegweiser.jobs.models import Offer
from wegweiser.network.models import Organisation

# Fields people edit (forms and the API list exactly these; nothing else is mass-assigned).
OFFER_EDITABLE_FIELDS = (
    "offer_type",
    "title",
    "description",
    "occupation",
    "german_min",
    "licences",
    "plz",
    "city",
    "working_time",
    "start_date",
    "end_date",
    "shifts",
    "housing_help",
    "open_to_refugees",
    "contact_name",
    "contact_email",
    "contact_phone",
    "is_public",
)


def _clean_offer_data(data: Mapping[str, Any], *, old: Offer | None) -> dict[str, Any]:
    """Check the rules every writer (form, API, demo) must meet; raise ValidationError by field."""
    clean = {name: data[name] for name in OFFER_EDITABLE_FIELDS if name in data}
    errors: dict[str, list[str]] = {}
    occupation = clean.get("occupation")
    if isinstance(occupation, str):
        code = occupation.strip()
        found = Occupation.objects.filter(code=code, level=5).first() if code else None
        if code and found is None:
            errors.setdefault("occupation", []).append(
                _("“%(code)s” is not an occupation of the KldB 2010.") % {"code": code}
            )
        clean["occupation"] = found
    elif occupation is not None and getattr(occupation, "level", 5) != 5:
        errors.setdefault("occupation", []).append(_("Choose an occupation, not a group."))
    if "plz" in clean:
        try:
            validate_plz(str(clean["plz"]))
        except ValidationError as error:
            errors.setdefault("plz", []).extend(error.messages)
    if "offer_type" in clean and clean["offer_type"] not in OfferType.values:
        errors.setdefault("offer_type", []).append(_("Choose a type of offer."))
    if "working_time" in clean and clean["working_time"] not in WorkingTime.values:
        errors.setdefault("working_time", []).append(_("Choose a working time."))
    if "german_min" in clean and clean["german_min"] not in GERMAN_ORDER:
        errors.setdefault("german_min", []).append(_("Choose a German level from A1 to C2."))
    if "licences" in clean:
        licences = list(clean["licences"] or [])
        unknown = [str(value) for value in licences if value not in Licence.values]
        if unknown:
            errors.setdefault("licences", []).append(
                _("Unknown licence: %(names)s.") % {"names": ", ".join(unknown)}
            )
        clean["licences"] = [value for value in Licence.values if value in licences]
    if "title" in clean and not str(clean["title"]).strip():
        errors.setdefault("title", []).append(_("Give the offer a title."))
    today = timezone.localdate()
    start = clean.get("start_date", old.start_date if old else None)
    end = clean.get("end_date", old.end_date if old else None)
    start_changed = "start_date" in clean and (old is None or old.start_date != start)
    if start is not None and start_changed and start < today:
        errors.setdefault("start_date", []).append(_("The start date must not lie in the past."))
    if start is not None and end is not None and end < start:
        errors.setdefault("end_date", []).append(_("The offer cannot end before the start date."))
    end_changed = "end_date" in clean and (old is None or old.end_date != end)
    if end is not None and end_changed and end < today:
        errors.setdefault("end_date", []).append(_("The end date must not lie in the past."))
    if errors:
        raise ValidationError(errors)
    return clean


def _place(
    offer: Offer, coordinates: tuple[float, float] | None, *, plz_changed: bool
) -> list[str]:
    if coordinates is not None:
        lat, lon = coordinates
    elif plz_changed or offer.latitude is None:
        found = coordinates_for_plz(offer.plz)
        lat, lon = found if found else (None, None)  # type: ignore[assignment]
    else:
        return []
    changed = [
        name
        for name, value in (("latitude", lat), ("longitude", lon))
        if getattr(offer, name) != value
    ]
    offer.latitude, offer.longitude = lat, lon
    return changed


def _network_id(organisation: Organisation | None) -> int | None:
    if organisation is None:
        return None
    return organisation.memberships.order_by("pk").values_list("network_id", flat=True).first()


def offer_create(
    *,
    actor: Actor,
    organisation: Organisation,
    data: Mapping[str, Any],
    publish: bool = False,
    coordinates: tuple[float, float] | None = None,
) -> Offer:
    """A new offer of an organisation (a draft unless `publish`)."""
    clean = _clean_offer_data(data, old=None)
    with transaction.atomic():
        offer = Offer(
            organisation=organisation,
            source=OfferSource.OWN,
            created_by=actor if isinstance(actor, User) else None,
            **clean,
        )
        _place(offer, coordinates, plz_changed=True)
        if publish:
            offer.status = OfferStatus.PUBLISHED
            offer.published_at = timezone.now()
        offer.full_clean(exclude=["created_by"])
        offer.save()
        audit_entry_create(
            actor=actor,
            action="offer.created",
            obj=offer,
            changed_fields=[*clean, "status"],
            network_id=_network_id(organisation),
            organisation_id=organisation.pk,
        )
    return offer


def offer_update(
    *,
    actor: Actor,
    offer: Offer,
    data: Mapping[str, Any],
    coordinates: tuple[float, float] | None = None,
) -> Offer:
    if offer.source != OfferSource.OWN:
        raise OfferError(_("Imported offers are updated by the import only."))
    clean = _clean_offer_data(data, old=offer)
    with transaction.atomic():
        locked = Offer.objects.select_for_update().get(pk=offer.pk)
        changed = changed_field_names(locked, clean)
        plz_changed = "plz" in changed
        for name, value in clean.items():
            setattr(locked, name, value)
        changed += _place(locked, coordinates, plz_changed=plz_changed)
        locked.full_clean(exclude=["created_by"])
        locked.save()
        audit_entry_create(
            actor=actor,
            action="offer.updated",
            obj=locked,
            changed_fields=changed,
            network_id=_network_id(locked.organisation),
            organisation_id=locked.organisation_id,
        )
    return locked


def offer_status_set(*, actor: Actor, offer: Offer, status: str) -> Offer:
    """Publish, unpublish (back to draft), mark as filled, or reopen an offer."""
    with transaction.atomic():
        locked = Offer.objects.select_for_update().get(pk=offer.pk)
        if status not in STATUS_TRANSITIONS.get(locked.status, frozenset()):
            raise OfferError(
                _("An offer that is “%(old)s” cannot become “%(new)s”.")
                % {
                    "old": OfferStatus(locked.status).label,
                    "new": OfferStatus(status).label if status in OfferStatus.values else status,
                }
            )
        if status == OfferStatus.PUBLISHED:
            if locked.end_date is not None and locked.end_date < timezone.localdate():
                raise OfferError(_("The offer has ended; set a later end date first."))
            locked.published_at = timezone.now()
        locked.status = status
        locked.save(update_fields=["status", "published_at", "updated_at"])
        audit_entry_create(
            actor=actor,
            action=f"offer.{status}",
            obj=locked,
            changed_fields=["status"],
            network_id=_network_id(locked.organisation),
            organisation_id=locked.organisation_id,
        )
    return locked


def offers_expire(*, today: dt.date | None = None) -> int:
    """Mark published offers whose end date has passed as expired; returns how many."""
    today = today or timezone.localdate()
    expired = 0
    due = Offer.objects.filter(status=OfferStatus.PUBLISHED, end_date__lt=today).values_list(
        "pk", flat=True
    )
    for offer_id in list(due):
        with transaction.atomic():
            offer = (
                Offer.objects.select_for_update()
                .filter(pk=offer_id, status=OfferStatus.PUBLISHED, end_date__lt=today)
                .first()
            )
            if offer is None:
                continue
            offer.status = OfferStatus.EXPIRED
            offer.save(update_fields=["status", "updated_at"])
            audit_entry_create(
                actor=None,
                action="offer.expired",
                obj=offer,
                changed_fields=["status"],
                organisation_id=offer.organisation_id,
            )
            expired += 1
    return expired


# --- BA Jobsuche import ---------------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    vanished: int = 0
    skipped: tuple[str, ...] = ()  # "refnr: reason" for rows that could not be stored


def _imported_values(item: BaOffer, occupation: Occupation | None, scope: str) -> dict[str, Any]:
    return {
        "title": item.title[:200],
        "employer_name": item.employer[:200],
        "occupation": occupation,
        "plz": item.plz,
        "city": item.city[:100],
        "latitude": item.latitude,
        "longitude": item.longitude,
        "start_date": item.start_date,
        "external_url": item.url[:500],
        "import_scope": scope[:200],
        "offer_type": item.offer_type,
    }


def ba_offers_import(
    *,
    actor: Actor,
    items: Sequence[BaOffer],
    scope: str,
    occupation_code: str = "",
    mark_vanished: bool = True,
    row_errors: Sequence[str] = (),
) -> ImportResult:
    """Upsert offers found by one BA search (by reference number) and mark the ones of the same
    search that are no longer found. Running it again with the same items changes nothing."""
    occupation = None
    if occupation_code:
        occupation = Occupation.objects.filter(code=occupation_code, level=5).first()
        if occupation is None:
            raise OfferError(
                _("“%(code)s” is not an occupation of the KldB 2010.") % {"code": occupation_code}
            )
    created = updated = unchanged = vanished = 0
    skipped: list[str] = list(row_errors)
    now = timezone.now()
    with transaction.atomic():
        existing = {
            offer.external_ref: offer
            for offer in Offer.objects.select_for_update().filter(
                source=OfferSource.BA, external_ref__in=[item.refnr for item in items]
            )
        }
        seen: set[str] = set()
        for item in items:
            if item.refnr in seen:
                continue
            seen.add(item.refnr)
            try:
                validate_plz(item.plz)
            except ValidationError:
                skipped.append(f"{item.refnr}: {_('no valid postcode')}")
                continue
            values = _imported_values(item, occupation, scope)
            offer = existing.get(item.refnr)
            if offer is None:
                offer = Offer(
                    source=OfferSource.BA,
                    external_ref=item.refnr,
                    status=OfferStatus.PUBLISHED,
                    published_at=item.published_at or now,
                    working_time=WorkingTime.BOTH,
                    **values,
                )
                offer.save()
                audit_entry_create(
                    actor=actor, action="offer.imported", obj=offer, changed_fields=list(values)
                )
                created += 1
                continue
            if occupation is None:
                values.pop("occupation")  # a search without --occupation keeps a known code
            changed = []
            for name, value in values.items():
                if name == "occupation":
                    if offer.occupation_id != (value.pk if value else None):
                        changed.append(name)
                elif getattr(offer, name) != value:
                    changed.append(name)
            if offer.vanished_at is not None or offer.status == OfferStatus.EXPIRED:
                offer.vanished_at = None
                offer.status = OfferStatus.PUBLISHED
                changed += ["vanished_at", "status"]
            if not changed:
                unchanged += 1
                continue
            for name, value in values.items():
                setattr(offer, name, value)
            offer.save()
            audit_entry_create(
                actor=actor, action="offer.import_updated", obj=offer, changed_fields=changed
            )
            updated += 1
        gone = (
            Offer.objects.none()
            if not mark_vanished
            else Offer.objects.select_for_update()
            .filter(source=OfferSource.BA, import_scope=scope[:200], vanished_at__isnull=True)
            .exclude(external_ref__in=seen)
        )
        for offer in gone:
            offer.vanished_at = now
            offer.status = OfferStatus.EXPIRED
            offer.save(update_fields=["vanished_at", "status", "updated_at"])
            audit_entry_create(
                actor=actor,
                action="offer.vanished",
                obj=offer,
                changed_fields=["vanished_at", "status"],
            )
            vanished += 1
    return ImportResult(created, updated, unchanged, vanished, tuple(skipped))


def ba_import(
    *,
    actor: Actor,
    region: str,
    occupation_code: str = "",
    query: str = "",
    radius_km: int = 25,
    offer_type: str = "job",
    fetch: ba_jobsuche.Fetcher | None = None,
) -> ImportResult:
    """Fetch one search of the BA Jobsuche (outside any transaction) and import it.

    Vanished offers are marked only when every page of the search was read.
    """
    if fetch is None and not settings.BA_JOBSUCHE_ENABLED:
        raise ImportDisabled(
            _("The BA Jobsuche import is switched off (set BA_JOBSUCHE_ENABLED=1 to use it).")
        )
    if not query and occupation_code:
        occupation = Occupation.objects.filter(code=occupation_code, level=5).first()
        query = occupation.short_title or occupation.title if occupation else ""
    params = ba_jobsuche.search_params(
        region=region, query=query, radius_km=radius_km, offer_type=offer_type
    )
    items: list[BaOffer] = []
    errors: list[str] = []
    complete = False
    seen = 0
    for page in ba_jobsuche.search(
        params, fetch=fetch or ba_jobsuche.fetch_page, offer_type=offer_type
    ):
        items.extend(page.offers)
        errors.extend(f"page {page.page}, {error}" for error in page.row_errors)
        count = len(page.offers) + len(page.row_errors)
        seen += count
        complete = count == 0 or seen >= page.total or count < page.size
    scope = "|".join(
        f"{key}={value}"
        for key, value in (
            ("wo", region),
            ("was", query),
            ("kldb", occupation_code),
            ("type", offer_type),
            ("umkreis", radius_km),
        )
    )
    return ba_offers_import(
        actor=actor,
        items=items,
        scope=scope,
        occupation_code=occupation_code,
        mark_vanished=complete and not errors,
        row_errors=errors,
    )

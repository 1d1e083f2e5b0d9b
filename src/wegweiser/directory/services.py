"""Writes of the advisory map: one transaction and one audit entry per changed service."""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wegweiser.accounts.models import User
from wegweiser.core.selectors import postal_code_lookup
from wegweiser.core.services import audit_entry_create
from wegweiser.directory import policy
from wegweiser.directory.constants import (
    Audience,
    Language,
    ServiceStatus,
    Taxonomy,
    Topic,
)
from wegweiser.directory.exceptions import DirectoryError
from wegweiser.directory.hours import Slot, format_opening_hours, parse_opening_hours
from wegweiser.directory.models import OpeningHours, Service, ServiceAttribute
from wegweiser.network.models import Membership, Organisation

SERVICE_EDITABLE_FIELDS = (
    "name",
    "description",
    "phone",
    "email",
    "website",
    "remote",
    "by_appointment_only",
    "hours_note",
    "location_name",
    "street",
    "plz",
    "city",
    "step_free_access",
    "accessible_toilet",
)


@dataclass(frozen=True)
class ServiceInput:
    """Everything a maintainer may set on a service (forms and imports build one)."""

    fields: dict[str, Any]
    topics: tuple[str, ...] = ()
    audiences: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    hours: tuple[Slot, ...] = ()
    latitude: float | None = None  # None: the postcode's centroid
    longitude: float | None = None

    def terms(self) -> set[tuple[str, str]]:
        return (
            {(Taxonomy.TOPIC.value, c) for c in self.topics}
            | {(Taxonomy.AUDIENCE.value, c) for c in self.audiences}
            | {(Taxonomy.LANGUAGE.value, c) for c in self.languages}
        )


def organisation_network_ids(organisation_id: int) -> set[int]:
    return set(
        Membership.objects.filter(organisation_id=organisation_id).values_list(
            "network_id", flat=True
        )
    )


def _primary_network_id(organisation_id: int) -> int | None:
    return (
        Membership.objects.filter(organisation_id=organisation_id)
        .order_by("pk")
        .values_list("network_id", flat=True)
        .first()
    )


def _check_terms(data: ServiceInput) -> None:
    for codes, choices, name in (
        (data.topics, Topic, "topics"),
        (data.audiences, Audience, "audiences"),
        (data.languages, Language, "languages"),
    ):
        unknown = sorted(set(codes) - set(choices.values))
        if unknown:
            raise ValidationError(
                {name: _("Unknown code: %(codes)s.") % {"codes": ", ".join(unknown)}}
            )


def _unknown_plz(plz: str) -> ValidationError:
    return ValidationError(
        {"plz": _("The postcode %(plz)s is unknown. Please check it.") % {"plz": plz}}
    )


def _resolve_place(service: Service, data: ServiceInput, *, plz_changed: bool) -> None:
    """Coordinates from the input, else the postcode's centroid (when the postcode changed)."""
    if data.latitude is not None and data.longitude is not None:
        service.latitude, service.longitude = data.latitude, data.longitude
        return
    if not plz_changed:
        return
    found = postal_code_lookup(service.plz)
    if found is None:
        raise _unknown_plz(service.plz)
    service.latitude, service.longitude = found.latitude, found.longitude


def _current_terms(service: Service) -> set[tuple[str, str]]:
    return set(service.attributes.values_list("taxonomy", "code"))


def _current_slots(service: Service) -> set[Slot]:
    return {
        Slot(h.weekday, h.opens_at, h.closes_at)
        for h in OpeningHours.objects.filter(service=service)
    }


def _write_children(service: Service, data: ServiceInput) -> list[str]:
    """Replace attributes and opening hours where they differ; return the changed names."""
    changed = []
    terms = data.terms()
    if terms != _current_terms(service):
        ServiceAttribute.objects.filter(service=service).delete()
        ServiceAttribute.objects.bulk_create(
            ServiceAttribute(service=service, taxonomy=t, code=c) for t, c in sorted(terms)
        )
        changed.append("attributes")
    slots = set(data.hours)
    if slots != _current_slots(service):
        OpeningHours.objects.filter(service=service).delete()
        OpeningHours.objects.bulk_create(
            OpeningHours(
                service=service, weekday=s.weekday, opens_at=s.opens_at, closes_at=s.closes_at
            )
            for s in sorted(slots)
        )
        changed.append("opening_hours")
    return changed


def _apply(service: Service, data: ServiceInput) -> list[str]:
    """Set the editable fields on the (unsaved) instance; return the changed field names."""
    fields = {k: v for k, v in data.fields.items() if k in SERVICE_EDITABLE_FIELDS}
    if not fields.get("city"):  # the city defaults to the postcode's place
        found = postal_code_lookup(str(fields.get("plz", service.plz)))
        if found is None and data.latitude is None:
            raise _unknown_plz(str(fields.get("plz", service.plz)))
        fields["city"] = found.place if found else ""
    changed = [name for name, value in fields.items() if getattr(service, name) != value]
    old_place = (service.latitude, service.longitude)
    for name in changed:
        setattr(service, name, fields[name])
    _check_terms(data)
    _resolve_place(service, data, plz_changed="plz" in changed or service.pk is None)
    if (service.latitude, service.longitude) != old_place:
        changed += ["latitude", "longitude"]
    return changed


def service_create(
    *,
    actor: User | None,
    organisation: Organisation,
    data: ServiceInput,
    external_id: str = "",
) -> Service:
    """Create an active service of an organisation. Raises ValidationError on bad input."""
    service = Service(organisation=organisation, external_id=external_id or str(uuid.uuid4()))
    changed = _apply(service, data)
    service.full_clean()
    with transaction.atomic():
        service.save()
        changed += _write_children(service, data)
        audit_entry_create(
            actor=actor,
            action="service.create",
            obj=service,
            changed_fields=changed,
            network_id=_primary_network_id(organisation.pk),
            organisation_id=organisation.pk,
        )
    return service


def service_update(
    *, actor: User | None, service: Service, data: ServiceInput, action: str = "service.update"
) -> Service:
    """Apply the changes; no change writes nothing (and no audit entry)."""
    return _service_update(actor=actor, service=service, data=data, action=action)[0]


def _service_update(
    *, actor: User | None, service: Service, data: ServiceInput, action: str
) -> tuple[Service, bool]:
    with transaction.atomic():
        service = Service.objects.select_for_update().get(pk=service.pk)
        changed = _apply(service, data)
        service.full_clean()
        if changed:
            service.save(update_fields=[*set(changed), "updated_at"])
        changed += _write_children(service, data)
        if changed:
            audit_entry_create(
                actor=actor,
                action=action,
                obj=service,
                changed_fields=changed,
                network_id=_primary_network_id(service.organisation_id),
                organisation_id=service.organisation_id,
            )
    return service, bool(changed)


def service_archive(*, actor: User, service: Service) -> Service:
    """Take a service off the public map (it stays for its maintainers and can be restored)."""
    with transaction.atomic():
        service = Service.objects.select_for_update().get(pk=service.pk)
        if service.status == ServiceStatus.ARCHIVED:
            raise DirectoryError("already archived")
        service.status = ServiceStatus.ARCHIVED
        service.archived_at = timezone.now()
        service.save(update_fields=["status", "archived_at", "updated_at"])
        audit_entry_create(
            actor=actor,
            action="service.archive",
            obj=service,
            changed_fields=["status", "archived_at"],
            network_id=_primary_network_id(service.organisation_id),
            organisation_id=service.organisation_id,
        )
    return service


def service_restore(*, actor: User, service: Service) -> Service:
    with transaction.atomic():
        service = Service.objects.select_for_update().get(pk=service.pk)
        if service.status == ServiceStatus.ACTIVE:
            raise DirectoryError("not archived")
        service.status = ServiceStatus.ACTIVE
        service.archived_at = None
        service.save(update_fields=["status", "archived_at", "updated_at"])
        audit_entry_create(
            actor=actor,
            action="service.restore",
            obj=service,
            changed_fields=["status", "archived_at"],
            network_id=_primary_network_id(service.organisation_id),
            organisation_id=service.organisation_id,
        )
    return service


# --- CSV import ------------------------------------------------------------------------------

IMPORT_COLUMNS = (
    "external_id",
    "organisation",
    "name",
    "description",
    "topics",
    "audiences",
    "languages",
    "location_name",
    "street",
    "plz",
    "city",
    "latitude",
    "longitude",
    "phone",
    "email",
    "website",
    "remote",
    "by_appointment_only",
    "opening_hours",
    "hours_note",
    "step_free_access",
    "accessible_toilet",
)
REQUIRED_COLUMNS = ("external_id", "organisation", "name", "plz")
MAX_IMPORT_ROWS = 5000
_TRUE = {"1", "yes", "ja", "true", "x", "y", "j"}
_FALSE = {"", "0", "no", "nein", "false", "n"}


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line, reason)

    @property
    def imported(self) -> int:
        return self.created + self.updated


class _RowError(Exception):
    pass


def _codes(value: str) -> tuple[str, ...]:
    return tuple(
        sorted({c.strip().lower() for c in value.replace(",", ";").split(";") if c.strip()})
    )


def _flag(row: dict[str, str], name: str) -> bool:
    value = (row.get(name) or "").strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise _RowError(_("%(column)s: write yes or no.") % {"column": name})


def _coordinate(row: dict[str, str], name: str, limit: float) -> float | None:
    value = (row.get(name) or "").strip().replace(",", ".")
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        number = float("nan")
    if not -limit <= number <= limit:
        raise _RowError(_("%(column)s: not a valid coordinate.") % {"column": name})
    return number


def _messages(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(
            f"{name}: {' '.join(str(m) for m in messages)}"
            for name, messages in error.message_dict.items()
        )
    return " ".join(str(m) for m in error.messages)


def _row_input(row: dict[str, str]) -> ServiceInput:
    try:
        hours = parse_opening_hours(row.get("opening_hours") or "")
    except ValidationError as error:
        raise _RowError("opening_hours: " + _messages(error)) from error
    latitude = _coordinate(row, "latitude", 90)
    longitude = _coordinate(row, "longitude", 180)
    if (latitude is None) != (longitude is None):
        raise _RowError(_("Give both latitude and longitude, or neither."))
    text = {
        name: (row.get(name) or "").strip()
        for name in (
            "name",
            "description",
            "phone",
            "email",
            "website",
            "hours_note",
            "location_name",
            "street",
            "plz",
            "city",
        )
    }
    flags = {
        name: _flag(row, name)
        for name in ("remote", "by_appointment_only", "step_free_access", "accessible_toilet")
    }
    return ServiceInput(
        fields=text | flags,
        topics=_codes(row.get("topics") or ""),
        audiences=_codes(row.get("audiences") or ""),
        languages=_codes(row.get("languages") or ""),
        hours=tuple(hours),
        latitude=latitude,
        longitude=longitude,
    )


def _read_csv(content: str) -> tuple[list[str], Iterable[tuple[int, dict[str, str]]]]:
    first_line = content.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(content, newline=""), delimiter=delimiter)
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    reader.fieldnames = header

    def rows() -> Iterable[tuple[int, dict[str, str]]]:
        line = reader.line_num + 1
        for row in reader:
            yield line, row
            line = reader.line_num + 1

    return header, rows()


def services_import_csv(*, actor: User, content: str) -> ImportReport:
    """Create or update services from CSV, keyed by `external_id`.

    Every row is checked on its own; a broken row is reported with its line number and reason
    and the good rows are imported. Re-importing the same file changes nothing.
    """
    if not policy.can_import_services(actor):
        raise DirectoryError("not allowed")
    report = ImportReport()
    header, rows = _read_csv(content.lstrip("\ufeff"))
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        report.errors.append(
            (1, _("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
        )
        return report
    organisations = {o.slug: o for o in Organisation.objects.all()}
    seen: set[str] = set()
    with transaction.atomic():
        for line, row in rows:
            if line > MAX_IMPORT_ROWS + 1:
                report.errors.append(
                    (
                        line,
                        _("Only %(max)s rows per file; the rest was not read.")
                        % {"max": MAX_IMPORT_ROWS},
                    )
                )
                break
            if None in row:  # more cells than columns
                report.errors.append((line, _("The row has more cells than the header.")))
                continue
            if not any((v or "").strip() for v in row.values()):
                continue
            try:
                outcome = _import_row(actor, row, organisations, seen)
            except _RowError as error:
                report.errors.append((line, str(error)))
                continue
            except ValidationError as error:
                report.errors.append((line, _messages(error)))
                continue
            setattr(report, outcome, getattr(report, outcome) + 1)
    return report


def _import_row(
    actor: User, row: dict[str, str], organisations: dict[str, Organisation], seen: set[str]
) -> str:
    external_id = (row.get("external_id") or "").strip()
    if not external_id or len(external_id) > 80:
        raise _RowError(_("external_id: required, at most 80 characters."))
    if external_id in seen:
        raise _RowError(_("external_id %(id)s appears twice in the file.") % {"id": external_id})
    seen.add(external_id)
    organisation = organisations.get((row.get("organisation") or "").strip())
    if organisation is None or not policy.can_manage_services_of(
        actor, organisation.pk, organisation_network_ids(organisation.pk)
    ):
        raise _RowError(_("organisation: unknown, or not in a network you coordinate."))
    data = _row_input(row)
    existing = Service.objects.filter(external_id=external_id).first()
    # A savepoint per row: a row that fails in the database leaves no trace.
    with transaction.atomic():
        if existing is None:
            service_create(
                actor=actor, organisation=organisation, data=data, external_id=external_id
            )
            return "created"
        if existing.organisation_id != organisation.pk or not policy.can_manage_services_of(
            actor, existing.organisation_id, organisation_network_ids(existing.organisation_id)
        ):
            raise _RowError(
                _("external_id %(id)s belongs to another organisation.") % {"id": external_id}
            )
        _service, changed = _service_update(
            actor=actor, service=existing, data=data, action="service.import"
        )
        return "updated" if changed else "unchanged"


def service_as_csv_row(service: Service) -> dict[str, str]:
    """The import row that recreates the service (used by the export and the tests)."""
    slots = [Slot(h.weekday, h.opens_at, h.closes_at) for h in service.opening_hours.all()]
    yes = {True: "yes", False: "no"}
    return {
        "external_id": service.external_id,
        "organisation": service.organisation.slug,
        "name": service.name,
        "description": service.description,
        "topics": ";".join(service.topics),
        "audiences": ";".join(service.audiences),
        "languages": ";".join(service.languages),
        "location_name": service.location_name,
        "street": service.street,
        "plz": service.plz,
        "city": service.city,
        "latitude": f"{service.latitude:.6f}",
        "longitude": f"{service.longitude:.6f}",
        "phone": service.phone,
        "email": service.email,
        "website": service.website,
        "remote": yes[service.remote],
        "by_appointment_only": yes[service.by_appointment_only],
        "opening_hours": format_opening_hours(slots),
        "hours_note": service.hours_note,
        "step_free_access": yes[service.step_free_access],
        "accessible_toilet": yes[service.accessible_toilet],
    }

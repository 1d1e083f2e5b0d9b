"""Writes of the core app: the audit trail and the access log.

Every other app's services call `audit_entry_create` once per write and the `access_*`
selectors call `access_log_record` once per personal-data read.
"""

from __future__ import annotations

import csv
import gzip
from collections.abc import Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import models, transaction

from wegweiser.core.models import AccessLogEntry, AuditEntry, PostalCode, WorkerProbe

Actor = AbstractBaseUser | AnonymousUser | None


def _actor_or_none(actor: Actor) -> Any:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None
    return actor


def _object_type(obj: models.Model | type[models.Model]) -> str:
    return obj._meta.label_lower


def audit_entry_create(
    *,
    actor: Actor,
    action: str,
    obj: models.Model,
    changed_fields: Iterable[str] = (),
    network_id: int | None = None,
    organisation_id: int | None = None,
    reason: str = "",
) -> AuditEntry:
    """Append one audit entry. Holds field names, never their values."""
    return AuditEntry.objects.create(
        actor=_actor_or_none(actor),
        action=action,
        object_type=_object_type(obj),
        object_id=str(obj.pk or ""),
        changed_fields=sorted(set(changed_fields)),
        network_id=network_id,
        organisation_id=organisation_id,
        reason=reason[:500],
    )


def access_log_record(
    *,
    actor: Actor,
    obj: models.Model,
    purpose: str,
    organisation_id: int | None = None,
) -> AccessLogEntry:
    """Append one access-log row for a read of personal data."""
    return AccessLogEntry.objects.create(
        actor=_actor_or_none(actor),
        object_type=_object_type(obj),
        object_id=str(obj.pk),
        purpose=purpose,
        organisation_id=organisation_id,
    )


def access_log_record_many(
    *, actor: Actor, objs: Iterable[models.Model], purpose: str
) -> list[AccessLogEntry]:
    """One row per record shown in a list of personal data, written in one statement."""
    rows = [
        AccessLogEntry(
            actor=_actor_or_none(actor),
            object_type=_object_type(obj),
            object_id=str(obj.pk),
            purpose=purpose,
        )
        for obj in objs
    ]
    return AccessLogEntry.objects.bulk_create(rows)


def changed_field_names(instance: models.Model, data: dict[str, Any]) -> list[str]:
    """Names of the fields in `data` whose value differs from the instance's."""
    return sorted(name for name, value in data.items() if getattr(instance, name) != value)


# --- Reference data: postcodes ---------------------------------------------------------------

POSTAL_CODES_FILE = Path(__file__).resolve().parent / "data" / "plz_de.tsv.gz"
_POSTAL_CODE_COLUMNS = ("plz", "place", "bundesland", "district", "latitude", "longitude")


def _postal_code_rows(path: Path) -> Iterator[PostalCode]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t")
        if tuple(reader.fieldnames or ()) != _POSTAL_CODE_COLUMNS:
            raise ValueError(f"{path.name}: expected the columns {', '.join(_POSTAL_CODE_COLUMNS)}")
        for line, row in enumerate(reader, start=2):
            plz = row["plz"]
            if len(plz) != 5 or not plz.isdigit():
                raise ValueError(f"{path.name}, line {line}: invalid postcode")
            yield PostalCode(
                plz=plz,
                place=row["place"][:120],
                bundesland=row["bundesland"][:2],
                district=row["district"][:120],
                latitude=float(row["latitude"]),
                longitude=float(row["longitude"]),
            )


def postal_codes_load(*, path: Path = POSTAL_CODES_FILE, batch_size: int = 2000) -> int:
    """Insert or update every postcode of the file (reference data, not audited).

    Idempotent: a postcode is keyed by its five digits, so loading twice changes nothing.
    Returns the number of postcodes in the file.
    """
    rows = list(_postal_code_rows(path))
    with transaction.atomic():
        PostalCode.objects.bulk_create(
            rows,
            batch_size=batch_size,
            update_conflicts=True,
            unique_fields=["plz"],
            update_fields=["place", "bundesland", "district", "latitude", "longitude"],
        )
    return len(rows)


def worker_probe_enqueue(*, duration_ms: int = 0) -> WorkerProbe:
    """Send a probe through the task queue (no audit entry: it touches no one's data)."""
    from wegweiser.core.tasks import worker_probe_run

    with transaction.atomic():
        probe = WorkerProbe.objects.create(duration_ms=duration_ms)
        transaction.on_commit(partial(worker_probe_run.enqueue, probe_id=probe.pk))
    return probe

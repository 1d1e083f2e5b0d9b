"""Re-encrypt every encrypted value with the current FIELD_ENCRYPTION_KEY.

Rotation: put the old key into FIELD_ENCRYPTION_KEYS_OLD, the new one into
FIELD_ENCRYPTION_KEY, run this command, then remove the old key.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from wegweiser.core.services import audit_entry_create
from wegweiser.participants import crypto
from wegweiser.participants.fields import EncryptedMixin
from wegweiser.participants.models import Participant
from wegweiser.participants.services import recompute_indexes

BATCH = 500


class Command(BaseCommand):
    help = "Re-encrypt all encrypted fields with the current key and refresh blind indexes."

    def handle(self, *args: Any, **options: Any) -> None:
        current = crypto.current_key().key_id
        total = 0
        for model in apps.get_app_config("participants").get_models():
            fields = [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedMixin)]
            if not fields:
                continue
            with transaction.atomic():
                batch: list[Any] = []
                for obj in (
                    model._default_manager.select_for_update().order_by("pk").iterator(BATCH)
                ):
                    if isinstance(obj, Participant):
                        recompute_indexes(obj)
                    batch.append(obj)
                    if len(batch) >= BATCH:
                        total += self._save(model, batch, fields)
                        batch = []
                if batch:
                    total += self._save(model, batch, fields)
        audit_entry_create(
            actor=None,
            action="participants.rotate_field_key",
            obj=Participant(pk=0),
            changed_fields=["*"],
            reason=f"key {current}",
        )
        if options["verbosity"]:
            self.stdout.write(f"Re-encrypted {total} rows with key {current}.")

    def _save(self, model: Any, batch: list[Any], fields: list[str]) -> int:
        extra = (
            ["dedupe_key", "first_name_index", "last_name_index"] if model is Participant else []
        )
        model._default_manager.bulk_update(batch, [*fields, *extra])
        return len(batch)

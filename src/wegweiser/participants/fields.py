"""Encrypted model fields: the database holds only ciphertext (see crypto.py).

An encrypted column cannot be searched or compared in SQL; the fields refuse every lookup
except `isnull`, so a query that would silently match nothing fails loudly instead.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.core.exceptions import FieldError
from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.expressions import Expression

from wegweiser.participants import crypto


class EncryptedMixin:
    """Stores `to_plain(value)` encrypted; reads back `from_plain(text)`."""

    empty_values_stored_as: Any = None

    def to_plain(self, value: Any) -> str:
        return str(value)

    def from_plain(self, text: str) -> Any:
        return text

    def _context(self) -> str:
        model = self.model  # type: ignore[attr-defined]
        return f"{model._meta.db_table}.{self.column}"  # type: ignore[attr-defined]

    def get_prep_value(self, value: Any) -> Any:
        if value is None or value == "" or value == []:
            return self.empty_values_stored_as
        if isinstance(value, str) and crypto.is_ciphertext(value):
            return value  # already encrypted (copied rows, rotation)
        return crypto.encrypt(self.to_plain(value), context=self._context())

    def get_db_prep_value(
        self, value: Any, connection: BaseDatabaseWrapper, prepared: bool = False
    ) -> Any:
        return value if prepared else self.get_prep_value(value)

    def from_db_value(
        self, value: Any, expression: Expression, connection: BaseDatabaseWrapper
    ) -> Any:
        if value is None or value == "":
            return self.to_python(None)  # type: ignore[attr-defined]
        return self.from_plain(crypto.decrypt(value, context=self._context()))

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name != "isnull":
            raise FieldError(f"encrypted fields cannot be queried with '{lookup_name}'")
        return super().get_lookup(lookup_name)  # type: ignore[misc]

    def get_transform(self, lookup_name: str) -> Any:
        raise FieldError("encrypted fields cannot be transformed in SQL")

    def get_internal_type(self) -> str:
        return "TextField"

    def db_type(self, connection: BaseDatabaseWrapper) -> str | None:
        return models.TextField().db_type(connection)


class EncryptedTextField(EncryptedMixin, models.TextField):  # type: ignore[type-arg]
    empty_values_stored_as = ""

    def to_python(self, value: Any) -> Any:
        return "" if value is None else str(value)


class EncryptedCharField(EncryptedMixin, models.CharField):  # type: ignore[type-arg]
    """A short encrypted text: `max_length` limits the plaintext, the column is text."""

    empty_values_stored_as = ""

    def to_python(self, value: Any) -> Any:
        return "" if value is None else str(value)

    def cast_db_type(self, connection: BaseDatabaseWrapper) -> str | None:
        return models.TextField().db_type(connection)


class EncryptedDateField(EncryptedMixin, models.DateField):  # type: ignore[type-arg]
    def to_plain(self, value: Any) -> str:
        if isinstance(value, str):
            value = date.fromisoformat(value)
        return str(value.isoformat())

    def from_plain(self, text: str) -> Any:
        return date.fromisoformat(text)

    def to_python(self, value: Any) -> Any:
        if value is None or isinstance(value, date):
            return value
        return models.DateField.to_python(self, value)

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        return getattr(model_instance, self.attname)


class EncryptedJSONListField(EncryptedMixin, models.TextField):  # type: ignore[type-arg]
    """A list of short strings (languages spoken), encrypted as JSON."""

    empty_values_stored_as = ""

    def to_plain(self, value: Any) -> str:
        return json.dumps(list(value), ensure_ascii=False)

    def from_plain(self, text: str) -> Any:
        return list(json.loads(text))

    def to_python(self, value: Any) -> Any:
        if value is None or value == "":
            return []
        if isinstance(value, str):
            return list(json.loads(value))
        return list(value)

"""Base models and the two append-only logs: the audit trail and the access log."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class AppendOnlyError(RuntimeError):
    """Raised when code tries to change or delete an append-only log row."""


class AppendOnlyQuerySet(models.QuerySet[Any]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("log rows are append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("log rows are append-only")


class AppendOnlyModel(models.Model):
    objects: ClassVar[models.Manager[Any]] = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("log rows are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("log rows are append-only")


class AuditEntry(AppendOnlyModel):
    """One write through a service: who did what to which object, and which fields changed.

    Never holds personal values: only field names and identifiers.
    """

    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=80, db_index=True)
    object_type = models.CharField(_("object type"), max_length=80, db_index=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    changed_fields = models.JSONField(_("changed fields"), default=list, blank=True)
    # Scope keys let coordinators browse their network's trail without a foreign key upwards.
    network_id = models.BigIntegerField(_("network"), null=True, blank=True, db_index=True)
    organisation_id = models.BigIntegerField(_("organisation"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_type}#{self.object_id}"


class AccessLogEntry(AppendOnlyModel):
    """One read of personal data: who looked at which record, when and why."""

    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    object_type = models.CharField(_("object type"), max_length=80)
    object_id = models.CharField(_("object id"), max_length=64)
    purpose = models.CharField(_("purpose"), max_length=80)
    organisation_id = models.BigIntegerField(_("organisation"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id", "created_at"])]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log entries")

    def __str__(self) -> str:
        return (
            f"{self.created_at:%Y-%m-%d %H:%M} {self.object_type}#{self.object_id} ({self.purpose})"
        )


class WorkerHeartbeat(models.Model):
    """A task worker's sign of life, read by the health check and by crash recovery."""

    worker_id = models.CharField(_("worker"), max_length=64, unique=True)
    started_at = models.DateTimeField(_("started"))
    seen_at = models.DateTimeField(_("last seen"), db_index=True)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self) -> str:
        return self.worker_id


class PostalCode(models.Model):
    """A German postcode with its centroid (GeoNames, CC BY 4.0), loaded by `places_load`."""

    plz = models.CharField(_("postcode"), max_length=5, unique=True)
    place = models.CharField(_("place"), max_length=120)
    bundesland = models.CharField(_("federal state"), max_length=2, blank=True)
    district = models.CharField(_("district"), max_length=120, blank=True)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))

    class Meta:
        ordering = ["plz"]
        indexes = [models.Index(fields=["latitude", "longitude"], name="postalcode_lat_lon")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__gte=-90, latitude__lte=90)
                & models.Q(longitude__gte=-180, longitude__lte=180),
                name="postalcode_coordinates_valid",
            ),
        ]
        verbose_name = _("postcode")
        verbose_name_plural = _("postcodes")

    def __str__(self) -> str:
        return f"{self.plz} {self.place}"


class Occupation(models.Model):
    """A position of the KldB 2010 classification; level 5 rows are the occupations people hold."""

    code = models.CharField(_("code"), max_length=5, primary_key=True)
    level = models.PositiveSmallIntegerField(_("level"))
    title = models.CharField(_("title"), max_length=255)
    short_title = models.CharField(_("short title"), max_length=120)

    class Meta:
        ordering = ["code"]
        indexes = [models.Index(fields=["level", "title"])]
        verbose_name = _("occupation")
        verbose_name_plural = _("occupations")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def requirement_level(self) -> int | None:
        return int(self.code[4]) if self.level == 5 else None


class WorkerProbe(models.Model):
    """A task sent through the queue to prove that workers execute tasks (worker_check)."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    duration_ms = models.PositiveIntegerField(_("duration"), default=0)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    runs = models.PositiveIntegerField(_("completed runs"), default=0)

    class Meta:
        verbose_name = _("worker probe")
        verbose_name_plural = _("worker probes")

    def __str__(self) -> str:
        return f"probe {self.pk}"

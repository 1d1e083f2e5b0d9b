"""Restore a backup archive and verify every table against its checksums."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wegweiser.core.backup import BackupError, backup_restore, database_label


class Command(BaseCommand):
    help = "Restore the database and uploaded files from a backup archive, then verify them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive")
        parser.add_argument(
            "--yes", action="store_true", help="Replace the current data without asking."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        archive = Path(options["archive"])
        if not archive.is_file():
            raise CommandError(f"No backup archive at {archive}")
        if not options["yes"]:
            answer = input(f"This replaces all data in {database_label()}. Type 'restore': ")
            if answer.strip() != "restore":
                raise CommandError("Nothing was restored.")
        try:
            digests = backup_restore(archive=archive)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored and verified {len(digests)} tables, "
                f"{sum(d.rows for d in digests.values())} rows."
            )
        )

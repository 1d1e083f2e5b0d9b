"""Write a consistent backup of the database and the uploaded files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from wegweiser.core.backup import BackupError, backup_create, read_manifest


class Command(BaseCommand):
    help = "Back up the database and uploaded files into one archive (with checksums)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            default=str(Path(settings.VAR_DIR) / "backups"),
            help="Folder for the archive (default: var/backups).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            archive = backup_create(destination=Path(options["output"]))
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = read_manifest(archive)
        rows = sum(t["rows"] for t in manifest["tables"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written: {archive} ({len(manifest['tables'])} tables, {rows} rows, "
                f"{len(manifest['files'])} files)"
            )
        )

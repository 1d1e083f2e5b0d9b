"""Consistent backups and restores of the database and the uploaded files.

A backup is one `.tar.gz` holding:
- `database.sqlite3` (SQLite's online backup API: consistent while the app keeps writing) or
  `database.dump` (`pg_dump --format=custom`, one snapshot transaction) for PostgreSQL;
- `files/`: everything under MEDIA_ROOT (uploads live outside the web root);
- `manifest.json`: per table the row count and a SHA-256 over its rows in primary-key order, so a
  restore can prove it brought back exactly what was saved.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import connection, connections

MANIFEST = "manifest.json"
SQLITE_NAME = "database.sqlite3"
PG_NAME = "database.dump"


class BackupError(RuntimeError):
    """A backup or restore that cannot be completed; the message says why."""


@dataclass(frozen=True)
class TableDigest:
    rows: int
    sha256: str


def sqlite_digests(conn: sqlite3.Connection) -> dict[str, TableDigest]:
    """Row count and checksum of every table, read through a raw sqlite3 connection (no type
    conversion, so a live database and a backup file compare byte for byte)."""
    tables = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    result = {}
    for table in sorted(tables):
        digest = hashlib.sha256()
        count = 0
        try:
            rows = list(conn.execute(f'SELECT * FROM "{table}" ORDER BY rowid'))  # noqa: S608 - names from sqlite_master
        except sqlite3.OperationalError:
            # WITHOUT ROWID tables (e.g. the shadow tables of an FTS5 index): a stable order.
            rows = sorted(conn.execute(f'SELECT * FROM "{table}"'), key=repr)  # noqa: S608
        for row in rows:
            count += 1
            digest.update(repr(row).encode())
        result[table] = TableDigest(count, digest.hexdigest())
    return result


def pg_digests(cursor: Any) -> dict[str, TableDigest]:
    """Row count and checksum of every table, computed by PostgreSQL over each row's text form."""
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
    result = {}
    for (table,) in sorted(cursor.fetchall()):
        cursor.execute(
            f"SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) "  # noqa: S608
            f'FROM "{table}" t'
        )
        count, checksum = cursor.fetchone()
        result[table] = TableDigest(int(count), str(checksum))
    return result


def database_digests(using: str = "default") -> dict[str, TableDigest]:
    db = connections[using]
    db.ensure_connection()
    if db.vendor == "sqlite":
        copy = sqlite3.connect(":memory:")
        db.connection.backup(copy)
        try:
            return sqlite_digests(copy)
        finally:
            copy.close()
    with db.cursor() as cursor:
        return pg_digests(cursor)


def _pg_env(url: dict[str, Any]) -> dict[str, str]:
    env = dict(os.environ)
    for key, var in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
    ):
        if url.get(key):
            env[var] = str(url[key])
    return env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} is not installed (PostgreSQL client tools are needed)")
    return path


def _files_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def backup_create(*, destination: Path, using: str = "default") -> Path:
    """Write a backup archive into `destination` (a folder); returns the archive's path."""
    destination.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    archive = destination / f"wegweiser-{stamp}.tar.gz"
    db = connections[using]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if db.vendor == "sqlite":
            db.ensure_connection()
            target = sqlite3.connect(work / SQLITE_NAME)
            with target:
                db.connection.backup(target)  # online, consistent copy
            digests = sqlite_digests(target)
            target.close()
            database_file = SQLITE_NAME
        elif db.vendor == "postgresql":
            settings_dict = db.settings_dict
            # The digests and pg_dump read the same exported snapshot, so they describe the
            # same moment even while the application keeps writing.
            with db.cursor() as cursor:
                cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
                digests = pg_digests(cursor)
                result = subprocess.run(  # noqa: S603 - fixed arguments, no user input
                    [
                        _tool("pg_dump"),
                        "--format=custom",
                        f"--snapshot={snapshot}",
                        "--no-owner",
                        "--file",
                        str(work / PG_NAME),
                        settings_dict["NAME"],
                    ],
                    env=_pg_env(settings_dict),
                    capture_output=True,
                    text=True,
                    check=False,
                )
                cursor.execute("COMMIT")
            if result.returncode != 0:
                raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
            database_file = PG_NAME
        else:
            raise BackupError(f"unsupported database: {db.vendor}")
        files = _files_root()
        manifest = {
            "created": datetime.now(UTC).isoformat(),
            "vendor": db.vendor,
            "database": database_file,
            "tables": {name: {"rows": d.rows, "sha256": d.sha256} for name, d in digests.items()},
            "files": sorted(str(p.relative_to(files)) for p in files.rglob("*") if p.is_file())
            if files.exists()
            else [],
        }
        (work / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(work / database_file, arcname=database_file)
            tar.add(work / MANIFEST, arcname=MANIFEST)
            if files.exists():
                tar.add(files, arcname="files")
    return archive


def read_manifest(archive: Path) -> dict[str, Any]:
    with tarfile.open(archive, "r:gz") as tar:
        member = tar.extractfile(MANIFEST)
        if member is None:
            raise BackupError("the archive has no manifest")
        return dict(json.loads(member.read()))


def backup_restore(*, archive: Path, using: str = "default") -> dict[str, TableDigest]:
    """Restore database and files from an archive, then verify every table against the manifest.

    Returns the digests of the restored database. Raises BackupError on any mismatch.
    """
    manifest = read_manifest(archive)
    db = connections[using]
    if manifest["vendor"] != db.vendor:
        raise BackupError(f"the backup is of {manifest['vendor']}, this database is {db.vendor}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(work, filter="data")
        if db.vendor == "sqlite":
            source = sqlite3.connect(work / SQLITE_NAME)
            db.ensure_connection()
            with source:
                source.backup(db.connection)
            source.close()
        else:
            settings_dict = db.settings_dict
            db.close()
            result = subprocess.run(  # noqa: S603 - fixed arguments, no user input
                [
                    _tool("pg_restore"),
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--single-transaction",
                    "--dbname",
                    settings_dict["NAME"],
                    str(work / PG_NAME),
                ],
                env=_pg_env(settings_dict),
                capture_output=True,
                text=True,
                check=False,
            )
            if result.returncode != 0:
                raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
        files = _files_root()
        if (work / "files").exists():
            if files.exists():
                shutil.rmtree(files)
            shutil.copytree(work / "files", files)
    restored = database_digests(using)
    expected = manifest["tables"]
    wrong = sorted(
        name
        for name, d in expected.items()
        if name not in restored
        or (restored[name].rows, restored[name].sha256) != (d["rows"], d["sha256"])
    )
    if wrong:
        raise BackupError("restored tables differ from the backup: " + ", ".join(wrong))
    return restored


def database_label() -> str:
    settings_dict = connection.settings_dict
    if connection.vendor == "sqlite":
        return str(settings_dict["NAME"])
    return (
        urlsplit(f"//{settings_dict.get('HOST') or 'localhost'}").netloc
        + "/"
        + str(settings_dict["NAME"])
    )

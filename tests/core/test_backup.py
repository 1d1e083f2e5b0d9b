"""Backup and restore: a restore brings back every table (row counts and checksums) and files."""

from __future__ import annotations

import sqlite3
import subprocess
import tarfile
import uuid

import pytest
from django.core.management import call_command
from django.db import connection

from wegweiser.core.backup import (
    PG_NAME,
    SQLITE_NAME,
    BackupError,
    _pg_env,
    backup_create,
    backup_restore,
    database_digests,
    pg_digests,
    read_manifest,
    sqlite_digests,
)
from wegweiser.network.models import Organisation

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def upload(settings):
    path = settings.MEDIA_ROOT / "attachments" / "leitfaden.pdf"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"%PDF-1.4 demo")
    return path


def test_restore_brings_back_rows_and_files_exactly(world, upload, tmp_path):
    before = database_digests()
    archive = backup_create(destination=tmp_path / "backups")
    manifest = read_manifest(archive)
    assert manifest["files"] == ["attachments/leitfaden.pdf"]
    assert manifest["tables"]["network_organisation"]["rows"] == Organisation.objects.count()

    # Damage: delete, change, add, remove the file.
    Organisation.objects.filter(pk=world.foreign.pk).delete()
    Organisation.objects.filter(pk=world.company.pk).update(name="Verändert")
    upload.unlink()

    restored = backup_restore(archive=archive)
    assert restored == before
    assert Organisation.objects.get(pk=world.company.pk).name == "Backstube Test"
    assert upload.read_bytes() == b"%PDF-1.4 demo"


def test_backup_restores_into_a_fresh_database(world, tmp_path):
    before = database_digests()
    archive = backup_create(destination=tmp_path)
    with tarfile.open(archive) as tar:
        tar.extractall(tmp_path / "x", filter="data")
    if connection.vendor == "sqlite":
        after = sqlite_digests(sqlite3.connect(tmp_path / "x" / SQLITE_NAME))
    else:
        import psycopg

        name = f"ww_restore_{uuid.uuid4().hex[:8]}"
        params = connection.settings_dict
        env = _pg_env(params)
        subprocess.run(["createdb", name], env=env, check=True)
        try:
            subprocess.run(
                ["pg_restore", "--no-owner", "--dbname", name, str(tmp_path / "x" / PG_NAME)],
                env=env,
                check=True,
            )
            with psycopg.connect(
                dbname=name,
                host=params.get("HOST") or None,
                port=params.get("PORT") or None,
                user=params.get("USER") or None,
            ) as fresh:
                after = pg_digests(fresh.cursor())
        finally:
            subprocess.run(["dropdb", "--if-exists", name], env=env, check=True)
    assert after == before
    assert len(after) > 20


def test_restore_refuses_a_tampered_archive(world, tmp_path):
    archive = backup_create(destination=tmp_path)
    manifest = read_manifest(archive)
    manifest["tables"]["network_organisation"]["rows"] += 1
    tampered = tmp_path / "tampered.tar.gz"
    import io
    import json

    with tarfile.open(archive) as source, tarfile.open(tampered, "w:gz") as target:
        for member in source.getmembers():
            if member.name == "manifest.json":
                data = json.dumps(manifest).encode()
                member.size = len(data)
                target.addfile(member, io.BytesIO(data))
            else:
                target.addfile(member, source.extractfile(member) if member.isfile() else None)
    with pytest.raises(BackupError, match="network_organisation"):
        backup_restore(archive=tampered)


def test_commands_round_trip(world, tmp_path, capsys):
    call_command("backup", output=str(tmp_path))
    archive = next(tmp_path.glob("wegweiser-*.tar.gz"))
    call_command("restore", str(archive), yes=True)
    assert "Restored and verified" in capsys.readouterr().out

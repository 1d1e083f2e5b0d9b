"""Kill tests (bounded): SIGKILL the application server and, separately, the worker, under load.

Real processes on loopback against a database of their own (a SQLite file, or a fresh PostgreSQL
database when DATABASE_URL points at PostgreSQL):
- every write the client saw acknowledged (HTTP 201) is in the database after the server was killed
  and restarted;
- every task a killed worker was running is run again and completes exactly once.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))


@dataclass
class Site:
    env: dict[str, str]
    sqlite_path: Path | None
    pg_name: str | None
    secret: str = ""
    procs: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def manage(self, *args: str, timeout: int = 120) -> str:
        result = subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        assert result.returncode == 0, result.stderr[-2000:]
        return result.stdout

    def start(self, *cmd: str) -> subprocess.Popen[bytes]:
        proc = subprocess.Popen(
            list(cmd),
            cwd=ROOT,
            env=self.env,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.procs.append(proc)
        return proc

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        if self.sqlite_path is not None:
            with sqlite3.connect(self.sqlite_path) as conn:
                return conn.execute(sql).fetchall()
        import psycopg

        with psycopg.connect(self.env["DATABASE_URL"]) as conn:
            return conn.execute(sql).fetchall()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _kill(proc: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_"))}
    env.update(
        DEBUG="1",
        WEGWEISER_TESTING="",
        WEGWEISER_VAR_DIR=str(tmp_path / "var"),
        AXES_ENABLED="0",
        WORKER_HEARTBEAT_SECONDS="0.5",
        WORKER_STALE_SECONDS="2",
        PYTHONUNBUFFERED="1",
    )
    pg_name = None
    sqlite_path: Path | None = tmp_path / "var" / "wegweiser.sqlite3"
    base_url = os.environ.get("DATABASE_URL", "")
    if base_url.startswith("postgres"):
        pg_name = f"ww_kill_{uuid.uuid4().hex[:8]}"
        env["DATABASE_URL"] = base_url.rsplit("/", 1)[0] + "/" + pg_name
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", pg_name], check=True)
        sqlite_path = None
    else:
        env.pop("DATABASE_URL", None)
    s = Site(env=env, sqlite_path=sqlite_path, pg_name=pg_name)
    s.manage("migrate", "--noinput", "-v0", timeout=300)
    s.secret = (
        s.manage(
            "shell",
            "-c",
            (
                "from wegweiser.accounts.services import user_create, api_token_create;"
                "u = user_create(actor=None, email='load@example.org', password=None);"
                "print(api_token_create(actor=u, name='load', scope='write').secret)"
            ),
        )
        .strip()
        .splitlines()[-1]
    )
    yield s
    for proc in s.procs:
        if proc.poll() is None:
            _kill(proc)
    if pg_name:
        subprocess.run(
            ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", pg_name], check=False
        )


def _wait_healthy(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/health/", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise AssertionError("the server did not come up")


class Writer(threading.Thread):
    """Creates API tokens in a loop; remembers the ids the server acknowledged with 201."""

    def __init__(self, url: str, secret: str) -> None:
        super().__init__(daemon=True)
        self.url, self.secret = url, secret
        self.acknowledged: list[int] = []
        self.failures = 0
        self.stop = threading.Event()

    def run(self) -> None:
        n = 0
        while not self.stop.is_set():
            n += 1
            request = urllib.request.Request(
                self.url + "/api/v1/me/tokens",
                method="POST",
                data=json.dumps({"name": f"w{n}"}).encode(),
                headers={
                    "Authorization": f"Bearer {self.secret}",
                    "Content-Type": "application/json",
                },
            )
            try:
                with urllib.request.urlopen(request, timeout=5) as response:
                    if response.status == 201:
                        self.acknowledged.append(int(json.loads(response.read())["id"]))
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                self.failures += 1  # in flight while the server died: not acknowledged
                time.sleep(0.05)


def test_killing_the_app_server_loses_no_acknowledged_write(site: Site) -> None:
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    server_cmd = (
        GUNICORN,
        "-c",
        "config/gunicorn.py",
        "-b",
        f"127.0.0.1:{port}",
        "-w",
        "2",
        "config.wsgi",
    )
    server = site.start(*server_cmd)
    _wait_healthy(url)
    writer = Writer(url, site.secret)
    writer.start()
    time.sleep(2.0)
    before_kill = len(writer.acknowledged)
    _kill(server)  # SIGKILL the whole process group: master and workers
    time.sleep(0.5)
    site.start(*server_cmd)
    _wait_healthy(url)
    time.sleep(1.5)
    writer.stop.set()
    writer.join(timeout=10)

    assert before_kill > 5, "the load did not run before the kill"
    assert len(writer.acknowledged) > before_kill, "no writes after the restart"
    stored = {row[0] for row in site.query("SELECT id FROM accounts_apitoken")}
    missing = set(writer.acknowledged) - stored
    assert not missing, f"acknowledged but lost: {sorted(missing)[:10]}"


def test_killing_the_worker_reruns_its_task_exactly_once(site: Site) -> None:
    probes = json.loads(
        site.manage(
            "shell",
            "-c",
            (
                "import json; from wegweiser.core.services import worker_probe_enqueue;"
                "print(json.dumps([worker_probe_enqueue(duration_ms=700).pk for _ in range(5)]))"
            ),
        )
        .strip()
        .splitlines()[-1]
    )
    worker_cmd = (PYTHON, "manage.py", "worker", "--interval", "0.1")
    worker = site.start(*worker_cmd)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:  # kill it while it runs a task
        if site.query(
            "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'RUNNING'"
        )[0][0]:
            break
        time.sleep(0.05)
    _kill(worker)
    interrupted = site.query(
        "SELECT id FROM django_tasks_database_dbtaskresult WHERE status = 'RUNNING'"
    )
    assert interrupted, "the worker was not killed in the middle of a task"
    site.start(*worker_cmd)
    deadline = time.monotonic() + 40
    while time.monotonic() < deadline:
        done = site.query("SELECT count(*) FROM core_workerprobe WHERE completed_at IS NOT NULL")
        if done[0][0] == len(probes):
            break
        time.sleep(0.2)
    rows = site.query("SELECT id, runs, completed_at FROM core_workerprobe ORDER BY id")
    assert [r[0] for r in rows] == probes
    assert all(r[2] is not None and r[1] == 1 for r in rows), rows
    statuses = site.query("SELECT status, worker_ids FROM django_tasks_database_dbtaskresult")
    assert all(s[0] == "SUCCESSFUL" for s in statuses), statuses
    assert any(len(json.loads(s[1]) if isinstance(s[1], str) else s[1]) == 2 for s in statuses)

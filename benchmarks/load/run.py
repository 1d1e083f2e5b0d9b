"""Load benchmark: 50 concurrent users on the main pages, against gunicorn on PostgreSQL.

One command:  .venv/bin/python benchmarks/load/run.py
It creates a fresh database (ww_load on the local PostgreSQL unless LOAD_DATABASE_URL says
otherwise), loads the demo network and scales it to 2,000 organisations, 20,000 participants,
50,000 offers and 500 events, starts gunicorn on loopback, drives it with wrk (Debian package) and
records p50/p95/p99 and errors in benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
MARK = "## Load: 50 concurrent users"
THREADS = 2  # wrk threads; each runs the Lua script with its own state


def run(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def measure(lua: Path, connections: int, duration: int, think_ms: int) -> dict[str, float]:
    """Drive the server with wrk: `connections` users, each pausing `think_ms` on average."""
    output = subprocess.run(
        [
            "wrk",
            f"-t{THREADS}",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            "10s",
            "-s",
            str(lua),
            "http://127.0.0.1:8799",
        ],
        capture_output=True,
        text=True,
        check=True,
        env={
            **os.environ,
            "THINK_MS": str(think_ms),
            "USERS_PER_THREAD": str(connections // THREADS),
        },
    ).stdout
    result: dict[str, float] = json.loads(output.split("RESULT ", 1)[1].splitlines()[0])
    return result


def page_status(path: str, session: str) -> int:
    """The status of one GET, without following redirects."""
    connection = http.client.HTTPConnection("127.0.0.1", 8799, timeout=30)
    try:
        headers = {"Cookie": f"sessionid={session}"} if session else {}
        connection.request("GET", path, headers=headers)
        return connection.getresponse().status
    finally:
        connection.close()


def row(label: str, result: dict[str, float], verdict: str) -> str:
    return (
        f"| {label} | {result['requests']:.0f} | {result['requests'] / result['seconds']:.0f} "
        f"| {result['p50']:.0f} | {result['p95']:.0f} | {result['p99']:.0f} "
        f"| {result['non2xx']:.0f} | {result['socket_errors']:.0f} | {verdict} |\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--duration", type=int, default=30)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument(
        "--think-ms",
        type=int,
        default=2000,
        help="mean pause of a user between two pages (uniform, 0.5x to 1.5x); 0 for none",
    )
    parser.add_argument("--organisations", type=int, default=2000)
    parser.add_argument("--participants", type=int, default=20000)
    parser.add_argument("--offers", type=int, default=50000)
    parser.add_argument("--events", type=int, default=500)
    parser.add_argument("--keep", action="store_true", help="reuse the loaded database")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: apt-get install -y wrk")
    url = os.environ.get("LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ww_load")
    name = url.rsplit("/", 1)[1]
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "0",
        "SECRET_KEY": "load-benchmark-" * 4,
        "FIELD_ENCRYPTION_KEY": "bG9hZC1iZW5jaG1hcmsta2V5LTMyLWJ5dGVzLWxvbmchIQ==",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "AXES_ENABLED": "0",
        "WEB_ACCESS_LOG": "",
        "DB_CONN_MAX_AGE": "60",
        "WEGWEISER_VAR_DIR": str(ROOT / "var" / "load"),
    }
    if not args.keep:
        subprocess.run(
            ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name], check=True
        )
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
        started = time.monotonic()
        run(env, "migrate", "--noinput", "-v0")
        run(env, "places_load")
        run(env, "demo_load")
        print(
            run(
                env,
                "demo_scale",
                f"--organisations={args.organisations}",
                f"--participants={args.participants}",
                f"--offers={args.offers}",
                f"--events={args.events}",
            )
        )
        print(f"data loaded in {time.monotonic() - started:.0f} s")
    run(env, "collectstatic", "--noinput", "-v0")
    sessions = json.loads(
        run(
            env,
            "shell",
            "-c",
            (
                "import json; from django.contrib.auth import get_user_model, SESSION_KEY, BACKEND_SESSION_KEY,"
                " HASH_SESSION_KEY; from django.contrib.sessions.backends.db import SessionStore\n"
                "out = {}\n"
                "for email in ['koordination@demo.wegweiser.invalid', 'beratung@demo.wegweiser.invalid',"
                " 'personal.funkenflug@demo.wegweiser.invalid']:\n"
                "    u = get_user_model().objects.get(email=email); s = SessionStore()\n"
                "    s[SESSION_KEY] = str(u.pk); s[BACKEND_SESSION_KEY] ="
                " 'allauth.account.auth_backends.AuthenticationBackend'\n"
                "    s[HASH_SESSION_KEY] = u.get_session_auth_hash(); s.create(); out[email] = s.session_key\n"
                "print(json.dumps(out))"
            ),
        )
        .strip()
        .splitlines()[-1]
    )
    coordinator, counsellor, employer = sessions.values()
    journeys = [  # (path, session)
        ("/dashboard/", coordinator),
        ("/network/organisations/", coordinator),
        ("/network/organisations/?page=20&sort=city", coordinator),
        ("/network/growth/", coordinator),
        ("/events/", coordinator),
        ("/dashboard/", counsellor),
        ("/participants/", counsellor),
        ("/participants/?page=3", counsellor),
        ("/jobs/", counsellor),
        ("/jobs/?plz=39104&radius_km=50", counsellor),
        ("/jobs/manage/", employer),
        ("/directory/?plz=10115&radius=20", ""),
        ("/knowledge/?q=Ausbildung", ""),
        ("/events/", ""),
        ("/jobs/public/", ""),
    ]
    lua = ROOT / "var" / "load" / "journeys.lua"
    lua.parent.mkdir(parents=True, exist_ok=True)
    entries = ",\n".join(f'  {{"{p}", "{c}"}}' for p, c in journeys)
    lua.write_text(
        "local journeys = {\n" + entries + "\n}\n"
        "math.randomseed(7)\n"
        "local think = tonumber(os.getenv('THINK_MS') or '0')\n"
        "local arrivals = tonumber(os.getenv('USERS_PER_THREAD') or '0')\n"
        "delay = function()\n"
        "  if think <= 0 then return 0 end\n"
        "  if arrivals > 0 then\n"  # users arrive spread over the first two reading times
        "    arrivals = arrivals - 1\n"
        "    return math.random(0, think * 2)\n"
        "  end\n"
        "  return math.random(math.floor(think / 2), math.floor(think * 3 / 2))\n"
        "end\n"
        "request = function()\n"
        "  local j = journeys[math.random(#journeys)]\n"
        "  local headers = {}\n"
        "  if j[2] ~= '' then headers['Cookie'] = 'sessionid=' .. j[2] end\n"
        "  return wrk.format('GET', j[1], headers)\n"
        "end\n"
        "done = function(summary, latency, requests)\n"
        '  io.write(string.format(\'RESULT {"p50": %.1f, "p95": %.1f, "p99": %.1f, '
        '"requests": %d, "non2xx": %d, "socket_errors": %d, "seconds": %.1f}\\n\',\n'
        "    latency:percentile(50) / 1000, latency:percentile(95) / 1000,"
        " latency:percentile(99) / 1000, summary.requests, summary.errors.status,\n"
        "    summary.errors.connect + summary.errors.read + summary.errors.write"
        " + summary.errors.timeout, summary.duration / 1e6))\n"
        "end\n",
        encoding="utf-8",
    )
    server = subprocess.Popen(
        [
            str(Path(PYTHON).with_name("gunicorn")),
            "-c",
            "config/gunicorn.py",
            "-b",
            "127.0.0.1:8799",
            "config.wsgi",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen("http://127.0.0.1:8799/health/", timeout=2)
                break
            except OSError:
                time.sleep(0.3)
        # Every journey must answer 200 itself: wrk counts only 4xx/5xx as errors, so a
        # session that no longer works would otherwise measure the login redirect.
        for path, session in journeys:
            status = page_status(path, session)
            if status != 200:
                sys.exit(f"{path} answered {status}, not 200: the measurement would be wrong")
        # Warm up every page once (template and query caches), then measure.
        subprocess.run(
            ["wrk", "-t2", "-c10", "-d5s", "-s", str(lua), "http://127.0.0.1:8799"],
            capture_output=True,
            check=True,
        )
        results = {
            think: measure(lua, args.connections, args.duration, think)
            for think in (args.think_ms, 0)
        }
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    print(json.dumps(results, indent=2))
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "",
    )
    users = results[args.think_ms]
    verdict = (
        "met"
        if users["p95"] <= 300 and users["non2xx"] == 0 and users["socket_errors"] == 0
        else "NOT met"
    )
    section = (
        f"{MARK}\n\n"
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC with `.venv/bin/python benchmarks/load/run.py` on "
        f"{platform.machine()} ({cpu}, {os.cpu_count()} cores), Python {platform.python_version()}, "
        f"PostgreSQL on loopback, gunicorn (config/gunicorn.py), wrk with {args.connections} "
        f"connections for {args.duration} s over {len(journeys)} pages (dashboards, member "
        "directory, growth, events, participants, offers with radius, employer's offers, advisory "
        f"map, knowledge search). Data: {args.organisations} organisations, {args.participants} "
        f"participants, {args.offers} offers, {args.events} events.\n\n"
        f"The first row is the target: {args.connections} users who each read a page for "
        f"{args.think_ms / 2000:.1f}–{args.think_ms * 3 / 2000:.1f} s before the next one, arriving "
        f"spread over the first {args.think_ms * 2 / 1000:.0f} s. The "
        "second row sends the next request the moment the last one returns (no reading time): it "
        "shows the capacity of the machine, not a user load.\n\n"
        "| load | requests | req/s | p50 ms | p95 ms | p99 ms | HTTP errors | socket errors "
        "| target p95 ≤ 300 ms, no errors |\n"
        "|---|---:|---:|---:|---:|---:|---:|---:|---|\n"
        + row(f"{args.connections} users, reading time", users, verdict)
        + row(f"{args.connections} connections, no pause", results[0], "capacity")
        + "\n"
        "Query budgets per page are asserted by the tests (`django_assert_num_queries` on every list "
        "page), not here.\n"
    )
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    if MARK in text:
        before, _sep, after = text.partition(MARK)
        rest = after.split("\n## ", 1)
        text = before + section + ("\n## " + rest[1] if len(rest) > 1 else "")
    else:
        text = text.rstrip() + "\n\n" + section
    RESULTS.write_text(text, encoding="utf-8")
    print(f"recorded in {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

"""Security headers, production settings and the health check."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_content_security_policy_without_unsafe_inline(client):
    response = client.get(reverse("core:home"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "'nonce-" in policy
    nonce = policy.split("'nonce-")[1].split("'")[0]
    html = response.content.decode()
    assert f'nonce="{nonce}"' in html
    assert "<script>" not in html and " style=" not in html


def test_other_security_headers(client):
    response = client.get(reverse("core:home"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def _production_env(**overrides: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO", "PYTEST"))}
    env.update(
        DEBUG="0",
        WEGWEISER_TESTING="",
        SECRET_KEY="x7!" + "k" * 60 + "-q9#Z",
        ALLOWED_HOSTS="wegweiser.example.org",
        FIELD_ENCRYPTION_KEY="A" * 43 + "=",
        WEGWEISER_VAR_DIR=str(ROOT / "var" / "deploy-check"),
    )
    env.update(overrides)
    env.pop("DATABASE_URL", None)
    return env


def test_check_deploy_is_clean_with_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_required_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=_production_env(SECRET_KEY="", FIELD_ENCRYPTION_KEY=""),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr and "FIELD_ENCRYPTION_KEY" in result.stderr


def test_health_reports_database_and_worker(client):
    response = client.get(reverse("core:health"))
    assert response.status_code == 200
    data = response.json()
    assert data["database"] == "ok"
    assert data["worker"] == "not running"
    from wegweiser.core.worker import heartbeat_beat

    heartbeat_beat("test-worker")
    assert client.get(reverse("core:health")).json()["worker"] == "ok"

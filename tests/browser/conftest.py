"""Browser tests: Playwright for Python driving Debian's Chromium against a live server.

Never downloads a browser: launches `WEGWEISER_CHROMIUM` (default /usr/bin/chromium).
Screenshots go to `var/test-output/screenshots/`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache

from tests.conftest import TEST_PASSWORD, TEST_TOTP_SECRET
from tests.totp import totp_now

# Playwright's sync API runs an event loop in this thread; the ORM calls of the test itself
# are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("WEGWEISER_CHROMIUM", "/usr/bin/chromium")
OUTPUT_DIR = Path(__file__).resolve().parents[2] / "var" / "test-output" / "screenshots"


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make browser-deps`.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-background-networking",
                "--disable-gpu",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any, live_server: Any, settings: Any) -> Iterator[Any]:
    settings.SITE_URL = live_server.url
    cache.clear()  # TOTP codes are single-use per cache; start every test clean
    context = browser.new_context(base_url=live_server.url, locale="de-DE")
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.console_errors = errors
    yield page
    context.close()


def screenshot(page: Any, name: str) -> Path:
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    path = OUTPUT_DIR / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture
def sign_in() -> Callable[..., None]:
    """Sign in through the real login form, answering the TOTP step when it comes."""

    def do(
        page: Any,
        email: str,
        password: str = TEST_PASSWORD,
        totp_secret: str | None = TEST_TOTP_SECRET,
    ) -> None:
        cache.clear()  # allauth refuses a TOTP code twice; a second sign-in needs a clean slate
        page.goto("/accounts/login/")
        page.fill("input[name=login]", email)
        page.fill("input[name=password]", password)
        with page.expect_navigation():
            page.locator("main form button[type=submit]").first.click()
        # A code typed at the very end of its 30-second window may arrive in the next one;
        # like a person, try once more with the new code.
        for _attempt in range(2):
            if not (totp_secret and "/2fa/authenticate" in page.url):
                break
            page.fill("input[name=code]", totp_now(totp_secret))
            with page.expect_navigation():
                page.locator("main form button[type=submit]").first.click()

    return do


@pytest.fixture(autouse=True)
def reference_data(db: Any) -> None:
    """Put back the reference data that migrations load (KldB occupations, milestone types).

    Browser tests run in real transactions, and Django empties every table after each of them,
    so a test that comes later would otherwise find no occupations or milestone types."""
    import importlib

    from django.apps import apps

    for module in (
        "wegweiser.core.migrations.0003_load_kldb2010",
        "wegweiser.participants.migrations.0002_milestone_types",
        "wegweiser.participants.migrations.0003_milestone_labels_participant_languages",
    ):
        importlib.import_module(module).load(apps, None)

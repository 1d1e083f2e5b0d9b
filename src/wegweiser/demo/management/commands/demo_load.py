"""Load the fictional demo network (idempotent) and print the demo logins."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from wegweiser.demo.loader import demo_load
from wegweiser.network.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = "Load the fictional demo network. Running it again changes nothing."

    def handle(self, *args: Any, **options: Any) -> None:
        logins = demo_load()
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Demo logins:"))
        for login in logins:
            self.stdout.write(f"  {login.role:<28} {login.email}")
        self.stdout.write(f"  Password for all: {DEMO_PASSWORD}")
        self.stdout.write(
            f"  Two-factor code: TOTP secret {DEMO_TOTP_SECRET} "
            f"(e.g. `oathtool --totp -b {DEMO_TOTP_SECRET}`)"
        )

"""Run axe-core in a Playwright page and return the serious and critical violations."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
SERIOUS = {"serious", "critical"}


@cache
def _source() -> str:
    return AXE.read_text(encoding="utf-8")


def serious_violations(page: Any) -> list[str]:
    """WCAG 2.x A/AA rules; each violation as 'rule: target, target'."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_source())  # evaluated through the DevTools protocol: the page's CSP stays on
    result = page.evaluate(
        "axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"
    )
    return [
        f"{v['id']}: " + ", ".join(str(n["target"]) for n in v["nodes"][:5])
        for v in result["violations"]
        if v.get("impact") in SERIOUS
    ]

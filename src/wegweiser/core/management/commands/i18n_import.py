"""Fill a language's catalogues from a translation memory (JSON)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import polib
from django.core.management.base import BaseCommand, CommandError, CommandParser

from wegweiser.core.i18n import project_po_files

PLACEHOLDER = re.compile(r"%\([^)]+\)[sd]|%[sd]|\{[a-z_0-9]*\}")


def memory_key(entry: polib.POEntry) -> str:
    """The key a memory uses for an entry: context and msgid joined as gettext does."""
    return f"{entry.msgctxt or ''}\x04{entry.msgid}"


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def fits(entry: polib.POEntry, translation: Any, nplurals: int) -> bool:
    """Whether a translation keeps the entry's placeholders and has the plural forms needed."""
    if entry.msgid_plural:
        if not isinstance(translation, list) or len(translation) != nplurals:
            return False
        wanted = placeholders(entry.msgid_plural) - {"%(count)d", "%d"}
        return all(isinstance(f, str) and f and wanted <= placeholders(f) for f in translation)
    return (
        isinstance(translation, str)
        and bool(translation.strip())
        and placeholders(translation) == placeholders(entry.msgid)
    )


def nplurals_of(catalogue: polib.POFile) -> int:
    match = re.search(r"nplurals\s*=\s*(\d+)", catalogue.metadata.get("Plural-Forms", ""))
    return int(match.group(1)) if match else 2


class Command(BaseCommand):
    help = (
        "Fill untranslated entries of one language from JSON memories (key: context + U+0004 "
        "+ msgid; value: text, or a list of plural forms). Translations that drop or invent a "
        "placeholder, or have the wrong number of plural forms, are refused and listed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("language")
        parser.add_argument("memories", nargs="+", type=Path)
        parser.add_argument(
            "--overwrite", action="store_true", help="Replace existing translations too."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        language: str = options["language"]
        memory: dict[str, Any] = {}
        for path in options["memories"]:
            try:
                memory.update(json.loads(path.read_text(encoding="utf-8")))
            except (OSError, ValueError) as error:
                raise CommandError(f"{path}: {error}") from error
        filled = refused = 0
        for po_language, path in project_po_files():
            if po_language != language:
                continue
            catalogue = polib.pofile(str(path))
            nplurals = nplurals_of(catalogue)
            changed = False
            for entry in catalogue:
                translation = memory.get(memory_key(entry))
                done = entry.translated() and "fuzzy" not in entry.flags
                if entry.obsolete or translation is None or (done and not options["overwrite"]):
                    continue
                if not fits(entry, translation, nplurals):
                    refused += 1
                    where = path.parent.parent.parent
                    self.stderr.write(f"refused ({where}): {entry.msgid[:70]!r}")
                    continue
                if entry.msgid_plural:
                    entry.msgstr_plural = dict(enumerate(translation))
                else:
                    entry.msgstr = translation
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
                filled += 1
                changed = True
            if changed:
                catalogue.save(str(path))
        self.stdout.write(f"{language}: {filled} entries filled, {refused} refused")

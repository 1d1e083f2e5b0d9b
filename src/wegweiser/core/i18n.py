"""Languages of the interface and how complete their translations are."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings

LOCALE_CODES = tuple(code for code, _name in settings.LANGUAGES if code != "en")
# German is the default interface language and must be complete in every commit; the other
# interface languages carry at least 95 % of all strings.
REQUIRED_COMPLETENESS = {"de": 1.0, "ar": 0.95, "fa": 0.95, "uk": 0.95}
# Languages offered on the pages participants read (portal, consent form, public map, public
# events, vocabulary): measured over those pages' strings only, with the same 95 % bar.
PARTICIPANT_LANGUAGES = frozenset(settings.PARTICIPANT_LANGUAGES)
PARTICIPANT_FACING_REQUIRED = 0.95


# Plural rules for catalogues that makemessages creates without one (gettext's own rules).
PLURAL_FORMS = {
    "de": "nplurals=2; plural=(n != 1);",
    "ar": (
        "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
        "n%100>=11 ? 4 : 5;"
    ),
    "fa": "nplurals=2; plural=(n > 1);",
    "uk": (
        "nplurals=4; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<12 || "
        "n%100>14) ? 1 : n%10==0 || (n%10>=5 && n%10<=9) || (n%100>=11 && n%100<=14) ? 2 : 3);"
    ),
    "ti": "nplurals=2; plural=(n > 1);",
    "ps": "nplurals=2; plural=(n != 1);",
    "tr": "nplurals=2; plural=(n != 1);",
    "ru": (
        "nplurals=4; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<12 || "
        "n%100>14) ? 1 : n%10==0 || (n%10>=5 && n%10<=9) || (n%100>=11 && n%100<=14) ? 2 : 3);"
    ),
}


def complete_headers(path: Path, language: str) -> bool:
    """Give a fresh catalogue its language and plural rule; True when something changed."""
    catalogue = polib.pofile(str(path))
    changed = False
    if not catalogue.metadata.get("Language"):
        catalogue.metadata["Language"] = language
        changed = True
    if "EXPRESSION" in catalogue.metadata.get("Plural-Forms", "EXPRESSION"):
        catalogue.metadata["Plural-Forms"] = PLURAL_FORMS.get(
            language, "nplurals=2; plural=(n != 1);"
        )
        changed = True
    if changed:
        catalogue.save(str(path))
    return changed


def required_completeness(language: str) -> float:
    if language in PARTICIPANT_LANGUAGES:
        return PARTICIPANT_FACING_REQUIRED
    return REQUIRED_COMPLETENESS.get(language, 0.0)


def participant_facing_sources() -> tuple[str, ...]:
    """Source paths (relative to the project root) whose strings participants read.

    Each app names its own in `AppConfig.participant_facing_sources`, relative to the app's
    folder, e.g. ``"templates/participants/portal/"``."""
    root = Path(settings.BASE_DIR)
    sources: list[str] = []
    for config in apps.get_app_configs():
        for relative in getattr(config, "participant_facing_sources", ()):
            sources.append(str((Path(config.path) / relative).relative_to(root)))
    return tuple(sources)


@dataclass
class Completeness:
    total: int = 0
    translated: int = 0
    missing: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return self.translated / self.total if self.total else 1.0


def project_po_files(app: str = "") -> list[tuple[str, Path]]:
    """(language, path) of every catalogue of Wegweiser's own apps (or of one app)."""
    locale_dirs = [] if app else [Path(p) for p in settings.LOCALE_PATHS]
    locale_dirs += [
        Path(config.path) / "locale"
        for config in apps.get_app_configs()
        if config.name.startswith("wegweiser.") and (not app or config.label == app)
    ]
    return [
        (po.parent.parent.name, po)
        for locale_dir in locale_dirs
        for po in sorted(locale_dir.glob("*/LC_MESSAGES/*.po"))
    ]


def completeness_by_language(app: str = "") -> dict[str, Completeness]:
    report: dict[str, Completeness] = {}
    facing = participant_facing_sources()
    for language, path in project_po_files(app):
        stats = report.setdefault(language, Completeness())
        catalogue = polib.pofile(str(path))
        for entry in catalogue:
            if entry.obsolete:
                continue
            if language in PARTICIPANT_LANGUAGES and not any(
                where.startswith(facing) for where, _line in entry.occurrences
            ):
                continue
            stats.total += 1
            done = entry.translated() and "fuzzy" not in entry.flags
            if done:
                stats.translated += 1
            else:
                stats.missing.append(
                    f"{path.parent.parent.parent.parent.name}: {entry.msgid[:60]!r}"
                )
    return report


def _translation_of(entry: polib.POEntry) -> str | tuple[str, ...]:
    if entry.msgid_plural:
        return tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
    return str(entry.msgstr)


def conflicts_in(catalogues: list[tuple[str, polib.POFile]]) -> list[str]:
    """Entries translated differently in two catalogues of one language.

    Django merges every app's catalogue into one, so only one of the translations would ever
    show: a word with two meanings needs a context (`pgettext`), the same meaning one wording."""
    seen: dict[tuple[str | None, str], dict[str | tuple[str, ...], str]] = {}
    for name, catalogue in catalogues:
        for entry in catalogue:
            if entry.obsolete or not entry.translated() or "fuzzy" in entry.flags:
                continue
            key = (entry.msgctxt, entry.msgid)
            seen.setdefault(key, {}).setdefault(_translation_of(entry), name)
    return [
        f"{msgid[:50]!r}"
        + (f" ({context})" if context else "")
        + ": "
        + ", ".join(f"{where}: {text!r}" for text, where in versions.items())
        for (context, msgid), versions in seen.items()
        if len(versions) > 1
    ]


def conflicting_translations() -> dict[str, list[str]]:
    """Per language, the entries whose apps' catalogues disagree."""
    by_language: dict[str, list[tuple[str, polib.POFile]]] = {}
    for language, path in project_po_files():
        app = path.parent.parent.parent.parent.name
        by_language.setdefault(language, []).append((app, polib.pofile(str(path))))
    found = {language: conflicts_in(catalogues) for language, catalogues in by_language.items()}
    return {language: lines for language, lines in found.items() if lines}

"""Report translation completeness per language; fail when a required language falls short."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wegweiser.core.i18n import (
    PARTICIPANT_LANGUAGES,
    completeness_by_language,
    conflicting_translations,
    required_completeness,
)


class Command(BaseCommand):
    help = "Print translation completeness per language and enforce the required minimum."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--app", help="Only this app's catalogues, e.g. --app events")

    def handle(self, *args: Any, **options: Any) -> None:
        report = completeness_by_language(app=options.get("app") or "")
        failures = []
        self.stdout.write("Translation completeness:")
        for language, stats in sorted(report.items()):
            required = required_completeness(language)
            mark = "ok" if stats.ratio >= required else "TOO LOW"
            self.stdout.write(
                f"  {language:<4} {stats.translated:>5}/{stats.total:<5} {stats.ratio:7.1%}"
                f"  (required {required:.0%}) {mark}"
                + ("  [participant-facing pages]" if language in PARTICIPANT_LANGUAGES else "")
            )
            if stats.ratio < required:
                failures.append(language)
                for location in stats.missing[:15]:
                    self.stdout.write(f"       missing: {location}")
        conflicts = {} if options.get("app") else conflicting_translations()
        for language, lines in sorted(conflicts.items()):
            self.stdout.write(f"  {language}: one text, different translations in two apps:")
            for line in lines[:15]:
                self.stdout.write(f"       {line}")
        if failures:
            raise CommandError("Translations below the required level: " + ", ".join(failures))
        if conflicts:
            raise CommandError(
                "Conflicting translations (only one can show): " + ", ".join(sorted(conflicts))
            )

"""The translation-memory import keeps placeholders and plural forms intact."""

from __future__ import annotations

import polib

from wegweiser.core.management.commands.i18n_import import fits, memory_key


def entry(msgid: str, plural: str = "", context: str = "") -> polib.POEntry:
    return polib.POEntry(msgid=msgid, msgid_plural=plural, msgctxt=context or None)


def test_a_translation_must_keep_every_placeholder():
    source = entry("%(name)s registered for %(event)s.")
    assert fits(source, "%(name)s سجّل في %(event)s.", nplurals=6)
    assert not fits(source, "%(name)s سجّل.", nplurals=6)
    assert not fits(source, "%(name)s %(event)s %(extra)s", nplurals=6)
    assert not fits(source, "   ", nplurals=6)


def test_plural_translations_need_every_form_of_the_language():
    source = entry("%(count)d seat left", "%(count)d seats left")
    forms = ["%(count)d", "%(count)d", "%(count)d", "%(count)d"]
    assert fits(source, forms, nplurals=4)
    assert not fits(source, forms[:3], nplurals=4)
    assert not fits(source, "%(count)d", nplurals=4)


def test_keys_join_context_and_msgid_like_gettext():
    assert memory_key(entry("May", context="month")) == "month\x04May"
    assert memory_key(entry("May")) == "\x04May"


def catalogue(*entries: polib.POEntry) -> polib.POFile:
    po = polib.POFile()
    for item in entries:
        po.append(item)
    return po


def test_one_text_translated_two_ways_in_two_apps_is_a_conflict():
    from wegweiser.core.i18n import conflicts_in

    events = catalogue(polib.POEntry(msgid="Open", msgstr="Offen"))
    comms = catalogue(polib.POEntry(msgid="Open", msgstr="Öffnen"))
    assert conflicts_in([("events", events), ("comms", comms)]) == [
        "'Open': events: 'Offen', comms: 'Öffnen'"
    ]


def test_a_context_keeps_two_meanings_apart():
    from wegweiser.core.i18n import conflicts_in

    events = catalogue(polib.POEntry(msgid="Open", msgstr="Offen"))
    comms = catalogue(polib.POEntry(msgid="Open", msgctxt="link", msgstr="Öffnen"))
    same = catalogue(polib.POEntry(msgid="Open", msgstr="Offen"))
    assert conflicts_in([("events", events), ("comms", comms), ("reports", same)]) == []

"""Trade vocabulary: the shipped data, the occupation lookup, the tag and the flyer PDF."""

from __future__ import annotations

import io

import pytest
from django.template import Context, Template
from django.urls import reverse
from pypdf import PdfReader

from wegweiser.core.models import AuditEntry
from wegweiser.knowledge import services
from wegweiser.knowledge.constants import VocabularyLanguage
from wegweiser.knowledge.exceptions import KnowledgeError
from wegweiser.knowledge.models import Term, TermTranslation, VocabularyList
from wegweiser.knowledge.selectors import flyer_for, vocabulary_for_occupation

pytestmark = pytest.mark.django_db

TRADES = ["baeckerei", "elektrotechnik", "berufskraftfahrer", "buero", "produktion"]


def test_five_trades_with_40_terms_in_all_languages(vocabulary):
    assert sorted(VocabularyList.objects.values_list("slug", flat=True)) == sorted(TRADES)
    for vocabulary_list in VocabularyList.objects.all():
        terms = Term.objects.filter(vocabulary_list=vocabulary_list)
        assert terms.count() >= 40, vocabulary_list.slug
        for language in VocabularyLanguage.values:
            assert (
                TermTranslation.objects.filter(
                    term__vocabulary_list=vocabulary_list, language=language
                ).count()
                == terms.count()
            ), (vocabulary_list.slug, language)
    assert not TermTranslation.objects.exclude(review_status="unreviewed").exists()
    assert not TermTranslation.objects.exclude(origin="machine").exists()
    assert set(Term.objects.values_list("article", flat=True)) == {"der", "die", "das"}


def test_import_is_idempotent_and_keeps_confirmed(vocabulary, world):
    services.translator_profile_update(actor=world.counsellor, languages=["fa"])
    translation = TermTranslation.objects.filter(language="fa").earliest("pk")
    services.term_translation_confirm(actor=world.counsellor, translation=translation)
    audits = AuditEntry.objects.count()
    again = services.vocabulary_import()
    assert again.terms_created == 0
    assert again.translations_created == 0
    assert again.translations_updated == 0
    assert AuditEntry.objects.count() == audits
    translation.refresh_from_db()
    assert translation.review_status == "confirmed"


def test_confirm_needs_the_language(vocabulary, world):
    services.translator_profile_update(actor=world.counsellor, languages=["ar"])
    translation = TermTranslation.objects.filter(language="fa").earliest("pk")
    with pytest.raises(KnowledgeError):
        services.term_translation_confirm(actor=world.counsellor, translation=translation)


@pytest.mark.parametrize(
    ("code", "slug"),
    [
        ("29222", "baeckerei"),
        ("292", "baeckerei"),
        ("26212", "elektrotechnik"),
        ("26312", "elektrotechnik"),
        ("52122", "berufskraftfahrer"),
        ("71402", "buero"),
        ("25122", "produktion"),
        (24202, "produktion"),
        ("93", None),
        ("abc12", None),
        ("", None),
        (None, None),
        ("81302", None),
    ],
)
def test_vocabulary_for_occupation(vocabulary, code, slug):
    found = vocabulary_for_occupation(code)
    assert (found.slug if found else None) == slug


def test_vocabulary_hint_tag(vocabulary):
    template = Template("{% load vocabulary %}{% vocabulary_hint code %}")
    html = template.render(Context({"code": "26212"}))
    assert reverse("knowledge:public_vocabulary_detail", args=["elektrotechnik"]) in html
    assert template.render(Context({"code": "99999"})).strip() == ""


def _pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("ar", ["الخبّاز", "الدقيق"]),
        ("fa", ["نانوا", "آرد"]),
    ],
)
def test_flyer_pdf_has_extractable_rtl_text(vocabulary, client_for, language, words):
    url = reverse("knowledge:public_vocabulary_flyer_pdf", args=["baeckerei", language])
    response = client_for(None).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    content = response.content
    assert content.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(content))
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=1)  # A4
    text = _pdf_text(content)
    assert "der Bäcker" in text or "der\nBäcker" in text or "der Bäcker".replace(" ", "") in text
    assert "Mehl" in text
    normalized = text.replace("\u200c", "").replace(" ", "")
    for word in words:
        assert word.replace("\u200c", "").replace(" ", "") in normalized, word


def test_flyer_electrical_farsi_page(vocabulary, client_for):
    response = client_for(None).get(
        reverse("knowledge:public_vocabulary_flyer", args=["elektrotechnik", "fa"])
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="fa" dir="rtl"' in html
    assert "کابل" in html
    assert "das</span> Kabel" in html


def test_unknown_flyer_language_is_404(vocabulary, client_for):
    response = client_for(None).get(
        reverse("knowledge:public_vocabulary_flyer", args=["elektrotechnik", "xx"])
    )
    assert response.status_code == 404


def test_flyer_selector_counts_unreviewed(vocabulary):
    flyer = flyer_for(slug="buero", language="ti")
    assert flyer.unreviewed == len(flyer.rows)
    assert not flyer.rtl
    assert flyer_for(slug="buero", language="ps").rtl


@pytest.mark.parametrize(
    ("language", "font"), [("ar", "Naskh-Arabic"), ("fa", "Naskh-Arabic"), ("ti", "Ethiopic")]
)
def test_flyer_embeds_a_font_for_the_script(vocabulary, client_for, language, font):
    url = reverse("knowledge:public_vocabulary_flyer_pdf", args=["elektrotechnik", language])
    reader = PdfReader(io.BytesIO(client_for(None).get(url).content))
    fonts = {
        str(f.get_object()["/BaseFont"])
        for page in reader.pages
        for f in (page["/Resources"].get_object().get("/Font") or {}).values()
    }
    assert any(font in name for name in fonts), fonts

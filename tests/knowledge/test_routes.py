"""The role × organisation × article matrix of every knowledge route, and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wegweiser.core.models import AuditEntry
from wegweiser.knowledge import services
from wegweiser.knowledge.constants import ATTACHMENT_MAX_BYTES
from wegweiser.knowledge.models import Article, ArticleText, Attachment

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32

WHO = [
    "anonymous",
    "coordinator",
    "org_admin",
    "staff",
    "counsellor",
    "employer",
    "other_admin",
    "foreign_admin",
    "funder",
    "outsider",
]

# Who may read which article (detail page): 200, else 404.
READ = {
    "public": {
        "anonymous",
        "coordinator",
        "org_admin",
        "staff",
        "counsellor",
        "employer",
        "other_admin",
        "foreign_admin",
        "funder",
        "outsider",
    },
    "members": {
        "coordinator",
        "org_admin",
        "staff",
        "counsellor",
        "employer",
        "other_admin",
        "funder",
    },
    "organisation": {"coordinator", "org_admin", "staff", "employer"},
    "draft": {"coordinator", "org_admin"},
    "review": {"coordinator", "org_admin"},
    "foreign": {"foreign_admin"},
}
# Who may edit (edit page): coordinators of the network and the owner's admins.
EDIT = {
    "public": {"coordinator", "org_admin"},
    "members": {"coordinator", "org_admin"},
    "organisation": {"coordinator", "org_admin"},
    "draft": {"coordinator", "org_admin"},
    "review": {"coordinator", "org_admin"},
    "foreign": {"foreign_admin"},
}


def _user(world, who):
    return None if who == "anonymous" else getattr(world, who)


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("which", list(READ))
def test_read_matrix(world, articles, client_for, who, which):
    article = getattr(articles, which)
    response = client_for(_user(world, who)).get(
        reverse("knowledge:public_article_detail", args=[article.pk])
    )
    assert response.status_code == (200 if who in READ[which] else 404)


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("which", list(EDIT))
def test_edit_matrix(world, articles, client_for, who, which):
    article = getattr(articles, which)
    response = client_for(_user(world, who)).get(
        reverse("knowledge:article_edit", args=[article.pk])
    )
    if who == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == (200 if who in EDIT[which] else 404)


@pytest.mark.parametrize("who", WHO)
def test_publish_only_by_coordinator(world, articles, client_for, who):
    response = client_for(_user(world, who)).post(
        reverse("knowledge:article_publish", args=[articles.review.pk])
    )
    articles.review.refresh_from_db()
    if who == "coordinator":
        assert response.status_code == 302
        assert articles.review.status == "published"
    else:
        assert response.status_code == (302 if who == "anonymous" else 404)
        assert articles.review.status == "review"


def test_submit_by_owner_admin(world, articles, client_for):
    assert (
        client_for(world.staff)
        .post(reverse("knowledge:article_submit", args=[articles.draft.pk]))
        .status_code
        == 404
    )
    response = client_for(world.org_admin).post(
        reverse("knowledge:article_submit", args=[articles.draft.pk])
    )
    assert response.status_code == 302
    articles.draft.refresh_from_db()
    assert articles.draft.status == "review"


def test_list_shows_only_readable(world, articles, client_for):
    def listed(user):
        response = client_for(user).get(reverse("knowledge:public_article_list"))
        assert response.status_code == 200
        return {h.title for h in response.context["listing"].page.object_list}

    assert listed(None) == {"Öffentlicher Leitfaden"}
    assert listed(world.staff) == {"Öffentlicher Leitfaden", "Für Mitglieder", "Nur intern"}
    assert listed(world.other_admin) == {"Öffentlicher Leitfaden", "Für Mitglieder"}
    assert listed(world.foreign_admin) == {"Öffentlicher Leitfaden", "Fremd"}


def test_list_query_count_is_fixed(world, client_for, django_assert_max_num_queries):
    from .conftest import make_article

    for i in range(3):
        make_article(world.company, title=f"A{i}", publish_as=world.coordinator)
    client = client_for(None)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("knowledge:public_article_list"))
    for i in range(3, 15):
        make_article(world.company, title=f"A{i}", publish_as=world.coordinator)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("knowledge:public_article_list"))


def test_create_article_through_form(world, client_for):
    client = client_for(world.org_admin)
    url = reverse("knowledge:article_create")
    data = {
        "organisation": world.company.pk,
        "kind": "guide",
        "visibility": "members",
        "topics": ["hiring", "funding"],
        "audiences": ["employers"],
        "title": "Einstellung mit Förderung",
        "summary": "",
        "body": "Text",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.organisation == world.company
    assert sorted(article.topics.values_list("topic", flat=True)) == ["funding", "hiring"]
    # Another organisation's id is not on offer.
    response = client.post(url, {**data, "organisation": world.other_company.pk})
    assert response.status_code == 400
    assert Article.objects.count() == 1


def test_create_with_bad_input_is_refused(world, client_for):
    client = client_for(world.coordinator)
    response = client.post(
        reverse("knowledge:article_create"),
        {
            "organisation": world.office.pk,
            "kind": "poem",
            "visibility": "public",
            "topics": ["nonsense"],
            "audiences": [],
            "title": "",
            "body": "x" * 50_001,
        },
    )
    assert response.status_code == 400
    assert not Article.objects.exists()
    assert not AuditEntry.objects.filter(action="article.create").exists()


@pytest.mark.parametrize("who", ["staff", "outsider", "employer"])
def test_create_page_refused(world, client_for, who):
    assert (
        client_for(getattr(world, who)).get(reverse("knowledge:article_create")).status_code == 404
    )


def test_translator_pages(world, articles, client_for):
    translator = world.counsellor
    client = client_for(translator)
    assert client.get(reverse("knowledge:translation_tasks")).status_code == 200
    response = client.post(reverse("knowledge:translator_profile"), {"languages": ["ar"]})
    assert response.status_code == 302
    url = reverse("knowledge:article_translate", args=[articles.members.pk, "ar"])
    response = client.post(url, {"title": "للأعضاء", "summary": "", "body": "نص"})
    assert response.status_code == 302
    assert ArticleText.objects.get(article=articles.members, language="ar").status == "current"
    # Not their language; not an article they can read; not a translator at all.
    assert (
        client.get(
            reverse("knowledge:article_translate", args=[articles.members.pk, "fa"])
        ).status_code
        == 404
    )
    assert (
        client.get(
            reverse("knowledge:article_translate", args=[articles.organisation.pk, "ar"])
        ).status_code
        == 404
    )
    assert client_for(world.staff).get(url).status_code == 404
    assert client_for(world.outsider).get(reverse("knowledge:translation_tasks")).status_code == 404


def test_history_and_diff_page(world, articles, client_for):
    services.article_update(
        actor=world.coordinator, article=articles.public, data={"body": "Neuer Text."}
    )
    url = reverse("knowledge:article_history", args=[articles.public.pk])
    response = client_for(world.org_admin).get(url)
    assert response.status_code == 200
    content = response.content.decode()
    assert "<del>" in content
    assert "<ins>" in content
    assert client_for(world.staff).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302
    bad = client_for(world.org_admin).get(url, {"old": "7", "new": "x"})
    assert bad.status_code in (200, 404)


# --- Attachments ---------------------------------------------------------------------------


def upload(client, article, name, content, content_type="application/pdf"):
    return client.post(
        reverse("knowledge:attachment_add", args=[article.pk]),
        {"file": SimpleUploadedFile(name, content, content_type=content_type)},
    )


def test_attachment_upload_and_permission_checked_download(world, articles, client_for, settings):
    response = upload(client_for(world.org_admin), articles.organisation, "Leitfaden.pdf", PDF)
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.content_type == "application/pdf"
    assert attachment.original_name == "Leitfaden.pdf"
    assert str(settings.MEDIA_ROOT) in attachment.file.path
    assert "Leitfaden" not in str(attachment.file.name)  # random stored name
    url = reverse("knowledge:public_attachment_download", args=[attachment.pk])
    response = client_for(world.staff).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    for who in (None, world.other_admin, world.foreign_admin, world.outsider):
        assert client_for(who).get(url).status_code == 404


def test_public_attachment_for_anonymous(world, articles, client_for):
    upload(client_for(world.org_admin), articles.public, "bild.png", PNG, "image/png")
    attachment = Attachment.objects.get()
    assert attachment.content_type == "image/png"
    response = client_for(None).get(
        reverse("knowledge:public_attachment_download", args=[attachment.pk])
    )
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("fake.pdf", b"<html><script>alert(1)</script></html>", "application/pdf"),
        ("programm.exe", b"MZ\x90\x00" + b"\x00" * 60, "application/pdf"),
        ("bild.png", b"GIF89a" + b"\x00" * 20, "image/png"),
        ("leer.pdf", b"", "application/pdf"),
    ],
)
def test_attachment_type_checked_on_content(
    world, articles, client_for, name, content, content_type
):
    response = upload(client_for(world.org_admin), articles.public, name, content, content_type)
    assert response.status_code == 400
    assert not Attachment.objects.exists()
    assert not AuditEntry.objects.filter(action="article.attachment_add").exists()


def test_attachment_too_large(world, articles, client_for):
    big = PDF + b"0" * ATTACHMENT_MAX_BYTES
    response = upload(client_for(world.org_admin), articles.public, "gross.pdf", big)
    assert response.status_code == 400
    assert "MB" in response.content.decode()
    assert not Attachment.objects.exists()


def test_attachment_upload_refused_for_readers(world, articles, client_for):
    for who in (world.staff, world.other_admin, world.counsellor):
        assert upload(client_for(who), articles.public, "a.pdf", PDF).status_code == 404
    assert upload(client_for(None), articles.public, "a.pdf", PDF).status_code == 302
    assert not Attachment.objects.exists()


def test_attachment_delete(world, articles, client_for, django_capture_on_commit_callbacks):
    upload(client_for(world.org_admin), articles.public, "a.pdf", PDF)
    attachment = Attachment.objects.get()
    path = Path(attachment.file.path)
    url = reverse("knowledge:attachment_delete", args=[attachment.pk])
    assert client_for(world.staff).post(url).status_code == 404
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(world.org_admin).post(url)
    assert response.status_code == 302
    assert not Attachment.objects.exists()
    assert not path.exists()
    assert AuditEntry.objects.filter(action="article.attachment_delete").count() == 1


# --- Vocabulary is public -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("route", "args"),
    [
        ("knowledge:public_vocabulary_index", []),
        ("knowledge:public_vocabulary_detail", ["baeckerei"]),
        ("knowledge:public_vocabulary_flyer", ["produktion", "ti"]),
        ("knowledge:public_article_list", []),
    ],
)
def test_public_pages_for_anonymous(vocabulary, client_for, route, args):
    response = client_for(None).get(reverse(route, args=args))
    assert response.status_code == 200


def test_term_confirm_by_native_speaker_only(vocabulary, world, client_for):
    from wegweiser.knowledge.models import TermTranslation

    translation = TermTranslation.objects.filter(language="uk").earliest("pk")
    url = reverse("knowledge:term_translation_confirm", args=[translation.pk])
    assert client_for(world.staff).post(url).status_code == 404
    assert client_for(None).post(url).status_code == 302
    services.translator_profile_update(actor=world.staff, languages=["uk"])
    assert client_for(world.staff).post(url).status_code == 302
    translation.refresh_from_db()
    assert translation.review_status == "confirmed"
    assert translation.reviewed_by == world.staff

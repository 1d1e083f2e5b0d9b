from django.urls import path

from wegweiser.knowledge import views

app_name = "knowledge"
urlpatterns = [
    path("", views.article_list, name="public_article_list"),
    path("articles/new/", views.article_create, name="article_create"),
    path("articles/<int:article_id>/", views.article_detail, name="public_article_detail"),
    path("articles/<int:article_id>/edit/", views.article_edit, name="article_edit"),
    path("articles/<int:article_id>/submit/", views.article_submit, name="article_submit"),
    path("articles/<int:article_id>/publish/", views.article_publish, name="article_publish"),
    path("articles/<int:article_id>/return/", views.article_return, name="article_return"),
    path("articles/<int:article_id>/history/", views.article_history, name="article_history"),
    path(
        "articles/<int:article_id>/translate/<str:language>/",
        views.article_translate,
        name="article_translate",
    ),
    path(
        "articles/<int:article_id>/translate/<str:language>/confirm/",
        views.translation_confirm,
        name="translation_confirm",
    ),
    path("articles/<int:article_id>/attachments/", views.attachment_add, name="attachment_add"),
    path(
        "attachments/<int:attachment_id>/",
        views.attachment_download,
        name="public_attachment_download",
    ),
    path(
        "attachments/<int:attachment_id>/delete/",
        views.attachment_delete,
        name="attachment_delete",
    ),
    path("translations/", views.translation_tasks, name="translation_tasks"),
    path("translator/", views.translator_profile, name="translator_profile"),
    path("vocabulary/", views.vocabulary_index, name="public_vocabulary_index"),
    path("vocabulary/<slug:slug>/", views.vocabulary_detail, name="public_vocabulary_detail"),
    path(
        "vocabulary/<slug:slug>/flyer/<str:language>/",
        views.vocabulary_flyer,
        name="public_vocabulary_flyer",
    ),
    path(
        "vocabulary/<slug:slug>/flyer/<str:language>/pdf/",
        views.vocabulary_flyer_pdf,
        name="public_vocabulary_flyer_pdf",
    ),
    path("vocabulary/terms/<int:term_id>/image/", views.term_image, name="public_term_image"),
    path(
        "vocabulary/translations/<int:translation_id>/confirm/",
        views.term_translation_confirm,
        name="term_translation_confirm",
    ),
]

from django.urls import path

from wegweiser.accounts import views

app_name = "accounts"
urlpatterns = [
    path("language/", views.set_language, name="set_language"),
    path("settings/", views.settings_page, name="settings"),
    path("settings/tokens/", views.api_token_create, name="api_token_create"),
    path("settings/tokens/<int:token_id>/revoke/", views.api_token_revoke, name="api_token_revoke"),
]

"""The participant portal: a participant's own record, consents and pathway."""

from django.urls import path

from wegweiser.participants import views

app_name = "portal"
urlpatterns = [
    path("", views.portal_home, name="home"),
    path("profile/", views.portal_profile, name="profile"),
    path(
        "consents/<int:consent_id>/withdraw/",
        views.portal_consent_withdraw,
        name="consent_withdraw",
    ),
    path("invitation/<str:token>/", views.portal_accept, name="public_invitation"),
]

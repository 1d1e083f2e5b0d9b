from django.urls import path

from wegweiser.comms import views

app_name = "comms"
urlpatterns = [
    path("", views.issue_list, name="issue_list"),
    path("issues/new/", views.issue_compose, name="issue_compose"),
    path("issues/<int:issue_id>/", views.issue_detail, name="issue_detail"),
    path("issues/<int:issue_id>/items/new/", views.item_create, name="item_create"),
    path("issues/<int:issue_id>/items/<int:item_id>/", views.item_edit, name="item_edit"),
    path("issues/<int:issue_id>/items/<int:item_id>/move/", views.item_move, name="item_move"),
    path(
        "issues/<int:issue_id>/items/<int:item_id>/delete/", views.item_delete, name="item_delete"
    ),
    path(
        "issues/<int:issue_id>/preview/<str:language>/", views.issue_preview, name="issue_preview"
    ),
    path("issues/<int:issue_id>/send/", views.issue_send, name="issue_send"),
    path("issues/<int:issue_id>/progress/", views.issue_progress, name="issue_progress"),
    path("invite/", views.role_invite, name="role_invite"),
    path("join/<slug:network_slug>/", views.subscribe, name="public_subscribe"),
    path("confirm/<str:token>/", views.confirm, name="public_confirm"),
    path("preferences/<str:token>/", views.preferences, name="public_preferences"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="public_unsubscribe"),
]

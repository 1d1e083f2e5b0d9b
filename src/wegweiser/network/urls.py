from django.urls import path

from wegweiser.network import views

app_name = "network"
urlpatterns = [
    path("organisations/", views.organisation_list, name="organisation_list"),
    path(
        "organisations/<int:organisation_id>/",
        views.organisation_detail,
        name="organisation_detail",
    ),
    path(
        "organisations/<int:organisation_id>/edit/",
        views.organisation_edit,
        name="organisation_edit",
    ),
    path(
        "organisations/<int:organisation_id>/people/",
        views.organisation_people,
        name="organisation_people",
    ),
    path(
        "organisations/<int:organisation_id>/people/invitations/<int:invitation_id>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path(
        "organisations/<int:organisation_id>/people/roles/<int:role_id>/revoke/",
        views.role_revoke,
        name="role_revoke",
    ),
    path("invitation/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("audit/", views.audit_trail, name="audit_trail"),
    # Members and growth
    path("members/", views.public_directory, name="public_directory"),
    path(
        "organisations/<int:organisation_id>/memberships/new/",
        views.membership_create,
        name="membership_create",
    ),
    path(
        "memberships/<int:membership_id>/status/",
        views.membership_status,
        name="membership_status",
    ),
    path("growth/", views.growth, name="growth"),
    # Member projects and sponsorships
    path("projects/", views.project_list, name="project_list"),
    path("projects/<int:project_id>/", views.project_detail, name="project_detail"),
    path("projects/<int:project_id>/edit/", views.project_edit, name="project_edit"),
    path(
        "organisations/<int:organisation_id>/projects/new/",
        views.project_create,
        name="project_create",
    ),
    path("sponsorships/", views.sponsorship_list, name="sponsorship_list"),
    path(
        "sponsorships/<int:sponsorship_id>/edit/",
        views.sponsorship_edit,
        name="sponsorship_edit",
    ),
    path(
        "organisations/<int:organisation_id>/sponsorships/new/",
        views.sponsorship_create,
        name="sponsorship_create",
    ),
    # Ambassadors, slots and news
    path("ambassadors/", views.ambassador_list, name="ambassador_list"),
    path("ambassadors/new/", views.ambassador_appoint, name="ambassador_appoint"),
    path("ambassadors/<int:term_id>/", views.ambassador_detail, name="ambassador_detail"),
    path("ambassadors/<int:term_id>/extend/", views.ambassador_extend, name="ambassador_extend"),
    path("ambassadors/<int:term_id>/end/", views.ambassador_end, name="ambassador_end"),
    path(
        "ambassadors/<int:term_id>/handover/",
        views.ambassador_handover,
        name="ambassador_handover",
    ),
    path(
        "ambassadors/<int:term_id>/handover-notes/",
        views.handover_notes,
        name="handover_notes",
    ),
    path("slots/", views.slot_calendar, name="slot_calendar"),
    path("slots/plan/<int:network_id>/", views.slot_plan, name="slot_plan"),
    path("slots/<int:slot_id>/swap/", views.slot_swap, name="slot_swap"),
    path("slots/<int:slot_id>/skip/", views.slot_skip, name="slot_skip"),
    path("news/", views.news_list, name="news_list"),
    path("news/new/", views.news_create, name="news_create"),
    path("news/<int:news_id>/image/", views.news_image, name="news_image"),
]

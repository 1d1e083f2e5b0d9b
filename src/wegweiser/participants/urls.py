from django.urls import path

from wegweiser.participants import views

app_name = "participants"
urlpatterns = [
    path("", views.participant_list, name="list"),
    path("new/", views.participant_create, name="create"),
    path("occupations/", views.occupation_search, name="occupation_search"),
    path("milestone-types/", views.milestone_type_list, name="milestone_types"),
    path("referrals/", views.referral_list, name="referral_list"),
    path("referrals/<int:referral_id>/", views.referral_detail, name="referral_detail"),
    path("referrals/<int:referral_id>/accept/", views.referral_accept, name="referral_accept"),
    path("referrals/<int:referral_id>/decline/", views.referral_decline, name="referral_decline"),
    path(
        "referrals/<int:referral_id>/withdraw/", views.referral_withdraw, name="referral_withdraw"
    ),
    path(
        "referrals/<int:referral_id>/override/", views.referral_override, name="referral_override"
    ),
    path("tasks/<int:task_id>/done/", views.task_done, name="task_done"),
    path("<int:participant_id>/", views.participant_detail, name="detail"),
    path("<int:participant_id>/edit/", views.participant_edit, name="edit"),
    path(
        "<int:participant_id>/qualifications/new/",
        views.qualification_add,
        name="qualification_add",
    ),
    path("<int:participant_id>/consents/new/", views.consent_add, name="consent_add"),
    path("<int:participant_id>/consents/form.pdf", views.consent_form_pdf, name="consent_form_pdf"),
    path(
        "<int:participant_id>/consents/<int:consent_id>/withdraw/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
    path(
        "<int:participant_id>/consents/<int:consent_id>/file/",
        views.consent_file,
        name="consent_file",
    ),
    path("<int:participant_id>/milestones/new/", views.milestone_add, name="milestone_add"),
    path(
        "<int:participant_id>/milestones/<int:milestone_id>/evidence/",
        views.milestone_evidence,
        name="milestone_evidence",
    ),
    path("<int:participant_id>/referrals/new/", views.referral_add, name="referral_add"),
    path("<int:participant_id>/notes/new/", views.note_add, name="note_add"),
    path("<int:participant_id>/tasks/new/", views.task_add, name="task_add"),
    path("<int:participant_id>/export.json", views.participant_export_json, name="export_json"),
    path("<int:participant_id>/export.pdf", views.participant_export_pdf, name="export_pdf"),
    path("<int:participant_id>/erase/", views.participant_erase, name="erase"),
    path("<int:participant_id>/portal-invitation/", views.portal_invite, name="portal_invite"),
]

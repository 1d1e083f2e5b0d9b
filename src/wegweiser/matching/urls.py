from django.urls import path

from wegweiser.matching import views

app_name = "matching"
urlpatterns = [
    path("try/", views.matching_try, name="matching_try"),
    path(
        "participants/<int:participant_id>/suggestions/",
        views.participant_suggestions,
        name="participant_suggestions",
    ),
    path(
        "participants/<int:participant_id>/suggestions/add/",
        views.suggestion_add,
        name="suggestion_add",
    ),
    path(
        "suggestions/<int:suggestion_id>/status/",
        views.suggestion_transition,
        name="suggestion_transition",
    ),
    path(
        "suggestions/<int:suggestion_id>/contact/",
        views.contact_agree,
        name="contact_agree",
    ),
    path("candidates/", views.candidate_offers, name="candidate_offers"),
    path("offers/<int:offer_id>/candidates/", views.offer_candidates, name="offer_candidates"),
]

from django.urls import path

from wegweiser.jobs import views

app_name = "jobs"
urlpatterns = [
    path("", views.offer_list, name="offer_list"),
    path("public/", views.public_offer_list, name="public_offer_list"),
    path("public/<int:offer_id>/", views.public_offer_detail, name="public_offer_detail"),
    path("new/", views.offer_create, name="offer_create"),
    path("manage/", views.offer_manage_list, name="offer_manage_list"),
    path("<int:offer_id>/", views.offer_detail, name="offer_detail"),
    path("<int:offer_id>/edit/", views.offer_edit, name="offer_edit"),
    path("<int:offer_id>/status/", views.offer_status, name="offer_status"),
]

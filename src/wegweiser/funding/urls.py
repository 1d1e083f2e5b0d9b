from django.urls import path

from wegweiser.funding import views

app_name = "funding"
urlpatterns = [
    path("", views.project_list, name="project_list"),
    path("new/", views.project_create, name="project_create"),
    path("<int:project_id>/", views.project_detail, name="project_detail"),
    path("<int:project_id>/export.csv", views.export_csv, name="export_csv"),
    path("<int:project_id>/export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("<int:project_id>/records/new/", views.record_create, name="record_create"),
    path("records/<int:record_id>/", views.record_edit, name="record_edit"),
    path("records/<int:record_id>/exit/", views.record_exit, name="record_exit"),
    path("records/<int:record_id>/follow-up/", views.record_follow_up, name="record_follow_up"),
]

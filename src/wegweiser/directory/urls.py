from django.urls import path

from wegweiser.directory import views

app_name = "directory"
urlpatterns = [
    path("", views.public_map, name="public_map"),
    path("services/<int:service_id>/", views.public_service_detail, name="public_service_detail"),
    path("export.hsds.json", views.public_export_hsds, name="public_export_hsds"),
    path("export.geojson", views.public_export_geojson, name="public_export_geojson"),
    path("manage/", views.service_manage_list, name="service_manage_list"),
    path("manage/new/", views.service_create, name="service_create"),
    path("manage/import/", views.service_import, name="service_import"),
    path("services/<int:service_id>/edit/", views.service_edit, name="service_edit"),
    path("services/<int:service_id>/archive/", views.service_archive, name="service_archive"),
    path("services/<int:service_id>/restore/", views.service_restore, name="service_restore"),
]

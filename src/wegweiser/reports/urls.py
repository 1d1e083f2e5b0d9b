from django.urls import path

from wegweiser.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("dashboard/<slug:key>.csv", views.dashboard_csv, name="dashboard_csv"),
    path("status/", views.status_report, name="status_report"),
    path("status/pdf/", views.status_report_preview_pdf, name="status_report_preview_pdf"),
    path("status/saved/", views.status_report_list, name="status_report_list"),
    path("status/<int:report_id>/", views.status_report_detail, name="status_report_detail"),
    path("status/<int:report_id>/pdf/", views.status_report_pdf, name="status_report_pdf"),
    path("status/<int:report_id>/send/", views.status_report_send, name="status_report_send"),
]

from django.urls import path

from wegweiser.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("about/", views.about, name="about"),
    path("health/", views.health, name="health"),
    path("occupations/", views.occupation_suggestions, name="occupation_search"),
]

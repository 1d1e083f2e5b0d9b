from django.urls import path

from wegweiser.matching import views

app_name = "matching"
urlpatterns = [
    path("try/", views.matching_try, name="matching_try"),
]

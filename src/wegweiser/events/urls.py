from django.urls import path

from wegweiser.events import views

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="public_event_list"),
    path("new/", views.event_create, name="event_create"),
    path("<int:event_id>/", views.event_detail, name="public_event_detail"),
    path("<int:event_id>/edit/", views.event_edit, name="event_edit"),
    path("<int:event_id>/cancel/", views.event_cancel, name="event_cancel"),
    path("<int:event_id>/event.ics", views.event_ics, name="public_event_ics"),
    path("<int:event_id>/register/", views.registration_create, name="registration_create"),
    path("<int:event_id>/register/cancel/", views.registration_cancel, name="registration_cancel"),
    path("<int:event_id>/offer/accept/", views.offer_accept, name="offer_accept"),
    path("<int:event_id>/registrations/", views.registration_list, name="registration_list"),
    path("<int:event_id>/registrations.csv", views.registration_export, name="registration_export"),
    path(
        "<int:event_id>/registrations/<int:registration_id>/attendance/",
        views.attendance_set,
        name="attendance_set",
    ),
    path("<int:event_id>/agenda/", views.agenda_edit, name="agenda_edit"),
    path(
        "<int:event_id>/agenda/<int:slot_id>/delete/",
        views.agenda_slot_delete,
        name="agenda_slot_delete",
    ),
    path("<int:event_id>/host/", views.host_assign, name="host_assign"),
    path("<int:event_id>/host/decline/", views.host_decline, name="host_decline"),
    path("<int:event_id>/minutes/", views.minutes_edit, name="minutes_edit"),
    path("<int:event_id>/action-items/new/", views.action_item_create, name="action_item_create"),
    path("action-items/<int:item_id>/", views.action_item_edit, name="action_item_edit"),
    path("plans/", views.plan_list, name="plan_list"),
    path("plans/<int:plan_id>/", views.plan_detail, name="plan_detail"),
    path("series/", views.series_list, name="series_list"),
    path("series/new/", views.series_create, name="series_create"),
    path("series/<int:series_id>/", views.series_detail, name="series_detail"),
    path("series/<int:series_id>/edit/", views.series_edit, name="series_edit"),
    path("series/<int:series_id>/hosts/", views.series_host_add, name="series_host_add"),
    path(
        "series/<int:series_id>/events/new/", views.series_event_create, name="series_event_create"
    ),
    path("series/<int:series_id>/series.ics", views.series_ics, name="public_series_ics"),
    path("feeds/", views.feed_settings, name="feed_settings"),
    path("feeds/<str:token>.ics", views.personal_feed, name="public_personal_feed"),
]

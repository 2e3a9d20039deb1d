from django.urls import path

from . import api, views

app_name = "responses"

urlpatterns = [
    path("press-conferences/", views.conferences, name="conferences"),
    path("press-conferences/<int:pk>/", views.conference, name="conference"),
    path(
        "press-conferences/<int:pk>/files/<int:file_pk>/",
        views.conference_file,
        name="conference_file",
    ),
    path("staff/responses/", views.staff_events, name="staff_events"),
    path("staff/responses/<int:pk>/", views.staff_event, name="staff_event"),
    path("staff/press-conferences/", views.staff_conferences, name="staff_conferences"),
    path("api/v1/press-conferences", api.conference_list, name="api_conferences"),
]

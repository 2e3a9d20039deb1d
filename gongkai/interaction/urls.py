from django.urls import path

from . import api, views

app_name = "interaction"

urlpatterns = [
    path("messages/", views.public_list, name="public_list"),
    path("messages/write/", views.write, name="write"),
    path("messages/write/<str:code>/", views.write, name="write_to"),
    path("messages/status/", views.status, name="status"),
    path("messages/stats/", views.public_stats, name="public_stats"),
    path("messages/<int:pk>/", views.public_detail, name="public_detail"),
    path("staff/messages/", views.staff_list, name="staff_list"),
    path("staff/messages/stats/", views.staff_stats, name="staff_stats"),
    path("staff/messages/<int:pk>/", views.staff_detail, name="staff_detail"),
    path(
        "staff/messages/<int:pk>/files/<int:file_pk>/",
        views.staff_attachment,
        name="staff_attachment",
    ),
    path("api/v1/messages", api.message_list, name="api_messages"),
    path("api/v1/messages/stats", api.message_stats, name="api_message_stats"),
]

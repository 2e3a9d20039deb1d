from django.urls import path

from . import views

app_name = "interaction"

urlpatterns = [
    path("messages/", views.public_list, name="public_list"),
    path("messages/write/", views.write, name="write"),
    path("messages/write/<str:code>/", views.write, name="write_to"),
    path("messages/status/", views.status, name="status"),
    path("messages/<int:pk>/", views.public_detail, name="public_detail"),
    path("staff/messages/<int:pk>/", views.staff_detail, name="staff_detail"),
]

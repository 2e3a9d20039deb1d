from django.urls import path

from . import views

app_name = "workcal"
urlpatterns = [
    path("staff/calendar/", views.calendar_view, name="calendar"),
    path("staff/calendar/import/", views.import_view, name="import"),
]

from django.urls import path

from . import views

app_name = "longwork"

urlpatterns = [
    path("staff/work/", views.work, name="work"),
    path("staff/work/start/<str:kind>/", views.start, name="start"),
    path("staff/work/<int:pk>/result", views.result, name="result"),
]

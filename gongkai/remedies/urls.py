from django.urls import path

from . import views

app_name = "remedies"

urlpatterns = [
    path("staff/remedies/", views.case_list, name="list"),
    path("staff/remedies/new/<int:app_pk>/", views.case_new, name="new"),
    path("staff/remedies/<int:pk>/", views.case_detail, name="detail"),
]

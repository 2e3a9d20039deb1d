from django.urls import path

from . import api, editing, staff, views

app_name = "opendata"

urlpatterns = [
    path("opendata/", views.dataset_list, name="list"),
    path("opendata/<int:pk>/", views.dataset_detail, name="dataset"),
    path("opendata/<int:pk>/data.<str:fmt>", views.download, name="download"),
    path("opendata/<int:pk>/template.xlsx", views.template, name="template"),
    path("opendata/<int:pk>/periods/<str:key>/", views.period_detail, name="period"),
    path(
        "opendata/<int:pk>/periods/<str:key>/data.<str:fmt>",
        views.download_period,
        name="download_period",
    ),
    path("staff/opendata/", staff.overview, name="staff"),
    path("staff/opendata/new/", editing.dataset_new, name="new"),
    path("staff/opendata/<int:pk>/edit/", editing.dataset_edit, name="edit"),
    path("api/v1/datasets", api.dataset_list, name="api_datasets"),
    path("api/v1/datasets/dcat.jsonld", api.dcat, name="api_dcat"),
    path("api/v1/datasets/<int:pk>", api.dataset_detail, name="api_dataset"),
    path("api/v1/datasets/<int:pk>/rows", api.dataset_rows, name="api_rows"),
]

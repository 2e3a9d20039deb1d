from django.urls import path

from . import api, views

app_name = "proposals"

urlpatterns = [
    path("proposals/", views.index, name="index"),
    path("proposals/org/<str:code>/", views.index, name="org_index"),
    path("proposals/<int:pk>/", views.detail, name="detail"),
    path("proposals/figures/", views.figures, name="figures"),
    path("proposals/figures/<str:code>/", views.figures, name="org_figures"),
    path("staff/proposals/", views.staff_list, name="staff_list"),
    path("staff/proposals/import/", views.staff_import, name="staff_import"),
    path("staff/proposals/<int:pk>/", views.staff_detail, name="staff_detail"),
    path("staff/proposals/<int:pk>/do/<str:name>/", views.staff_action, name="staff_action"),
    path("staff/proposals/<int:pk>/letter.docx", views.staff_letter, name="staff_letter"),
    path("staff/proposals/template/<int:city_pk>/", views.staff_template, name="staff_template"),
    path("api/v1/proposals", api.proposal_list, name="api_list"),
    path("api/v1/proposals/<int:pk>", api.proposal_detail, name="api_detail"),
]

from django.urls import path

from . import import_views, views

app_name = "plans"
urlpatterns = [
    path("staff/plans/", views.plan_list, name="list"),
    path("staff/plans/import/", import_views.import_view, name="import"),
    path("staff/plans/diff/", import_views.diff_view, name="diff"),
    path("staff/plans/<int:pk>/", views.plan_detail, name="detail"),
    path("staff/plans/<int:pk>/org/<int:org_id>/", views.org_page, name="org"),
    path("staff/plans/<int:pk>/events/", views.add_event_view, name="add_event"),
    path("staff/plans/<int:pk>/ledger.xlsx", views.ledger_export, name="ledger"),
    path("staff/plans/<int:pk>/scores/", views.scores_view, name="scores"),
    path("staff/plans/<int:pk>/rollover/", views.rollover_view, name="rollover"),
    path("staff/plans/tasks/<int:pk>/edit/", views.task_edit, name="task_edit"),
    path("staff/plans/obligations/<int:pk>/", views.obligation_view, name="obligation"),
    path("staff/plans/reports/<int:pk>/", views.report_view, name="report"),
    path(
        "staff/plans/reports/attachments/<int:pk>/",
        views.report_attachment,
        name="report_attachment",
    ),
]

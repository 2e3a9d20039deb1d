from django.urls import path

from . import views

app_name = "catalog"
urlpatterns = [
    path("staff/catalog/", views.items_view, name="items"),
    path("staff/catalog/new/", views.item_create_view, name="create"),
    path("staff/catalog/queue/", views.queue_view, name="queue"),
    path("staff/catalog/items/<int:pk>/", views.item_view, name="item"),
    path("staff/catalog/items/<int:pk>/edit/", views.item_edit_view, name="edit"),
    path("staff/catalog/items/<int:pk>/action/", views.item_action_view, name="action"),
    path("staff/catalog/items/<int:pk>/review/", views.review_view, name="review"),
    path("staff/catalog/items/<int:pk>/preview/", views.preview_view, name="preview"),
    path("staff/catalog/items/<int:pk>/validity/", views.validity_view, name="validity"),
    path(
        "staff/catalog/items/<int:pk>/versions/<int:number>/",
        views.version_view,
        name="version",
    ),
    path(
        "staff/catalog/attachments/<int:pk>/",
        views.attachment_download_view,
        name="attachment",
    ),
    path("staff/catalog/columns/", views.columns_view, name="columns"),
    path("staff/catalog/columns/<int:pk>/", views.column_edit_view, name="column_edit"),
    path("staff/catalog/columns/import/", views.columns_import_view, name="columns_import"),
    path("staff/catalog/columns/export/", views.columns_export_view, name="columns_export"),
]

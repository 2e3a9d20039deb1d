"""URL map. Each app owns its own ``urls.py``; this file only mounts them."""

from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "政务公开平台 · 管理后台"
admin.site.site_title = "政务公开平台"
admin.site.index_title = "后台管理"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("gongkai.accounts.urls")),
    path("", include("gongkai.workcal.urls")),
    path("", include("gongkai.catalog.urls")),
    path("", include("gongkai.applications.urls")),
    path("", include("gongkai.plans.urls")),
    path("", include("gongkai.consultations.urls")),
    path("", include("gongkai.proposals.urls")),
    path("", include("gongkai.interaction.urls")),
    path("", include("gongkai.responses.urls")),
    path("", include("gongkai.remedies.urls")),
    path("", include("gongkai.gazette.urls")),
    path("", include("gongkai.opendata.urls")),
    path("", include("gongkai.health.urls")),
    path("", include("gongkai.annualreport.urls")),
    path("", include("gongkai.search.urls")),
    path("", include("gongkai.serving.urls")),
    path("", include("gongkai.longwork.urls")),
    path("", include("gongkai.portal.urls")),
]

handler403 = "gongkai.core.middleware.handler403"

from django.urls import path

from . import api
from .views import indicators as indicator_views
from .views import org as org_views
from .views import overview

app_name = "health"

urlpatterns = [
    path("api/v1/organisations/<str:code>/health", api.org_health, name="api_org_health"),
    path("staff/health/", overview.overview, name="overview"),
    path("staff/health/indicators/", indicator_views.indicators, name="indicators"),
    path("staff/health/city/<str:code>/findings.xlsx", overview.city_xlsx, name="city_xlsx"),
    path("staff/health/org/<str:code>/", org_views.org_view, name="org"),
    path("staff/health/org/<str:code>/assign/", org_views.assign_view, name="assign"),
    path("staff/health/org/<str:code>/report.docx", org_views.report_docx, name="report"),
    path("staff/health/org/<str:code>/findings.xlsx", org_views.org_xlsx, name="org_xlsx"),
    path("staff/health/org/<str:code>/history.svg", org_views.history_svg, name="history_svg"),
]

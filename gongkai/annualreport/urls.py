from django.urls import path

from .views import public, staff

app_name = "annualreport"

urlpatterns = [
    path("staff/annual-reports/", staff.report_list, name="list"),
    path("staff/annual-reports/board/", staff.filing_board, name="board"),
    path("staff/annual-reports/<int:pk>/", staff.report_detail, name="detail"),
    path("staff/annual-reports/<int:pk>/act/", staff.report_act, name="act"),
    path("staff/annual-reports/<int:pk>.docx", staff.report_file, {"fmt": "docx"}, name="docx"),
    path("staff/annual-reports/<int:pk>.xlsx", staff.report_file, {"fmt": "xlsx"}, name="xlsx"),
    path("org/<str:code>/annual-report/<int:year>/", public.report_page, name="public"),
    path(
        "org/<str:code>/annual-report/<int:year>.docx",
        public.report_download,
        {"fmt": "docx"},
        name="public_docx",
    ),
    path(
        "org/<str:code>/annual-report/<int:year>.xlsx",
        public.report_download,
        {"fmt": "xlsx"},
        name="public_xlsx",
    ),
    path("api/v1/organisations/<str:code>/annual-reports", public.api_list, name="api_list"),
    path(
        "api/v1/organisations/<str:code>/annual-reports/<int:year>",
        public.api_report,
        name="api_report",
    ),
]

from django.urls import path

from . import api
from .views import public, staff

app_name = "gazette"

urlpatterns = [
    path("gazette/", public.index, name="index"),
    path("gazette/issues/<int:pk>/", public.issue, name="issue"),
    path("gazette/issues/<int:pk>/file", public.issue_file, name="issue_file"),
    path("gazette/articles/<int:pk>/", public.article, name="article"),
    path("gazette/<str:code>/", public.home, name="home"),
    path("staff/gazette/", staff.dashboard, name="staff_home"),
    path("staff/gazette/<int:pk>/import/", staff.upload, name="staff_import"),
    path("staff/gazette/proofs/", staff.proofs, name="staff_proofs"),
    path("staff/gazette/proofs/<int:pk>/", staff.proof, name="staff_proof"),
    path(
        "staff/gazette/issues/<int:pk>/pages/<int:index>.png", staff.page_image, name="staff_page"
    ),
    path("staff/gazette/links/", staff.links, name="staff_links"),
    path("staff/gazette/links/<int:pk>/", staff.link_decide, name="staff_link_decide"),
    path("staff/gazette/<int:pk>/missing/", staff.missing, name="staff_missing"),
    path("api/v1/gazettes/<str:code>/issues", api.issue_list, name="api_issues"),
    path("api/v1/gazettes/<str:code>/issues/<int:pk>", api.issue_detail, name="api_issue"),
]

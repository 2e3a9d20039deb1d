from django.urls import path

from . import api
from .views import public, staff

app_name = "consultations"

urlpatterns = [
    path("consultations/", public.index, name="index"),
    path("consultations/org/<str:code>/", public.org_index, name="org_index"),
    path("consultations/<int:pk>/", public.detail, name="detail"),
    path("consultations/<int:pk>/comment/", public.comment, name="comment"),
    path("consultations/<int:pk>/feedback/", public.feedback, name="feedback"),
    path("consultations/<int:pk>/feedback.docx", public.feedback_docx, name="feedback_docx"),
    path("consultations/<int:pk>/draft/<int:vid>/", public.draft_download, name="draft"),
    path("staff/consultations/", staff.staff_list, name="staff_list"),
    path("staff/consultations/new/", staff.staff_new, name="staff_new"),
    path("staff/consultations/<int:pk>/", staff.staff_detail, name="staff_detail"),
    path("staff/consultations/<int:pk>/do/<str:name>/", staff.staff_action, name="staff_action"),
    path("staff/consultations/<int:pk>/comments/", staff.staff_comments, name="staff_comments"),
    path(
        "staff/consultations/<int:pk>/comments/<int:cid>/dispose/",
        staff.staff_dispose,
        name="staff_dispose",
    ),
    path(
        "staff/consultations/<int:pk>/synthesis.xlsx", staff.staff_synthesis, name="staff_synthesis"
    ),
    path("staff/consultations/<int:pk>/feedback.docx", staff.staff_docx, name="staff_docx"),
    path("api/v1/consultations", api.consultation_list, name="api_list"),
    path("api/v1/consultations/<int:pk>", api.consultation_detail, name="api_detail"),
]

from django.urls import path

from . import views

app_name = "applications"
urlpatterns = [
    path("apply/", views.apply_form, name="apply"),
    path("apply/receipt/<str:code>/", views.receipt, name="receipt"),
    path("apply/receipt/<str:code>.docx", views.receipt_docx, name="receipt_docx"),
    path("apply/status/", views.status, name="status"),
    path("staff/applications/", views.staff_list, name="staff_list"),
    path("staff/applications/new/", views.staff_new, name="staff_new"),
    path("staff/applications/stats/", views.stats, name="stats"),
    path("staff/applications/popular/", views.popular, name="popular"),
    path("staff/applications/settings/", views.settings_view, name="settings"),
    path("staff/applications/popular/propose/", views.propose, name="propose"),
    path("staff/applications/proposals/<int:pk>/", views.proposal_state, name="proposal_state"),
    path("staff/applications/<int:pk>/", views.staff_detail, name="staff_detail"),
    path("staff/applications/<int:pk>/act/", views.staff_act, name="staff_act"),
    path(
        "staff/applications/<int:pk>/attachments/<int:att>/",
        views.attachment_view,
        name="attachment",
    ),
    path("staff/applications/<int:pk>/reply/", views.reply_draft, name="reply_draft"),
    path("staff/applications/<int:pk>/reply.docx", views.reply_draft_docx, name="reply_draft_docx"),
    path(
        "apply/status/<str:code>/letters/<int:pk>.docx",
        views.status_letter,
        name="status_letter",
    ),
    path("staff/applications/letters/<int:pk>/", views.letter_view, name="letter"),
    path(
        "staff/applications/letters/<int:pk>.docx",
        views.letter_view,
        {"fmt": "docx"},
        name="letter_docx",
    ),
]

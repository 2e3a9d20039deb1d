from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("staff/", views.workbench_view, name="workbench"),
    path(
        "staff/audit/<str:app_label>/<str:model>/<str:pk>/",
        views.audit_trail_view,
        name="audit_trail",
    ),
]

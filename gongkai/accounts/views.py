from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse_lazy

from gongkai.audit.actions import trail

from . import actions, permissions, workbench
from .forms import LoginForm


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:workbench")

    def form_valid(self, form):
        response = super().form_valid(form)
        actions.password_changed(form.user)
        messages.success(self.request, "密码已修改。")
        return response


@login_required
def workbench_view(request):
    panels = workbench.panels_for(request.user)
    return render(
        request,
        "accounts/workbench.html",
        {"panels": panels, "grants": permissions.roles_of(request.user)},
    )


PARENTS = ("task", "plan", "obligation", "instance", "item", "revision", "application", "report")


def _owning_organisation(obj, depth=0):
    """The organisation whose staff may read ``obj``'s trail, or None when it cannot be placed.

    A model says where it belongs with ``audit_organisation()`` (preferred), or through an
    ``organisation``/``city`` field or a parent (task, plan, item, application ...). A trail
    that cannot be placed is shown to superusers only: deny by default.
    """
    from gongkai.orgs.models import Organisation

    if isinstance(obj, Organisation):
        return obj
    if depth > 4:
        return None
    placed = getattr(obj, "audit_organisation", None)
    if callable(placed):
        return placed()
    for attr in ("organisation", "city"):
        owner = getattr(obj, attr, None)
        if isinstance(owner, Organisation):
            return owner
    for attr in PARENTS:
        parent = getattr(obj, attr, None)
        if parent is not None and parent is not obj and hasattr(parent, "_meta"):
            owner = _owning_organisation(parent, depth + 1)
            if owner is not None:
                return owner
    return None


def _may_read_trail(user, obj) -> bool:
    from django.contrib.auth import get_user_model

    if user.is_superuser:
        return True
    if isinstance(obj, get_user_model()):
        # a person's account history: the office admins of every organisation they work in
        grants = list(obj.grants.all())
        return bool(grants) and all(
            permissions.may(user, "administer", g.organisation) for g in grants
        )
    owner = _owning_organisation(obj)
    return owner is not None and permissions.may(user, "view_internal", owner)


@login_required
def audit_trail_view(request, app_label, model, pk):
    """The audit trail of one object, for staff with a role (read-only)."""
    if not permissions.is_staff_member(request.user):
        raise Http404
    ct = get_object_or_404(ContentType, app_label=app_label, model=model)
    model_class = ct.model_class()
    if model_class is None:
        raise Http404
    obj = get_object_or_404(model_class, pk=pk)
    if not _may_read_trail(request.user, obj):
        raise Http404
    return render(request, "accounts/audit_trail.html", {"object": obj, "entries": trail(obj)})

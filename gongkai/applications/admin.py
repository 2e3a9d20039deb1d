from django.contrib import admin

from gongkai.accounts.admin_scope import OrgScopedAdmin

from . import letters
from .models import Application, LetterTemplate, ProactiveProposal, RemedyConfig


@admin.register(LetterTemplate)
class LetterTemplateAdmin(OrgScopedAdmin):
    list_display = ["kind", "organisation", "title", "updated_at"]
    list_filter = ["kind"]

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        kind = initial.get("kind") or request.GET.get("kind")
        if kind in letters.DEFAULTS:
            initial.setdefault("title", letters.DEFAULTS[kind][0])
            initial.setdefault("body", letters.DEFAULTS[kind][1])
        return initial


@admin.register(RemedyConfig)
class RemedyConfigAdmin(OrgScopedAdmin):
    list_display = ["organisation", "review_body", "review_days", "court", "litigation_months"]


@admin.register(ProactiveProposal)
class ProactiveProposalAdmin(OrgScopedAdmin):
    list_display = ["subject", "organisation", "request_count", "state", "created_at"]
    list_filter = ["state"]


@admin.register(Application)
class ApplicationAdmin(OrgScopedAdmin):
    """Read-only here: every change goes through the staff pages (actions.py)."""

    list_display = ["registration_no", "name", "organisation", "state", "due_on", "outcome"]
    list_filter = ["state", "channel", "applicant_type", "outcome"]
    search_fields = ["registration_no", "name", "description"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

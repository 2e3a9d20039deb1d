"""Django admin pages scoped like the rest of gongkai: an office admin sees and edits only the
rows of the organisations under their grant; rows with no organisation (defaults for everyone)
are shown read-only to them and editable by superusers. Every change lands in the audit log."""

from gongkai.audit.admin import AuditedModelAdmin

from . import permissions


class OrgScopedAdmin(AuditedModelAdmin):
    org_field = "organisation"

    def _scope(self, request) -> set[int]:
        return permissions.org_ids_for(request.user, "administer")

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        from django.db.models import Q

        own = Q(**{f"{self.org_field}__in": self._scope(request)})
        shared = Q(**{f"{self.org_field}__isnull": True})
        return qs.filter(own | shared)

    def has_change_permission(self, request, obj=None):
        if obj is not None and not request.user.is_superuser:
            if getattr(obj, f"{self.org_field}_id") is None:
                return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not request.user.is_superuser:
            if getattr(obj, f"{self.org_field}_id") is None:
                return False
        return super().has_delete_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == self.org_field and not request.user.is_superuser:
            kwargs["queryset"] = permissions.orgs_for(request.user, "administer")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

from django.contrib import admin

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: nobody, superusers included, can add, change or delete an entry here."""

    list_display = (
        "created_at",
        "actor_name",
        "action",
        "object_repr",
        "from_state",
        "to_state",
        "reason",
    )
    list_filter = ("action", "content_type")
    search_fields = ("object_repr", "actor_name", "reason")
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AuditedModelAdmin(admin.ModelAdmin):
    """A ModelAdmin whose every add, change and delete lands in the audit log."""

    def save_model(self, request, obj, form, change):
        from .actions import record, snapshot

        fields = [f for f in form.changed_data if hasattr(obj, f)]
        before = snapshot(type(obj).objects.get(pk=obj.pk), fields) if change and obj.pk else {}
        super().save_model(request, obj, form, change)
        after = snapshot(obj, fields)
        record(
            obj,
            "change" if change else "create",
            actor=request.user,
            changes={k: [before.get(k), after.get(k)] for k in fields},
        )

    def delete_model(self, request, obj):
        from .actions import record

        record(obj, "delete", actor=request.user)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)

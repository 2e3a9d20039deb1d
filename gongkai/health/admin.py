from django.contrib import admin

from .models import CheckRun, ColumnTypeOverride, IndicatorSet, Probe, WorkOrder


@admin.register(IndicatorSet)
class IndicatorSetAdmin(admin.ModelAdmin):
    list_display = ["year", "home_days", "dynamic_days", "notice_months", "blank_columns_veto",
                    "message_days", "unreachable_percent"]  # fmt: skip

    def save_model(self, request, obj, form, change):
        from .actions.indicators import save_indicators

        save_indicators(request.user, obj, changed=form.changed_data)


@admin.register(ColumnTypeOverride)
class ColumnTypeOverrideAdmin(admin.ModelAdmin):
    list_display = ["entry", "column_type", "reason"]
    raw_id_fields = ["entry"]

    def save_model(self, request, obj, form, change):
        from .actions.indicators import save_override

        save_override(request.user, obj, changed=form.changed_data)


@admin.register(CheckRun)
class CheckRunAdmin(admin.ModelAdmin):
    list_display = ["organisation", "as_of", "light", "score"]
    list_filter = ["light"]
    readonly_fields = [f.name for f in CheckRun._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(Probe)
class ProbeAdmin(admin.ModelAdmin):
    list_display = ["url", "at", "ok", "status", "seconds"]

    def has_add_permission(self, request):
        return False


@admin.register(WorkOrder)
class WorkOrderAdmin(admin.ModelAdmin):
    list_display = ["organisation", "rule", "object", "assignee", "due_on", "state"]
    list_filter = ["state", "rule"]
    readonly_fields = [f.name for f in WorkOrder._meta.fields]

    def has_add_permission(self, request):
        return False

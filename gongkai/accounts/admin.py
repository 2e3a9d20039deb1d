from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from gongkai.audit.actions import record

from . import permissions
from .models import RoleGrant, User


class RoleGrantInline(admin.TabularInline):
    model = RoleGrant
    extra = 1
    autocomplete_fields = ["organisation"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organisation" and not request.user.is_superuser:
            kwargs["queryset"] = permissions.orgs_for(request.user, "administer")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    inlines = [RoleGrantInline]
    list_display = (
        "username",
        "last_name",
        "first_name",
        "is_active",
        "must_change_password",
    )
    fieldsets = BaseUserAdmin.fieldsets + (
        (
            "登录安全",
            {"fields": ("must_change_password", "phone")},
        ),
    )
    actions = ["unlock"]
    # Only a superuser sees or sets these: an office admin grants gongkai roles, nothing else.
    PRIVILEGED = ("is_superuser", "is_staff", "groups", "user_permissions")

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        cleaned = []
        for name, opts in fieldsets:
            fields = [f for f in opts.get("fields", ()) if f not in self.PRIVILEGED]
            if fields:
                cleaned.append((name, {**opts, "fields": tuple(fields)}))
        return cleaned

    def has_change_permission(self, request, obj=None):
        if obj is not None and not request.user.is_superuser:
            if obj.is_superuser or not self.get_queryset(request).filter(pk=obj.pk).exists():
                return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not request.user.is_superuser:
            if obj.is_superuser or not self.get_queryset(request).filter(pk=obj.pk).exists():
                return False
        return super().has_delete_permission(request, obj)

    def get_queryset(self, request):
        """An office admin manages the staff whose roles lie within their organisations."""
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        scope = permissions.org_ids_for(request.user, "administer")
        outside = RoleGrant.objects.exclude(organisation_id__in=scope).values("user_id")
        return (
            qs.filter(is_superuser=False)
            .exclude(pk__in=outside)
            .filter(grants__organisation_id__in=scope)
            .distinct()
        )

    @admin.action(description="解除锁定")
    def unlock(self, request, queryset):
        from axes.utils import reset

        for user in queryset:
            reset(username=user.username)
            record(user, "change", actor=request.user, reason="管理员解除登录限制")

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            user = User.objects.get(pk=id)
            user.must_change_password = True  # an admin-set password is changed at first login
            user.save(update_fields=["must_change_password"])
            record(user, "change", actor=request.user, reason="管理员重置密码")
        return response

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser:
            from django.core.exceptions import PermissionDenied

            if change:
                stored = User.objects.get(pk=obj.pk)
                if stored.is_superuser or not self.get_queryset(request).filter(pk=obj.pk).exists():
                    raise PermissionDenied("该用户不在您的管辖范围内。")
                obj.is_superuser, obj.is_staff = stored.is_superuser, stored.is_staff
            else:
                obj.is_superuser = obj.is_staff = False
        if change and "password" in form.changed_data:
            obj.must_change_password = True  # an admin-set password is changed at next login
        super().save_model(request, obj, form, change)
        record(
            obj,
            "change" if change else "create",
            actor=request.user,
            changes={f: ["", "（已修改）"] for f in form.changed_data if f != "password"},
        )

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for grant in formset.deleted_objects:
            record(grant.user, "revoke", actor=request.user, changes={"role": [str(grant), ""]})
            grant.delete()
        for grant in instances:
            grant.save()
            record(grant.user, "grant", actor=request.user, changes={"role": ["", str(grant)]})
        formset.save_m2m()

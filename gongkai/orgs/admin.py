from django import forms
from django.contrib import admin

from gongkai.accounts import permissions
from gongkai.audit.admin import AuditedModelAdmin

from .models import OrgAlias, Organisation, OrgGroup, alias_clash


class OrgAliasForm(forms.ModelForm):
    class Meta:
        model = OrgAlias
        fields = ["name", "note"]

    def clean_name(self):
        name = self.cleaned_data["name"]
        org = (
            self.instance.organisation
            if self.instance.organisation_id
            else getattr(self, "parent_org", None)
        )
        if org is not None:
            other = alias_clash(org, name)
            if other is not None:
                raise forms.ValidationError(
                    f"“{name}”已是{other.name}的名称或别名，同一市内不能重复。"
                )
        return name


class OrgAliasInline(admin.TabularInline):
    model = OrgAlias
    form = OrgAliasForm
    extra = 1

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.parent_org = obj
        return formset


@admin.register(Organisation)
class OrganisationAdmin(AuditedModelAdmin):
    list_display = ("code", "name", "short_name", "level", "parent", "is_active")
    list_filter = ("level", ("city", admin.RelatedOnlyFieldListFilter), "is_active")
    search_fields = ("code", "name", "short_name", "aliases__name")
    autocomplete_fields = ["parent"]
    inlines = [OrgAliasInline]

    def get_queryset(self, request):
        """An office admin sees and edits only the organisations under their grant."""
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        return qs.filter(pk__in=permissions.org_ids_for(request.user, "administer"))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "parent" and not request.user.is_superuser:
            kwargs["queryset"] = permissions.orgs_for(request.user, "administer")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    fieldsets = (
        (
            None,
            {
                "fields": (
                    "code",
                    "name",
                    "short_name",
                    "level",
                    "parent",
                    "sort_order",
                    "is_active",
                )
            },
        ),
        (
            "政府信息公开指南",
            {
                "fields": (
                    "address",
                    "postcode",
                    "phone",
                    "fax",
                    "email",
                    "website",
                    "office_hours",
                    "how_to_apply",
                    "functions",
                )
            },
        ),
    )


@admin.register(OrgGroup)
class OrgGroupAdmin(AuditedModelAdmin):
    list_display = ("name", "city")
    filter_horizontal = ("members",)

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        return qs.filter(city_id__in=permissions.org_ids_for(request.user, "administer"))

from django.contrib import admin

from gongkai.accounts.admin_scope import OrgScopedAdmin

from .models import Criterion, ManualScore, Rubric


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


@admin.register(Rubric)
class RubricAdmin(OrgScopedAdmin):
    list_display = ("name", "organisation", "share_of_rating", "is_active")
    inlines = [CriterionInline]


@admin.register(ManualScore)
class ManualScoreAdmin(OrgScopedAdmin):
    list_display = ("criterion", "organisation", "year", "share")
    list_filter = ("year",)

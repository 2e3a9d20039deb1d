from django.contrib import admin

from .models import Criterion, ManualScore, Rubric


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


@admin.register(Rubric)
class RubricAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation", "share_of_rating", "is_active")
    inlines = [CriterionInline]


@admin.register(ManualScore)
class ManualScoreAdmin(admin.ModelAdmin):
    list_display = ("criterion", "organisation", "year", "share")
    list_filter = ("year",)

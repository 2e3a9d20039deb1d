from django.contrib import admin

from gongkai.audit.admin import AuditedModelAdmin

from .models import CalendarDay, CalendarYear


class CalendarDayInline(admin.TabularInline):
    model = CalendarDay
    extra = 3


@admin.register(CalendarYear)
class CalendarYearAdmin(AuditedModelAdmin):
    list_display = ("year", "notice", "updated_at")
    inlines = [CalendarDayInline]

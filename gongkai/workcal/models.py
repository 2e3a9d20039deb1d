"""Staff-entered calendar years: a State Council holiday notice typed in or imported.

A year entered here takes precedence over the chinese-calendar package for that year (so a
correction or a newly announced year needs no software update). See docs/calendar.md.
"""

from django.db import models


class CalendarYear(models.Model):
    year = models.PositiveIntegerField("年份", unique=True)
    notice = models.CharField(
        "依据",
        max_length=200,
        blank=True,
        help_text="如：国务院办公厅关于2027年部分节假日安排的通知",
    )
    note = models.TextField("备注", blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "节假日安排（年度）"
        verbose_name_plural = "节假日安排（年度）"
        ordering = ["-year"]

    def __str__(self):
        return f"{self.year}年节假日安排"


class CalendarDay(models.Model):
    KIND_CHOICES = [("holiday", "放假"), ("workday", "调休上班")]

    year = models.ForeignKey(
        CalendarYear, on_delete=models.CASCADE, related_name="days", verbose_name="年度"
    )
    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=10, choices=KIND_CHOICES)
    name = models.CharField("名称", max_length=40, blank=True, help_text="如：春节")

    class Meta:
        verbose_name = "特殊日期"
        verbose_name_plural = "特殊日期"
        ordering = ["date"]

    def __str__(self):
        return f"{self.date} {self.get_kind_display()} {self.name}"


def _validate_day(day: "CalendarDay"):
    from django.core.exceptions import ValidationError

    errors = {}
    if day.year_id and day.date and day.date.year != day.year.year:
        errors["date"] = f"日期 {day.date} 不属于 {day.year.year} 年。"
    elif day.kind == "workday" and day.date and day.date.weekday() < 5:
        errors["date"] = "调休上班日必须是周六或周日。"
    if errors:
        raise ValidationError(errors)


CalendarDay.clean = _validate_day

"""Response events (舆情回应) on hour clocks, response statements, press conferences.

Clocks are computed by ``gongkai.rules.interaction.hours`` and recorded in ``EventClock`` by
``actions`` (every act refreshes them; the scheduled job records the ones that ran out).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from gongkai.core.files import StoredFile
from gongkai.rules.interaction.hours import CLOCK_LABELS, LEVELS


class ResponseEvent(models.Model):
    title = models.CharField("事件名称", max_length=200)
    description = models.TextField("事件概况")
    level = models.CharField("级别", max_length=10, choices=LEVELS)
    learnt_at = models.DateTimeField("获知时间")
    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name="责任单位",
        on_delete=models.PROTECT,
        related_name="response_events",
    )
    misleading_claim = models.TextField("不实信息（如有）", blank=True)
    items = models.ManyToManyField(
        "catalog.Item", verbose_name="关联发布信息", blank=True, related_name="response_events"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("登记时间", default=timezone.now)
    closed = models.BooleanField("已结束", default=False)

    class Meta:
        ordering = ["-learnt_at", "-pk"]
        verbose_name = "舆情回应事件"
        verbose_name_plural = "舆情回应事件"

    def __str__(self):
        return self.title


class EventClock(models.Model):
    MET, LATE, RUNNING, OVERDUE = "met", "late", "running", "overdue"
    STATE_CHOICES = [
        (MET, "按时"),
        (LATE, "超时完成"),
        (RUNNING, "计时中"),
        (OVERDUE, "已超时"),
    ]
    event = models.ForeignKey(ResponseEvent, on_delete=models.CASCADE, related_name="clocks")
    kind = models.CharField("时限", max_length=12, choices=list(CLOCK_LABELS.items()))
    hours = models.PositiveIntegerField("小时数")
    deadline = models.DateTimeField("截止时间")
    stopped_at = models.DateTimeField("完成时间", null=True, blank=True)
    state = models.CharField("状态", max_length=10, choices=STATE_CHOICES, default=RUNNING)
    lateness_minutes = models.PositiveIntegerField("超时（分钟）", default=0)

    class Meta:
        ordering = ["deadline", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "kind"], name="responses_clock_once")
        ]

    def __str__(self):
        return f"{self.event} {self.get_kind_display()}"


class Statement(models.Model):
    """A response statement (情况通报 / 回应) recorded for an event."""

    event = models.ForeignKey(ResponseEvent, on_delete=models.CASCADE, related_name="statements")
    text = models.TextField("回应内容")
    channel = models.CharField("发布渠道", max_length=100, blank=True)
    published_at = models.DateTimeField("发布时间")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["published_at", "pk"]

    def __str__(self):
        return self.text[:40]


class PressConference(models.Model):
    KIND_CHOICES = [("press", "新闻发布会"), ("briefing", "政策吹风会")]

    kind = models.CharField("类型", max_length=10, choices=KIND_CHOICES, default="press")
    topic = models.CharField("主题", max_length=200)
    held_at = models.DateTimeField("举办时间")
    host = models.ForeignKey(
        "orgs.Organisation",
        verbose_name="主办单位",
        on_delete=models.PROTECT,
        related_name="press_conferences",
    )
    transcript = models.TextField("实录", blank=True)
    event = models.ForeignKey(
        ResponseEvent,
        verbose_name="回应事件",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="conferences",
    )
    policies = models.ManyToManyField(
        "catalog.Item", verbose_name="关联政策及解读", blank=True, related_name="press_conferences"
    )
    published = models.BooleanField("已发布", default=False, db_index=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-held_at", "-pk"]
        verbose_name = "新闻发布会"
        verbose_name_plural = "新闻发布会"

    def __str__(self):
        return self.topic

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("responses:conference", args=[self.pk])

    @property
    def leader_spoke(self) -> bool:
        return any(s.is_leader for s in self.speakers.all())


class Speaker(models.Model):
    conference = models.ForeignKey(
        PressConference, on_delete=models.CASCADE, related_name="speakers"
    )
    name = models.CharField("发布人", max_length=60)
    post = models.CharField("职务", max_length=120)
    is_leader = models.BooleanField("单位主要负责人或负责同志", default=False)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return f"{self.name}（{self.post}）"


class ConferenceFile(StoredFile):
    UPLOAD_DIR = "conferences"
    conference = models.ForeignKey(PressConference, on_delete=models.CASCADE, related_name="files")

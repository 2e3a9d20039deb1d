"""征求意见: a consultation on a draft decision, its articles, comments and period events."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from gongkai.core.files import StoredFile
from gongkai.rules.participation.feedback import DISPOSITIONS
from gongkai.rules.participation.period import KIND_LABELS

CHANNELS = {
    "online": "网上征求意见",
    "email": "电子邮件",
    "letter": "信函",
    "meeting": "座谈会",
    "hearing": "听证会",
    "phone": "电话",
}


class ConsultationQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status__in=Consultation.PUBLIC_STATES)


class Consultation(models.Model):
    DRAFT, SUBMITTED, APPROVED, OPEN, CLOSED, PUBLISHED = (
        "draft",
        "submitted",
        "approved",
        "open",
        "closed",
        "published",
    )
    STATUS_CHOICES = [
        (DRAFT, "草稿"),
        (SUBMITTED, "待审核"),
        (APPROVED, "已审核待发布"),
        (OPEN, "正在征求意见"),
        (CLOSED, "征求意见已结束"),
        (PUBLISHED, "已公布采纳情况"),
    ]
    PUBLIC_STATES = (OPEN, CLOSED, PUBLISHED)
    KIND_CHOICES = list(KIND_LABELS.items())

    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="consultations"
    )
    title = models.CharField("标题", max_length=200)
    doc_kind = models.CharField("文件类别", max_length=20, choices=KIND_CHOICES)
    explanation = models.TextField("起草说明", blank=True)
    basis = models.TextField("决策依据", blank=True)
    draft_text = models.TextField("草案文本", blank=True)
    opens_on = models.DateField("开始日期", null=True, blank=True)
    closes_on = models.DateField("截止日期", null=True, blank=True)
    minimum_days = models.PositiveIntegerField("法定最短期限（日）", default=0)
    shorter_reason = models.TextField("期限缩短理由", blank=True)
    channels = models.JSONField("征求意见渠道", default=list, blank=True)
    email = models.EmailField("意见接收邮箱", blank=True)
    post_address = models.CharField("通信地址", max_length=200, blank=True)
    meeting_note = models.CharField("座谈会、听证会安排", max_length=300, blank=True)
    contact_unit = models.CharField("联系单位", max_length=120, blank=True)
    status = models.CharField("状态", max_length=12, choices=STATUS_CHOICES, default=DRAFT)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    feedback_published_at = models.DateTimeField(null=True, blank=True)
    feedback_intro = models.TextField("采纳情况说明（总体情况）", blank=True)
    final_item = models.ForeignKey(
        "catalog.Item", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    feedback_item = models.ForeignKey(
        "catalog.Item", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_on", "-pk"]
        verbose_name = "征求意见"
        verbose_name_plural = "征求意见"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("consultations:detail", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.status in self.PUBLIC_STATES

    def channel_labels(self) -> list[str]:
        return [CHANNELS.get(c, c) for c in self.channels]


class DraftVersion(StoredFile):
    UPLOAD_DIR = "consultations"
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="versions"
    )
    version = models.PositiveIntegerField("版本")
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        ordering = ["-version"]
        unique_together = [("consultation", "version")]


class Article(models.Model):
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="articles"
    )
    number = models.PositiveIntegerField("条号")
    label = models.CharField("条", max_length=20)
    chapter = models.CharField("章", max_length=120, blank=True)
    section = models.CharField("节", max_length=120, blank=True)
    text = models.TextField("条文")

    class Meta:
        ordering = ["number"]
        unique_together = [("consultation", "number")]

    def __str__(self):
        return self.label

    def clauses(self) -> list[str]:
        return [c for c in self.text.split("\n") if c]


class Comment(models.Model):
    DISPOSITION_CHOICES = list(DISPOSITIONS.items())

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="comments"
    )
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.PROTECT, related_name="comments"
    )
    channel = models.CharField("渠道", max_length=10, choices=list(CHANNELS.items()))
    received_on = models.DateField("收到日期")
    name = models.CharField("姓名或单位", max_length=100, blank=True)
    contact = models.CharField("联系方式", max_length=100)  # never published
    text = models.TextField("意见内容")
    consent = models.BooleanField("同意公开意见内容", default=False)
    public_text = models.TextField("公开的意见内容（已遮蔽个人信息）", blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    leader = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="followers"
    )  # set when near-identical to an earlier comment (the group's leader)
    disposition = models.CharField(
        "处理结果", max_length=14, choices=DISPOSITION_CHOICES, blank=True
    )
    reason = models.TextField("理由", blank=True)
    final_article = models.CharField("对应定稿条文", max_length=20, blank=True)
    disposed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["received_on", "pk"]

    def __str__(self):
        return f"意见 {self.pk}"

    @property
    def group_size(self) -> int:
        return 1 + getattr(self, "n_followers", 0)

    @property
    def target_label(self) -> str:
        return self.article.label if self.article_id else "全文"


class PeriodEvent(models.Model):
    KIND_CHOICES = [
        ("opened", "开始征求意见"),
        ("extended", "延长征求意见期"),
        ("reopened", "重新征求意见"),
        ("closed", "征求意见结束"),
    ]
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=10, choices=KIND_CHOICES)
    on = models.DateField("日期")
    closes_on = models.DateField("截止日期", null=True, blank=True)
    reason = models.TextField("理由", blank=True)
    notice = models.TextField("公告", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.on}"

"""Citizens' messages (政民互动 / 领导信箱): the message, its transfers and attachments.

State changes go through ``actions/``; the reply deadline is computed there from
``gongkai.rules.interaction.messages`` and cached on the message (``due_on``).
The writer's name and contact are never shown on a public page or in the API.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from gongkai.core.files import StoredFile
from gongkai.rules.interaction.messages import TYPES


class MessageQuerySet(models.QuerySet):
    def valid(self):
        return self.filter(validity=Message.VALID)

    def unanswered(self):
        return self.filter(first_answered_on__isnull=True)

    def published(self):
        return self.filter(published=True, validity=Message.VALID)


class Message(models.Model):
    RECEIVED = "received"
    HANDLING = "handling"
    REVIEW = "review"
    ANSWERED = "answered"
    CLOSED = "closed"
    STATUS_CHOICES = [
        (RECEIVED, "已受理"),
        (HANDLING, "办理中"),
        (REVIEW, "答复待审核"),
        (ANSWERED, "已答复"),
        (CLOSED, "已办结"),
    ]
    OPEN_STATUSES = (RECEIVED, HANDLING, REVIEW)

    VALID = "valid"
    SPAM = "spam"
    DUPLICATE = "duplicate"
    XINFANG = "xinfang"
    CONVERTED = "converted"
    VALIDITY_CHOICES = [
        (VALID, "有效"),
        (SPAM, "无效（垃圾信息）"),
        (DUPLICATE, "无效（重复留言）"),
        (XINFANG, "信访事项（已告知信访渠道）"),
        (CONVERTED, "已转为政府信息公开申请"),
    ]

    SATISFACTION_CHOICES = [
        ("satisfied", "满意"),
        ("basic", "基本满意"),
        ("unsatisfied", "不满意"),
    ]

    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name="办理单位",
        on_delete=models.PROTECT,
        related_name="citizen_messages",
    )
    code = models.CharField("查询码", max_length=16, unique=True)
    verifier_hash = models.CharField("验证码摘要", max_length=64)
    failed_lookups = models.PositiveIntegerField("查询失败次数", default=0)
    locked_until = models.DateTimeField("查询锁定至", null=True, blank=True)

    kind = models.CharField("留言类型", max_length=10, choices=TYPES)
    subject = models.CharField("标题", max_length=100)
    text = models.TextField("内容")
    name = models.CharField("姓名", max_length=60)
    contact = models.CharField("联系方式", max_length=100)
    consent_publish = models.BooleanField("同意公开", default=False)

    received_on = models.DateField("收到日期", db_index=True)
    received_at = models.DateTimeField("提交时间", default=timezone.now)
    due_on = models.DateField("答复期限", null=True, blank=True)
    due_provisional = models.BooleanField("期限暂定", default=False)
    first_due_on = models.DateField("首次答复期限", null=True, blank=True)

    status = models.CharField(
        "状态", max_length=10, choices=STATUS_CHOICES, default=RECEIVED, db_index=True
    )
    validity = models.CharField(
        "有效性", max_length=10, choices=VALIDITY_CHOICES, default=VALID, db_index=True
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="承办人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    reply = models.TextField("答复内容", blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="答复拟稿人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="答复审核人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    review_note = models.CharField("审核意见", max_length=500, blank=True)
    answered_on = models.DateField("答复日期", null=True, blank=True, db_index=True)
    first_answered_on = models.DateField("首次答复日期", null=True, blank=True)

    published = models.BooleanField("已公开", default=False, db_index=True)
    published_at = models.DateTimeField("公开时间", null=True, blank=True)
    public_subject = models.CharField("公开标题", max_length=100, blank=True)
    public_text = models.TextField("公开内容（已遮蔽）", blank=True)
    public_reply = models.TextField("公开答复（已遮蔽）", blank=True)

    satisfaction = models.CharField(
        "满意度", max_length=12, choices=SATISFACTION_CHOICES, blank=True
    )
    satisfaction_note = models.CharField("评价意见", max_length=500, blank=True)
    reopened = models.PositiveIntegerField("重新办理次数", default=0)

    repeat_of = models.ForeignKey(
        "self",
        verbose_name="疑似重复",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="repeats",
    )
    application_id = models.PositiveIntegerField("转为申请（编号）", null=True, blank=True)
    closed_on = models.DateField("办结日期", null=True, blank=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = "留言"
        verbose_name_plural = "留言"

    def __str__(self):
        return f"{self.code} {self.subject}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("interaction:public_detail", args=[self.pk])

    @property
    def kind_label(self) -> str:
        return self.get_kind_display()

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES


class Transfer(models.Model):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="transfers")
    from_org = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name="原单位"
    )
    to_org = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name="转至单位"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_label = models.CharField("操作人", max_length=120, blank=True)
    at = models.DateTimeField("时间", default=timezone.now)
    reason = models.CharField("理由", max_length=500, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.from_org} → {self.to_org}"


class Attachment(StoredFile):
    UPLOAD_DIR = "messages"
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")

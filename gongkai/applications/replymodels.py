"""The reply letter before and after it is sent: a draft the clerk previews and edits
(``ReplyDraft``), and the final .docx kept as a stored file (``LetterFile``).

Imported by ``models`` (so Django registers them under the ``applications`` app).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from gongkai.core.files import StoredFile


class ReplyDraft(models.Model):
    """The 答复书 between the decision and its sending: the facts of the decision, the text
    generated from them (``generated``) and the text as the clerk edited it (``paragraphs``).

    Each paragraph is ``{"text": …, "part": "addressee" | "body" | "remedy"}``; only ``body``
    paragraphs are edited. ``basis`` is the fingerprint of the generated text: when the facts
    behind it change, the draft is generated again (and the clerk told)."""

    STATE_DRAFT = "draft"
    STATE_SENT = "sent"
    STATE_DISCARDED = "discarded"
    STATE_CHOICES = [
        (STATE_DRAFT, "草稿"),
        (STATE_SENT, "已发出"),
        (STATE_DISCARDED, "已作废"),
    ]

    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="reply_drafts"
    )
    state = models.CharField("状态", max_length=12, choices=STATE_CHOICES, default=STATE_DRAFT)
    number = models.CharField("文号", max_length=60)
    title = models.CharField("标题", max_length=160)
    outcome = models.CharField("办理结果", max_length=24)
    reply_type = models.CharField("答复类型", max_length=16, blank=True)
    decision = models.JSONField("答复要素", default=dict, blank=True)
    decided_on = models.DateField("答复日期")
    generated = models.JSONField("生成的正文", default=list)
    paragraphs = models.JSONField("正文", default=list)
    basis = models.CharField("生成依据指纹", max_length=64)
    edited = models.BooleanField("正文已修改", default=False)
    revision = models.PositiveIntegerField("修改次数", default=0)
    lost_edits = models.JSONField("重新生成前修改过的段落", default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    letter = models.OneToOneField(
        "applications.Letter",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="draft",
    )

    class Meta:
        verbose_name = "答复书草稿"
        verbose_name_plural = "答复书草稿"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application"],
                condition=models.Q(state="draft"),
                name="app_one_open_reply_draft",
            )
        ]

    def __str__(self):
        return f"{self.title}（{self.number}，{self.get_state_display()}）"

    @property
    def is_open(self) -> bool:
        return self.state == self.STATE_DRAFT


class LetterFile(StoredFile):
    """The final .docx of a letter that was sent, as it left the office."""

    UPLOAD_DIR = "application-letters"

    letter = models.OneToOneField(
        "applications.Letter", on_delete=models.CASCADE, related_name="final_file"
    )

    class Meta:
        verbose_name = "已发出文书文件"
        verbose_name_plural = "已发出文书文件"

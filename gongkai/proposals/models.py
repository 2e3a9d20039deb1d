"""建议提案: deputies' suggestions and members' proposals, their replies and clocks."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

KINDS = {"deputy": "人大代表建议", "member": "政协委员提案"}
DEFAULT_RESULT_LABELS = {
    "A": "A类（所提问题已经解决或采纳）",
    "B": "B类（所提问题正在解决或列入计划逐步解决）",
    "C": "C类（所提问题因条件限制或其他原因暂时不能解决，予以说明）",
}
SATISFACTION = {"satisfied": "满意", "basically": "基本满意", "unsatisfied": "不满意"}


def result_labels() -> dict:
    """``GONGKAI_PROPOSAL_RESULT_LABELS`` (labels differ from place to place)."""
    return dict(getattr(settings, "GONGKAI_PROPOSAL_RESULT_LABELS", None) or DEFAULT_RESULT_LABELS)


class Proposal(models.Model):
    ASSIGNED, REPLIED, APPROVED, PUBLISHED, WITHHELD = (
        "assigned",
        "replied",
        "approved",
        "published",
        "withheld",
    )
    STATUS_CHOICES = [
        (ASSIGNED, "办理中"),
        (REPLIED, "答复待审核"),
        (APPROVED, "已答复待公开"),
        (PUBLISHED, "已公开"),
        (WITHHELD, "已答复（不予公开）"),
    ]
    city = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField("年度")
    session = models.CharField("届次", max_length=60, help_text="如：市十八届人大三次会议")
    kind = models.CharField("类别", max_length=8, choices=list(KINDS.items()))
    number = models.PositiveIntegerField("编号")
    title = models.CharField("标题", max_length=200)
    proposers = models.CharField("提出人", max_length=200)
    lead = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="lead_proposals"
    )
    co_units = models.ManyToManyField("orgs.Organisation", blank=True, related_name="co_proposals")
    assigned_on = models.DateField("交办日期")
    extended = models.BooleanField("已批准延期", default=False)
    extension_reason = models.TextField("延期理由", blank=True)
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, default=ASSIGNED)
    result_code = models.CharField("办理结果", max_length=4, blank=True)
    reply_text = models.TextField("答复全文", blank=True)
    signed_on = models.DateField("签发日期", null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    public_text = models.TextField("公开的答复全文（已遮蔽个人信息）", blank=True)
    published_on = models.DateField("公开日期", null=True, blank=True)
    not_public_reason = models.TextField("不予公开理由", blank=True)
    satisfaction = models.CharField(
        "满意度", max_length=12, choices=list(SATISFACTION.items()), blank=True
    )
    reopened = models.PositiveIntegerField("重新办理次数", default=0)
    item = models.ForeignKey(
        "catalog.Item", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-year", "kind", "number"]
        unique_together = [("city", "year", "kind", "number")]
        verbose_name = "建议提案"
        verbose_name_plural = "建议提案"

    def __str__(self):
        return f"{self.number_label} {self.title}"

    def get_absolute_url(self):
        return reverse("proposals:detail", args=[self.pk])

    @property
    def number_label(self) -> str:
        return f"第{self.number:04d}号"

    def result_label(self) -> str:
        return result_labels().get(self.result_code, self.result_code)

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind)


class CoOpinion(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="co_opinions")
    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField("协办意见")
    submitted_on = models.DateField("提交日期")

    def __str__(self):
        return f"{self.organisation} → {self.proposal}"


class LetterTemplate(models.Model):
    """The editable reply-letter text of a city (placeholders: rules/participation/letter_template)."""

    city = models.OneToOneField("orgs.Organisation", on_delete=models.CASCADE, related_name="+")
    body = models.TextField("模板")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"答复函模板 {self.city}"

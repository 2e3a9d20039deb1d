"""The annual report (政府信息公开工作年度报告) of one organisation for one year, and its published
versions. The working copy (``AnnualReport``) holds the figures as generated plus what staff
entered; every publication freezes a ``ReportVersion``, which is what the public sees.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone


class AnnualReport(models.Model):
    STATE_DRAFT = "draft"
    STATE_REVIEW = "review"
    STATE_APPROVED = "approved"
    STATE_PUBLISHED = "published"
    STATE_CHOICES = [
        (STATE_DRAFT, "起草中"),
        (STATE_REVIEW, "待审核"),
        (STATE_APPROVED, "已审核待发布"),
        (STATE_PUBLISHED, "已发布"),
    ]
    KIND_CHOICES = [("own", "本机关年度报告"), ("summary", "本级政府汇总报告")]
    PART_CHOICES = [
        ("self", "本级政府"),
        ("departments", "政府部门"),
        ("lower", "下级政府"),
    ]

    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name="机构",
        on_delete=models.PROTECT,
        related_name="annual_reports",
    )
    year = models.PositiveSmallIntegerField("年度")
    kind = models.CharField("报告类型", max_length=10, choices=KIND_CHOICES, default="own")
    parts = models.JSONField("汇总范围", default=list, blank=True)
    state = models.CharField(
        "状态", max_length=10, choices=STATE_CHOICES, default=STATE_DRAFT, db_index=True
    )
    version = models.PositiveIntegerField("版本", default=1)
    figures = models.JSONField("表格数据", default=dict)
    staff_figures = models.JSONField("填报数据", default=dict, blank=True)
    sources = models.JSONField("汇总来源", default=list, blank=True)
    text_overview = models.TextField("一、总体情况", blank=True)
    text_problems = models.TextField("五、存在的主要问题及改进情况", blank=True)
    text_other = models.TextField("六、其他需要报告的事项（补充）", blank=True)
    checks = models.JSONField("核对结果", default=list, blank=True)
    override_reason = models.TextField("核对未通过仍予审核通过的理由", blank=True)
    change_note = models.TextField("修改说明（公开）", blank=True)
    item = models.ForeignKey(
        "catalog.Item",
        verbose_name="公开信息",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    generated_at = models.DateTimeField("数据生成时间", default=timezone.now)
    approved_at = models.DateTimeField("审核时间", null=True, blank=True)
    published_at = models.DateTimeField("首次发布时间", null=True, blank=True)
    created_at = models.DateTimeField("创建时间", default=timezone.now)

    class Meta:
        verbose_name = "政府信息公开工作年度报告"
        verbose_name_plural = "政府信息公开工作年度报告"
        ordering = ["-year", "organisation__sort_order", "organisation_id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="annualreport_org_year")
        ]

    def __str__(self):
        return self.title

    @property
    def title(self) -> str:
        return f"{self.organisation.name}{self.year}年政府信息公开工作年度报告"

    def texts(self) -> dict[str, str]:
        from gongkai.rules.annualreport.text import draft_other_matters

        return {
            "一": self.text_overview,
            "五": self.text_problems,
            "六": draft_other_matters(self.figures, self.text_other),
        }


class ReportVersion(models.Model):
    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("版本")
    figures = models.JSONField("表格数据")
    texts = models.JSONField("正文")
    checks = models.JSONField("核对结果", default=list)
    override_reason = models.TextField("核对未通过仍予通过的理由", blank=True)
    change_note = models.TextField("修改说明", blank=True)
    published_at = models.DateTimeField("发布时间", default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "年度报告发布版本"
        verbose_name_plural = "年度报告发布版本"
        ordering = ["report", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="annualreport_version")
        ]

    def __str__(self):
        return f"{self.report.title} 第{self.number}版"

    @property
    def organisation(self):
        return self.report.organisation

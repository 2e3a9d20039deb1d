"""The government gazette: one gazette per government, its issues, their pages and articles,
the proofreading queue and the links to the catalog items that are the same documents."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils import timezone

from gongkai.core.files import StoredFile
from gongkai.rules.gazette.toc import KIND_LABELS


class Gazette(models.Model):
    organisation = models.OneToOneField(
        "orgs.Organisation",
        verbose_name="主办政府",
        on_delete=models.PROTECT,
        related_name="gazette",
    )
    name = models.CharField("公报名称", max_length=100, help_text="如：聊城市人民政府公报")
    founded_year = models.PositiveIntegerField("创刊年份", null=True, blank=True)
    issues_per_year = models.PositiveIntegerField(
        "每年期数", null=True, blank=True, help_text="如月刊为12；为空时以当年最大期号为准"
    )
    created_at = models.DateTimeField("创建时间", default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "政府公报"
        ordering = ["organisation__code"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("gazette:home", args=[self.code])

    @property
    def code(self) -> str:
        return self.organisation.code


class Issue(models.Model):
    gazette = models.ForeignKey(Gazette, on_delete=models.PROTECT, related_name="issues")
    year = models.PositiveIntegerField("年份")
    number = models.PositiveIntegerField("期号")
    total_number = models.PositiveIntegerField("总期号", null=True, blank=True)
    published_on = models.DateField("出版日期", null=True, blank=True)
    content_hash = models.CharField("内容哈希", max_length=64, db_index=True)
    source_name = models.CharField("来源文件", max_length=255, blank=True)
    source_kind = models.CharField("来源类型", max_length=10, default="pdf")  # pdf/ocr/docx/txt
    page_count = models.PositiveIntegerField("页数", default=0)
    page_offset = models.IntegerField(
        "页码偏移", default=0, help_text="文件页序（从0起）= 印刷页码 + 偏移"
    )
    problems = models.TextField("拆分问题", blank=True)
    imported_at = models.DateTimeField("导入时间", default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "公报期次"
        ordering = ["-year", "-number", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["gazette", "content_hash"], name="gazette_issue_once")
        ]

    def __str__(self):
        return f"《{self.gazette.name}》{self.label}"

    def get_absolute_url(self):
        return reverse("gazette:issue", args=[self.pk])

    @property
    def label(self) -> str:
        total = f"（总第{self.total_number}期）" if self.total_number else ""
        return f"{self.year}年第{self.number}期{total}"


class IssueFile(StoredFile):
    """The whole-issue file as received (PDF, .docx or .txt)."""

    UPLOAD_DIR = "gazette"
    issue = models.OneToOneField(Issue, on_delete=models.CASCADE, related_name="source")

    class Meta:
        verbose_name = verbose_name_plural = "公报原件"


class IssuePage(models.Model):
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="pages")
    index = models.PositiveIntegerField("文件页序")  # 0-based page of the file
    text = models.TextField("文本", blank=True)
    ocr = models.BooleanField("OCR识别", default=False)
    confidence = models.FloatField("识别置信度", null=True, blank=True)

    class Meta:
        ordering = ["issue", "index"]
        constraints = [models.UniqueConstraint(fields=["issue", "index"], name="gazette_page_once")]

    def __str__(self):
        return f"{self.issue} 第{self.index + 1}页"


class Article(models.Model):
    KIND_CHOICES = list(KIND_LABELS.items())
    LINK_NONE, LINK_SUGGESTED, LINK_CONFIRMED, LINK_REJECTED = (
        "",
        "suggested",
        "confirmed",
        "rejected",
    )
    LINK_CHOICES = [
        (LINK_NONE, "未关联"),
        (LINK_SUGGESTED, "待确认"),
        (LINK_CONFIRMED, "已关联"),
        (LINK_REJECTED, "已否定"),
    ]

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="articles")
    order = models.PositiveIntegerField("顺序", default=0)
    section = models.CharField("栏目", max_length=40, blank=True)
    title = models.CharField("标题", max_length=300)
    issuer = models.ForeignKey(
        "orgs.Organisation", verbose_name="发布机关", null=True, blank=True,
        on_delete=models.PROTECT, related_name="gazette_articles",
    )  # fmt: skip
    issuer_name = models.CharField("发布机关（原文）", max_length=120, blank=True)
    doc_number = models.CharField("文号", max_length=80, blank=True, db_index=True)
    signed_on = models.DateField("成文日期", null=True, blank=True)
    kind = models.CharField("类别", max_length=12, choices=KIND_CHOICES, default="other")
    page_start = models.PositiveIntegerField("起始页", null=True, blank=True)
    page_end = models.PositiveIntegerField("结束页", null=True, blank=True)
    text = models.TextField("全文", blank=True)
    item = models.ForeignKey(
        "catalog.Item", verbose_name="对应公开信息", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="gazette_articles",
    )  # fmt: skip
    link_state = models.CharField("关联状态", max_length=10, choices=LINK_CHOICES, blank=True)
    link_reason = models.CharField("关联依据", max_length=120, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "公报文章"
        ordering = ["issue", "order"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("gazette:article", args=[self.pk])

    @property
    def pages_label(self) -> str:
        if not self.page_start:
            return ""
        if self.page_end and self.page_end != self.page_start:
            return f"第{self.page_start}–{self.page_end}页"
        return f"第{self.page_start}页"

    @property
    def linked(self) -> bool:
        return self.item_id is not None and self.link_state == self.LINK_CONFIRMED


class ProofTask(models.Model):
    """One doubt for staff: an uncertain split or a page OCR read with low confidence."""

    OPEN, DONE = "open", "done"
    STATE_CHOICES = [(OPEN, "待校对"), (DONE, "已校对")]
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="proof_tasks")
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.CASCADE, related_name="proof_tasks"
    )
    page_index = models.PositiveIntegerField("文件页序", null=True, blank=True)
    reason = models.CharField("原因", max_length=300)
    state = models.CharField(
        "状态", max_length=6, choices=STATE_CHOICES, default=OPEN, db_index=True
    )
    resolved_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField("校对时间", null=True, blank=True)
    created_at = models.DateTimeField("创建时间", default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "校对任务"
        ordering = ["state", "issue", "pk"]

    def __str__(self):
        return self.reason

"""The disclosure catalog and its items (domain.md sections 1, 2, 6).

This module is the contract other apps read (portal, search, applications, plans): field names
here are stable. ``Item`` holds the *public* state of a piece of government information; pending
edits of a published item live in ``ItemRevision`` until approved (see docs/catalog.md).

Other apps learn about publication through the signals in ``gongkai.catalog.signals``.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from gongkai.core.files import StoredFile
from gongkai.rules import dates

from .labels import VALIDITY_CHOICES


class CatalogEntry(models.Model):
    """One column of an organisation's catalog tree (公开目录 / 事项标准目录)."""

    SECTION_CHOICES = [
        ("guide", "政府信息公开指南"),
        ("system", "政府信息公开制度"),
        ("statutory", "法定主动公开内容"),
        ("annual_report", "政府信息公开年报"),
        ("application", "依申请公开"),
        ("other", "其他"),
    ]
    KIND_CHOICES = [("standing", "常设栏目"), ("dynamic", "动态栏目")]
    AUDIENCE_CHOICES = [("all", "全社会"), ("specific", "特定群体")]
    MODE_CHOICES = [("proactive", "主动公开"), ("on_request", "依申请公开")]

    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name="机构",
        on_delete=models.PROTECT,
        related_name="catalog_entries",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="上级栏目",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    name = models.CharField("栏目名称", max_length=100)
    slug = models.SlugField(
        "栏目代码",
        max_length=60,
        allow_unicode=True,
        help_text="同一机构内唯一，用于网址和导入导出",
    )
    section = models.CharField(
        "所属部分", max_length=20, choices=SECTION_CHOICES, default="statutory"
    )
    kind = models.CharField("栏目类型", max_length=10, choices=KIND_CHOICES, default="standing")
    content = models.TextField("公开内容", blank=True)
    basis = models.TextField("公开依据", blank=True)
    time_limit = models.CharField(
        "公开时限",
        max_length=200,
        blank=True,
        help_text="照原文填写，如：信息形成之日起20个工作日内",
    )
    publisher = models.CharField("公开主体", max_length=200, blank=True)
    channels = models.CharField("公开渠道和载体", max_length=200, blank=True)
    audience = models.CharField("公开对象", max_length=10, choices=AUDIENCE_CHOICES, default="all")
    mode = models.CharField("公开方式", max_length=12, choices=MODE_CHOICES, default="proactive")
    sort_order = models.PositiveIntegerField("排序", default=100)
    is_active = models.BooleanField("在用", default=True)

    class Meta:
        verbose_name = "公开目录栏目"
        verbose_name_plural = "公开目录栏目"
        ordering = ["organisation", "sort_order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "slug"], name="catalog_entry_slug_unique"
            )
        ]

    def __str__(self):
        return f"{self.organisation.short_name} › {self.path_label()}"

    def path_label(self) -> str:
        names, node = [self.name], self.parent
        while node is not None:
            names.append(node.name)
            node = node.parent
        return " › ".join(reversed(names))


class ItemQuerySet(models.QuerySet):
    def public(self):
        """What the public may see: published, 主动公开."""
        return self.filter(state=Item.STATE_PUBLISHED, attribute=Item.ATTR_PROACTIVE)


class Item(models.Model):
    """One piece of government information (政府信息)."""

    STATE_DRAFT = "draft"
    STATE_SUBMITTED = "submitted"
    STATE_APPROVED = "approved"
    STATE_PUBLISHED = "published"
    STATE_WITHDRAWN = "withdrawn"
    STATE_CHOICES = [
        (STATE_DRAFT, "草稿"),
        (STATE_SUBMITTED, "待审核"),
        (STATE_APPROVED, "已审核待发布"),
        (STATE_PUBLISHED, "已发布"),
        (STATE_WITHDRAWN, "已撤回"),
    ]
    ATTR_PROACTIVE = "proactive"
    ATTR_ON_REQUEST = "on_request"
    ATTR_NOT_PUBLIC = "not_public"
    ATTRIBUTE_CHOICES = [
        (ATTR_PROACTIVE, "主动公开"),
        (ATTR_ON_REQUEST, "依申请公开"),
        (ATTR_NOT_PUBLIC, "不予公开"),
    ]
    VALIDITY_CHOICES = VALIDITY_CHOICES
    FIVE_CHOICES = [
        ("decision", "决策公开"),
        ("execution", "执行公开"),
        ("management", "管理公开"),
        ("service", "服务公开"),
        ("result", "结果公开"),
    ]
    KIND_CHOICES = [
        ("document", "一般信息"),
        ("normative", "行政规范性文件"),
        ("regulation", "规章"),
        ("policy", "其他政策文件"),
        ("interpretation", "政策解读"),
        ("news", "工作动态"),
    ]
    POLICY_KINDS = ("normative", "regulation", "policy")
    INTERPRETATION_FORMS = [
        ("text", "文字解读"),
        ("qa", "问答"),
        ("graphic", "图解"),
        ("video", "视频"),
    ]

    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name="发布机构", on_delete=models.PROTECT, related_name="items"
    )
    issuers = models.ManyToManyField(
        "orgs.Organisation",
        verbose_name="发文机关",
        related_name="issued_items",
        blank=True,
        help_text="联合发文可选多个",
    )
    entries = models.ManyToManyField(
        CatalogEntry, verbose_name="所属栏目", related_name="items", blank=True
    )
    kind = models.CharField("信息类别", max_length=20, choices=KIND_CHOICES, default="document")
    title = models.CharField("标题", max_length=300)
    index_no = models.CharField(
        "索引号", max_length=64, unique=True, null=True, blank=True, editable=False
    )
    doc_number = models.CharField("发文字号", max_length=80, blank=True, db_index=True)
    signed_on = models.DateField("成文日期", null=True, blank=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True, db_index=True)
    scheduled_at = models.DateTimeField("定时发布时间", null=True, blank=True)
    theme = models.CharField("主题分类", max_length=60, blank=True)
    genre = models.CharField(
        "体裁", max_length=30, blank=True, help_text="通知、意见、办法、报告、公告 ……"
    )
    keywords = models.CharField("主题词", max_length=200, blank=True)
    five_category = models.CharField("五公开类别", max_length=12, choices=FIVE_CHOICES, blank=True)
    attribute = models.CharField(
        "公开属性", max_length=12, choices=ATTRIBUTE_CHOICES, default=ATTR_PROACTIVE
    )
    attribute_reason = models.CharField("不公开或依申请公开理由", max_length=60, blank=True)
    attribute_note = models.TextField("理由说明", blank=True)
    body = models.TextField("正文", blank=True, help_text="保存时清理，脚本和事件属性不会进入门户")
    body_text = models.TextField("正文纯文本", blank=True, editable=False)
    state = models.CharField(
        "状态", max_length=12, choices=STATE_CHOICES, default=STATE_DRAFT, db_index=True
    )
    withdrawn_reason = models.TextField("撤回理由", blank=True)
    validity = models.CharField(
        "有效性", max_length=10, choices=VALIDITY_CHOICES, default="valid", db_index=True
    )
    effective_on = models.DateField("施行日期", null=True, blank=True)
    expires_on = models.DateField("失效日期", null=True, blank=True)
    validity_changed_on = models.DateField("有效性变更日期", null=True, blank=True)
    replaced_by = models.ForeignKey(
        "self",
        verbose_name="替代或修改文件",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
    )
    # Interpretations (解读): an item of kind "interpretation" explains one or more policy items.
    interprets = models.ManyToManyField(
        "self",
        verbose_name="所解读的政策",
        symmetrical=False,
        related_name="interpretations",
        blank=True,
    )
    interpretation_form = models.CharField(
        "解读形式", max_length=10, choices=INTERPRETATION_FORMS, blank=True
    )
    video_url = models.URLField("视频链接", blank=True)
    no_interpretation_reason = models.TextField("无需解读的理由", blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="起草人",
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审核人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    version = models.PositiveIntegerField("版本", default=1)
    created_at = models.DateTimeField("创建时间", default=timezone.now)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    # Added by the catalog workflow (not part of the original contract, safe to read).
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    approved_at = models.DateTimeField("审核时间", null=True, blank=True)
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True)
    privacy_override_reason = models.TextField("隐私检查放行理由", blank=True)
    validity_note = models.CharField("有效性说明", max_length=300, blank=True)

    objects = ItemQuerySet.as_manager()

    class Meta:
        verbose_name = "政府信息"
        verbose_name_plural = "政府信息"
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(
                fields=["state", "attribute", "-published_at"], name="catalog_item_public_newest"
            ),
            models.Index(
                fields=["organisation", "state", "published_at"], name="catalog_item_org_state"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # The body is cleaned on every save and its plain text kept in sync (docs/catalog.md).
        from gongkai.rules.sanitize import html_to_text, sanitize_html

        self.body = sanitize_html(self.body)
        self.body_text = html_to_text(self.body)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "body" in update_fields:
            kwargs["update_fields"] = list({*update_fields, "body_text"})
        super().save(*args, **kwargs)

    @property
    def is_public(self) -> bool:
        return self.state == self.STATE_PUBLISHED and self.attribute == self.ATTR_PROACTIVE

    @property
    def is_policy(self) -> bool:
        return self.kind in self.POLICY_KINDS

    @property
    def is_valid(self) -> bool:
        return self.validity == "valid"

    @property
    def validity_notice(self) -> str:
        """The sentence every page shows at the top of an item no longer in force ("" if valid),
        e.g. 本文件已于2025年9月1日废止，不再有效。 (link ``replaced_by`` next to it)."""
        if self.validity == "valid":
            return ""
        verb = {"expired": "失效", "repealed": "废止", "amended": "修改"}[self.validity]
        when = self.validity_changed_on
        date = f"于{dates.zh_date(when)}" if when else ""
        return f"本文件已{date}{verb}，不再有效。"


class ItemRevision(models.Model):
    """One version of an item's content.

    Every publication leaves a ``published`` revision (the version history). Editing a
    published item opens a ``draft`` revision that holds the proposed content in ``data``;
    it goes through submit/approve like a new item and, once published, is copied onto the
    ``Item`` (whose version number goes up).
    """

    STATE_CHOICES = [
        ("draft", "修改草稿"),
        ("submitted", "待审核"),
        ("rejected", "已退回"),
        ("published", "已发布版本"),
        ("discarded", "已放弃"),
    ]
    item = models.ForeignKey(
        Item, on_delete=models.CASCADE, related_name="revisions", verbose_name="信息"
    )
    number = models.PositiveIntegerField("版本号")
    state = models.CharField("状态", max_length=12, choices=STATE_CHOICES, default="draft")
    data = models.JSONField("内容", default=dict)
    note = models.TextField("修改说明", blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="修改人",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="审核人",
    )
    privacy_override_reason = models.TextField("隐私检查放行理由", blank=True)
    created_at = models.DateTimeField("创建时间", default=timezone.now)
    decided_at = models.DateTimeField("审核时间", null=True, blank=True)

    class Meta:
        verbose_name = "信息版本"
        verbose_name_plural = "信息版本"
        ordering = ["item", "-number"]

    def __str__(self):
        return f"{self.item} · 第{self.number}版（{self.get_state_display()}）"

    @property
    def is_open(self) -> bool:
        return self.state in ("draft", "submitted", "rejected")


class RevisionAttachment(StoredFile):
    """A file added in an open revision; becomes an ``Attachment`` when the revision is published.

    Stored by the shared file rule (``gongkai.core.files``): content type, size, sha256 and the
    extracted text are columns, the bytes live under ``media/attachments/pending/``.
    """

    UPLOAD_DIR = "attachments/pending"

    revision = models.ForeignKey(
        ItemRevision, on_delete=models.CASCADE, related_name="new_files", verbose_name="版本"
    )

    class Meta:
        verbose_name = "待发布附件"
        verbose_name_plural = "待发布附件"


class Attachment(StoredFile):
    """A file of an item (``gongkai.core.files.StoredFile``: bytes under ``media/attachments/``)."""

    UPLOAD_DIR = "attachments"

    item = models.ForeignKey(
        Item, verbose_name="信息", on_delete=models.CASCADE, related_name="attachments"
    )
    sort_order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        ordering = ["item", "sort_order", "id"]

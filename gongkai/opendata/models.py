"""Datasets (数据集) and the periods that publication feeds into them (docs/open-data.md).

A ``Dataset`` belongs to an organisation and one of its catalog columns; its ``schema`` says
which table an item's attachment must hold. Every time an item of that column is published with
a matching .xlsx/.csv, each period in the table gets a new ``PeriodVersion``: the first one, or
a correction (the version before is kept, marked superseded, and shown).
"""

from django.db import models
from django.utils import timezone

from gongkai.rules.opendata import periods as period_rules
from gongkai.rules.opendata.schema import Schema

EVERY_CHOICES = [
    ("week", "每周"),
    ("5_days", "每五日"),
    ("10_days", "每十日"),
    ("month", "每月"),
    ("quarter", "每季度"),
    ("half_year", "每半年"),
    ("year", "每年"),
]
LICENCE_CHOICES = [
    ("CC-BY-4.0", "署名 4.0 国际（CC BY 4.0）"),
    ("CC0-1.0", "公共领域贡献（CC0 1.0）"),
    ("open-gov", "政府数据开放许可（注明来源即可使用）"),
]
LICENCE_URLS = {
    "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
    "open-gov": "",
}


class DatasetQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)


class Dataset(models.Model):
    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name="提供机构", on_delete=models.PROTECT, related_name="+"
    )
    entry = models.ForeignKey(
        "catalog.CatalogEntry",
        verbose_name="公开目录栏目",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="在该栏目发布、附有符合格式表格的信息，自动成为本数据集的一期数据",
    )
    slug = models.SlugField("代码", max_length=60, unique=True)
    title = models.CharField("名称", max_length=200)
    description = models.TextField("说明", blank=True)
    theme = models.CharField("主题", max_length=60, blank=True)
    every = models.CharField("更新频率", max_length=12, choices=EVERY_CHOICES)
    season_name = models.CharField("发布季节", max_length=60, blank=True)
    season_start = models.CharField("季节开始（月-日）", max_length=5, blank=True)
    season_end = models.CharField("季节结束（月-日）", max_length=5, blank=True)
    lag_workdays = models.PositiveIntegerField(
        "发布时限（期末后工作日）", default=20, help_text="与工作要点的时限规则一致，默认20个工作日"
    )
    first_period = models.DateField("起始统计期", help_text="此后每期都应有数据")
    licence = models.CharField(
        "许可协议", max_length=20, choices=LICENCE_CHOICES, default="CC-BY-4.0"
    )
    contact = models.CharField(
        "联系方式", max_length=200, blank=True, help_text="机构的办公电话或邮箱"
    )
    schema = models.JSONField("数据结构", default=dict)
    chart_fields = models.JSONField("图表数据项", default=list, blank=True)
    rank_field = models.CharField("排名数据项", max_length=60, blank=True)
    rank_ascending = models.BooleanField("数值小者排名靠前", default=False)
    is_public = models.BooleanField("公开", default=True)
    created_at = models.DateTimeField("创建时间", default=timezone.now)

    objects = DatasetQuerySet.as_manager()

    class Meta:
        verbose_name = "数据集"
        verbose_name_plural = "数据集"
        ordering = ["organisation", "title", "id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("opendata:dataset", args=[self.pk])

    @property
    def rule(self) -> period_rules.Rule:
        return period_rules.Rule(self.every, self.season_name, self.season_start, self.season_end)

    @property
    def parsed_schema(self) -> Schema:
        return Schema.from_dict(self.schema)

    @property
    def frequency_label(self) -> str:
        return self.rule.label()

    @property
    def licence_url(self) -> str:
        return LICENCE_URLS.get(self.licence, "")


class PeriodVersion(models.Model):
    """One version of one period's rows (the current one, or a superseded correction)."""

    dataset = models.ForeignKey(
        Dataset, on_delete=models.CASCADE, related_name="versions", verbose_name="数据集"
    )
    period_key = models.CharField("统计期代码", max_length=12)
    period_label = models.CharField("统计期", max_length=60)
    period_start = models.DateField("统计期开始")
    period_end = models.DateField("统计期结束")
    number = models.PositiveIntegerField("版本", default=1)
    is_current = models.BooleanField("现行版本", default=True)
    rows = models.JSONField("数据", default=list)  # [{"area": "", "values": {field: value}}]
    item = models.ForeignKey(
        "catalog.Item",
        verbose_name="来源信息",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    item_version = models.PositiveIntegerField("来源信息版本", default=1)
    source_name = models.CharField("来源附件", max_length=200, blank=True)
    sha256 = models.CharField("附件摘要", max_length=64, blank=True)
    warnings = models.JSONField("核对提示", default=list, blank=True)
    published_at = models.DateTimeField("发布时间", default=timezone.now)
    superseded_at = models.DateTimeField("被更正时间", null=True, blank=True)

    class Meta:
        verbose_name = "数据集统计期"
        verbose_name_plural = "数据集统计期"
        ordering = ["dataset", "period_start", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["dataset", "period_key", "number"], name="opendata_period_version_unique"
            ),
            models.UniqueConstraint(
                fields=["dataset", "period_key"],
                condition=models.Q(is_current=True),
                name="opendata_one_current_version",
            ),
        ]
        indexes = [models.Index(fields=["dataset", "is_current", "period_start"])]

    def __str__(self):
        return f"{self.dataset} · {self.period_label}（第{self.number}版）"

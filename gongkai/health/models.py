"""网站健康: the indicator set per year, column-type overrides, stored check runs (history),
availability probes, link checks and work orders (docs/site-health.md)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from gongkai.rules.health import columns as ct
from gongkai.rules.health.indicators import DEFAULTS, RULE_LABELS


class IndicatorSet(models.Model):
    """The thresholds of one year's check (defaults: the 2019 national indicators)."""

    year = models.PositiveIntegerField("年度", unique=True)
    home_days = models.PositiveIntegerField("首页不更新（天）", default=DEFAULTS.home_days)
    dynamic_days = models.PositiveIntegerField(
        "动态要闻类栏目（天）", default=DEFAULTS.dynamic_days
    )
    notice_months = models.PositiveIntegerField(
        "通知公告类栏目（月）", default=DEFAULTS.notice_months
    )
    policy_months = models.PositiveIntegerField(
        "政策文件类栏目（月）", default=DEFAULTS.policy_months
    )
    stale_columns_veto = models.PositiveIntegerField(
        "栏目不更新否决线（个）", default=DEFAULTS.stale_columns_veto
    )
    neglect_days = models.PositiveIntegerField("长期未更新（天）", default=DEFAULTS.neglect_days)
    neglected_columns_veto = models.PositiveIntegerField(
        "长期未更新否决线（个）", default=DEFAULTS.neglected_columns_veto
    )
    blank_columns_veto = models.PositiveIntegerField(
        "空白栏目否决线（个）", default=DEFAULTS.blank_columns_veto
    )
    message_days = models.PositiveIntegerField("留言未回复（天）", default=DEFAULTS.message_days)
    message_window_days = models.PositiveIntegerField(
        "留言统计范围（天）", default=DEFAULTS.message_window_days
    )
    unreachable_percent = models.FloatField(
        "无法访问比例（%）", default=DEFAULTS.unreachable_percent
    )
    probe_window_days = models.PositiveIntegerField(
        "可访问性监测周期（天）", default=DEFAULTS.probe_window_days
    )
    probe_timeout_s = models.FloatField("打开超时（秒）", default=DEFAULTS.probe_timeout_s)
    predict_days = models.PositiveIntegerField("预警提前（天）", default=DEFAULTS.predict_days)
    monitored_levels = models.CharField(
        "监测的机构层级",
        max_length=100,
        default=",".join(DEFAULTS.monitored_levels),
        help_text="逗号分隔：city, county, zone, department, township",
    )
    scored = models.JSONField(
        "评分项分值和满分目标",
        default=dict,
        blank=True,
        help_text="{指标: {max: 分值, target: 满分目标}}；未列出的用默认值（本地做法）",
    )
    notes = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = "网站检查指标"
        verbose_name_plural = "网站检查指标"
        ordering = ["-year"]

    def __str__(self):
        return f"{self.year}年网站检查指标"


class ColumnTypeOverride(models.Model):
    """The office's correction of one column's health type (the rule table decides otherwise)."""

    entry = models.OneToOneField(
        "catalog.CatalogEntry", on_delete=models.CASCADE, related_name="+", verbose_name="栏目"
    )
    column_type = models.CharField("栏目类型", max_length=10, choices=list(ct.TYPE_LABELS.items()))
    reason = models.CharField("理由", max_length=200, blank=True)

    class Meta:
        verbose_name = "栏目类型调整"
        verbose_name_plural = "栏目类型调整"

    def __str__(self):
        return f"{self.entry} → {self.get_column_type_display()}"


class CheckRun(models.Model):
    """One stored check of one organisation (the history chart and the work orders read it)."""

    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.CASCADE, related_name="+", verbose_name="机构"
    )
    as_of = models.DateField("检查日期", db_index=True)
    run_at = models.DateTimeField("运行时间", default=timezone.now)
    light = models.CharField("状态", max_length=6)
    score = models.PositiveIntegerField("得分", default=0)
    vetoes = models.JSONField("单项否决", default=list)
    findings = models.JSONField("问题", default=list)
    predicted = models.JSONField("预警", default=list)
    counts = models.JSONField("统计", default=dict)

    class Meta:
        verbose_name = "网站检查记录"
        verbose_name_plural = "网站检查记录"
        ordering = ["-as_of", "-id"]
        indexes = [models.Index(fields=["organisation", "-as_of"], name="health_run_org_date")]

    def __str__(self):
        return f"{self.organisation} {self.as_of}"


class Probe(models.Model):
    """One availability probe of a page (kept as history)."""

    organisation = models.ForeignKey(
        "orgs.Organisation", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    url = models.CharField("地址", max_length=500)
    at = models.DateTimeField("时间", default=timezone.now, db_index=True)
    status = models.PositiveIntegerField("状态码", null=True, blank=True)
    seconds = models.FloatField("耗时（秒）", null=True, blank=True)
    ok = models.BooleanField("正常", default=False)
    error = models.CharField("错误", max_length=300, blank=True)

    class Meta:
        verbose_name = "可访问性监测"
        verbose_name_plural = "可访问性监测"
        ordering = ["-at"]

    def __str__(self):
        return f"{self.url} {self.at:%Y-%m-%d %H:%M} {'正常' if self.ok else '失败'}"


class LinkCheck(models.Model):
    """The latest result of one link or attachment found in a public item."""

    url = models.CharField("链接", max_length=1000)
    item_id = models.PositiveIntegerField("信息编号", null=True, blank=True, db_index=True)
    organisation = models.ForeignKey(
        "orgs.Organisation", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    label = models.CharField("所在信息", max_length=300, blank=True)
    status = models.PositiveIntegerField("状态码", null=True, blank=True)
    ok = models.BooleanField("正常", default=True)
    error = models.CharField("错误", max_length=300, blank=True)
    seconds = models.FloatField("耗时（秒）", null=True, blank=True)
    checked_at = models.DateTimeField("检查时间", default=timezone.now)
    broken_since = models.DateField("失效日期", null=True, blank=True)

    class Meta:
        verbose_name = "链接检查"
        verbose_name_plural = "链接检查"
        constraints = [
            models.UniqueConstraint(fields=["url", "item_id"], name="health_link_url_item")
        ]

    def __str__(self):
        return f"{self.url}（{'正常' if self.ok else '无法打开'}）"


class WorkOrder(models.Model):
    STATE_OPEN = "open"
    STATE_FIXED = "fixed"
    STATE_CHOICES = [(STATE_OPEN, "整改中"), (STATE_FIXED, "已整改")]
    RULE_CHOICES = list(RULE_LABELS.items())

    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name="机构"
    )
    key = models.CharField("问题标识", max_length=120, db_index=True)
    rule = models.CharField("规则", max_length=30, choices=RULE_CHOICES)
    object = models.CharField("对象", max_length=300)
    detail = models.TextField("问题", blank=True)
    fix_url = models.CharField("整改入口", max_length=300, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="整改人"
    )
    due_on = models.DateField("整改期限")
    due_provisional = models.BooleanField("期限暂定", default=False)
    state = models.CharField("状态", max_length=10, choices=STATE_CHOICES, default=STATE_OPEN)
    note = models.TextField("要求", blank=True)
    created_at = models.DateTimeField("派发时间", default=timezone.now)
    closed_at = models.DateTimeField("整改完成时间", null=True, blank=True)

    class Meta:
        verbose_name = "整改工单"
        verbose_name_plural = "整改工单"
        ordering = ["state", "due_on", "id"]

    def __str__(self):
        return f"{self.get_rule_display()}：{self.object}"

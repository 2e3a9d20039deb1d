"""Plans (工作要点), their tasks, obligations with real due dates, fulfilment and assessment.

A :class:`Plan` belongs to one organisation (usually a city government) for one year. Its
:class:`Task`s carry the lead units as written and the organisations they resolved to
(:class:`TaskUnit`). Each time rule of a task is an :class:`Obligation`; its
:class:`ObligationInstance`s are the periods or deadlines it produces, each fulfilled (or not)
by :class:`Fulfilment`s: a published item in a linked catalog column, a hand-linked item or a
:class:`ProgressReport`. Scores come from a configurable :class:`Rubric`.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from gongkai.core.files import StoredFile
from gongkai.rules import plan_schedule, timerules


class Plan(models.Model):
    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name="制定机关", on_delete=models.PROTECT, related_name="plans"
    )
    year = models.PositiveIntegerField("年度")
    title = models.CharField("名称", max_length=200)
    notice_title = models.CharField("印发通知标题", max_length=300, blank=True)
    issuer = models.CharField("发文机关", max_length=120, blank=True)
    doc_number = models.CharField("发文字号", max_length=80, blank=True)
    signed_on = models.DateField("成文日期", null=True, blank=True)
    printed_on = models.DateField("印发日期", null=True, blank=True)
    sections = models.JSONField("章节标题", default=dict, blank=True)
    source_name = models.CharField("来源文件", max_length=200, blank=True)
    source_sha256 = models.CharField("来源文件摘要", max_length=64, blank=True, db_index=True)
    rolled_from = models.ForeignKey(
        "self",
        verbose_name="沿用自",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rollovers",
    )
    created_at = models.DateTimeField("导入时间", default=timezone.now)

    class Meta:
        verbose_name = "工作要点"
        verbose_name_plural = "工作要点"
        ordering = ["-year", "organisation__sort_order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year", "title"], name="plans_plan_unique_title"
            )
        ]

    def __str__(self):
        return self.title

    @property
    def city(self):
        return self.organisation.root


class Task(models.Model):
    plan = models.ForeignKey(
        Plan, verbose_name="工作要点", on_delete=models.CASCADE, related_name="tasks"
    )
    path = models.JSONField("编号", default=list)
    path_key = models.CharField("编号键", max_length=60)
    sort_order = models.PositiveIntegerField("排序", default=0)
    heading = models.CharField("任务", max_length=300, blank=True)
    text = models.TextField("具体要求", blank=True)
    responsibility = models.CharField("责任括注", max_length=500, blank=True)
    lead_units = models.JSONField("责任单位（原文）", default=list, blank=True)
    applies_to_all = models.BooleanField("各级各部门均须落实", default=False)
    organisations = models.ManyToManyField(
        "orgs.Organisation", verbose_name="责任单位", through="TaskUnit", related_name="plan_tasks"
    )

    class Meta:
        verbose_name = "任务"
        verbose_name_plural = "任务"
        ordering = ["plan", "sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "path_key"], name="plans_task_unique_path")
        ]

    def __str__(self):
        return f"{self.path_label} {self.heading}"

    @property
    def path_label(self) -> str:
        out = ""
        for p in self.path:
            out += f"{p}." if p.isdigit() else (f"{p}、" if p[0] in "一二三四五六七八九十" else p)
        return out

    def units_label(self) -> str:
        return "、".join(self.lead_units) if self.lead_units else "各级、各部门"


class TaskUnit(models.Model):
    """One unit named in a task's parenthesis, with what it resolved to."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="units")
    name = models.CharField("原文名称", max_length=120)
    organisation = models.ForeignKey(
        "orgs.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    group = models.ForeignKey(
        "orgs.OrgGroup", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["task", "position"]

    def __str__(self):
        return self.name


class Obligation(models.Model):
    KIND_CHOICES = [
        ("recurring", "定期（周期）"),
        ("deadline", "限期"),
        ("relative", "事件后限时"),
        ("continuous", "持续"),
    ]
    task = models.ForeignKey(
        Task, verbose_name="任务", on_delete=models.CASCADE, related_name="obligations"
    )
    sort_order = models.PositiveIntegerField(default=0)
    phrase = models.CharField("原文", max_length=500)
    kind = models.CharField("类型", max_length=12, choices=KIND_CHOICES)
    every = models.CharField("周期", max_length=20, blank=True)
    due = models.CharField("期限", max_length=10, blank=True, help_text="MM-DD 或 YYYY-MM-DD")
    relative_to = models.CharField("起算事件", max_length=120, blank=True)
    within = models.CharField("时限", max_length=40, blank=True)
    what = models.CharField("事项", max_length=500, blank=True)
    season_name = models.CharField("季节", max_length=60, blank=True)
    season_start = models.DateField("季节开始", null=True, blank=True)
    season_end = models.DateField("季节结束", null=True, blank=True)
    lag_workdays = models.PositiveIntegerField(
        "期末后工作日",
        default=plan_schedule.DEFAULT_LAG_WORKDAYS,
        help_text="周期结束后多少个工作日内公开（默认 20，即条例第二十六条的法定时限）",
    )
    responsible = models.ManyToManyField(
        "orgs.Organisation", verbose_name="责任单位", related_name="plan_obligations", blank=True
    )
    entries = models.ManyToManyField(
        "catalog.CatalogEntry",
        verbose_name="对应公开栏目",
        related_name="plan_obligations",
        blank=True,
    )

    class Meta:
        verbose_name = "时限要求"
        verbose_name_plural = "时限要求"
        ordering = ["task", "sort_order"]

    def __str__(self):
        return f"{self.rule.describe()}：{self.what or self.phrase}"

    @property
    def rule(self) -> timerules.TimeRule:
        return timerules.TimeRule(
            phrase=self.phrase,
            kind=self.kind,
            every=self.every or None,
            due=self.due or None,
            relative_to=self.relative_to or None,
            within=self.within or None,
            what=self.what,
            season=self.season_name or None,
        )

    def describe(self) -> str:
        if self.kind == "recurring" and self.every.endswith("_days"):
            return (self.season_name or "") + timerules.every_label(self.every)
        return self.rule.describe()

    @property
    def is_seasonal(self) -> bool:
        return bool(self.season_name)


class PlanEvent(models.Model):
    """A dated occurrence of an event that relative rules count from (人代会结束, 本要点公布)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="events")
    name = models.CharField("事件", max_length=120)
    occurred_at = models.DateTimeField("发生时间")
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "起算事件"
        verbose_name_plural = "起算事件"
        ordering = ["plan", "name", "occurred_at"]

    def __str__(self):
        return f"{self.name} {self.occurred_at:%Y-%m-%d %H:%M}"


class ObligationInstance(models.Model):
    STATE_CHOICES = list(plan_schedule.STATE_LABELS.items())
    obligation = models.ForeignKey(
        Obligation, verbose_name="时限要求", on_delete=models.CASCADE, related_name="instances"
    )
    event = models.ForeignKey(
        PlanEvent, null=True, blank=True, on_delete=models.CASCADE, related_name="instances"
    )
    label = models.CharField("期次", max_length=80)
    period_start = models.DateField("期间开始", null=True, blank=True)
    period_end = models.DateField("期间结束", null=True, blank=True)
    due_date = models.DateField("到期日", null=True, blank=True, db_index=True)
    due_at = models.DateTimeField("到期时间", null=True, blank=True)
    provisional = models.BooleanField("暂定", default=False)
    state = models.CharField(
        "状态", max_length=12, choices=STATE_CHOICES, default="upcoming", db_index=True
    )
    fulfilled_at = models.DateTimeField("完成时间", null=True, blank=True)
    reminded_on = models.DateField("最近提醒", null=True, blank=True)

    class Meta:
        verbose_name = "时限要求期次"
        verbose_name_plural = "时限要求期次"
        ordering = ["obligation", "period_start", "due_date", "id"]

    def __str__(self):
        return f"{self.obligation.what or self.obligation.phrase}（{self.label}）"

    @property
    def state_label(self) -> str:
        return plan_schedule.STATE_LABELS.get(self.state, self.state)

    @property
    def short_label(self) -> str:
        """'2026年10月' → '10月', '2026年第3周（01-12—01-18）' → '第3周' (for chips)."""
        import re

        s = re.sub(r"^\d{4}年", "", self.label).split("（")[0]
        return s or self.label

    @property
    def colour(self) -> str:
        return plan_schedule.STATE_COLOUR.get(self.state, "grey")

    @property
    def due_display(self) -> str:
        if self.due_at:
            return timezone.localtime(self.due_at).strftime("%Y-%m-%d %H:%M")
        if not self.due_date:
            return ""
        return self.due_date.isoformat() + ("（暂定）" if self.provisional else "")


class ProgressReport(models.Model):
    """Work that is not a publication: text and attachments from a lead unit.

    Also used for the quarterly progress reports the office requests (state ``requested``).
    """

    STATE_CHOICES = [("requested", "待报送"), ("submitted", "已报送")]
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reports")
    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    period = models.CharField("报告期", max_length=40, blank=True)
    state = models.CharField("状态", max_length=10, choices=STATE_CHOICES, default="submitted")
    due_date = models.DateField("报送期限", null=True, blank=True)
    text = models.TextField("进展情况", blank=True)
    submitted_at = models.DateTimeField("报送时间", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "进展报告"
        verbose_name_plural = "进展报告"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.organisation.short_name} {self.period} 进展报告"


class ReportAttachment(StoredFile):
    """A file of a progress report; content type and extracted text are kept (gongkai.core.files),
    so the privacy guard and search read it like every other attachment."""

    UPLOAD_DIR = "plan-reports"

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="attachments")


class Fulfilment(models.Model):
    SOURCE_CHOICES = [
        ("publication", "栏目发布自动认定"),
        ("manual", "人工关联信息"),
        ("report", "进展报告"),
    ]
    instance = models.ForeignKey(
        ObligationInstance, on_delete=models.CASCADE, related_name="fulfilments"
    )
    source = models.CharField("方式", max_length=12, choices=SOURCE_CHOICES)
    item = models.ForeignKey(
        "catalog.Item",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="plan_fulfilments",
    )
    report = models.ForeignKey(
        ProgressReport, null=True, blank=True, on_delete=models.CASCADE, related_name="fulfilments"
    )
    fulfilled_at = models.DateTimeField("完成时间")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "完成记录"
        verbose_name_plural = "完成记录"
        ordering = ["fulfilled_at", "id"]

    def __str__(self):
        what = self.item or self.report
        return f"{self.get_source_display()}：{what}"


class Reminder(models.Model):
    """A reminder sent to an organisation about an instance (shown on the 工作台)."""

    KIND_CHOICES = [("due_soon", "即将到期"), ("overdue", "已逾期"), ("report", "进展报告")]
    instance = models.ForeignKey(
        ObligationInstance,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    report = models.ForeignKey(
        ProgressReport, null=True, blank=True, on_delete=models.CASCADE, related_name="reminders"
    )
    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=KIND_CHOICES)
    sent_on = models.DateField()

    class Meta:
        ordering = ["-sent_on", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.organisation_id}（{self.sent_on}）"


class Rubric(models.Model):
    """How organisations are scored (the seeds: 政务公开 is at least 4% of performance ratings)."""

    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name="适用范围", on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField("名称", max_length=100)
    share_of_rating = models.DecimalField(
        "占绩效考核分值（%）", max_digits=5, decimal_places=2, default=4
    )
    is_active = models.BooleanField("在用", default=True)

    class Meta:
        verbose_name = "考核细则"
        verbose_name_plural = "考核细则"

    def __str__(self):
        return self.name


class Criterion(models.Model):
    KIND_CHOICES = [
        ("on_time_share", "按时完成率（工作要点时限要求）"),
        ("application_timeliness", "依申请公开按期答复率"),
        ("site_health", "网站健康"),
        ("proposal_timeliness", "建议提案按期办复率"),
        ("response_timeliness", "舆情回应按时率"),
        ("gazette_coverage", "规范性文件应登尽登率"),
        ("manual", "人工评分"),
    ]
    rubric = models.ForeignKey(Rubric, on_delete=models.CASCADE, related_name="criteria")
    kind = models.CharField("指标", max_length=30, choices=KIND_CHOICES)
    label = models.CharField("名称", max_length=100)
    weight = models.DecimalField("权重（分）", max_digits=6, decimal_places=2, default=100)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["rubric", "sort_order", "id"]

    def __str__(self):
        return self.label


class ManualScore(models.Model):
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="manual_scores")
    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveIntegerField()
    share = models.DecimalField("得分率", max_digits=5, decimal_places=4)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["criterion", "organisation", "year"], name="plans_manual_score_once"
            )
        ]

    def __str__(self):
        return f"{self.criterion} {self.year}: {self.share}"


class Assessment(models.Model):
    """A stored run of the yearly assessment (the results as they were computed)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="assessments")
    rubric = models.ForeignKey(Rubric, on_delete=models.PROTECT, related_name="+")
    as_of = models.DateField("截至")
    results = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.plan} 考核（截至 {self.as_of}）"

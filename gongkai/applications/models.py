"""Information applications (依申请公开): the case, its clock events, letters, fees and settings.

State changes go through ``actions.py``; the due date is recomputed there from the clock rule
(``gongkai.rules.clock``) and cached on the application (``due_on`` / ``due_provisional``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from gongkai.core.files import StoredFile
from gongkai.rules import outcomes

APPLICANT_TYPE_CHOICES = outcomes.APPLICANT_TYPES
OUTCOME_CHOICES = [(c, outcomes.short_label(c)) for c in outcomes.OUTCOME_CODES]
REPLY_TYPE_CHOICES = outcomes.REPLY_TYPES


class Application(models.Model):
    STATE_REGISTERED = "registered"
    STATE_PROCESSING = "processing"
    STATE_CORRECTION = "correction"
    STATE_CONSULTING = "consulting"
    STATE_FEE = "fee"
    STATE_CLOSED = "closed"
    STATE_CHOICES = [
        (STATE_REGISTERED, "已登记"),
        (STATE_PROCESSING, "办理中"),
        (STATE_CORRECTION, "待补正"),
        (STATE_CONSULTING, "征求意见中"),
        (STATE_FEE, "待缴费"),
        (STATE_CLOSED, "已办结"),
    ]
    OPEN_STATES = [
        STATE_REGISTERED,
        STATE_PROCESSING,
        STATE_CORRECTION,
        STATE_CONSULTING,
        STATE_FEE,
    ]

    CHANNEL_CHOICES = [
        ("online", "网上申请"),
        ("letter", "信函"),
        ("in_person", "当面提交"),
        ("fax", "传真"),
        ("email", "电子邮件"),
    ]
    ID_TYPE_CHOICES = [
        ("id_card", "居民身份证"),
        ("passport", "护照"),
        ("hk_macao", "港澳居民来往内地通行证"),
        ("taiwan", "台湾居民来往大陆通行证"),
        ("other", "其他有效身份证件"),
    ]
    FORM_CHOICES = [("paper", "纸质"), ("electronic", "电子文档"), ("other", "其他")]
    DELIVERY_CHOICES = [
        ("post", "邮寄"),
        ("email", "电子邮件"),
        ("pickup", "当面领取"),
        ("online", "网上获取"),
        ("fax", "传真"),
    ]

    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name="办理机构",
        on_delete=models.PROTECT,
        related_name="applications",
    )
    registration_no = models.CharField("登记号", max_length=40, unique=True)
    tracking_code = models.CharField("查询码", max_length=16, unique=True)
    verifier = models.CharField("验证码", max_length=8)
    state = models.CharField(
        "状态", max_length=12, choices=STATE_CHOICES, default=STATE_REGISTERED, db_index=True
    )
    channel = models.CharField("申请渠道", max_length=12, choices=CHANNEL_CHOICES, default="online")
    received_on = models.DateField("收到申请日期")
    submitted_at = models.DateTimeField("登记时间", default=timezone.now)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="录入人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="承办人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_applications",
    )

    # Applicant
    applicant_type = models.CharField(
        "申请人类型", max_length=16, choices=APPLICANT_TYPE_CHOICES, default=outcomes.NATURAL
    )
    name = models.CharField("姓名或名称", max_length=120)
    id_type = models.CharField(
        "证件类型", max_length=12, choices=ID_TYPE_CHOICES, default="id_card", blank=True
    )
    id_number = models.CharField("证件号码", max_length=40, blank=True)
    org_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    contact_person = models.CharField("联系人", max_length=60, blank=True)
    phone = models.CharField("联系电话", max_length=40)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("通信地址", max_length=200, blank=True)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)

    # Request
    description = models.TextField("所需信息的内容描述")
    purpose = models.TextField("用途（选填）", blank=True)
    form_preference = models.CharField(
        "信息的指定提供载体形式", max_length=12, choices=FORM_CHOICES, default="electronic"
    )
    delivery = models.CharField(
        "获取信息方式", max_length=12, choices=DELIVERY_CHOICES, default="email"
    )

    # Clock events
    correction_notice_on = models.DateField("补正通知日期", null=True, blank=True)
    correction_items = models.TextField("需补正的内容", blank=True)
    correction_deadline = models.DateField("补正期限", null=True, blank=True)
    corrected_on = models.DateField("收到补正日期", null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField("延长工作日", default=0)
    extension_reason = models.TextField("延期理由", blank=True)
    extension_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="延期批准人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    extension_on = models.DateField("延期日期", null=True, blank=True)
    later_due_on = models.DateField("另行确定的答复日期（第三十五条）", null=True, blank=True)
    later_reason = models.TextField("另行确定答复日期的理由", blank=True)
    due_on = models.DateField("答复期限", null=True, blank=True, db_index=True)
    due_provisional = models.BooleanField("期限暂定", default=False)
    last_reminder = models.CharField("最近提醒", max_length=40, blank=True, editable=False)

    # Decision
    outcome = models.CharField("办理结果", max_length=24, choices=OUTCOME_CHOICES, blank=True)
    reply_type = models.CharField("答复类型", max_length=16, choices=REPLY_TYPE_CHOICES, blank=True)
    decision = models.JSONField("答复要素", default=dict, blank=True)
    closed_on = models.DateField("办结日期", null=True, blank=True)
    repeat_of = models.ForeignKey(
        "self",
        verbose_name="疑似重复的此前申请",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    proposal = models.ForeignKey(
        "ProactiveProposal",
        verbose_name="转主动公开建议",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )

    class Meta:
        verbose_name = "依申请公开申请"
        verbose_name_plural = "依申请公开申请"
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["organisation", "state", "due_on"], name="app_org_state_due")
        ]

    def __str__(self):
        return f"{self.registration_no} {self.name}"

    @property
    def is_closed(self) -> bool:
        return self.state == self.STATE_CLOSED

    @property
    def due_label(self) -> str:
        if self.due_on is None:
            return "待补正后重新计算" if self.state == self.STATE_CORRECTION else ""
        return self.due_on.isoformat() + ("（暂定）" if self.due_provisional else "")

    @property
    def outcome_label(self) -> str:
        return outcomes.short_label(self.outcome) if self.outcome else ""

    @property
    def masked_id(self) -> str:
        from gongkai.rules.idcard import mask_id_number

        return mask_id_number(self.id_number) if len(self.id_number) > 8 else self.id_number


class Attachment(StoredFile):
    """A file sent with an application: bytes in the storage (never in a database row), content
    type, size, hash and extracted text as columns (gongkai.core.files)."""

    UPLOAD_DIR = "application-files"

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attachments"
    )

    class Meta:
        verbose_name = "申请附件"
        verbose_name_plural = "申请附件"

    def __str__(self):
        return self.name


class Note(models.Model):
    KIND_CHOICES = [
        ("note", "内部备注"),
        ("investigation", "调查记录"),
        ("transfer", "转办"),
        ("search", "检索记录"),
    ]
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField("类型", max_length=16, choices=KIND_CHOICES, default="note")
    text = models.TextField("内容")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.text[:40]


class Consultation(models.Model):
    """A consultation of a third party (Art. 32) or another agency (Art. 34): the clock stops."""

    KIND_CHOICES = [("third_party", "第三方"), ("agency", "其他机关")]
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="consultations"
    )
    kind = models.CharField("对象类型", max_length=12, choices=KIND_CHOICES, default="third_party")
    party = models.CharField("征求对象", max_length=120)
    party_address = models.CharField("地址或联系方式", max_length=200, blank=True)
    question = models.TextField("征求意见事项")
    sent_on = models.DateField("发函日期")
    answer_due = models.DateField("答复期限")
    answered_on = models.DateField("收到答复日期", null=True, blank=True)
    answer = models.TextField("答复意见", blank=True)
    objects_to_disclosure = models.BooleanField("不同意公开", default=False)

    class Meta:
        ordering = ["sent_on", "id"]

    def __str__(self):
        return f"征求{self.party}意见"

    @property
    def is_open(self) -> bool:
        return self.answered_on is None


class FeeNotice(models.Model):
    METHOD_CHOICES = [("per_application", "按件计收"), ("by_volume", "按量计收")]
    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="fee_notice"
    )
    method = models.CharField("计收方式", max_length=16, choices=METHOD_CHOICES)
    units = models.PositiveIntegerField("件数或页数")
    amount = models.PositiveIntegerField("金额（元）")
    explanation = models.TextField("计算过程")
    payment_info = models.TextField("缴费方式", blank=True)
    issued_on = models.DateField("通知日期")
    pay_by = models.DateField("缴费期限")
    paid_on = models.DateField("缴费日期", null=True, blank=True)

    def __str__(self):
        return f"收费通知 {self.amount}元"


class LetterTemplate(models.Model):
    """The text of a letter kind, Django template syntax; organisation blank = default for all."""

    KIND_CHOICES = [
        ("reply", "政府信息公开申请答复书"),
        ("correction", "补正申请通知书"),
        ("extension", "延期答复告知书"),
        ("consultation", "征求第三方意见函"),
        ("fee", "收费通知书"),
        ("later", "另行确定答复期限告知书"),
        ("receipt", "申请登记回执"),
    ]
    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name="机构（空为通用）",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
    )
    kind = models.CharField("文书类型", max_length=16, choices=KIND_CHOICES)
    title = models.CharField("标题", max_length=120)
    body = models.TextField(
        "正文模板",
        help_text="Django 模板语法，如 {{ app.name }}、{{ due }}、{{ remedy }}；空行分段。",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "文书模板"
        verbose_name_plural = "文书模板"
        constraints = [
            models.UniqueConstraint(fields=["organisation", "kind"], name="app_template_unique")
        ]

    def __str__(self):
        who = self.organisation.short_name if self.organisation else "通用"
        return f"{self.get_kind_display()}（{who}）"


class Letter(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="letters")
    kind = models.CharField("文书类型", max_length=16, choices=LetterTemplate.KIND_CHOICES)
    title = models.CharField("标题", max_length=160)
    number = models.CharField("文号", max_length=60, blank=True)
    html = models.TextField()
    docx = models.BinaryField()
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_on = models.DateField("送达日期", null=True, blank=True)
    delivery_method = models.CharField(
        "送达方式", max_length=12, choices=Application.DELIVERY_CHOICES, blank=True
    )
    consultation = models.ForeignKey(
        Consultation, null=True, blank=True, on_delete=models.SET_NULL, related_name="letters"
    )

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.title


class RemedyConfig(models.Model):
    """The remedy paragraph of every reply (行政复议 / 行政诉讼), per organisation.

    The time limits (60 days, 6 months) follow domain.md, where 6 months is *unverified*: they are
    editable here. An organisation without its own row uses its nearest ancestor's, else defaults.
    """

    organisation = models.OneToOneField(
        "orgs.Organisation", verbose_name="机构", on_delete=models.CASCADE, related_name="+"
    )
    review_body = models.CharField("行政复议机关", max_length=120)
    review_address = models.CharField("复议机关地址", max_length=200, blank=True)
    review_days = models.PositiveSmallIntegerField("复议申请期限（日）", default=60)
    court = models.CharField("行政诉讼法院", max_length=120)
    court_address = models.CharField("法院地址", max_length=200, blank=True)
    litigation_months = models.PositiveSmallIntegerField(
        "起诉期限（月，待核实）",
        default=6,
        help_text="domain.md：6个月尚待核实，请按本地规定确认。",
    )
    paragraph = models.TextField(
        "救济段落模板",
        blank=True,
        help_text="留空使用默认文字；可用 {{ review_body }} {{ review_address }} {{ review_days }} "
        "{{ court }} {{ court_address }} {{ litigation_months }}",
    )

    class Meta:
        verbose_name = "救济途径设置"
        verbose_name_plural = "救济途径设置"

    def __str__(self):
        return f"救济途径：{self.organisation.short_name}"


class ProactiveProposal(models.Model):
    """A proposal to disclose frequently requested information proactively (六(五)).

    A task for the owning organisation; the plans app can pick up open proposals
    (state ``proposed``) and turn them into obligations.
    """

    STATE_CHOICES = [
        ("proposed", "待处理"),
        ("accepted", "已采纳"),
        ("published", "已主动公开"),
        ("declined", "不予采纳"),
    ]
    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name="责任机构",
        on_delete=models.PROTECT,
        related_name="proactive_proposals",
    )
    subject = models.CharField("信息名称", max_length=200)
    description = models.TextField("说明", blank=True)
    request_count = models.PositiveIntegerField("申请次数", default=0)
    state = models.CharField("状态", max_length=12, choices=STATE_CHOICES, default="proposed")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "转主动公开建议"
        verbose_name_plural = "转主动公开建议"
        ordering = ["-created_at"]

    def __str__(self):
        return self.subject


from .replymodels import LetterFile, ReplyDraft  # noqa: E402, F401  (registered with this app)

"""Remedy cases (行政复议 / 行政诉讼) brought against an application's reply or failure to reply.

They feed table 四 of the annual report (gongkai.annualreport) and show on the application's
staff page (extension slot ``staff.application``).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone


class RemedyCase(models.Model):
    KIND_CHOICES = [
        ("review", "行政复议"),
        ("litigation_direct", "行政诉讼（未经复议直接起诉）"),
        ("litigation_after_review", "行政诉讼（复议后起诉）"),
    ]
    AGAINST_CHOICES = [("reply", "不服答复"), ("no_reply", "未在期限内答复")]
    RESULT_CHOICES = [
        ("pending", "尚未审结"),
        ("upheld", "结果维持"),
        ("corrected", "结果纠正"),
        ("other", "其他结果"),
    ]

    application = models.ForeignKey(
        "applications.Application",
        verbose_name="政府信息公开申请",
        on_delete=models.PROTECT,
        related_name="remedy_cases",
    )
    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name="被申请人（机关）",
        on_delete=models.PROTECT,
        related_name="remedy_cases",
    )
    kind = models.CharField("类型", max_length=24, choices=KIND_CHOICES)
    against = models.CharField("针对", max_length=10, choices=AGAINST_CHOICES, default="reply")
    body = models.CharField("复议机关或人民法院", max_length=120)
    case_no = models.CharField("案号", max_length=80, blank=True)
    filed_on = models.DateField("申请复议或起诉日期")
    review_decided_on = models.DateField("复议决定日期（复议后起诉）", null=True, blank=True)
    window_until = models.DateField("救济期限届满日", null=True, blank=True)
    past_window = models.BooleanField("超过救济期限", default=False)
    result = models.CharField("结果", max_length=10, choices=RESULT_CHOICES, default="pending")
    decided_on = models.DateField("审结日期", null=True, blank=True)
    result_note = models.TextField("结果说明", blank=True)
    note = models.TextField("备注", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("登记时间", default=timezone.now)

    class Meta:
        verbose_name = "行政复议或诉讼案件"
        verbose_name_plural = "行政复议或诉讼案件"
        ordering = ["-filed_on", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.application.registration_no}"

    @property
    def table4_block(self) -> str:
        return self.kind

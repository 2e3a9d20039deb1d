"""Shared tables of the platform (no business area of their own)."""

from django.db import models


class Serial(models.Model):
    """The last serial number used per (scope, organisation, year), e.g. the index numbers
    (scope "index_no") or the application registration numbers (scope "application").

    Taken only through :func:`gongkai.core.serials.next_serial`, which locks the row until the
    caller's transaction commits, so numbers are unique and never reused, also under concurrency.
    """

    scope = models.CharField("用途", max_length=30)
    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name="机构"
    )
    year = models.PositiveIntegerField("年份")
    last = models.PositiveIntegerField("已用序号", default=0)

    class Meta:
        verbose_name = "序号"
        verbose_name_plural = "序号"
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "organisation", "year"], name="core_serial_unique"
            )
        ]

    def __str__(self):
        return f"{self.scope} {self.organisation_id}/{self.year}: {self.last}"


class Notification(models.Model):
    """A notice to one person, shown on their 工作台 (and mailed where mail is configured).

    Written only through :func:`gongkai.core.notify.notify`, after the change commits.
    """

    recipient = models.ForeignKey(
        "accounts.User",
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name="收件人",
    )
    event = models.CharField("事件", max_length=60)
    subject = models.CharField("标题", max_length=200)
    body = models.TextField("内容", blank=True)
    url = models.CharField("链接", max_length=300, blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    read_at = models.DateTimeField("已读时间", null=True, blank=True)

    class Meta:
        verbose_name = "通知"
        verbose_name_plural = "通知"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="core_notif_unread")]

    def __str__(self):
        return f"{self.recipient_id}: {self.subject}"

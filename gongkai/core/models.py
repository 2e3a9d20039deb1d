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

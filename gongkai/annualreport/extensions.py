"""A note on the portal page of a published report's catalog item: the report page with its
tables, downloads and versions."""

from __future__ import annotations

from django.urls import reverse

from gongkai.core.extensions import Note


def portal_item(item, request) -> list:
    from .models import AnnualReport

    if getattr(item, "kind", "") != "document" or getattr(item, "genre", "") != "报告":
        return []
    report = (
        AnnualReport.objects.filter(item=item, versions__isnull=False)
        .select_related("organisation")
        .first()
    )
    if report is None:
        return []
    n = report.versions.count()
    return [
        Note(
            title="政府信息公开工作年度报告",
            text=f"共{n}个发布版本。" + ("发布后曾修改，修改说明见报告页面。" if n > 1 else ""),
            url=reverse("annualreport:public", args=[report.organisation.code, report.year]),
            link_text="查看报告表格、Word 版和历次版本",
        )
    ]

"""Notes on other apps' pages and the 工作台 panel."""

from __future__ import annotations

from django.urls import reverse

from gongkai.core.extensions import Note


def item_note(item, request=None) -> list[Note]:
    """On a final policy's public page: 本文件曾公开征求意见, with the link and the figures."""
    from . import services

    c = services.consultation_for_item(item)
    if c is None:
        return []
    f = services.figures(c)
    text = (
        f"{c.organisation.name}于{c.opens_on:%Y年%-m月%-d日}至{c.closes_on:%Y年%-m月%-d日}公开征求意见，"
        f"{f['participants']}人参与，收到意见{f['comments']}条"
    )
    if c.status == c.PUBLISHED:
        s = services.summary(c).total
        text += f"，采纳{s.adopted}条、部分采纳{s.partly}条、未采纳{s.rejected}条"
        url = reverse("consultations:feedback", args=[c.pk])
        link = "查看意见采纳情况说明"
    else:
        url = c.get_absolute_url()
        link = "查看征求意见"
    return [Note(title="本文件曾公开征求意见", text=text + "。", url=url, link_text=link)]


def workbench_panels(user):
    from gongkai.accounts import workbench
    from gongkai.accounts.permissions import org_ids_for

    from .models import Consultation

    edit = org_ids_for(user, "edit")
    review = org_ids_for(user, "review")
    if not edit and not review:
        return []
    items = []
    for c in Consultation.objects.filter(
        organisation_id__in=review, status=Consultation.SUBMITTED
    ).exclude(author=user)[:10]:
        items.append(
            workbench.PanelItem(
                label=f"待审核：{c.title}", url=reverse("consultations:staff_detail", args=[c.pk])
            )
        )
    for c in Consultation.objects.filter(organisation_id__in=edit, status=Consultation.CLOSED)[:10]:
        undecided = c.comments.filter(leader__isnull=True, disposition="").count()
        items.append(
            workbench.PanelItem(
                label=f"待处理意见并公布采纳情况：{c.title}",
                url=reverse("consultations:staff_comments", args=[c.pk]),
                note=f"{undecided} 条意见未处理",
                urgent=undecided > 0,
            )
        )
    return [
        workbench.Panel(
            title="征求意见", items=items, more_url=reverse("consultations:staff_list"), order=60
        )
    ]

"""工作台 panels: messages due soon or overdue, replies waiting for review, the 3-month ceiling."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from gongkai.accounts import permissions
from gongkai.accounts.workbench import Panel, PanelItem
from gongkai.rules import dates
from gongkai.workcal.services import get_calendar

from .models import Message


def panels(user) -> list[Panel]:
    ids = permissions.org_ids_for(user, "view_internal")
    if not ids:
        return []
    today = dates.today()
    base = reverse("interaction:staff_list")
    qs = Message.objects.filter(organisation_id__in=ids, status__in=Message.OPEN_STATUSES)
    soon = get_calendar().add_workdays(today, 2).date
    attention = qs.filter(due_on__lte=soon).select_related("organisation").order_by("due_on")
    items = []
    for m in attention[:10]:
        late = m.due_on < today
        items.append(
            PanelItem(
                label=f"{m.code} {m.subject[:30]}",
                url=reverse("interaction:staff_detail", args=[m.pk]),
                note=("已超期 · " if late else "即将到期 · ") + m.organisation.short_name,
                due=m.due_on.isoformat() + ("（暂定）" if m.due_provisional else ""),
                urgent=late,
            )
        )
    out = [
        Panel(
            "政民互动：即将到期与超期留言",
            items,
            empty="没有即将到期或超期的留言",
            more_url=base + "?f=attention",
            order=25,
            count=attention.count(),
        )
    ]
    old = (
        Message.objects.valid()
        .unanswered()
        .filter(organisation_id__in=ids, received_on__lte=today - dt.timedelta(days=60))
        .select_related("organisation")
        .order_by("received_on")
    )
    ceiling_items = [
        PanelItem(
            label=f"{m.code} {m.subject[:30]}",
            url=reverse("interaction:staff_detail", args=[m.pk]),
            note=f"已 {(today - m.received_on).days} 天未答复 · {m.organisation.short_name}",
            due=(m.received_on + dt.timedelta(days=90)).isoformat(),
            urgent=(today - m.received_on).days >= 80,
        )
        for m in old[:10]
    ]
    if ceiling_items:
        out.append(
            Panel(
                "政民互动：3个月答复时限预警（60/80/90天）",
                ceiling_items,
                more_url=base + "?f=ceiling",
                order=24,
                count=old.count(),
            )
        )
    if permissions.org_ids_for(user, "review"):
        review = qs.filter(
            status=Message.REVIEW, organisation_id__in=permissions.org_ids_for(user, "review")
        ).exclude(replied_by=user)
        if review.exists():
            out.append(
                Panel(
                    "政民互动：待审核的答复",
                    [
                        PanelItem(
                            label=f"{m.code} {m.subject[:30]}",
                            url=reverse("interaction:staff_detail", args=[m.pk]),
                        )
                        for m in review[:10]
                    ],
                    more_url=base + "?f=review",
                    order=26,
                    count=review.count(),
                )
            )
    return out

"""工作台: running and missed response clocks of the user's organisations."""

from __future__ import annotations

from django.urls import reverse

from gongkai.accounts import permissions
from gongkai.accounts.workbench import Panel, PanelItem
from gongkai.rules import dates
from gongkai.rules.interaction.hours import describe_delta

from .models import EventClock


def panels(user) -> list[Panel]:
    ids = permissions.org_ids_for(user, "view_internal")
    if not ids:
        return []
    now = dates.now()
    qs = (
        EventClock.objects.filter(
            event__organisation_id__in=ids, state__in=(EventClock.RUNNING, EventClock.OVERDUE)
        )
        .select_related("event", "event__organisation")
        .order_by("deadline")
    )
    items = []
    for c in qs[:10]:
        late = c.state == EventClock.OVERDUE or c.deadline <= now
        note = (
            ("已超时 " + describe_delta(now - c.deadline))
            if late
            else ("剩余 " + describe_delta(c.deadline - now))
        )
        items.append(
            PanelItem(
                label=f"{c.event.title}：{c.get_kind_display()}（{c.hours} 小时内）",
                url=reverse("responses:staff_event", args=[c.event_id]),
                note=f"{note} · {c.event.organisation.short_name}",
                due=dates.zh_datetime(c.deadline),
                urgent=late,
            )
        )
    if not items:
        return []
    return [
        Panel(
            "舆情回应：计时中的时限",
            items,
            more_url=reverse("responses:staff_events"),
            order=15,
            count=qs.count(),
        )
    ]

"""工作台 panels: applications due soon and overdue, and proposals for proactive disclosure."""

from __future__ import annotations

from django.urls import reverse

from gongkai.accounts import permissions
from gongkai.accounts.workbench import Panel, PanelItem

from . import services
from .models import ProactiveProposal


def panels(user) -> list[Panel]:
    ids = permissions.org_ids_for(user, "view_internal")
    if not ids:
        return []
    qs = services.visible_to(user).select_related("organisation")
    soon, overdue = services.due_soon_and_overdue(qs)
    base = reverse("applications:staff_list")
    items = []
    for app, urgent in [*((a, True) for a in overdue[:8]), *((a, False) for a in soon[:8])]:
        items.append(
            PanelItem(
                label=f"{app.registration_no} {app.description[:30]}",
                url=reverse("applications:staff_detail", args=[app.pk]),
                note=("已超期 · " if urgent else "") + app.organisation.short_name,
                due=app.due_label,
                urgent=urgent,
            )
        )
    result = [
        Panel(
            "依申请公开：即将到期与超期",
            items,
            empty="没有即将到期或超期的申请",
            more_url=base + "?due=attention",
            order=20,
            count=overdue.count() + soon.count(),
        )
    ]
    proposals = ProactiveProposal.objects.filter(
        organisation_id__in=permissions.org_ids_for(user, "edit"), state="proposed"
    ).select_related("organisation")
    if proposals.exists():
        result.append(
            Panel(
                "申请较为集中的信息：建议转为主动公开",
                [
                    PanelItem(
                        label=p.subject,
                        url=reverse("applications:popular"),
                        note=f"{p.organisation.short_name} · 依申请{p.request_count}件",
                    )
                    for p in proposals[:8]
                ],
                more_url=reverse("applications:popular"),
                order=40,
                count=proposals.count(),
            )
        )
    return result

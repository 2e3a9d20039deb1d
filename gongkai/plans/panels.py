"""The 工作台 panels of plans: overdue and due-soon obligations of the user's organisations."""

import datetime as dt

from django.urls import reverse

from gongkai.accounts import permissions
from gongkai.accounts.workbench import Panel, PanelItem
from gongkai.rules import dates

from .models import ObligationInstance, ProgressReport

LIMIT = 8


def plan_panels(user) -> list[Panel]:
    org_ids = permissions.org_ids_for(user, "view_internal")
    if not org_ids:
        return []
    # last year's leftovers still show; older plans are history (their pages keep the record)
    since = dates.today() - dt.timedelta(days=366)
    base = (
        ObligationInstance.objects.filter(obligation__responsible__in=org_ids, due_date__gte=since)
        .select_related("obligation__task__plan")
        .distinct()
    )
    panels = []
    for title, states, order, empty in (
        ("逾期未完成的工作要点任务", ["missed"], 20, "没有逾期未完成的任务"),
        ("即将到期的工作要点任务", ["due_soon"], 21, "近期没有到期的任务"),
    ):
        qs = base.filter(state__in=states).order_by("due_date", "id")
        total = qs.count()
        items = [
            PanelItem(
                label=f"{inst.obligation.task.path_label} {inst.obligation.what or inst.obligation.phrase}（{inst.label}）",
                url=reverse("plans:obligation", args=[inst.obligation_id]),
                due=inst.due_display,
                urgent=inst.state == "missed",
                note=inst.obligation.task.plan.title,
            )
            for inst in qs[:LIMIT]
        ]
        panels.append(
            Panel(
                title=title,
                items=items,
                empty=empty,
                order=order,
                count=total,
                more_url=reverse("plans:list") + "?state=" + states[0],
            )
        )
    edit_ids = permissions.org_ids_for(user, "edit")
    reports = ProgressReport.objects.filter(
        organisation_id__in=edit_ids, state="requested"
    ).select_related("task")
    if reports.exists():
        panels.append(
            Panel(
                title="待报送的进展报告",
                items=[
                    PanelItem(
                        label=f"{r.task.path_label} {r.task.heading}（{r.period}）",
                        url=reverse("plans:report", args=[r.pk]),
                        due=r.due_date.isoformat() if r.due_date else "",
                    )
                    for r in reports[:LIMIT]
                ],
                order=22,
                count=reports.count(),
            )
        )
    return panels

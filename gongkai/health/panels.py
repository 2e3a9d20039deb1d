"""The editors' 工作台: columns about to turn stale and messages approaching 3 months, with the
date by which to act (from the latest stored check of each organisation the user edits)."""

from __future__ import annotations

from django.urls import reverse

from gongkai.accounts import workbench
from gongkai.accounts.permissions import org_ids_for
from gongkai.rules import dates

from .models import CheckRun


def predictions_panel(user) -> list[workbench.Panel]:
    ids = org_ids_for(user, "edit")
    if not ids or len(ids) > 60:  # city-wide admins use the 网站健康 page instead
        return []
    latest: dict[int, CheckRun] = {}
    for run in CheckRun.objects.filter(organisation_id__in=ids).select_related("organisation"):
        if run.organisation_id not in latest:
            latest[run.organisation_id] = run
    items = []
    today = dates.today().isoformat()
    for run in latest.values():
        for p in run.predicted:
            if p["act_by"] < today:
                continue
            items.append(
                workbench.PanelItem(
                    label=f"{run.organisation.short_name}：{p['object']}",
                    url=p.get("url") or reverse("health:org", args=[run.organisation.code]),
                    note=p["detail"],
                    due=p["act_by"],
                    urgent=p["act_by"] <= today,
                )
            )
        blocking = [v["label"] for v in run.vetoes]
        if blocking:
            items.append(
                workbench.PanelItem(
                    label=f"{run.organisation.short_name}：存在单项否决项",
                    url=reverse("health:org", args=[run.organisation.code]),
                    note="、".join(blocking),
                    urgent=True,
                )
            )
    items.sort(key=lambda i: (not i.urgent, i.due or "9999"))
    if not latest:
        return []
    return [
        workbench.Panel(
            title="网站健康预警",
            items=items[:8],
            count=len(items),
            empty="近期没有将要超期的栏目或留言",
            more_url=reverse("health:overview"),
            order=40,
        )
    ]

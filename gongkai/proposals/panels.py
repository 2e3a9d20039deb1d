"""The 工作台 panel: proposals due soon or overdue, replies whose publication is due."""

from __future__ import annotations

from django.urls import reverse


def workbench_panels(user):
    from gongkai.accounts import workbench
    from gongkai.accounts.permissions import org_ids_for

    from . import services
    from .models import Proposal

    ids = org_ids_for(user, "edit") | org_ids_for(user, "review")
    if not ids:
        return []
    cal = services.calendar()
    items = []
    for p in (
        Proposal.objects.filter(lead_id__in=ids)
        .exclude(status=Proposal.WITHHELD)
        .select_related("lead")
    ):
        url = reverse("proposals:staff_detail", args=[p.pk])
        state = services.answer_state(p, cal)
        if state in ("overdue", "due_soon"):
            due = services.answer_due(p, cal)
            items.append(workbench.PanelItem(label=f"{p.number_label} {p.title}", url=url,
                                             note="答复已超期" if state == "overdue" else "答复即将到期",
                                             due=due.label(), urgent=state == "overdue"))  # fmt: skip
        pub = services.publication_state(p, cal)
        if pub in ("overdue", "due_soon"):
            due = services.publication_due(p, cal)
            items.append(workbench.PanelItem(label=f"{p.number_label} 答复待公开", url=url,
                                             note="公开已超期" if pub == "overdue" else "公开即将到期",
                                             due=due.label(), urgent=pub == "overdue"))  # fmt: skip
    edit = org_ids_for(user, "edit")
    co_open = (
        Proposal.objects.filter(status=Proposal.ASSIGNED, co_units__in=edit)
        .exclude(co_opinions__organisation_id__in=edit)
        .distinct()
    )
    for p in co_open:
        due = services.co_due(p, cal)
        state = services.pc.state(due.date, services.dates.today(), cal, done=False)
        if state in ("overdue", "due_soon"):
            items.append(workbench.PanelItem(label=f"{p.number_label} 协办意见", url=reverse("proposals:staff_detail", args=[p.pk]),
                                             note="协办意见已超期" if state == "overdue" else "协办意见即将到期",
                                             due=due.label(), urgent=state == "overdue"))  # fmt: skip
    items.sort(key=lambda i: (not i.urgent, i.due))
    return [
        workbench.Panel(
            title="建议提案办理",
            items=items[:10],
            count=len(items),
            more_url=reverse("proposals:staff_list"),
            empty="没有即将到期或超期的建议提案",
            order=61,
        )
    ]

"""The catalog's panels on the 工作台."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from gongkai.accounts.permissions import org_ids_for
from gongkai.accounts.workbench import Panel, PanelItem
from gongkai.rules import dates

from .actions import guard_findings
from .models import Item, ItemRevision

LIMIT = 8
EXPIRY_WINDOW_DAYS = 30


def _item_url(item: Item) -> str:
    return reverse("catalog:item", args=[item.pk])


def _review_note(item: Item, found: int) -> str:
    note = f"{item.organisation.short_name} · {item.get_kind_display()}"
    return note + (f" · 个人信息 {found} 处待遮盖" if found else "")


def catalog_panels(user) -> list[Panel]:
    edit_ids = org_ids_for(user, "edit")
    review_ids = org_ids_for(user, "review")
    internal_ids = org_ids_for(user, "view_internal")
    if not internal_ids:
        return []
    panels = []
    if edit_ids:
        drafts = Item.objects.filter(
            author=user, state=Item.STATE_DRAFT, organisation_id__in=edit_ids
        ).order_by("-updated_at")
        revisions = ItemRevision.objects.filter(
            author=user, state__in=["draft", "rejected"], item__organisation_id__in=edit_ids
        ).select_related("item")
        rows = [
            PanelItem(label=i.title, url=_item_url(i), note=f"草稿 · {i.organisation.short_name}")
            for i in drafts.select_related("organisation")[:LIMIT]
        ]
        rows += [
            PanelItem(
                label=r.item.title,
                url=_item_url(r.item),
                note=f"第{r.number}版{r.get_state_display()}",
                urgent=r.state == "rejected",
            )
            for r in revisions[:LIMIT]
        ]
        panels.append(
            Panel(
                title="我的草稿",
                items=rows[:LIMIT],
                count=drafts.count() + revisions.count(),
                empty="没有草稿。",
                more_url=reverse("catalog:items") + "?mine=1&state=draft",
                order=20,
            )
        )
    if review_ids:
        waiting = (
            Item.objects.filter(state=Item.STATE_SUBMITTED, organisation_id__in=review_ids)
            .exclude(author=user)
            .select_related("organisation")
            .prefetch_related("attachments")
            .order_by("submitted_at")
        )
        waiting_rev = (
            ItemRevision.objects.filter(state="submitted", item__organisation_id__in=review_ids)
            .exclude(author=user)
            .select_related("item")
        )
        found = {i.pk: (i, len(guard_findings(i))) for i in waiting[:LIMIT]}
        rows = [
            PanelItem(label=i.title, url=reverse("catalog:review", args=[i.pk]),
                      note=_review_note(i, n), urgent=bool(n))
            for i, n in found.values()
        ]  # fmt: skip
        rows += [
            PanelItem(label=r.item.title, url=reverse("catalog:review", args=[r.item_id]),
                      note=f"第{r.number}版修改")
            for r in waiting_rev[:LIMIT]
        ]  # fmt: skip
        panels.append(
            Panel(
                title="等待我审核的信息",
                items=rows[:LIMIT],
                count=waiting.count() + waiting_rev.count(),
                empty="没有待审核的信息。",
                more_url=reverse("catalog:queue"),
                order=10,
            )
        )
    scheduled = (
        Item.objects.filter(
            state=Item.STATE_APPROVED, organisation_id__in=internal_ids, scheduled_at__isnull=False
        )
        .select_related("organisation")
        .order_by("scheduled_at")
    )
    panels.append(
        Panel(
            title="定时发布",
            items=[
                PanelItem(
                    label=i.title,
                    url=_item_url(i),
                    due=timezone.localtime(i.scheduled_at).strftime("%Y-%m-%d %H:%M"),
                    note=i.organisation.short_name,
                )
                for i in scheduled[:LIMIT]
            ],
            count=scheduled.count(),
            empty="没有定时发布的信息。",
            more_url=reverse("catalog:items") + "?state=approved",
            order=30,
        )
    )
    today = dates.today()
    soon = (
        Item.objects.filter(
            Q(organisation_id__in=edit_ids) | Q(organisation_id__in=review_ids),
            state=Item.STATE_PUBLISHED,
            validity="valid",
            expires_on__gte=today,
            expires_on__lte=today + dt.timedelta(days=EXPIRY_WINDOW_DAYS),
        )
        .select_related("organisation")
        .order_by("expires_on")
    )
    if edit_ids or review_ids:
        panels.append(
            Panel(
                title=f"{EXPIRY_WINDOW_DAYS}天内即将失效",
                items=[
                    PanelItem(
                        label=i.title,
                        url=_item_url(i),
                        due=i.expires_on.isoformat(),
                        urgent=(i.expires_on - today).days <= 7,
                        note=i.organisation.short_name,
                    )
                    for i in soon[:LIMIT]
                ],
                count=soon.count(),
                empty="近期没有即将失效的信息。",
                more_url=reverse("catalog:items") + "?expiring=1",
                order=40,
            )
        )
    return panels

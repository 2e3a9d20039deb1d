"""Obligations: edits, events, fulfilment by published items."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from gongkai.accounts import permissions
from gongkai.core.actions import change
from gongkai.core.actors import SYSTEM
from gongkai.core.errors import Forbidden, Invalid

from .. import services
from ..models import (
    Fulfilment,
    Obligation,
    ObligationInstance,
    Plan,
    PlanEvent,
)
from .common import NO_LINK, ONLY_PUBLIC, log


def _sync_instances(ob: Obligation, cal=None, today: dt.date | None = None) -> None:
    """Make the stored instances match the rule (idempotent; fulfilled ones are kept)."""
    planned = services.planned_instances(ob, ob.task.plan.year, cal)
    existing = {(i.label, i.event_id): i for i in ob.instances.all()}
    keep = set()
    for p, event in planned:
        key = (p.label, event.pk if event else None)
        keep.add(key)
        inst = existing.get(key)
        fields = dict(
            period_start=p.period_start,
            period_end=p.period_end,
            due_date=p.due_date,
            due_at=timezone.make_aware(p.due_at)
            if p.due_at and timezone.is_naive(p.due_at)
            else p.due_at,
            provisional=p.provisional,
        )
        if inst is None:
            inst = ObligationInstance(obligation=ob, event=event, label=p.label, **fields)
        else:
            for k, v in fields.items():
                setattr(inst, k, v)
        inst.state = services.instance_state(inst, today)
        inst.save()
    for key, inst in existing.items():
        if key not in keep and not inst.fulfilments.exists():
            inst.delete()


# -- editing obligations ------------------------------------------------------------------------------
def update_obligation(ob: Obligation, *, actor, **fields) -> Obligation:
    """Season, lag, due, link to catalog columns, responsible organisations."""
    plan = ob.task.plan
    with change(actor, "administer", plan.organisation) as ch:
        allowed = {"season_start", "season_end", "lag_workdays", "due", "what", "within"}
        before = {k: getattr(ob, k) for k in allowed}
        for k, v in fields.items():
            if k in allowed:
                setattr(ob, k, v)
        if ob.season_start and ob.season_end and ob.season_end < ob.season_start:
            raise Invalid(errors={"season_end": "季节结束日期不能早于开始日期。"})
        if ob.season_start and ob.season_start.year != plan.year:
            raise Invalid(errors={"season_start": f"季节应在{plan.year}年内。"})
        ob.save()
        changes = {k: [before[k], getattr(ob, k)] for k in allowed if before[k] != getattr(ob, k)}
        if "entries" in fields:
            old = sorted(e.pk for e in ob.entries.all())
            ob.entries.set(fields["entries"])
            new = sorted(e.pk for e in ob.entries.all())
            if old != new:
                changes["entries"] = [old, new]
        if "responsible" in fields:
            old = sorted(o.pk for o in ob.responsible.all())
            ob.responsible.set(fields["responsible"])
            new = sorted(o.pk for o in ob.responsible.all())
            if old != new:
                changes["responsible"] = [old, new]
        _sync_instances(ob)
        if "entries" in changes:
            _backfill(ch, ob)
        ch.audit(ob, "change", changes=changes, reason="修改时限要求")
        return ob


def _backfill(ch, ob: Obligation) -> None:
    """Items already published in newly linked columns fulfil what they can."""
    from gongkai.catalog.models import Item

    year = ob.task.plan.year
    items = (
        Item.objects.public()
        .filter(
            entries__in=ob.entries.all(),
            published_at__year__gte=year,
            published_at__year__lte=year + 1,
        )
        .distinct()
        .order_by("published_at")
    )
    for item in items:
        fulfil_from_item(item, obligations=[ob], actor=ch.actor)


def add_event(
    plan: Plan, *, name: str, occurred_at: dt.datetime, actor, note: str = ""
) -> PlanEvent:
    """Staff enter when an event happened (人代会结束, 本要点公布, an emergency)."""
    with change(actor, "administer", plan.organisation) as ch:
        if not name.strip():
            raise Invalid(errors={"name": "请填写事件名称。"})
        if timezone.is_naive(occurred_at):
            occurred_at = timezone.make_aware(occurred_at)
        ev = PlanEvent.objects.create(
            plan=plan, name=name.strip(), occurred_at=occurred_at, note=note
        )
        for ob in Obligation.objects.filter(task__plan=plan, kind="relative", relative_to=ev.name):
            _sync_instances(ob)
        ch.audit(ev, "create", reason=f"录入起算事件“{ev.name}”")
        return ev


# -- fulfilment ----------------------------------------------------------------------------------------
FULFILMENT = SYSTEM("plans fulfilment")


def _set_fulfilled(ch, inst: ObligationInstance) -> None:
    first = inst.fulfilments.order_by("fulfilled_at").first()
    before = inst.state
    inst.fulfilled_at = first.fulfilled_at if first else None
    inst.state = services.instance_state(inst)
    inst.save(update_fields=["fulfilled_at", "state"])
    if before != inst.state:
        ch.audit(inst, "state", from_state=before, to_state=inst.state, reason="完成情况变化")


def fulfil_from_item(item, obligations=None, *, actor=FULFILMENT) -> list[ObligationInstance]:
    """Instances fulfilled by the publication of ``item`` in a linked column (the system acts:
    this answers the catalog's ``item_published`` signal)."""
    if not item.is_public or item.published_at is None:
        return []
    with change(actor) as ch:
        obs = obligations
        if obs is None:
            obs = Obligation.objects.filter(entries__in=item.entries.all()).distinct()
        done = []
        for ob in obs:
            if Fulfilment.objects.filter(instance__obligation=ob, item=item).exists():
                continue
            insts = list(ob.instances.select_related("obligation"))
            inst = services.pick_instance(insts, item.published_at, item.title)
            if inst is None:
                continue
            f = Fulfilment.objects.create(
                instance=inst, source="publication", item=item, fulfilled_at=item.published_at
            )
            ch.audit(f, "create", reason=f"“{item.title}”发布于所对应栏目，自动认定完成")
            _set_fulfilled(ch, inst)
            done.append(inst)
        return done


def on_item_published(sender=None, item=None, **kwargs) -> None:
    if kwargs.get("in_batch"):
        return  # on_items_published takes the batch
    try:
        fulfil_from_item(item)
    except Exception:  # a plan problem must never break publishing
        log.exception("plan fulfilment failed for item %s", getattr(item, "pk", None))


def on_items_published(sender=None, items=(), **kwargs) -> None:
    """The batch form (``catalog.signals.items_published``): one query finds the items whose
    columns carry an obligation; only those are looked at, each as above."""
    from gongkai.catalog.models import Item

    try:
        links = Item.entries.through.objects.filter(item_id__in=[i.pk for i in items])
        by_item: dict[int, set[int]] = {}
        for item_id, entry_id in links.values_list("item_id", "catalogentry_id"):
            by_item.setdefault(item_id, set()).add(entry_id)
        wanted = set().union(*by_item.values()) if by_item else set()
        obligated = set(
            Obligation.entries.through.objects.filter(catalogentry_id__in=wanted).values_list(
                "catalogentry_id", flat=True
            )
        )
    except Exception:
        log.exception("plan fulfilment failed for a batch of %s items", len(items))
        return
    for item in items:
        if by_item.get(item.pk, set()) & obligated:
            on_item_published(sender, item=item)


def on_item_unpublished(sender=None, item=None, **kwargs) -> None:
    with change(FULFILMENT) as ch:
        for f in Fulfilment.objects.filter(item=item, source__in=("publication", "manual")):
            inst = f.instance
            ch.audit(f, "delete", reason=f"“{item.title}”已撤回，完成认定取消")
            f.delete()
            _set_fulfilled(ch, inst)


def may_link(actor, inst: ObligationInstance) -> bool:
    """The plan's office admins and the editors of a responsible organisation (the view shows
    the form by the same rule)."""
    plan = inst.obligation.task.plan
    return permissions.may(actor, "administer", plan.organisation) or any(
        permissions.may(actor, "edit", o) for o in inst.obligation.responsible.all()
    )


def link_item(inst: ObligationInstance, item, *, actor) -> Fulfilment:
    """Staff link a published item to an instance by hand."""
    if not may_link(actor, inst):
        raise Forbidden(NO_LINK)
    with change(actor) as ch:
        if not item.is_public:
            raise Invalid(errors={"item": ONLY_PUBLIC})
        f, created = Fulfilment.objects.get_or_create(
            instance=inst,
            item=item,
            defaults={"source": "manual", "fulfilled_at": item.published_at},
        )
        if created:
            ch.audit(f, "create", reason=f"人工关联“{item.title}”")
            _set_fulfilled(ch, inst)
        return f

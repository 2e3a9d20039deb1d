"""Response events: register, link published items, record statements; the hour clocks."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from gongkai.core.actions import change
from gongkai.core.actors import SYSTEM
from gongkai.core.errors import Invalid
from gongkai.rules import dates
from gongkai.rules.interaction import hours

from ..models import EventClock, ResponseEvent, Statement

E_EMPTY = "{label}不能为空。"
E_TOO_LONG = "{label}不能超过 {n} 个字。"
E_LEVEL = "请选择事件级别。"
E_LEARNT = "请填写获知时间（年-月-日 时:分）。"
E_FUTURE = "获知时间不能晚于现在。"
E_ORG = "请选择责任单位。"
E_BEFORE = "发布时间不能早于获知事件的时间，也不能晚于现在。"
E_NOT_PUBLIC = "已撤回的信息不能关联。"


def clock_table() -> dict:
    return {**hours.DEFAULT_CLOCKS, **getattr(settings, "GONGKAI_RESPONSE_CLOCKS", {})}


def _text(value, label, n, required=True):
    s = "" if value is None else str(value)
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        return s, f"{label}含有无法识别的字符。"
    s = s.replace("\x00", "").strip()
    if required and not s:
        return s, E_EMPTY.format(label=label)
    if len(s) > n:
        return s, E_TOO_LONG.format(label=label, n=n)
    return s, ""


def acts_of(event) -> list[hours.Act]:
    acts = [hours.Act("statement", s.published_at) for s in event.statements.all()]
    for item in event.items.all():
        if item.is_public and item.published_at:
            acts.append(hours.Act("item", item.published_at))
    for c in event.conferences.all():
        acts.append(hours.Act("conference", c.held_at))
    return acts


def refresh_clocks(event, now=None) -> list[EventClock]:
    """Recompute and record the event's clocks (call inside the change's transaction)."""
    now = now or dates.now()
    computed = hours.clocks(
        event.level, dates.local(event.learnt_at), acts_of(event), dates.local(now), clock_table()
    )
    keep = []
    for c in computed:
        late = c.lateness
        row, _ = EventClock.objects.update_or_create(
            event=event,
            kind=c.kind,
            defaults={
                "hours": c.hours,
                "deadline": c.deadline,
                "stopped_at": c.stopped_at,
                "state": c.state,
                "lateness_minutes": int(late.total_seconds() // 60) if late else 0,
            },
        )
        keep.append(row.pk)
    EventClock.objects.filter(event=event).exclude(pk__in=keep).delete()
    return list(event.clocks.all())


def parse_moment(value) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return dates.local(value)
    s = str(value or "").strip().replace("T", " ")
    for fmt in ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"):
        try:
            return dt.datetime.strptime(s, fmt).replace(tzinfo=dates.GOV_TZ)
        except ValueError:
            continue
    return None


def do_create_event(
    actor, organisation, *, title, description, level, learnt_at, misleading_claim=""
):
    errors = {}
    title, errors["title"] = _text(title, "事件名称", 200)
    description, errors["description"] = _text(description, "事件概况", 5000)
    misleading_claim, errors["misleading_claim"] = _text(
        misleading_claim, "不实信息", 2000, required=False
    )
    if level not in dict(hours.LEVELS) or level not in clock_table():
        errors["level"] = E_LEVEL
    moment = parse_moment(learnt_at)
    if moment is None:
        errors["learnt_at"] = E_LEARNT
    elif moment > dates.now() + dt.timedelta(minutes=1):
        errors["learnt_at"] = E_FUTURE
    if organisation is None:
        errors["organisation"] = E_ORG
    if any(errors.values()):
        raise Invalid(errors=errors)
    with change(actor, "edit", organisation) as ch:
        event = ResponseEvent.objects.create(
            title=title,
            description=description,
            level=level,
            learnt_at=moment,
            organisation=organisation,
            misleading_claim=misleading_claim,
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        refresh_clocks(event)
        ch.audit(event, "create", reason=f"获知舆情（{event.get_level_display()}）")
        from gongkai.accounts.permissions import users_with

        ch.notify(
            "response.event",
            to=users_with("edit", organisation),
            subject=f"舆情回应计时开始：{title}",
            url=event_url(event),
        )
    return event


def event_url(event) -> str:
    from django.urls import reverse

    return reverse("responses:staff_event", args=[event.pk])


def do_record_statement(actor, event, *, text, published_at=None, channel=""):
    text, err = _text(text, "回应内容", 5000)
    channel, err2 = _text(channel, "发布渠道", 100, required=False)
    moment = parse_moment(published_at) if published_at else dates.now()
    errors = {"text": err, "channel": err2}
    if moment is None:
        errors["published_at"] = E_LEARNT
    elif moment < event.learnt_at or moment > dates.now() + dt.timedelta(minutes=1):
        errors["published_at"] = E_BEFORE
    if any(errors.values()):
        raise Invalid(errors=errors)
    with change(actor, "edit", event.organisation) as ch:
        st = Statement.objects.create(
            event=event,
            text=text,
            channel=channel,
            published_at=moment,
            by=actor if getattr(actor, "pk", None) else None,
        )
        refresh_clocks(event)
        ch.audit(event, "change", changes={"statement": st.pk}, reason="发布回应")
    return st


def do_link_item(actor, event, item):
    """Link a catalog item (a draft too): its publication stops the event's clocks."""
    if item.state == "withdrawn":
        raise Invalid(E_NOT_PUBLIC)
    with change(actor, "edit", event.organisation) as ch:
        event.items.add(item)
        refresh_clocks(event)
        ch.audit(event, "change", changes={"item": item.pk}, reason="关联发布信息")
    return event


def on_item_published(sender, item, **kwargs):
    """catalog.signals.item_published: an item staff linked to an event stops its clocks."""
    if kwargs.get("in_batch"):
        return  # on_items_published takes the batch
    _item_published(item)


def on_items_published(sender, items=(), **kwargs):
    """The batch form (``catalog.signals.items_published``): one query finds the linked items."""
    linked = set(
        ResponseEvent.items.through.objects.filter(item_id__in=[i.pk for i in items]).values_list(
            "item_id", flat=True
        )
    )
    for item in items:
        if item.pk in linked:
            _item_published(item)


def _item_published(item):
    for event in ResponseEvent.objects.filter(items=item):
        with change(SYSTEM("response clocks"), None) as ch:
            refresh_clocks(event)
            ch.audit(event, "change", changes={"item": item.pk}, reason="关联信息已发布")


def run_job(now: dt.datetime) -> str:
    """Record clocks that ran out (scheduled job ``response_clocks``)."""
    n = 0
    running = ResponseEvent.objects.filter(clocks__state=EventClock.RUNNING).distinct()
    for event in running:
        with change(SYSTEM("response clocks"), None) as ch:
            before = {c.kind: c.state for c in event.clocks.all()}
            rows = refresh_clocks(event, now)
            for c in rows:
                if before.get(c.kind) == EventClock.RUNNING and c.state == EventClock.OVERDUE:
                    n += 1
                    ch.audit(
                        event,
                        "transition",
                        from_state="running",
                        to_state="overdue",
                        reason=f"{c.get_kind_display()}超时",
                    )
    return f"{n} response clocks ran out"

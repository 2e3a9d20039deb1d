"""Scheduled jobs: states, reminders, report requests."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from gongkai.accounts import permissions
from gongkai.core.actions import change
from gongkai.core.actors import SYSTEM
from gongkai.rules import dates
from gongkai.workcal.services import get_calendar

from .. import services
from ..models import (
    ObligationInstance,
    Plan,
    ProgressReport,
    Reminder,
)


def refresh_states(now: dt.datetime | None = None) -> str:
    """Recompute instance states (upcoming → due soon → missed)."""
    now = now or dates.now()
    today = dates.local(now).date()
    changed = 0
    qs = ObligationInstance.objects.exclude(
        state__in=("on_time", "late", "ongoing")
    ).select_related("obligation")
    for inst in qs:
        new = services.instance_state(inst, today, now)
        if new != inst.state:
            with change(SYSTEM("plans refresh_states")) as ch:
                old = inst.state
                inst.state = new
                inst.save(update_fields=["state"])
                ch.audit(inst, "state", from_state=old, to_state=new, reason="到期状态更新")
            changed += 1
    return f"{changed} obligation instance(s) changed state"


def send_reminders(now: dt.datetime | None = None) -> str:
    """One reminder per instance, organisation and kind (due soon, overdue)."""
    now = now or dates.now()
    today = dates.local(now).date()
    sent = 0
    qs = ObligationInstance.objects.filter(state__in=("due_soon", "missed")).prefetch_related(
        "obligation__responsible"
    )
    for inst in qs:
        kind = "due_soon" if inst.state == "due_soon" else "overdue"
        for org in inst.obligation.responsible.all():
            if Reminder.objects.filter(instance=inst, organisation=org, kind=kind).exists():
                continue
            with change(SYSTEM("plans reminders")) as ch:
                r = Reminder.objects.create(
                    instance=inst, organisation=org, kind=kind, sent_on=today
                )
                inst.reminded_on = today
                inst.save(update_fields=["reminded_on"])
                ch.audit(
                    r, "create", reason=f"提醒{org.short_name}：{inst}（{r.get_kind_display()}）"
                )
                _tell(ch, org, inst, kind)
            sent += 1
    return f"{sent} reminder(s) sent"


def _tell(ch, org, inst, kind) -> None:
    """Notify the organisation's own staff who may act on it (工作台, mail where configured)."""
    word = "即将到期" if kind == "due_soon" else "已逾期"
    ch.notify(
        f"plans.{kind}",
        to=permissions.users_with("edit", org).filter(grants__organisation=org),
        subject=f"【政务公开】{word}：{inst}",
        body=f"{org.name}：工作要点任务“{inst.obligation.task}”的时限要求"
        f"“{inst.obligation.describe()}”（{inst.label}）{word}，到期日 {inst.due_display}。",
        url=reverse("plans:obligation", args=[inst.obligation_id]),
    )


def request_reports(now: dt.datetime | None = None) -> str:
    """After each quarter, ask every lead unit of every task of the current plans for a report."""
    now = now or dates.now()
    today = dates.local(now).date()
    q = (today.month - 1) // 3  # the quarter that ended most recently is q (0 = Q4 of last year)
    year = today.year if q else today.year - 1
    quarter = q or 4
    period = f"{year}年第{'一二三四'[quarter - 1]}季度"
    due = get_calendar().add_workdays(today.replace(day=1), 10).date
    made = 0
    for plan in Plan.objects.filter(year=year):
        for task in plan.tasks.prefetch_related("units__organisation", "units__group__members"):
            orgs = {
                o
                for u in task.units.all()
                for o in (
                    [u.organisation]
                    if u.organisation
                    else list(u.group.members.all())
                    if u.group
                    else []
                )
            }
            for org in orgs:
                if ProgressReport.objects.filter(
                    task=task, organisation=org, period=period
                ).exists():
                    continue
                with change(SYSTEM("plans request_reports")) as ch:
                    rep = ProgressReport.objects.create(
                        task=task, organisation=org, period=period, state="requested", due_date=due
                    )
                    ch.audit(rep, "request", to_state="requested", reason=f"请报送{period}进展")
                made += 1
    return f"{made} progress report(s) requested for {period}"


# -- rollover and assessment ---------------------------------------------------------------------------

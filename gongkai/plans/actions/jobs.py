"""Scheduled jobs: states, reminders, report requests."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from gongkai.audit.actions import record
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
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    changed = 0
    qs = ObligationInstance.objects.exclude(
        state__in=("on_time", "late", "ongoing")
    ).select_related("obligation")
    for inst in qs:
        new = services.instance_state(inst, today, now)
        if new != inst.state:
            with transaction.atomic():
                old = inst.state
                inst.state = new
                inst.save(update_fields=["state"])
                record(inst, "state", from_state=old, to_state=new, reason="到期状态更新")
            changed += 1
    return f"{changed} obligation instance(s) changed state"


def send_reminders(now: dt.datetime | None = None) -> str:
    """One reminder per instance, organisation and kind (due soon, overdue)."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    sent = 0
    qs = ObligationInstance.objects.filter(state__in=("due_soon", "missed")).prefetch_related(
        "obligation__responsible"
    )
    for inst in qs:
        kind = "due_soon" if inst.state == "due_soon" else "overdue"
        for org in inst.obligation.responsible.all():
            if Reminder.objects.filter(instance=inst, organisation=org, kind=kind).exists():
                continue
            with transaction.atomic():
                r = Reminder.objects.create(
                    instance=inst, organisation=org, kind=kind, sent_on=today
                )
                inst.reminded_on = today
                inst.save(update_fields=["reminded_on"])
                record(
                    r, "create", reason=f"提醒{org.short_name}：{inst}（{r.get_kind_display()}）"
                )
            _email(org, inst, kind)
            sent += 1
    return f"{sent} reminder(s) sent"


def _email(org, inst, kind) -> None:
    from django.core.mail import send_mail

    from gongkai.accounts.models import RoleGrant

    emails = sorted(
        {
            g.user.email
            for g in RoleGrant.objects.filter(organisation=org).select_related("user")
            if g.user.email and g.user.is_active
        }
    )
    if not emails:
        return
    word = "即将到期" if kind == "due_soon" else "已逾期"
    send_mail(
        f"【政务公开】{word}：{inst}",
        f"{org.name}：工作要点任务“{inst.obligation.task}”的时限要求“{inst.obligation.describe()}”"
        f"（{inst.label}）{word}，到期日 {inst.due_display}。",
        None,
        emails,
        fail_silently=True,
    )


def request_reports(now: dt.datetime | None = None) -> str:
    """After each quarter, ask every lead unit of every task of the current plans for a report."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
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
                with transaction.atomic():
                    rep = ProgressReport.objects.create(
                        task=task, organisation=org, period=period, state="requested", due_date=due
                    )
                    record(rep, "request", to_state="requested", reason=f"请报送{period}进展")
                made += 1
    return f"{made} progress report(s) requested for {period}"


# -- rollover and assessment ---------------------------------------------------------------------------

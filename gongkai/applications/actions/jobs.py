"""The daily job: due dates, reminders, expired corrections."""

from __future__ import annotations

import datetime as dt

from gongkai.core.actions import change
from gongkai.core.actors import SYSTEM
from gongkai.rules import dates
from gongkai.workcal.services import get_calendar

from .. import services
from ..models import (
    Application,
)
from .common import tell
from .decisions import close_expired


def refresh_due_dates(on: dt.date | None = None) -> int:
    """Recompute cached due dates of open applications (calendar updates, stops running out)."""
    n = 0
    cal = get_calendar()
    for app in Application.objects.filter(state__in=Application.OPEN_STATES).prefetch_related(
        "consultations"
    ):
        result = services.clock_of(app, on, cal)
        if (result.due, result.provisional) != (app.due_on, app.due_provisional):
            app.due_on, app.due_provisional = result.due, result.provisional
            app.save(update_fields=["due_on", "due_provisional"])
            n += 1
    return n


def send_reminders(on: dt.date | None = None) -> tuple[int, int]:
    """Remind handlers of applications due soon or overdue, at most once a day per kind."""
    on = on or dates.today()
    soon, overdue = services.due_soon_and_overdue(Application.objects.all(), on)
    counts = [0, 0]
    for i, (qs, kind) in enumerate(((soon, "soon"), (overdue, "overdue"))):
        key = f"{kind}:{on.isoformat()}"
        for app in qs.exclude(last_reminder=key):
            with change(SYSTEM("applications reminders")) as ch:
                app.last_reminder = key
                app.save(update_fields=["last_reminder"])
                text = "即将到期" if kind == "soon" else "已超期"
                ch.audit(app, "remind", reason=f"{text}：答复期限{app.due_label}")
                tell(ch, app, "reminder", f"{text}，答复期限{app.due_label}")
            counts[i] += 1
    return counts[0], counts[1]


def run_job(now: dt.datetime) -> str:
    """The scheduled job: close expired windows, refresh due dates, send reminders."""
    on = dates.local(now).date()
    closed = close_expired(on)
    refreshed = refresh_due_dates(on)
    soon, overdue = send_reminders(on)
    return (
        f"closed {len(closed)} expired, refreshed {refreshed} due date(s), "
        f"reminded {soon} due soon and {overdue} overdue"
    )

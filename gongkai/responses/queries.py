"""Read-only questions other apps ask (the annual report, the assessment)."""

from __future__ import annotations

from .models import EventClock, PressConference


def press_conference_count(org_ids: set[int] | None, year: int) -> int:
    """Press conferences and policy briefings held in ``year`` by the organisations (None: all)."""
    qs = PressConference.objects.filter(held_at__year=year)
    if org_ids is not None:
        qs = qs.filter(host_id__in=org_ids)
    return qs.count()


def missed_clocks(org_ids: set[int] | None, year: int) -> list[EventClock]:
    """Clocks of events learnt of in ``year`` that were missed (late or still overdue)."""
    qs = EventClock.objects.filter(
        event__learnt_at__year=year, state__in=(EventClock.LATE, EventClock.OVERDUE)
    ).select_related("event", "event__organisation")
    if org_ids is not None:
        qs = qs.filter(event__organisation_id__in=org_ids)
    return list(qs)

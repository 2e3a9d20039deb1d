"""The 舆情回应按时率 criterion of the plans' assessment: response clocks of events learnt of in the
year that were met, out of all clocks that have come due."""


def response_timeliness(org, year, as_of):
    from .models import EventClock

    clocks = EventClock.objects.filter(
        event__learnt_at__year=year, event__organisation_id__in=org.descendant_ids()
    ).exclude(state=EventClock.RUNNING)
    total = clocks.count()
    if not total:
        return None
    missed = clocks.filter(state__in=(EventClock.LATE, EventClock.OVERDUE)).count()
    return (total - missed) / total

"""The 依申请公开按期答复率 criterion of the plans' assessment: applications of the organisation
(and its subtree) closed in the year on or before their due date, out of all closed that year."""


def application_timeliness(org, year, as_of):
    from django.db.models import F, Q

    from .models import Application

    closed = Application.objects.filter(
        organisation_id__in=org.descendant_ids(), closed_on__year=year, closed_on__lte=as_of
    )
    total = closed.count()
    if not total:
        return None
    on_time = closed.filter(Q(due_on__isnull=True) | Q(closed_on__lte=F("due_on"))).count()
    return on_time / total

"""Read side of remedy cases: the windows of an application's reply, table 四 facts."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from gongkai.rules.annualreport import tables
from gongkai.rules.annualreport.windows import Windows, windows

from .models import RemedyCase


def after_review_days() -> int:
    return int(getattr(settings, "GONGKAI_REMEDY_AFTER_REVIEW_DAYS", 15))


def windows_for(app) -> Windows | None:
    """The windows of the reply (from the day it was made) or of the failure to reply (from the
    end of the reply period); None while the reply period is still running."""
    from gongkai.applications.services import remedy_for

    start = app.closed_on
    if start is None:
        start = app.due_on
        if start is None:
            return None
    remedy = remedy_for(app.organisation)
    return windows(start, remedy.review_days, remedy.litigation_months)


def facts(org_ids, year: int) -> list[tables.RemedyFact]:
    """Cases filed in ``year`` against the organisations, with their result as at 31 December."""
    end = dt.date(year, 12, 31)
    out = []
    for kind, result, decided_on in RemedyCase.objects.filter(
        organisation_id__in=list(org_ids), filed_on__year=year
    ).values_list("kind", "result", "decided_on"):
        if result != "pending" and (decided_on is None or decided_on > end):
            result = "pending"
        out.append(tables.RemedyFact(kind, result))
    return out


def table_four(org_ids, year: int) -> dict:
    return tables.table_four(facts(org_ids, year))

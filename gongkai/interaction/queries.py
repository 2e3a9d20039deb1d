"""Read-only questions other apps ask about messages (the site-health monitor, the annual report).

``unanswered_valid_messages`` and ``approaching_ceiling`` are the interface of the site-health
monitor (the national indicators veto a site where a valid message has gone unanswered for more
than 3 months). "Valid" excludes spam, duplicates, 信访 matters referred elsewhere and messages
converted into information applications; "unanswered" means no reply has been sent (a reply is
sent when its review approves it; publishing comes after that).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse

from .models import Message


@dataclass(frozen=True)
class UnansweredMessage:
    id: int
    org_id: int
    org_name: str
    subject: str
    received_on: dt.date
    days_open: int
    deadline_on: dt.date  # received_on + the ceiling
    staff_url: str


def _open_valid(org_ids: set[int] | None, as_of: dt.date):
    qs = (
        Message.objects.valid()
        .unanswered()
        .filter(received_on__lte=as_of)
        .select_related("organisation")
    )
    if org_ids is not None:
        qs = qs.filter(organisation_id__in=org_ids)
    return qs.order_by("received_on", "pk")


def _row(m: Message, as_of: dt.date, ceiling_days: int) -> UnansweredMessage:
    return UnansweredMessage(
        id=m.pk,
        org_id=m.organisation_id,
        org_name=m.organisation.name,
        subject=m.subject,
        received_on=m.received_on,
        days_open=(as_of - m.received_on).days,
        deadline_on=m.received_on + dt.timedelta(days=ceiling_days),
        staff_url=reverse("interaction:staff_detail", args=[m.pk]),
    )


def unanswered_valid_messages(
    org_ids: set[int] | None,
    as_of: dt.date,
    *,
    older_than_days: int = 90,
    within_past_days: int = 365,
) -> list[UnansweredMessage]:
    """Valid messages received in the last ``within_past_days`` days and still unanswered more
    than ``older_than_days`` days after receipt (``org_ids`` None: every organisation)."""
    qs = _open_valid(org_ids, as_of).filter(
        received_on__gte=as_of - dt.timedelta(days=within_past_days),
        received_on__lt=as_of - dt.timedelta(days=older_than_days),
    )
    return [_row(m, as_of, older_than_days) for m in qs]


def approaching_ceiling(
    org_ids: set[int] | None,
    as_of: dt.date,
    *,
    within_days: int = 7,
    ceiling_days: int = 90,
) -> list[UnansweredMessage]:
    """Valid unanswered messages whose ceiling (receipt + ``ceiling_days``) falls within the next
    ``within_days`` days, today included (not yet past it)."""
    qs = _open_valid(org_ids, as_of).filter(
        received_on__gte=as_of - dt.timedelta(days=ceiling_days),
        received_on__lte=as_of - dt.timedelta(days=ceiling_days - within_days),
    )
    return [_row(m, as_of, ceiling_days) for m in qs]

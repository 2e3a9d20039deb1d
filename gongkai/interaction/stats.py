"""Monthly statistics per organisation: received, answered, on time, average days, satisfaction.

Counted by the month of receipt over messages that count (valid ones and 信访 matters answered
with the referral; spam, duplicates and those converted into applications are left out), so
every part is a part of "received".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .models import Message

COUNTED = (Message.VALID, Message.XINFANG)


@dataclass
class MonthRow:
    org_id: int
    org_name: str
    year: int
    month: int
    received: int = 0
    answered: int = 0
    on_time: int = 0
    total_days: int = 0
    rated: int = 0
    satisfied: int = 0  # 满意 or 基本满意

    @property
    def average_days(self) -> float | None:
        return round(self.total_days / self.answered, 1) if self.answered else None

    @property
    def satisfaction_rate(self) -> float | None:
        return round(100 * self.satisfied / self.rated, 1) if self.rated else None

    @property
    def on_time_rate(self) -> float | None:
        return round(100 * self.on_time / self.answered, 1) if self.answered else None

    def as_dict(self) -> dict:
        return {
            "year": self.year,
            "month": self.month,
            "received": self.received,
            "answered": self.answered,
            "on_time": self.on_time,
            "average_days": self.average_days,
            "rated": self.rated,
            "satisfied": self.satisfied,
            "satisfaction_rate": self.satisfaction_rate,
        }


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    start = dt.date(year, month, 1)
    end = dt.date(year + (month == 12), month % 12 + 1, 1)
    return start, end


def monthly(org_ids: set[int] | None, year: int, month: int | None = None) -> list[MonthRow]:
    """One row per (organisation, month) of ``year`` (or only ``month``) with messages."""
    if month:
        start, end = month_bounds(year, month)
    else:
        start, end = dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
    qs = Message.objects.filter(
        validity__in=COUNTED, received_on__gte=start, received_on__lt=end
    ).select_related("organisation")
    if org_ids is not None:
        qs = qs.filter(organisation_id__in=org_ids)
    rows: dict[tuple, MonthRow] = {}
    for m in qs.only(
        "organisation__name",
        "received_on",
        "first_answered_on",
        "first_due_on",
        "due_on",
        "satisfaction",
    ):
        key = (m.organisation_id, m.received_on.year, m.received_on.month)
        r = rows.get(key)
        if r is None:
            r = rows[key] = MonthRow(m.organisation_id, m.organisation.name, *key[1:])
        r.received += 1
        if m.first_answered_on:
            r.answered += 1
            r.total_days += (m.first_answered_on - m.received_on).days
            due = m.first_due_on or m.due_on
            if due and m.first_answered_on <= due:
                r.on_time += 1
        if m.satisfaction:
            r.rated += 1
            if m.satisfaction in ("satisfied", "basic"):
                r.satisfied += 1
    return sorted(rows.values(), key=lambda r: (r.org_name, r.year, r.month))


def total(rows: list[MonthRow]) -> MonthRow:
    t = MonthRow(0, "合计", 0, 0)
    for r in rows:
        for f in ("received", "answered", "on_time", "total_days", "rated", "satisfied"):
            setattr(t, f, getattr(t, f) + getattr(r, f))
    return t

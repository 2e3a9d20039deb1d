"""Remedy windows of a reply (domain.md section 3): 行政复议 within 60 days (《行政复议法》 Art. 20),
行政诉讼 within 6 months (《行政诉讼法》 Art. 46; *unverified* for this use, configurable), and after
a review decision 15 days (Art. 45, configurable). Counted in calendar days / months from the day
the reply was made (the platform does not know the day it was received, so the window shown is the
earliest possible end) or, for a failure to reply, from the end of the reply period.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass


def add_months(day: dt.date, months: int) -> dt.date:
    m = day.month - 1 + months
    year, month = day.year + m // 12, m % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Windows:
    start: dt.date
    review_until: dt.date
    litigation_until: dt.date
    review_days: int
    litigation_months: int

    def until(self, kind: str, review_decided_on: dt.date | None = None, after_days: int = 15):
        if kind == "review":
            return self.review_until
        if kind == "litigation_after_review" and review_decided_on is not None:
            return review_decided_on + dt.timedelta(days=after_days)
        return self.litigation_until


def windows(start: dt.date, review_days: int = 60, litigation_months: int = 6) -> Windows:
    return Windows(
        start,
        start + dt.timedelta(days=review_days),
        add_months(start, litigation_months),
        review_days,
        litigation_months,
    )

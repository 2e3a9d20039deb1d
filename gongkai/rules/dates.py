"""Government time: the one ``now()`` and ``today()`` of gongkai, and Chinese date labels.

Government days are Asia/Shanghai days whatever the server's clock says: a server whose clock
runs in UTC is 8 hours behind, so ``datetime.date.today()`` would be yesterday from 00:00 to
08:00 Beijing time. Every module asks this one for the date and time (``dt.date.today()`` and
naive ``dt.datetime.now()`` appear nowhere else in gongkai).

Tests move the clock by replacing ``_utcnow``.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

GOV_TZ = ZoneInfo("Asia/Shanghai")


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def now() -> dt.datetime:
    """The current moment, aware, in Asia/Shanghai."""
    return _utcnow().astimezone(GOV_TZ)


def today() -> dt.date:
    """Today's date in Asia/Shanghai."""
    return now().date()


def local(moment: dt.datetime) -> dt.datetime:
    """``moment`` in Asia/Shanghai (a naive value is taken as already local)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=GOV_TZ)
    return moment.astimezone(GOV_TZ)


def zh_date(value: dt.date | dt.datetime | None, empty: str = "—") -> str:
    """2026年12月1日 (no leading zeros, as official documents write dates)."""
    if value is None or value == "":
        return empty
    if isinstance(value, dt.datetime):
        value = local(value).date()
    return f"{value.year}年{value.month}月{value.day}日"


def zh_datetime(value: dt.datetime | None, empty: str = "—") -> str:
    """2026年12月1日 08:30 in Asia/Shanghai."""
    if value is None:
        return empty
    value = local(value)
    return f"{zh_date(value)} {value:%H:%M}"


def zh_month(year: int, month: int) -> str:
    return f"{year}年{month}月"


def iso(value: dt.date | dt.datetime | None) -> str | None:
    """ISO 8601 for the API (datetimes in Asia/Shanghai with their offset)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return local(value).isoformat()
    return value.isoformat()

"""Forged publication dates: the date an item shows against the audit log's publication entry.

The audit log is append-only (database triggers), so its publication entry is the proof of
when an item really went out. An item is a finding when

* it is public but the log has no publication entry;
* the publication time the entry recorded differs from what the item shows now (changed later);
* it went through the workflow and the day it shows differs from the day of the entry (Asia/
  Shanghai days); an import (published directly with a back-dated time, recorded as such) may
  show an earlier day, never a later day than the day it was recorded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from .checks import Finding
from .indicators import FORGED_DATE

TZ = ZoneInfo("Asia/Shanghai")
TOLERANCE = dt.timedelta(minutes=1)


@dataclass(frozen=True)
class PublicationFacts:
    id: int
    title: str
    shown: dt.datetime  # Item.published_at
    logged_at: dt.datetime | None  # when the publication entry was written
    logged_value: dt.datetime | None  # the published_at the entry recorded
    imported: bool  # published directly (demo loader, import), not through review
    url: str = ""


def _day(moment: dt.datetime) -> dt.date:
    return moment.astimezone(TZ).date() if moment.tzinfo else moment.date()


def _zh(moment: dt.datetime) -> str:
    local = moment.astimezone(TZ) if moment.tzinfo else moment
    return f"{local.year}年{local.month}月{local.day}日 {local:%H:%M}"


def check_item(p: PublicationFacts) -> Finding | None:
    def finding(detail: str) -> Finding:
        return Finding(
            FORGED_DATE, f"信息：{p.title}", _day(p.shown), detail, "item", str(p.id), p.url
        )

    if p.logged_at is None:
        return finding(f"显示发布时间{_zh(p.shown)}，审计日志中没有该信息的发布记录。")
    if p.logged_value is not None and abs(p.shown - p.logged_value) > TOLERANCE:
        return finding(
            f"显示发布时间{_zh(p.shown)}，发布时审计日志记录的发布时间为{_zh(p.logged_value)}，"
            "发布后被改动。"
        )
    if p.imported:
        if _day(p.shown) > _day(p.logged_at):
            return finding(f"显示发布日期{_zh(p.shown)}晚于导入记录时间{_zh(p.logged_at)}。")
        return None
    if _day(p.shown) != _day(p.logged_at):
        return finding(f"显示发布时间{_zh(p.shown)}，审计日志记录的发布时间为{_zh(p.logged_at)}。")
    return None


def check_items(items: list[PublicationFacts]) -> list[Finding]:
    return [f for f in (check_item(p) for p in items) if f is not None]

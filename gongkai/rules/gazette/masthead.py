"""The masthead of an issue: 《聊城市人民政府公报》2026年第5期（总第123期），出版日期."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .text import find_dates, fold, squeeze_cjk

_NAME = re.compile(r"([\u4e00-\u9fff]{2,20}?(?:人民政府|政府)公报)")
_NUMBER = re.compile(r"(\d{4})\s*年\s*第\s*(\d{1,3})\s*期")
_TOTAL = re.compile(r"总\s*第\s*(\d{1,5})\s*期")
_PUBLISHED = re.compile(
    r"(?:出版日期|出版时间|发行日期)\s*[:：]?\s*(.{6,20}?日)|(.{6,20}?日)\s*出版"
)
_FILENAME = re.compile(r"(\d{4})\D{0,3}?(?:第)?(\d{1,2})(?:期)?(?!\d)")


@dataclass
class Masthead:
    name: str = ""
    year: int | None = None
    number: int | None = None
    total: int | None = None
    published_on: dt.date | None = None

    @property
    def complete(self) -> bool:
        return self.year is not None and self.number is not None

    def label(self) -> str:
        total = f"（总第{self.total}期）" if self.total else ""
        return f"{self.year}年第{self.number}期{total}"


def parse_masthead(text: str, filename: str = "") -> Masthead:
    """Read name, year, number, total number and date from the cover (first page) text.

    The year and number may also come from a file name such as ``2026-05.pdf`` or
    ``2026年第5期.pdf`` when the cover does not carry them (a scan of a damaged cover).
    """
    s = squeeze_cjk(fold(text or ""))
    m = Masthead()
    if name := _NAME.search(s):
        m.name = name.group(1)
    if num := _NUMBER.search(s):
        m.year, m.number = int(num.group(1)), int(num.group(2))
    elif filename and (fm := _FILENAME.search(fold(filename))):
        year, number = int(fm.group(1)), int(fm.group(2))
        if 1949 <= year <= 2100 and 1 <= number <= 99:
            m.year, m.number = year, number
    if total := _TOTAL.search(s):
        m.total = int(total.group(1))
    if pub := _PUBLISHED.search(s):
        dates = find_dates(pub.group(1) or pub.group(2))
        if dates:
            m.published_on = dates[-1]
    if m.published_on is None:
        dates = [d for d in find_dates(s[:400]) if m.year is None or d.year == m.year]
        if dates:
            m.published_on = dates[0]
    return m

"""Splitting a whole issue into its articles by the 目录.

``split_issue(pages)`` takes the text of every page (PDF pages in order; a .txt/.docx issue is
one "page" or pages separated by form feeds) and returns the masthead, the 目录 entries and one
``ArticleSplit`` per entry: its text, printed page range, 成文日期 and issuing body as written.
An article is ``certain`` only when its title was found in the body on the page the 目录 gives;
every doubt is written into ``problems`` so that the importer sends it to proofreading.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .masthead import Masthead, parse_masthead
from .text import find_dates, fold, squeeze_cjk
from .toc import OTHER, TocEntry, find_toc

_FOLIO = re.compile(r"^[\s\-—–－·•]*\d{1,4}[\s\-—–－·•]*$")
_ISSUER = re.compile(r"^(?P<issuer>[\u4e00-\u9fff]{2,30}?)(?:关于|印发|转发)")
_SKIP = re.compile(r"\s+")


@dataclass
class ArticleSplit:
    title: str
    doc_number: str = ""
    section: str = ""
    kind: str = OTHER
    page_start: int | None = None
    page_end: int | None = None
    text: str = ""
    signed_on: dt.date | None = None
    issuer_hint: str = ""
    certain: bool = True
    problems: list[str] = field(default_factory=list)


@dataclass
class IssueSplit:
    masthead: Masthead
    entries: list[TocEntry]
    articles: list[ArticleSplit]
    problems: list[str] = field(default_factory=list)
    page_offset: int = 0  # PDF page index = printed page number + offset


def _clean_page(text: str, running: set[str]) -> str:
    """A body page without its folio (— 3 —) and running head (公报名称 / 2026年第5期)."""
    lines = (text or "").splitlines()
    while lines and (
        not lines[0].strip() or _FOLIO.match(fold(lines[0])) or _running(lines[0], running)
    ):
        lines.pop(0)
    while lines and (not lines[-1].strip() or _FOLIO.match(fold(lines[-1]))):
        lines.pop()
    return "\n".join(squeeze_cjk(line) for line in lines)


def _running(line: str, running: set[str]) -> bool:
    key = _SKIP.sub("", fold(line))
    if not key:
        return False
    rest = key
    for r in sorted(running, key=len, reverse=True):
        rest = rest.replace(r, "")
    return len(rest) < len(key) and len(rest) <= 4


class _Body:
    """The body pages as one string, a whitespace-free skeleton of it, and page positions."""

    def __init__(self, pages: list[str], first_index: int):
        parts: list[str] = []
        self.page_starts: list[tuple[int, int]] = []  # (offset in text, pdf page index)
        size = 0
        for n, page in enumerate(pages):
            self.page_starts.append((size, first_index + n))
            parts.append(page + "\n")
            size += len(page) + 1
        self.text = "".join(parts)
        # NFKC may change lengths ("…" → "..."); map skeleton positions to text positions
        chars: list[str] = []
        self.positions: list[int] = []
        for i, ch in enumerate(self.text):
            for c in fold(ch):
                if not c.isspace():
                    chars.append(c)
                    self.positions.append(i)
        self.skeleton = "".join(chars)

    def find(self, title: str, start: int) -> int | None:
        key = _SKIP.sub("", fold(title))
        if not key:
            return None
        at = self.skeleton.find(key, start)
        return None if at < 0 else at

    def text_pos(self, skel: int) -> int:
        if skel >= len(self.positions):
            return len(self.text)
        return self.positions[skel]

    def page_at(self, pos: int) -> int:
        index = self.page_starts[0][1] if self.page_starts else 0
        for offset, page in self.page_starts:
            if offset <= pos:
                index = page
        return index


def _issuer_hint(title: str, text: str) -> str:
    if m := _ISSUER.match(title):
        return m.group("issuer")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for n in range(len(lines) - 1, 0, -1):
        if find_dates(lines[n]) and not find_dates(lines[n - 1]) and len(lines[n - 1]) <= 30:
            return lines[n - 1]
    return ""


def split_issue(pages: list[str], filename: str = "") -> IssueSplit:
    masthead = parse_masthead("\n".join(pages[:2]) if pages else "", filename)
    toc = find_toc(pages)
    split = IssueSplit(masthead, toc.entries, [], list(toc.problems))
    if not masthead.complete:
        split.problems.append("未能识别年份和期号")
    first_body = (toc.last_page + 1) if toc.found else 0
    body_pages = list(pages[first_body:])
    if toc.found and toc.end_line + 1 < len(pages[toc.last_page].splitlines()):
        rest = "\n".join(pages[toc.last_page].splitlines()[toc.end_line + 1 :])
        if rest.strip() and (first_body >= len(pages) or len(rest.strip()) > 200):
            first_body = toc.last_page  # a .txt issue: the body follows the 目录 on its page
            body_pages = [rest] + body_pages
    running = {r for r in (masthead.name, masthead.label() if masthead.complete else "") if r}
    running = {_SKIP.sub("", fold(r)) for r in running}
    body = _Body([_clean_page(p, running) for p in body_pages], first_body)
    if not toc.entries:
        text = body.text.strip()
        split.articles.append(
            ArticleSplit(
                title="（未能拆分的整期内容）",
                text=text,
                certain=False,
                problems=["未找到目录，整期作为一篇待校对"],
            )
        )
        return split
    # locate each title in order, then cut the body at the titles
    starts: list[int | None] = []
    cursor = 0
    for entry in toc.entries:
        at = body.find(entry.title, cursor)
        starts.append(at)
        if at is not None:
            cursor = at + 1
    paged = len(pages) > 1
    found = [
        (e, s)
        for e, s in zip(toc.entries, starts, strict=True)
        if s is not None and e.page is not None
    ]
    if paged and found:
        entry, at = found[0]
        split.page_offset = body.page_at(body.text_pos(at)) - entry.page
    for n, (entry, at) in enumerate(zip(toc.entries, starts, strict=True)):
        art = ArticleSplit(entry.title, entry.doc_number, entry.section, entry.kind, entry.page)
        if at is None:
            art.certain = False
            art.problems.append("正文中未找到该标题，需人工确定起止位置")
            art.page_end = entry.page
            split.articles.append(art)
            continue
        nxt = next((s for s in starts[n + 1 :] if s is not None), None)
        begin = body.text_pos(at + len(_SKIP.sub("", fold(entry.title))))
        end = body.text_pos(nxt) if nxt is not None else len(body.text)
        art.text = body.text[begin:end].strip()
        if paged:
            start_page = body.page_at(body.text_pos(at)) - split.page_offset
            end_page = (
                body.page_at(begin + len(body.text[begin:end].rstrip()) - 1) - split.page_offset
            )
            if entry.page is not None and start_page != entry.page:
                art.certain = False
                art.problems.append(f"目录标注第{entry.page}页，正文在第{start_page}页")
            art.page_start, art.page_end = start_page, max(start_page, end_page)
        else:
            following = next((e.page for e in toc.entries[n + 1 :] if e.page), None)
            art.page_end = max(entry.page or 0, (following or 0) - 1) or entry.page
        if entry.page is None:
            art.certain = False
            art.problems.append("目录条目没有页码")
        if not art.text:
            art.certain = False
            art.problems.append("正文为空")
        dates = find_dates(art.text[-200:])
        art.signed_on = dates[-1] if dates else None
        art.issuer_hint = _issuer_hint(entry.title, art.text)
        split.articles.append(art)
    return split

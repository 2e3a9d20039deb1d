"""The 目录 of an issue: entries with title, 文号, section and printed page number.

Real tables of contents are typeset with dotted leaders (……, ···, ．．．) before the page number,
group entries under section heads (【市政府文件】, 【人事任免】), and wrap long titles over two
or three lines, the 文号 often on a line of its own; OCR adds spaces between characters, turns
leaders into dots or dashes and mixes full- and half-width digits and brackets. This module
reads all of these.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gongkai.rules import docnumber

from .text import CJK, clean_title, fold, squeeze_cjk

REGULATION, NORMATIVE, APPOINTMENT, OTHER = "regulation", "normative", "appointment", "other"
KIND_LABELS = {
    REGULATION: "规章",
    NORMATIVE: "行政规范性文件",
    APPOINTMENT: "人事任免",
    OTHER: "其他",
}

_TOC_HEAD = re.compile(r"^\s*目\s*录\s*$")
_LEADER_CHARS = ".·•⋯_-—–─‥・"
# the body, then leaders (at least two leader characters, or a gap of spaces), then the page
_ENTRY = re.compile(
    r"^(?P<body>.*?)\s*(?:[" + re.escape(_LEADER_CHARS) + r"][\s" + re.escape(_LEADER_CHARS)
    + r"]+|\s{1,})\s*(?P<page>\d{1,4})\s*$"
)  # fmt: skip
_SECTION = re.compile(r"^\s*[【\[［〖]\s*(?P<name>[^】\]］〗]{2,16})\s*[】\]］〗]\s*$")
_BARE_SECTIONS = (
    "规章", "市政府文件", "市政府办公室文件", "县政府文件", "区政府文件", "政府文件",
    "政府办公室文件", "部门文件", "部门规范性文件", "行政规范性文件", "人事任免", "其他",
    "政策解读", "重要会议", "大事记",
)  # fmt: skip
_COLOPHON = re.compile(
    r"(主管|主办|编辑|出版|发行|地址|邮编|电话|印刷|刊号|定价|网址|内部资料)\s*[:：]"
)
_DOC_NUMBER = re.compile(
    r"[（(]\s*(?P<dn>[" + CJK + r"A-Za-z0-9·]{1,20}?\s*[〔\[［(（【]\s*\d{4}\s*[〕\]］)）】]\s*第?\s*\d{1,5}\s*号"
    r"|[" + CJK + r"]{0,20}令\s*第?\s*\d{1,5}\s*号)\s*[）)]\s*$"
)  # fmt: skip
_NOT_NORMATIVE = re.compile(r"批复|复函|函$|的函|通报|表彰|命名|任免|任职|免职|会议纪要|大事记")
_NORMATIVE_TITLE = re.compile(r"办法|规定|规则|细则|意见|方案|标准|措施|制度|规范|决定|通告")


@dataclass
class TocEntry:
    title: str
    doc_number: str = ""
    page: int | None = None
    section: str = ""
    kind: str = OTHER
    raw: str = ""


@dataclass
class Toc:
    entries: list[TocEntry] = field(default_factory=list)
    first_page: int | None = None  # index of the page holding 目录 (None: not found)
    last_page: int | None = None
    end_line: int = 0  # lines of ``last_page`` after this index are no longer the 目录
    problems: list[str] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return self.first_page is not None


def normalise_doc_number(value: str) -> str:
    value = re.sub(r"\s+", "", fold(value or ""))
    try:
        return docnumber.normalise(value)
    except docnumber.DocNumberError:
        return clean_title(value)


def kind_of(title: str, doc_number: str, section: str) -> str:
    """规章 / 行政规范性文件 / 人事任免 / 其他, from the section head, the 文号 and the title."""
    if "规章" in section or "令" in doc_number or "政府令" in title:
        return REGULATION
    if "人事" in section or re.search(r"任免|任职|免职|免去", title):
        return APPOINTMENT
    if _NOT_NORMATIVE.search(title):
        return OTHER
    if doc_number and ("规范性" in section or _NORMATIVE_TITLE.search(title)):
        return NORMATIVE
    return OTHER


def _section_of(line: str) -> str | None:
    if m := _SECTION.match(line):
        return clean_title(m.group("name"))
    bare = clean_title(line)
    return bare if bare in _BARE_SECTIONS else None


def parse_entry(text: str, page: int | None, section: str) -> TocEntry:
    raw = text
    title = clean_title(text)
    dn = ""
    if m := _DOC_NUMBER.search(title):
        dn = normalise_doc_number(m.group("dn"))
        title = title[: m.start()].rstrip(" 〈<《(（")
    return TocEntry(title, dn, page, section, kind_of(title, dn, section), raw)


def parse_toc_lines(lines: list[str]) -> tuple[list[TocEntry], list[str]]:
    """Entries of the lines after the 目录 head (wrapped titles joined, sections kept)."""
    entries: list[TocEntry] = []
    problems: list[str] = []
    buffer: list[str] = []
    section = ""

    def flush_without_page():
        if buffer:
            entry = parse_entry("".join(buffer), None, section)
            entries.append(entry)
            problems.append(f"目录条目“{entry.title}”没有页码")
            buffer.clear()

    for raw in lines:
        line = squeeze_cjk(fold(raw)).strip()
        if not line or _COLOPHON.search(line):
            continue
        if (name := _section_of(line)) is not None:
            flush_without_page()
            section = name
            continue
        m = _ENTRY.match(line)
        if m and (m.group("body").strip() or buffer):
            buffer.append(m.group("body").strip())
            entries.append(parse_entry("".join(buffer), int(m.group("page")), section))
            buffer.clear()
        else:
            buffer.append(line)
            # an entry ends with its 文号: OCR often loses the leaders and the page number
            if _DOC_NUMBER.search(clean_title("".join(buffer))):
                flush_without_page()
    flush_without_page()
    pages = [e.page for e in entries if e.page is not None]
    if any(b < a for a, b in zip(pages, pages[1:], strict=False)):
        problems.append("目录页码不是递增的")
    return entries, problems


def _is_toc_continuation(text: str) -> bool:
    hits = 0
    for raw in text.splitlines():
        line = fold(raw).strip()
        m = _ENTRY.match(line)
        if m and any(c in _LEADER_CHARS for c in line[len(m.group("body")) :]):
            hits += 1
    return hits >= 2


def find_toc(pages: list[str], search_pages: int = 4) -> Toc:
    """The 目录 in the first ``search_pages`` pages, continued on following pages of leaders."""
    toc = Toc()
    for i, text in enumerate(pages[:search_pages]):
        lines = text.splitlines()
        head = next((n for n, line in enumerate(lines) if _TOC_HEAD.match(fold(line))), None)
        if head is None:
            continue
        toc.first_page = toc.last_page = i
        body = lines[head + 1 :]
        offset = head + 1
        j = i + 1
        while j < len(pages) and _is_toc_continuation(pages[j]):
            body = pages[j].splitlines()
            toc.last_page, offset = j, 0
            j += 1
        # the 目录 ends at its last line with a page number (a .txt issue goes on with the body)
        last = max(
            (n for n, line in enumerate(body) if _ENTRY.match(fold(line).strip())),
            default=len(body) - 1,
        )
        toc.end_line = offset + last
        collected = []
        for k in range(i, toc.last_page + 1):
            page_lines = pages[k].splitlines()
            start = head + 1 if k == i else 0
            stop = toc.end_line + 1 if k == toc.last_page else len(page_lines)
            collected += page_lines[start:stop]
        body = collected
        toc.entries, toc.problems = parse_toc_lines(body)
        if not toc.entries:
            toc.problems.append("目录中没有识别出条目")
        return toc
    toc.problems.append("未找到目录")
    return toc

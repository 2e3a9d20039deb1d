"""Text layout: lines to paragraphs, page breaks undone, numbered headings."""

from __future__ import annotations

import datetime as dt
import re

from gongkai.rules.planparser.responsibility import find_responsibilities

# Terminal punctuation: a paragraph ending otherwise was cut by a page break.
_TERMINAL = tuple("。；;！!？?）)：:”」")
_L1 = re.compile(r"^(?P<num>[一二三四五六七八九十]{1,3})[、.．]\s*(?P<rest>.*)$", re.S)
_L2 = re.compile(r"^[（(]\s*(?P<num>[一二三四五六七八九十]{1,3})\s*[）)]\s*(?P<rest>.*)$", re.S)
_L3 = re.compile(r"^(?P<num>\d{1,2})\s*[.．、](?!\d)\s*(?P<rest>.*)$", re.S)
_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日(印发|发布)?$")


def _clean_line(line: str) -> str:
    s = line.replace("\u3000", " ").strip()
    s = re.sub(r"^#{1,6}\s*", "", s)
    s = s.replace("**", "").replace("__", "")
    if re.fullmatch(r"[-=*_]{3,}", s):
        return ""
    return s.strip()


def _squeeze(s: str) -> str:
    """No spaces between CJK characters/digits (OCR adds them); keep them between Latin words."""
    s = re.sub(r"\s+", " ", s)
    return re.sub(r"(?<=[^A-Za-z]) | (?=[^A-Za-z])", "", s)


def _paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs; single line breaks inside a paragraph are joined."""
    paras, cur = [], []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n").split("\n"):
        line = _clean_line(raw)
        if not line:
            if cur:
                paras.append(_squeeze("".join(cur)))
                cur = []
            continue
        # A numbered heading always starts a new paragraph even without a blank line.
        if cur and (_L1.match(line) or _L2.match(line) or _L3.match(line)):
            paras.append(_squeeze("".join(cur)))
            cur = []
        cur.append(line)
    if cur:
        paras.append(_squeeze("".join(cur)))
    return [p for p in paras if p]


def _first_clause_len(s: str) -> int:
    m = re.search(r"[，,。；;、：:]", s)
    return m.start() if m else len(s)


def _is_numbered(s: str) -> bool:
    return bool(_L1.match(s) or _L2.match(s) or _L3.match(s))


def _heading_only(s: str) -> bool:
    return _is_numbered(s) and "。" not in s and not s.endswith(_TERMINAL)


def _join_breaks(paras: list[str]) -> list[str]:
    """Undo page breaks: join a paragraph that stops mid-sentence with the next one."""
    out: list[str] = []
    for p in paras:
        if out:
            prev = out[-1]
            joined = False
            if _heading_only(prev):
                # "1. …目录公" + "开。以清单…": a heading cut in two.
                if not _is_numbered(p) and _first_clause_len(p) <= 3:
                    out[-1] = prev + p
                    joined = True
            elif not prev.endswith(_TERMINAL) and not _is_numbered(p):
                out[-1] = prev + p
                joined = True
            elif _responsibility_only(p):
                out[-1] = prev + p  # a parenthesis on its own line belongs to the paragraph above
                joined = True
            if joined:
                continue
        out.append(p)
    return out


def _responsibility_only(p: str) -> bool:
    spans = find_responsibilities(p)
    return len(spans) == 1 and spans[0][0] == 0 and spans[0][1] == len(p)


def _split_heading(rest: str) -> tuple[str, str]:
    """'加强统计信息公开。组织召开…' → ('加强统计信息公开', '组织召开…')."""
    m = re.search(r"[。]", rest)
    if m and m.start() <= 60:
        return rest[: m.start()], rest[m.end() :]
    if not rest.endswith(_TERMINAL) and len(rest) <= 60 and not find_responsibilities(rest):
        return rest, ""
    return "", rest


def _parse_date(s: str) -> dt.date | None:
    m = _DATE.match(s)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None

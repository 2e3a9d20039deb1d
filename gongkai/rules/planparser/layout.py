"""Text layout: lines to paragraphs, page breaks undone, numbered headings."""

from __future__ import annotations

import datetime as dt
import re

from gongkai.rules.planparser.cells import rejoin_cells
from gongkai.rules.planparser.responsibility import find_responsibilities

# Terminal punctuation: a paragraph ending otherwise was cut by a page break.
_TERMINAL = tuple("。；;！!？?）)：:”」")
_L1 = re.compile(r"^(?P<num>[一二三四五六七八九十]{1,3})[、.．]\s*(?P<rest>.*)$", re.S)
_L2 = re.compile(r"^[（(]\s*(?P<num>[一二三四五六七八九十]{1,3})\s*[）)]\s*(?P<rest>.*)$", re.S)
_L3 = re.compile(r"^(?P<num>\d{1,2})\s*[.．、](?!\d)\s*(?P<rest>.*)$", re.S)
# A date line, with the signing body before it when both sit on one line (版记: 某某办公室 2020年3月18日印发).
_DATE = re.compile(
    r"^(?P<who>[^\d。，；：:,;（）()]{2,30}?(?:办公室|政府|局|委|办|厅|院|会|中心))?\s*"
    r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日(?P<printed>印发|发布)?$"
)
# Inline numbering (一、 （一） 1. in the middle of a line): where a flattened text breaks.
_INLINE = re.compile(
    r"(?<=[。；;！!？?）)\s])\s*(?=(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]"
    r"|\d{1,2}[.．、](?!\d)))"
)


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


def break_inline(text: str) -> str:
    """'…制定本要点。 一、加强… （一）提升…' → one numbered heading a line."""
    return _INLINE.sub("\n\n", text)


def _paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs; single line breaks inside a paragraph are joined."""
    paras, cur = [], []
    raws = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n").split("\n")
    for line in rejoin_cells([_clean_line(raw) for raw in raws]):
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


def dated_line(s: str) -> tuple[str, dt.date, bool] | None:
    """(signing body or "", date, whether it is the printing date) of a date line."""
    m = _DATE.match(s)
    if not m:
        return None
    try:
        d = dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    except ValueError:
        return None
    return (m.group("who") or "").strip(), d, bool(m.group("printed"))


def _parse_date(s: str) -> dt.date | None:
    found = dated_line(s)
    return found[1] if found else None

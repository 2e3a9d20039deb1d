"""Text normalisation shared by the gazette rules: widths, OCR spacing, Chinese dates."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

CJK = r"\u3400-\u9fff"
_CJK_SPACE = re.compile(
    rf"(?<=[{CJK}，。、；：？！“”‘’（）《》〔〕【】])[ \t]+(?=[{CJK}，。、；：？！“”‘’（）《》〔〕【】])"
)
_HALF_TO_FULL = str.maketrans(
    {"(": "（", ")": "）", ",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
)


def fold(s: str) -> str:
    """Full-width letters, digits and spaces as half-width (NFKC), for parsing only."""
    return unicodedata.normalize("NFKC", s or "")


def squeeze_cjk(s: str) -> str:
    """Drop the spaces OCR puts between Chinese characters (聊 城 市 → 聊城市)."""
    return _CJK_SPACE.sub("", s or "")


def chinese_punct(s: str) -> str:
    """Half-width brackets and punctuation next to Chinese text as the full-width forms."""
    return (s or "").translate(_HALF_TO_FULL)


def clean_title(s: str) -> str:
    """A title as a gazette prints it: no inner spaces, full-width punctuation."""
    s = squeeze_cjk(re.sub(r"\s+", " ", s or "").strip())
    s = re.sub(rf"(?<=[{CJK}])\s+|\s+(?=[{CJK}])", "", s)
    s = chinese_punct(s)
    s = re.sub(r"[\[［【]\s*(\d{4})\s*[\]］】]", r"〔\1〕", s)
    return s.strip()


def compact(s: str) -> str:
    """The characters that matter for comparing two copies: NFKC, no whitespace at all."""
    return re.sub(r"\s+", "", fold(s))


_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "О": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip


def _cn_number(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    if all(c in _CN_DIGITS for c in s) and len(s) == 4:  # 二〇二五
        return int("".join(str(_CN_DIGITS[c]) for c in s))
    total, seen = 0, False
    if "十" in s:
        head, _, tail = s.partition("十")
        total = (_CN_DIGITS.get(head, 0) if head else 1) * 10
        total += _CN_DIGITS.get(tail, 0) if tail else 0
        return total
    for c in s:
        if c not in _CN_DIGITS:
            return None
        total, seen = total * 10 + _CN_DIGITS[c], True
    return total if seen else None


_DATE = re.compile(
    r"([0-9〇零○一二三四五六七八九]{4})\s*年\s*([0-9一二三四五六七八九十]{1,3})\s*月\s*([0-9一二三四五六七八九十]{1,3})\s*日"
)


def find_dates(s: str) -> list[dt.date]:
    """Every date written 2025年3月5日 or 二〇二五年三月五日 in ``s``, in order."""
    out = []
    for m in _DATE.finditer(fold(s)):
        y, mo, d = (_cn_number(g) for g in m.groups())
        if None in (y, mo, d):
            continue
        try:
            out.append(dt.date(y, mo, d))
        except ValueError:
            continue
    return out

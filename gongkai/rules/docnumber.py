"""Document numbers (发文字号 / 文号): issuer prefix + 〔YYYY〕 + serial + 号.

Examples: 聊政办发〔2017〕9号, 东政办发〔2017〕15号, 鲁政办字〔2017〕39号.
Typists use many brackets for the year: [2017], ［2017］, (2017), （2017）, 【2017】, 〔2017〕;
all are normalised to the full-width tortoise-shell brackets 〔〕 that GB/T 9704 prescribes.

Two readings: :func:`parse` is strict (what an editor may enter as a doc number);
:func:`doc_key` is lenient (what a searcher may type: no brackets, 2017年, 第9号 all mean the
same document) and reduces any spelling to one key for the search index.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_OPEN = "[［(（【〔{｛"
_CLOSE = "]］)）】〕}｝"
_SHAPE = re.compile(
    r"^(?P<prefix>[\u4e00-\u9fffA-Za-z0-9·]+?)\s*[" + re.escape(_OPEN) + r"]\s*"
    r"(?P<year>\d{4})\s*[" + re.escape(_CLOSE) + r"]\s*(?P<serial>\d{1,5})\s*号$"
)
_HAS_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class DocNumber:
    prefix: str
    year: int
    serial: int

    def __str__(self) -> str:
        return f"{self.prefix}〔{self.year}〕{self.serial}号"


class DocNumberError(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _fullwidth_digits(value: str) -> str:
    return value.translate({0xFF10 + i: ord("0") + i for i in range(10)})


def parse(value: str, *, min_year: int = 1949, max_year: int = 2100) -> DocNumber:
    """Parse a doc number; raises DocNumberError with a zh-hans message."""
    s = _fullwidth_digits((value or "").strip())
    m = _SHAPE.match(s)
    if not m:
        raise DocNumberError(
            "发文字号格式不正确，应为“发文机关代字〔年份〕序号号”，如：聊政办发〔2017〕9号。"
        )
    if not _HAS_CJK.search(m["prefix"]):
        raise DocNumberError("发文字号应以发文机关代字开头，如“聊政办发”。")
    year = int(m["year"])
    if not (min_year <= year <= max_year):
        raise DocNumberError(f"发文字号中的年份“{year}”不合理。")
    serial = int(m["serial"])
    if serial < 1:
        raise DocNumberError("发文字号的序号应从1开始。")
    return DocNumber(m["prefix"], year, serial)


def normalise(value: str) -> str:
    """The canonical spelling (〔〕 brackets, no leading zeros or spaces); raises DocNumberError."""
    return str(parse(value))


def problem(value: str) -> str | None:
    """None when ``value`` is a well-formed doc number (or empty), else the zh-hans reason."""
    if not (value or "").strip():
        return None
    try:
        parse(value)
    except DocNumberError as exc:
        return exc.message
    return None


# -- lenient reading, for search ----------------------------------------------------------
_QUERY_OPEN = "〔[(（【［{｛<《"
_QUERY_CLOSE = "〕])）】］}｝>》"
_QUERY_SHAPE = re.compile(
    r"^(?P<prefix>[\u3400-\u9fff]{1,20}?)\s*"
    r"[" + re.escape(_QUERY_OPEN) + r"]?\s*(?P<year>(?:19|20)\d{2})\s*年?\s*"
    r"[" + re.escape(_QUERY_CLOSE) + r"]?\s*第?\s*(?P<serial>\d{1,5})\s*号$"
)


def doc_key(text: str) -> str | None:
    """``prefix|year|serial`` for a document number typed any usual way, or None."""
    s = unicodedata.normalize("NFKC", text or "").strip()
    m = _QUERY_SHAPE.match(s)
    if not m:
        return None
    return f"{m['prefix']}|{m['year']}|{int(m['serial'])}"


# A query is read as a document number only if the part before the year ends like an issuer's
# code (聊政办发, 鲁政字, 国办函 ...): "低保 2017年9号" stays two words.
_ISSUER_END = "发字函令办规告复号电"
_BRACKET_START = re.compile(
    r"[" + re.escape(_QUERY_OPEN) + r"]\s*\d{0,4}\s*$|[\u3400-\u9fff](19|20)\d{0,2}$"
)


def query_key(text: str) -> str | None:
    """The key of a query that is a document number (any spacing or brackets), or None."""
    key = doc_key(text)
    if key is None:
        return None
    prefix = key.split("|", 1)[0]
    words = (text or "").split()
    if len(words) > 1 and prefix[-1] not in _ISSUER_END:
        return None
    return key


def spellings(key: str) -> list[str]:
    """The usual written forms of the document number with this key (for a substring search
    that finds every text quoting it): 〔2017〕, [2017], (2017), 【2017】, ［2017］, （2017）,
    2017年 and ﹝2017﹞."""
    prefix, year, serial = key.split("|")
    pairs = ["〔〕", "[]", "()", "【】", "［］", "（）", "﹝﹞", "{}"]
    out = [f"{prefix}{a}{year}{b}{serial}号" for a, b in pairs]
    out.append(f"{prefix}{year}年{serial}号")
    return out


_YEAR_IN = re.compile(r"[\u3400-\u9fff]\s*[" + re.escape(_QUERY_OPEN) + r"]?\s*(19|20)\d{2}")


def looks_like(text: str) -> bool:
    """Whether a query is (or begins like) a document number: prefix, then a year."""
    s = unicodedata.normalize("NFKC", text or "")
    return query_key(s) is not None or bool(_YEAR_IN.search(s))


def cuts_a_number(text: str) -> bool:
    """True when ``text`` ends inside a document number's year (聊政办发〔201, 聊政办发20): a
    "did you mean" must never offer such a truncated number."""
    return bool(_BRACKET_START.search(unicodedata.normalize("NFKC", text or "")))

"""The website's copy against the gazette's standard text: what differs, after normalising
punctuation width, spaces and line breaks (neither is a difference a reader would notice)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from .text import find_dates, fold

_PUNCT = str.maketrans({",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）",
                        "[": "〔", "]": "〕", "【": "〔", "】": "〕"})  # fmt: skip
_SPACE = re.compile(r"\s+")
_SENTENCE = re.compile(r"[。；：！？]")
_NUMBER_LINE = re.compile(r"^[\u4e00-\u9fff]{1,20}(?:〔\d{4}〕\d{1,5}号|令第?\d{1,5}号)$")


def normalise(text: str) -> str:
    """NFKC, then Chinese punctuation, no spaces or line breaks."""
    s = fold(text or "").translate(_PUNCT)
    s = s.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'")
    return _SPACE.sub("", s)


def body_of(gazette_text: str) -> str:
    """The gazette copy without a leading 文号 line (the website shows it as metadata)."""
    lines = [line for line in (gazette_text or "").splitlines() if line.strip()]
    if lines and _NUMBER_LINE.match(normalise(lines[0])):
        lines = lines[1:]
    # the signature block: the date, the issuing body (and a 市长 line under a 政府令)
    for _ in range(3):
        if not lines:
            break
        last = normalise(lines[-1])
        if find_dates(last) and len(last) <= 12 or (len(last) <= 30 and not _SENTENCE.search(last)):
            lines.pop()
        else:
            break
    return "\n".join(lines)


@dataclass
class Difference:
    op: str  # replace / delete (only on the website) / insert (only in the gazette)
    website: str
    gazette: str
    context: str  # a few characters before, from the gazette text

    @property
    def label(self) -> str:
        return {"replace": "不一致", "delete": "网站多出", "insert": "网站缺少"}[self.op]


def compare(website: str, gazette: str, *, context: int = 12, limit: int = 200) -> list[Difference]:
    """Differences between the two copies, in the gazette's order (empty when they agree)."""
    a, b = normalise(website), normalise(body_of(gazette))
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    out: list[Difference] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        out.append(Difference(op, a[i1:i2], b[j1:j2], b[max(0, j1 - context) : j1]))
        if len(out) >= limit:
            break
    return out


def similarity(website: str, gazette: str) -> float:
    a, b = normalise(website), normalise(body_of(gazette))
    if not a and not b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()

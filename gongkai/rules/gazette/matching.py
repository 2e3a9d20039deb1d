"""Is this gazette article the same document as that catalog item? By 文号 first, then title.

``match(article, candidates)`` scores each candidate: the same 文号 (read leniently, so
聊政发[2025]3号 and 聊政发〔2025〕第3号 agree) and a similar title make a sure match; the same
文号 with a different title, or a very similar title without a 文号, is a suggestion that staff
confirm or reject.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from gongkai.rules import docnumber

from .text import fold

SURE, UNSURE, NONE = "sure", "unsure", "none"
_TITLE_NOISE = re.compile(r"[\s《》“”\"'（）()〔〕\[\]【】，。、：:；;]")


@dataclass(frozen=True)
class Candidate:
    id: int
    title: str
    doc_number: str


@dataclass
class Match:
    candidate: Candidate
    certainty: str
    score: float
    reason: str


def title_key(title: str) -> str:
    return _TITLE_NOISE.sub("", fold(title or ""))


def title_similarity(a: str, b: str) -> float:
    ka, kb = title_key(a), title_key(b)
    if not ka or not kb:
        return 0.0
    if ka == kb:
        return 1.0
    return difflib.SequenceMatcher(None, ka, kb, autojunk=False).ratio()


def same_number(a: str, b: str) -> bool:
    ka, kb = docnumber.doc_key(a or ""), docnumber.doc_key(b or "")
    return ka is not None and ka == kb


def match(
    title: str,
    doc_number: str,
    candidates: list[Candidate],
    *,
    sure_title: float = 0.9,
    unsure_title: float = 0.8,
) -> Match | None:
    """The best candidate for an article, or None when nothing is close."""
    best: Match | None = None
    for c in candidates:
        sim = title_similarity(title, c.title)
        if doc_number and c.doc_number and same_number(doc_number, c.doc_number):
            if sim >= sure_title:
                m = Match(c, SURE, 1.0 + sim, "文号相同，标题一致")
            else:
                m = Match(c, UNSURE, 0.5 + sim, f"文号相同，标题相似度{sim:.0%}")
        elif doc_number and c.doc_number:
            continue  # two different numbers are two different documents
        elif sim >= unsure_title:
            m = Match(c, UNSURE, sim, f"无文号可比，标题相似度{sim:.0%}")
        else:
            continue
        if best is None or m.score > best.score:
            best = m
    return best
